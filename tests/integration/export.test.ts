// "Download mijn gegevens" as the sync server answers it, and its way back into a new map: the data
// comes from PocketBase as the user (its rules decide), the export is in the access log before it
// is sent, an erased name is in no part of it, and an import refuses what the schema does not allow.
import PocketBase, { type RecordModel } from 'pocketbase';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createUser, newFixtureMap } from '../helpers/fixtures.ts';
import { kringApi } from './kring-api.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	storedDoc,
	syncApi,
	syncGet,
	usePocketBaseFixture,
	waitSynced,
	type SyncStack
} from './sync-harness.ts';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { setTie } from '../../src/lib/doc/ties.ts';
import { addGoal } from '../../src/lib/doc/plan.ts';
import { recordChoice } from '../../src/lib/doc/jim.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { project } from '../../src/lib/doc/projection.ts';
import { CENTRE } from '../../src/lib/doc/schema.ts';
import type { MapExport } from '../../src/lib/export/format.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');
let admin: PocketBase;

beforeAll(async () => {
	admin = await adminClient(ctx.pb);
});

async function logOf(mapId: string): Promise<RecordModel[]> {
	return admin.collection('access_log').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }), sort: 'created' });
}

/** A map of its own with Oma (JIM, a tie, a goal) and Kees on it, stored; the professional's live doc. */
async function filledMap(stack: SyncStack, names = ['Oma', 'Kees']) {
	const mapId = await newFixtureMap(ctx.pb, ctx.fx);
	const { professional } = ctx.fx.users;
	const provider = connectProvider(stack.wsBase, mapId, professional.token);
	await waitSynced(provider);
	const doc = provider.doc;
	const ids = names.map((name, i) =>
		addPerson(doc, { name, sector: 'familie', ring: (i + 1) as 1 | 2, note: `Notitie over ${name}` }, origin)
	);
	setTie(doc, CENTRE, ids[0], { quality: 'sterk', support: 'beide' }, origin);
	recordChoice(
		doc,
		{ personId: ids[0], personName: names[0], pick: 'jim', on: '2026-01-10', chosenBy: 'Sam' },
		{ userId: professional.id, name: 'professional', role: 'professional' },
		origin
	);
	addGoal(
		doc,
		{ domain: 'thuis', text: 'Minder ruzie thuis' },
		{ userId: professional.id, name: 'professional', role: 'professional' },
		origin
	);
	await eventually(async () =>
		(await storedDoc(ctx.pb, mapId)) && readPeople((await storedDoc(ctx.pb, mapId))!).length === names.length ? true : undefined
	);
	return { mapId, doc, ids, leave: () => destroyProvider(provider) };
}

describe('export', () => {
	it('gives the youth and the professional the map, every version and the access log, logged before it is sent; nobody else', async () => {
		const stack = await ctx.start();
		const { professional, youth, jim, reviewer, outsider } = ctx.fx.users;
		const { mapId, doc, leave } = await filledMap(stack);
		try {
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Eerste evaluatie' })).status).toBe(
				201
			);
			const asYouth = await syncGet(stack, `/sync-api/maps/${mapId}/export`, youth.token);
			expect(asYouth.status).toBe(200);
			const file = asYouth.body as MapExport;
			expect(file).toMatchObject({
				format: 'kring-export',
				formatVersion: 1,
				exportedBy: { role: 'youth' },
				map: { id: mapId, youthName: 'Sam' }
			});
			expect(file.current).toEqual(JSON.parse(JSON.stringify(project(doc))));
			expect(file.versions.map((v) => [v.kind, v.note, v.projection?.people.map((p) => p.name)])).toEqual([
				['evaluation', 'Eerste evaluatie', ['Oma', 'Kees']]
			]);
			// Its own download is the newest line of the log it carries.
			expect(file.accessLog[0]).toMatchObject({ action: 'export', role: 'youth' });

			expect((await syncGet(stack, `/sync-api/maps/${mapId}/export`, professional.token)).status).toBe(200);
			for (const [who, status] of [
				[jim, 403],
				[reviewer, 403],
				[outsider, 404],
				[null, 401]
			] as const) {
				const refused = await syncGet(stack, `/sync-api/maps/${mapId}/export`, who?.token ?? null);
				expect(refused.status).toBe(status);
				expect(refused.body.message).toEqual(expect.any(String));
			}
			const exports = (await logOf(mapId)).filter((r) => r.action === 'export').map((r) => [r.user, r.role]);
			expect(exports).toEqual([
				[youth.id, 'youth'],
				[professional.id, 'professional']
			]);
		} finally {
			leave();
		}
	});

	it('holds no name erased before it: not in the map, its versions, or anywhere else in the file', async () => {
		const stack = await ctx.start();
		const { professional, youth } = ctx.fx.users;
		const canary = `Quiribelle${Math.random()
			.toString(36)
			.replace(/[^a-z]/g, '')
			.slice(0, 8)}`;
		const { mapId, ids, leave } = await filledMap(stack, ['Oma', canary]);
		try {
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: `${canary} helpt` })).status).toBe(
				201
			);
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/people/${ids[1]}/erase`, professional.token, {})).status).toBe(200);
			const file = await syncGet(stack, `/sync-api/maps/${mapId}/export`, youth.token);
			expect(file.status).toBe(200);
			expect(file.body.versions.length).toBe(1);
			expect(JSON.stringify(file.body)).not.toContain(canary);
		} finally {
			leave();
		}
	});

	it('the access log as CSV is logged as its own download, for the youth and the professional only', async () => {
		const mapId = await newFixtureMap(ctx.pb, ctx.fx);
		const { professional, youth, jim, reviewer } = ctx.fx.users;
		const api = kringApi(ctx.pb);
		const exported = (who: typeof youth, what: unknown) => api.call(who, 'POST', `/api/kring/maps/${mapId}/exported`, { what });
		expect((await exported(youth, 'log')).status).toBe(204);
		expect((await exported(professional, 'log')).status).toBe(204);
		expect((await exported(jim, 'log')).status).toBe(403);
		expect((await exported(reviewer, 'map')).status).toBe(403);
		expect((await exported(youth, 'everything')).status).toBe(400);
		expect((await logOf(mapId)).filter((r) => r.action.startsWith('export')).map((r) => [r.user, r.action])).toEqual([
			[youth.id, 'export-log'],
			[professional.id, 'export-log']
		]);
	});

	it("listing a person's names from every version (before an erasure) is logged as reading the history", async () => {
		const stack = await ctx.start();
		const { professional } = ctx.fx.users;
		const { mapId, ids, leave } = await filledMap(stack);
		try {
			expect((await syncGet(stack, `/sync-api/maps/${mapId}/people/${ids[1]}/names`, professional.token)).status).toBe(200);
			const rows = (await logOf(mapId)).filter((r) => r.action === 'history');
			expect(rows.map((r) => [r.user, r.role])).toEqual([[professional.id, 'professional']]);
		} finally {
			leave();
		}
	});

	it('a member removed is logged with who removed whom', async () => {
		const parent = await createUser(ctx.pb, 'Anja');
		const mapId = await newFixtureMap(ctx.pb, ctx.fx, [[parent, 'parent']]);
		const { youth } = ctx.fx.users;
		const client = new PocketBase(ctx.pb.url);
		client.authStore.save(youth.token, null);
		const row = await client
			.collection('map_members')
			.getFirstListItem(client.filter('map = {:m} && user = {:u}', { m: mapId, u: parent.id }));
		await client.collection('map_members').delete(row.id);
		const removal = (await logOf(mapId)).filter((r) => r.action === 'remove-member');
		expect(removal.map((r) => [r.user, r.role, r.detail])).toEqual([[youth.id, 'youth', 'parent: Anja']]);
	});
});

describe('import', () => {
	const body = (file: MapExport, team = ctx.fx.teamId) => ({
		formatVersion: file.formatVersion,
		team,
		youthName: file.map.youthName,
		youthBirthdate: file.map.youthBirthdate,
		current: file.current
	});

	/** A filled map's export, as its professional downloads it. */
	async function exportedMap(stack: SyncStack): Promise<{ mapId: string; file: MapExport }> {
		const { mapId, leave } = await filledMap(stack);
		try {
			return { mapId, file: (await syncGet(stack, `/sync-api/maps/${mapId}/export`, ctx.fx.users.professional.token)).body };
		} finally {
			leave();
		}
	}

	it('makes a new map from an export that projects the same as the map exported', async () => {
		const stack = await ctx.start();
		const { professional } = ctx.fx.users;
		const { mapId, file } = await exportedMap(stack);
		const made = await syncApi(stack, '/sync-api/imports', professional.token, body(file));
		expect(made.status).toBe(201);
		const newId = made.body.map as string;
		expect(newId).not.toBe(mapId);
		const provider = connectProvider(stack.wsBase, newId, professional.token, new Y.Doc());
		try {
			await waitSynced(provider);
			expect(project(provider.doc)).toEqual(file.current);
		} finally {
			destroyProvider(provider);
		}
		// The professional who read it in is the new map's professional; the old map's members are not on it.
		const members = await admin.collection('map_members').getFullList({ filter: admin.filter('map = {:m}', { m: newId }) });
		expect(members.map((m) => [m.user, m.role])).toEqual([[professional.id, 'professional']]);
	});

	it('refuses a malformed or hostile file whole, says where, and makes no map', async () => {
		const stack = await ctx.start();
		const { professional, youth, outsider } = ctx.fx.users;
		const { file } = await exportedMap(stack);
		const mapsBefore = (await admin.collection('maps').getFullList({ fields: 'id' })).length;
		const hostile = structuredClone(file);
		(hostile.current.people[0] as unknown as Record<string, unknown>).ring = 7;
		let refused = await syncApi(stack, '/sync-api/imports', professional.token, body(hostile));
		expect(refused).toMatchObject({ status: 400, body: { code: 'invalid-file' } });
		expect(refused.body.message).toContain('people[0].ring');
		const injected = structuredClone(file);
		(injected.current as unknown as Record<string, unknown>).erasedAt = 1;
		refused = await syncApi(stack, '/sync-api/imports', professional.token, body(injected));
		expect(refused.body.message).toContain('map.erasedAt');
		expect((await syncApi(stack, '/sync-api/imports', professional.token, '{"formatVersion": 1, "team": ')).status).toBe(400);
		expect((await syncApi(stack, '/sync-api/imports', professional.token, { ...body(file), formatVersion: 2 })).body.code).toBe(
			'not-an-export'
		);
		expect((await syncApi(stack, '/sync-api/imports', professional.token, { ...body(file), admin: true })).status).toBe(400);
		// Only a professional of the team makes a map in it.
		expect((await syncApi(stack, '/sync-api/imports', youth.token, body(file))).status).toBe(403);
		expect((await syncApi(stack, '/sync-api/imports', outsider.token, body(file))).status).toBe(403);
		expect((await syncApi(stack, '/sync-api/imports', null, body(file))).status).toBe(401);
		expect((await admin.collection('maps').getFullList({ fields: 'id' })).length).toBe(mapsBefore);
	});
});
