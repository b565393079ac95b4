import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { as, kringApi, status, withParent, type Who } from './kring-api.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let api: ReturnType<typeof kringApi>;
let user: (who: Who) => FixtureUser | null;
let users: Record<Exclude<Who, 'anonymous'>, FixtureUser>;
let admin: PocketBase;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	({ user, users } = await withParent(pb, fx));
	api = kringApi(pb);
	admin = await adminClient(pb);
});
afterAll(() => pb?.stop());

/** The map_members row of a user on the fixture's map. */
async function rowOf(u: FixtureUser) {
	return admin.collection('map_members').getFirstListItem(admin.filter('map = {:m} && user = {:u}', { m: fx.mapId, u: u.id }));
}

/** A fresh member with this role on the fixture's map (as superuser, which stays allowed). */
async function extraMember(role: string) {
	const u = await createUser(pb, `extra-${role}`);
	const row = await admin.collection('map_members').create({ map: fx.mapId, user: u.id, role });
	return { user: u, rowId: row.id };
}

async function stillThere(rowId: string): Promise<boolean> {
	return (await status(() => admin.collection('map_members').getOne(rowId))) === 200;
}

describe('who removes whom from a map', () => {
	// Removing goes through map_members' delete rule. A refused delete is a 404 in PocketBase.
	const cases: [Who, string, boolean][] = [
		['professional', 'jim', true],
		['professional', 'parent', true],
		['professional', 'youth', true],
		['professional', 'professional', true],
		['youth', 'jim', true],
		['youth', 'parent', true],
		['youth', 'professional', false],
		['youth', 'youth', false],
		['jim', 'jim', false],
		['jim', 'parent', false],
		['jim', 'youth', false],
		['parent', 'jim', false],
		['parent', 'parent', false],
		['reviewer', 'jim', false],
		['outsider', 'jim', false],
		['anonymous', 'jim', false]
	];
	it.each(cases)('%s removes a %s: %s', async (who, role, allowed) => {
		const target = await extraMember(role);
		const result = await status(() => as(pb, user(who)).collection('map_members').delete(target.rowId));
		expect(result).toBe(allowed ? 200 : 404);
		expect(await stillThere(target.rowId)).toBe(!allowed);
		if (allowed) expect(await status(() => as(pb, target.user).collection('maps').getOne(fx.mapId))).toBe(404);
	});

	it('the youth cannot remove their own professional, nor themselves', async () => {
		for (const target of [users.professional, users.youth]) {
			const row = await rowOf(target);
			expect(await status(() => as(pb, users.youth).collection('map_members').delete(row.id))).toBe(404);
			expect(await stillThere(row.id)).toBe(true);
		}
	});

	it('the JIM and a parent cannot remove anyone, not even themselves', async () => {
		for (const who of [users.jim, users.parent]) {
			for (const target of [users.professional, users.youth, users.jim, users.parent]) {
				const row = await rowOf(target);
				expect(await status(() => as(pb, who).collection('map_members').delete(row.id))).toBe(404);
				expect(await stillThere(row.id)).toBe(true);
			}
		}
	});

	it('nobody adds or changes members through the API', async () => {
		const row = await rowOf(users.jim);
		for (const who of ['professional', 'youth'] as const) {
			const members = as(pb, users[who]).collection('map_members');
			expect(await status(() => members.create({ map: fx.mapId, user: users.outsider.id, role: 'jim' }))).toBe(403);
			expect(await status(() => members.update(row.id, { role: 'professional' }))).toBe(403);
		}
		expect((await rowOf(users.jim)).role).toBe('jim');
	});

	it('starting a map still makes its starter the professional', async () => {
		const map = await as(pb, users.professional)
			.collection('maps')
			.create({ team: fx.teamId, youth_name: 'Lotte', youth_birthdate: '2010-03-04' });
		expect(map.youth_birthdate.slice(0, 10)).toBe('2010-03-04');
		const access = await api.access(users.professional, map.id);
		expect(access.body.members.map((m: { role: string; you: boolean }) => [m.role, m.you])).toEqual([['professional', true]]);
	});
});

describe('who can see who is on a map', () => {
	const cases: [Who, number][] = [
		['professional', 200],
		['youth', 200],
		['jim', 200],
		['parent', 200],
		['reviewer', 200],
		['outsider', 404],
		['anonymous', 401]
	];
	it.each(cases)('%s asks who is on the map: %s', async (who, expected) => {
		const res = await api.access(user(who), fx.mapId);
		expect(res.status).toBe(expected);
		if (expected !== 200) {
			expect(res.body.message).toBeTruthy();
			expect(res.text).not.toContain('professional');
			return;
		}
		const members: { id: string; name: string; role: string; since: string; invited_by_name: string; person: string; you: boolean }[] =
			res.body.members;
		const byName = new Map(members.map((m) => [m.name, m]));
		for (const [name, role] of [
			['professional', 'professional'],
			['youth', 'youth'],
			['jim', 'jim'],
			['parent', 'parent']
		]) {
			expect(byName.get(name)).toMatchObject({ role });
			expect(byName.get(name)!.since).toMatch(/^\d{4}-\d{2}-\d{2} /);
		}
		expect(members.filter((m) => m.you).map((m) => m.name)).toEqual(who === 'reviewer' ? [] : [who]);
		expect(res.body.team).toEqual({ name: 'Noord', reviewers: 1 });
	});

	it('names who invited a member, and which person on the map they are', async () => {
		const created = await api.invite(users.youth, fx.mapId, { role: 'jim', label: 'buurvrouw', person: 'node-buurvrouw' });
		const neighbour = await createUser(pb, 'Els');
		expect((await api.accept(neighbour, { code: created.body.code })).status).toBe(200);
		const res = await api.access(users.jim, fx.mapId);
		const row = res.body.members.find((m: { name: string }) => m.name === 'Els');
		expect(row).toMatchObject({ role: 'jim', invited_by_name: 'youth', person: 'node-buurvrouw', you: false });
		expect(row.id).toBe((await rowOf(neighbour)).id);
	});
});
