import PocketBase, { ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';

let pb: PocketBaseInstance;
let fx: Fixture;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
});
afterAll(() => pb?.stop());

function as(user: FixtureUser | null): PocketBase {
	const client = new PocketBase(pb.url);
	client.autoCancellation(false);
	if (user) client.authStore.save(user.token);
	return client;
}

/** The HTTP status of a call, 200 when it succeeds. */
async function status(call: () => Promise<unknown>): Promise<number> {
	try {
		await call();
		return 200;
	} catch (e) {
		if (e instanceof ClientResponseError) return e.status;
		throw e;
	}
}

type Who = keyof Fixture['users'] | 'anonymous';
const user = (who: Who) => (who === 'anonymous' ? null : fx.users[who]);

describe('who sees a map', () => {
	const cases: [Who, boolean][] = [
		['anonymous', false],
		['professional', true],
		['youth', true],
		['jim', true],
		['reviewer', true],
		['outsider', false]
	];
	it.each(cases)('%s: can view = %s', async (who, visible) => {
		expect(await status(() => as(user(who)).collection('maps').getOne(fx.mapId))).toBe(visible ? 200 : 404);
		const list = await as(user(who)).collection('maps').getFullList();
		expect(list.map((m) => m.id)).toEqual(visible ? [fx.mapId] : []);
	});
});

describe('who changes a map', () => {
	const cases: [Who, number][] = [
		['anonymous', 404],
		['professional', 200],
		['youth', 404],
		['reviewer', 404],
		['outsider', 404]
	];
	it.each(cases)('%s renames the youth: %s', async (who, expected) => {
		expect(
			await status(() =>
				as(user(who))
					.collection('maps')
					.update(fx.mapId, { youth_name: `Sam (${who})` })
			)
		).toBe(expected);
	});

	it('nobody moves a map to another team or deletes it through the API', async () => {
		const pro = as(fx.users.professional);
		expect(await status(() => pro.collection('maps').update(fx.mapId, { team: fx.otherTeamId }))).toBe(404);
		expect(await status(() => pro.collection('maps').delete(fx.mapId))).toBe(403);
	});
});

describe('starting a map', () => {
	it('a professional starts a map in their own team and becomes its professional', async () => {
		const pro = as(fx.users.professional);
		const map = await pro.collection('maps').create({ team: fx.teamId, youth_name: 'Noor' });
		expect(map.created_by).toBe(fx.users.professional.id);
		const members = await pro.collection('map_members').getFullList({ filter: pro.filter('map = {:m}', { m: map.id }) });
		expect(members.map((m) => [m.user, m.role])).toEqual([[fx.users.professional.id, 'professional']]);
		// The reviewer of the team sees it, the youth of the other map does not.
		expect(await status(() => as(fx.users.reviewer).collection('maps').getOne(map.id))).toBe(200);
		expect(await status(() => as(fx.users.youth).collection('maps').getOne(map.id))).toBe(404);
	});

	it.each<[Who, 'team' | 'otherTeam']>([
		['reviewer', 'team'],
		['youth', 'team'],
		['outsider', 'team'],
		['professional', 'otherTeam'],
		['anonymous', 'team']
	])('%s may not start a map in %s', async (who, team) => {
		const teamId = team === 'team' ? fx.teamId : fx.otherTeamId;
		expect(await status(() => as(user(who)).collection('maps').create({ team: teamId, youth_name: 'X' }))).toBe(400);
	});

	it('a professional cannot name a youth when starting a map: the youth would get in without an invitation', async () => {
		const pro = as(fx.users.professional);
		const before = await pro.collection('maps').getFullList();
		expect(await status(() => pro.collection('maps').create({ team: fx.teamId, youth: fx.users.outsider.id, youth_name: 'Mo' }))).toBe(400);
		expect(await pro.collection('maps').getFullList()).toHaveLength(before.length);
		expect(await as(fx.users.outsider).collection('maps').getFullList()).toEqual([]);
	});
});

describe('who joins a map', () => {
	let colleague: FixtureUser;
	let stranger: FixtureUser;
	let mapId: string;
	beforeAll(async () => {
		// A second professional of team Noord, someone in no team at all, and a map of their own
		// (with the professional and the JIM) so the shared map keeps its members.
		[colleague, stranger] = await Promise.all([createUser(pb, 'colleague'), createUser(pb, 'stranger')]);
		const admin = await adminClient(pb);
		await admin.collection('team_members').create({ team: fx.teamId, user: colleague.id, role: 'professional' });
		mapId = (await admin.collection('maps').create({ team: fx.teamId, youth_name: 'Lin' })).id;
		await admin.collection('map_members').create({ map: mapId, user: fx.users.professional.id, role: 'professional' });
		await admin.collection('map_members').create({ map: mapId, user: fx.users.jim.id, role: 'jim' });
	});
	const add = (by: FixtureUser, userId: string, role: string) =>
		status(() => as(by).collection('map_members').create({ map: mapId, user: userId, role }));
	const membersOfMap = async () =>
		(
			await as(fx.users.professional)
				.collection('map_members')
				.getFullList({ filter: `map = "${mapId}"` })
		)
			.map((m) => `${m.user}:${m.role}`)
			.sort();

	// Everyone joins by accepting an invitation (invitations.test.ts); the API adds nobody.
	it('the professional cannot add anyone directly: not an outsider, not a colleague of the team', async () => {
		const before = await membersOfMap();
		for (const role of ['professional', 'jim', 'parent', 'youth']) {
			expect(await add(fx.users.professional, fx.users.outsider.id, role)).toBe(403);
			expect(await add(fx.users.professional, stranger.id, role)).toBe(403);
			expect(await add(fx.users.professional, colleague.id, role)).toBe(403);
		}
		expect(await add(colleague, colleague.id, 'professional')).toBe(403);
		expect(await membersOfMap()).toEqual(before);
		for (const who of [fx.users.outsider, stranger, colleague]) {
			expect(await as(who).collection('maps').getFullList()).toEqual([]);
		}
	});

	it("nobody changes a member's role through the API", async () => {
		const pro = as(fx.users.professional);
		const [jimRow] = await pro.collection('map_members').getFullList({ filter: `map = "${mapId}" && user = "${fx.users.jim.id}"` });
		expect(await status(() => pro.collection('map_members').update(jimRow.id, { role: 'professional' }))).toBe(403);
		expect(await status(() => as(fx.users.jim).collection('map_members').update(jimRow.id, { role: 'professional' }))).toBe(403);
		expect((await pro.collection('map_members').getOne(jimRow.id)).role).toBe('jim');
	});
});

describe('members, docs and accounts', () => {
	it('members of the map and reviewers list its members; others see none', async () => {
		for (const who of ['professional', 'youth', 'jim', 'reviewer'] as const) {
			const rows = await as(fx.users[who])
				.collection('map_members')
				.getFullList({ filter: `map = "${fx.mapId}"` });
			expect(rows).toHaveLength(3);
		}
		expect(await as(fx.users.outsider).collection('map_members').getFullList()).toEqual([]);
	});

	// Since invitations (1764400000_invitations.go), nobody adds members directly: a person
	// gets onto a map only by accepting an invitation. Superusers still may.
	it('nobody adds members directly, not even the professional', async () => {
		const add = (who: 'professional' | 'youth' | 'reviewer' | 'jim') =>
			status(() => as(fx.users[who]).collection('map_members').create({ map: fx.mapId, user: fx.users.outsider.id, role: 'jim' }));
		expect(await add('professional')).toBe(403);
		expect(await add('youth')).toBe(403);
		expect(await add('reviewer')).toBe(403);
		expect(await add('jim')).toBe(403);
	});

	it('the live state is for the sync server only', async () => {
		for (const who of ['professional', 'youth', 'reviewer'] as const) {
			expect(await status(() => as(fx.users[who]).collection('map_docs').getList())).toBe(403);
		}
	});

	it('there is no open sign-up and a user sees only their own account', async () => {
		expect(
			await status(() =>
				as(null).collection('users').create({ email: 'x@kring.test', password: 'abcdefgh12', passwordConfirm: 'abcdefgh12' })
			)
		).toBe(403);
		const seen = await as(fx.users.youth).collection('users').getFullList();
		expect(seen.map((u) => u.id)).toEqual([fx.users.youth.id]);
	});

	it('a user cannot rename themselves or change their e-mail, but can change their password', async () => {
		const me = await createUser(pb, 'self');
		const mine = () => as(me).collection('users');
		const before = await mine().getOne(me.id);
		for (const change of [
			{ name: 'Someone else' },
			{ email: `other-${me.id}@kring.test` },
			{ emailVisibility: true },
			{ verified: false }
		]) {
			expect(await status(() => mine().update(me.id, change))).toBe(404);
		}
		const after = await mine().getOne(me.id);
		expect([after.name, after.email, after.verified]).toEqual([before.name, before.email, before.verified]);

		const password = 'a-new-password-5678';
		expect(await status(() => mine().update(me.id, { oldPassword: me.password, password, passwordConfirm: password }))).toBe(200);
		expect(await status(() => new PocketBase(pb.url).collection('users').authWithPassword(me.email, password))).toBe(200);
	});
});
