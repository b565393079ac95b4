// Versions of a map, kept by the sync server into PocketBase: automatically when a session ends and
// during long sessions (never when the content did not change), on purpose as an evaluation moment
// by the map's professional, and after a restore, which reaches every client live. Only the
// professional makes evaluation moments and restores; every member and the team's reviewers read.
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, newFixtureMap, createUser, type FixtureUser } from '../helpers/fixtures.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	setPerson,
	storedDoc,
	syncApi,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced,
	type LogEntry,
	type SyncStack
} from './sync-harness.ts';
import { addPerson, readPeople, removePerson } from '../../src/lib/doc/people.ts';
import { setTie } from '../../src/lib/doc/ties.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { CENTRE, type MapJson } from '../../src/lib/doc/schema.ts';
import { metricsOf } from '../../src/lib/doc/metrics.ts';
import { readPlan } from '../../src/lib/doc/plan.ts';
import { dutchDay } from '../../server/sync/dutch-time.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');
let admin: PocketBase;
let parent: FixtureUser;

beforeAll(async () => {
	admin = await adminClient(ctx.pb);
	parent = await createUser(ctx.pb, 'parent');
});

/** A map of its own per test, so what it gathers is the test's own. */
function newMap(): Promise<string> {
	return newFixtureMap(ctx.pb, ctx.fx, [[parent, 'parent']]);
}

interface VersionRow {
	id: string;
	kind: string;
	note: string;
	taken_at: string;
	evaluated_on: string;
	state: string;
	projection: MapJson;
	metrics: unknown;
}

/** Every version of a map, oldest first, as the superuser sees them (state included). */
async function versionsOf(mapId: string): Promise<VersionRow[]> {
	const rows = await admin
		.collection('map_versions')
		.getFullList({ filter: admin.filter('map = {:m}', { m: mapId }), sort: 'taken_at,created' });
	return rows as unknown as VersionRow[];
}

const names = (map: MapJson) => map.people.map((p) => p.name).sort();

function docOf(version: VersionRow): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdateV2(doc, new Uint8Array(Buffer.from(version.state, 'base64')));
	return doc;
}

/** The map's professional and its youth, both on the map live; `leave` takes them off again. */
async function proAndSam(stack: SyncStack, mapId: string) {
	const { professional, youth } = ctx.fx.users;
	const pro = connectProvider(stack.wsBase, mapId, professional.token);
	const sam = connectProvider(stack.wsBase, mapId, youth.token);
	const leave = () => {
		destroyProvider(pro);
		destroyProvider(sam);
	};
	try {
		await Promise.all([waitSynced(pro), waitSynced(sam)]);
	} catch (err) {
		leave();
		throw err;
	}
	return { pro, sam, leave };
}

/** Waits for the n-th log entry that matches (earlier ones count), without fixed sleeps. */
function nthLog(stack: SyncStack, n: number, match: (e: LogEntry) => boolean): Promise<LogEntry> {
	return eventually(() => stack.logs.filter(match)[n - 1]);
}

const unloaded = (mapId: string) => (e: LogEntry) => e.msg === 'room unloaded' && e.fields.mapId === mapId;

/** A session of one user: connect, do something to the document, leave; resolves once the room unloaded. */
async function session(stack: SyncStack, mapId: string, token: string, n: number, edit: (doc: Y.Doc) => void = () => {}) {
	const client = connectProvider(stack.wsBase, mapId, token);
	await waitSynced(client);
	edit(client.doc);
	// A round trip through the server, so the edit has arrived there before leaving.
	const probe = connectProvider(stack.wsBase, mapId, ctx.fx.users.reviewer.token);
	const expected = Y.encodeStateVector(client.doc);
	await waitSynced(probe);
	await waitForDoc(probe.doc, (d) => Buffer.from(Y.encodeStateVector(d)).equals(Buffer.from(expected)));
	destroyProvider(probe);
	destroyProvider(client);
	await nthLog(stack, n, unloaded(mapId));
}

describe('automatic versions', () => {
	it('a session end keeps one version; a session that changed nothing keeps none', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional, youth } = ctx.fx.users;

		await session(stack, mapId, professional.token, 1, (doc) => {
			setCentreName(doc, 'Sam', origin);
			const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
			setTie(doc, CENTRE, oma, { quality: 'sterk' }, origin);
		});
		const [first, ...more] = await versionsOf(mapId);
		expect(more).toEqual([]);
		expect(first).toMatchObject({ kind: 'auto', note: '' });
		expect(names(first.projection)).toEqual(['Oma']);
		expect(readPeople(docOf(first)).map((p) => p.name)).toEqual(['Oma']);
		expect(first.metrics).toEqual(metricsOf(first.projection));
		expect(first.metrics).toMatchObject({ people: 1, placed: 1, tiesWithYouth: { sterk: 1 } });

		// Looked at, nothing changed.
		await session(stack, mapId, youth.token, 2);
		// Changed and changed back: the content is what it was, so still nothing new.
		await session(stack, mapId, youth.token, 3, (doc) => {
			const mo = addPerson(doc, { name: 'Trainer Mo' }, origin);
			removePerson(doc, mo, origin);
		});
		expect((await versionsOf(mapId)).map((v) => v.id)).toEqual([first.id]);

		// A real change in the next session: one more.
		await session(stack, mapId, youth.token, 4, (doc) => addPerson(doc, { name: 'Jayden', sector: 'vrienden', ring: 1 }, origin));
		const after = await versionsOf(mapId);
		expect(after).toHaveLength(2);
		expect(names(after[1].projection)).toEqual(['Jayden', 'Oma']);
	});

	it('a server that stops ends its sessions: each changed map keeps its version, a map only looked at keeps none', async () => {
		// Several maps at once: their versions go to PocketBase together (batched), each its own.
		const changed = await Promise.all([newMap(), newMap(), newMap()]);
		const lookedAt = await newMap();
		const stack = await ctx.start();
		const { professional } = ctx.fx.users;
		const writers = changed.map((mapId) => connectProvider(stack.wsBase, mapId, professional.token));
		const reader = connectProvider(stack.wsBase, lookedAt, professional.token);
		await Promise.all([...writers, reader].map(waitSynced));
		writers.forEach((w, i) => addPerson(w.doc, { name: `Buurvrouw ${i}`, sector: 'familie', ring: 4 }, origin));
		for (const mapId of changed)
			await eventually(async () => ((await storedDoc(ctx.pb, mapId))?.getMap('people').size === 1 ? true : undefined));
		await stack.close();
		for (const p of [...writers, reader]) destroyProvider(p);
		const kept = await Promise.all(changed.map(async (mapId) => (await versionsOf(mapId)).map((v) => names(v.projection))));
		expect(kept).toEqual([[['Buurvrouw 0']], [['Buurvrouw 1']], [['Buurvrouw 2']]]);
		expect(await versionsOf(lookedAt)).toEqual([]);
	});

	it('a long session keeps a version per interval while the map changes, and none twice for the same content', async () => {
		const mapId = await newMap();
		const stack = await ctx.start({ versionIntervalMs: 150 });
		const writer = connectProvider(stack.wsBase, mapId, ctx.fx.users.professional.token);
		try {
			await waitSynced(writer);
			addPerson(writer.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
			await eventually(async () => ((await versionsOf(mapId)).some((v) => names(v.projection).includes('Oma')) ? true : undefined));
			addPerson(writer.doc, { name: 'Lina', sector: 'vrienden', ring: 2 }, origin);
			await eventually(async () => ((await versionsOf(mapId)).some((v) => names(v.projection).includes('Lina')) ? true : undefined));
			addPerson(writer.doc, { name: 'Daan', sector: 'familie', ring: 2 }, origin);
			await eventually(async () => ((await versionsOf(mapId)).some((v) => names(v.projection).includes('Daan')) ? true : undefined));
		} finally {
			destroyProvider(writer);
		}
		await nthLog(stack, 1, unloaded(mapId));
		const versions = await versionsOf(mapId);
		// Kept while the session lasted (the session's end found nothing new), each one different.
		expect(versions.length).toBeGreaterThanOrEqual(3);
		expect(versions.every((v) => v.kind === 'auto')).toBe(true);
		const contents = versions.map((v) => JSON.stringify(names(v.projection)));
		expect(new Set(contents).size).toBe(contents.length);
		expect(names(versions.at(-1)!.projection)).toEqual(['Daan', 'Lina', 'Oma']);
	});
});

describe('evaluation moments', () => {
	it('the professional keeps one with a note and a day; the live map as it is now is in it', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const writer = connectProvider(stack.wsBase, mapId, ctx.fx.users.youth.token);
		try {
			await waitSynced(writer);
			addPerson(writer.doc, { name: 'Tante Nora', sector: 'familie', ring: 2 }, origin);
			await eventually(async () => ((await storedDoc(ctx.pb, mapId))?.getMap('people').size === 1 ? true : undefined));
			const note = 'Evaluatiemoment: Sam koos tante Nora als JIM. Zij zei ja.';
			const yesterday = dutchDay(new Date(Date.now() - 86_400_000));
			const made = await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, ctx.fx.users.professional.token, { note, on: yesterday });
			expect(made.status).toBe(201);
			expect(made.body.version).toMatchObject({ map: mapId, kind: 'evaluation', note, made_by_name: 'professional' });
			expect(made.body.version.evaluated_on).toMatch(new RegExp(`^${yesterday}`));
			expect(made.body.version.state).toBeUndefined();
			expect(made.body.version.metrics).toMatchObject({ people: 1, perSector: { familie: 1 } });

			const [version] = await versionsOf(mapId);
			expect(version.id).toBe(made.body.version.id);
			expect(names(version.projection)).toEqual(['Tante Nora']);
			expect(readPeople(docOf(version)).map((p) => p.name)).toEqual(['Tante Nora']);
			// The plan notes the day, live for whoever is on the map, and the version holds it.
			await eventually(() => (readPlan(writer.doc).lastHeldOn === yesterday ? true : undefined));
			expect(readPlan(docOf(version)).lastHeldOn).toBe(yesterday);

			// Through the cookie too, without a day: today.
			const cookie = await syncApi(
				stack,
				`/sync-api/maps/${mapId}/evaluations`,
				null,
				{ note: '' },
				{ cookie: `pb_auth=${ctx.fx.users.professional.token}` }
			);
			expect(cookie.status).toBe(201);
			expect(cookie.body.version.evaluated_on).toMatch(new RegExp(`^${dutchDay()}`));
			await eventually(() => (readPlan(writer.doc).lastHeldOn === dutchDay() ? true : undefined));
		} finally {
			destroyProvider(writer);
		}
		// The session's end finds the content already kept.
		await nthLog(stack, 1, unloaded(mapId));
		expect((await versionsOf(mapId)).map((v) => v.kind)).toEqual(['evaluation', 'evaluation']);
	});

	it('bad input is refused with a clear 4xx and changes nothing', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const token = ctx.fx.users.professional.token;
		const path = `/sync-api/maps/${mapId}/evaluations`;
		const tomorrow = dutchDay(new Date(Date.now() + 2 * 86_400_000));
		const cases: [unknown, number, string][] = [
			[{ note: 'x'.repeat(2001) }, 400, 'note-too-long'],
			['{"note": "half', 400, 'invalid-json'],
			['[1, 2]', 400, 'invalid-json'],
			[{ note: 42 }, 400, 'invalid-note'],
			[{ note: 'ok', on: '2025-02-30' }, 400, 'invalid-date'],
			[{ note: 'ok', on: tomorrow }, 400, 'date-in-future'],
			[{ note: 'ok', on: '2001-01-01' }, 400, 'date-too-early'],
			[{ note: 'ok', date: '2025-01-01' }, 400, 'unknown-field']
		];
		for (const [body, status, code] of cases) {
			const res = await syncApi(stack, path, token, body);
			expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
			expect(typeof res.body.message).toBe('string');
		}
		const form = await syncApi(stack, path, token, 'note=hoi', { 'content-type': 'application/x-www-form-urlencoded' });
		expect(form.status).toBe(415);
		const get = await fetch(stack.httpBase + path, { headers: { authorization: token } });
		expect(get.status).toBe(405);
		expect(await versionsOf(mapId)).toEqual([]);
	});
});

describe('who may', () => {
	it('only the professional makes evaluation moments and restores; others 403, outsiders 404, no login 401', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional, youth, jim, reviewer, outsider } = ctx.fx.users;
		const made = await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Begin' });
		expect(made.status).toBe(201);
		const paths = [`/sync-api/maps/${mapId}/evaluations`, `/sync-api/maps/${mapId}/versions/${made.body.version.id}/restore`];
		for (const path of paths) {
			for (const user of [youth, jim, parent, reviewer]) {
				const res = await syncApi(stack, path, user.token, path.endsWith('restore') ? {} : { note: 'mag niet' });
				expect({ path, user: user.email, status: res.status, code: res.body.code }).toEqual({
					path,
					user: user.email,
					status: 403,
					code: 'forbidden'
				});
			}
			const stranger = await syncApi(stack, path, outsider.token, {});
			expect(stranger.status).toBe(404);
			expect(stranger.body.code).toBe('map-not-found');
			expect((await syncApi(stack, path, null, {})).status).toBe(401);
			expect((await syncApi(stack, path, 'not-a-real-token-at-all', {})).status).toBe(401);
		}
		expect(await versionsOf(mapId)).toHaveLength(1);
	});

	it('members and the team’s reviewer list versions (without their state); an outsider sees none', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, ctx.fx.users.professional.token, { note: 'Begin' });
		const { youth, jim, reviewer, outsider } = ctx.fx.users;
		const as = (user: FixtureUser) => {
			const pb = new PocketBase(ctx.pb.url);
			pb.autoCancellation(false);
			pb.authStore.save(user.token, null);
			return pb.collection('map_versions').getFullList({ filter: pb.filter('map = {:m}', { m: mapId }) });
		};
		for (const user of [youth, jim, parent, reviewer]) {
			const rows = await as(user);
			expect(rows).toHaveLength(1);
			expect(rows[0]).toMatchObject({ kind: 'evaluation', note: 'Begin' });
			expect(rows[0].state).toBeUndefined();
		}
		expect(await as(outsider)).toEqual([]);
	});
});

describe('restore', () => {
	it('brings a removed person back for every live client, as a new version on top of today’s', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional } = ctx.fx.users;
		const { pro, sam, leave } = await proAndSam(stack, mapId);
		try {
			const oma = addPerson(pro.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
			setTie(pro.doc, CENTRE, oma, { quality: 'sterk', support: 'beide' }, origin);
			addPerson(pro.doc, { name: 'Vader', sector: 'familie', ring: 3 }, origin);
			await waitForDoc(sam.doc, (d) => readPeople(d).length === 2);
			const evaluation = await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Oma dichtbij' });
			expect(evaluation.status).toBe(201);
			const [kept] = await versionsOf(mapId);

			// Today: oma is gone (with her tie), trainer Mo came.
			removePerson(sam.doc, oma, origin);
			addPerson(sam.doc, { name: 'Trainer Mo', sector: 'school', ring: 3 }, origin);
			await waitForDoc(pro.doc, (d) => readPeople(d).length === 2 && !readPeople(d).some((p) => p.name === 'Oma'));

			const restored = await syncApi(stack, `/sync-api/maps/${mapId}/versions/${kept.id}/restore`, professional.token, {});
			expect(restored.status).toBe(200);
			expect(restored.body.restoredFrom.id).toBe(kept.id);
			expect(restored.body.version).toMatchObject({ kind: 'auto', made_by_name: 'professional' });
			// Kept by Kring itself, not by a person.
			expect(restored.body.before).toMatchObject({ kind: 'auto', made_by_name: '' });
			expect(restored.body.version.note).toMatch(/^Teruggezet naar de versie van \d{1,2} \p{L}+ \d{4}$/u);

			// Live, for the youth too: oma back with her tie, trainer Mo gone.
			await waitForDoc(sam.doc, (d) => readPeople(d).some((p) => p.name === 'Oma'));
			expect(
				readPeople(sam.doc)
					.map((p) => p.name)
					.sort()
			).toEqual(['Oma', 'Vader']);
			expect(sam.doc.getMap('ties').size).toBe(1);

			// History grew: the version of today before the restore, then the restore; the old one intact.
			const versions = await versionsOf(mapId);
			expect(versions.map((v) => v.id)).toEqual([kept.id, restored.body.before.id, restored.body.version.id]);
			expect(names(versions[1].projection)).toEqual(['Trainer Mo', 'Vader']);
			expect(names(versions[2].projection)).toEqual(['Oma', 'Vader']);
			expect(versions[0]).toEqual(kept);
			// Stored like any edit.
			expect(
				readPeople((await storedDoc(ctx.pb, mapId))!)
					.map((p) => p.name)
					.sort()
			).toEqual(['Oma', 'Vader']);
		} finally {
			leave();
		}
		await nthLog(stack, 1, unloaded(mapId));
		expect(await versionsOf(mapId)).toHaveLength(3);
	});

	it('a restore that would take the map past the size limit is refused whole, with a clear 413', async () => {
		const mapId = await newMap();
		const stack = await ctx.start({ maxDocBytes: 30 * 1024 });
		const { professional, youth } = ctx.fx.users;
		const sam = connectProvider(stack.wsBase, mapId, youth.token);
		// Some 20 KiB in 41 people with a full note each (500 characters, the most one note may hold).
		const chunk = (fill: string) => Array.from({ length: 41 }, (_, i) => `${fill}${i}`);
		const keysOf = (doc: Y.Doc | undefined) => [...(doc?.getMap('people').keys() ?? [])].sort();
		try {
			await waitSynced(sam);
			// 20 KiB kept in a version, then replaced by another 20 KiB: putting it back would make 40.
			const people = sam.doc.getMap('people');
			sam.doc.transact(() => chunk('a').forEach((key) => setPerson(sam.doc, key, { name: key, note: 'a'.repeat(500) })));
			await eventually(async () => (keysOf(await storedDoc(ctx.pb, mapId)).length === 41 ? true : undefined));
			const evaluation = await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Groot' });
			expect(evaluation.status).toBe(201);
			// Apart: the server checks a change against the size before it applies it.
			sam.doc.transact(() => chunk('a').forEach((key) => people.delete(key)));
			await eventually(async () => (keysOf(await storedDoc(ctx.pb, mapId)).length === 0 ? true : undefined));
			sam.doc.transact(() => chunk('b').forEach((key) => setPerson(sam.doc, key, { name: key, note: 'b'.repeat(500) })));
			await eventually(async () => (keysOf(await storedDoc(ctx.pb, mapId)).length === 41 ? true : undefined));

			const restored = await syncApi(
				stack,
				`/sync-api/maps/${mapId}/versions/${evaluation.body.version.id}/restore`,
				professional.token,
				{}
			);
			expect(restored.status).toBe(413);
			expect(restored.body.code).toBe('map-too-large');
			expect(restored.body.message).toMatch(/te groot/);
			// Nothing written: not live, not stored, no version.
			expect(keysOf(sam.doc)).toEqual(chunk('b').sort());
			expect(keysOf(await storedDoc(ctx.pb, mapId))).toEqual(chunk('b').sort());
			expect((await versionsOf(mapId)).map((v) => v.id)).toEqual([evaluation.body.version.id]);
		} finally {
			destroyProvider(sam);
		}
	});

	it('an unknown version, or one of another map, is not found; one without a state cannot be put back; nothing changes', async () => {
		const [mapId, otherMap] = await Promise.all([newMap(), newMap()]);
		const stack = await ctx.start();
		const token = ctx.fx.users.professional.token;
		const other = await syncApi(stack, `/sync-api/maps/${otherMap}/evaluations`, token, { note: 'Andere kaart' });
		await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, token, { note: 'Deze kaart' });
		for (const version of [other.body.version.id, 'abcdefghijklmno', 'not-an-id']) {
			const res = await syncApi(stack, `/sync-api/maps/${mapId}/versions/${version}/restore`, token, {});
			expect({ version, status: res.status, code: res.body.code }).toEqual({ version, status: 404, code: 'version-not-found' });
		}
		// A version without its state (made by hand) would empty the map: refused.
		const bare = await admin
			.collection('map_versions')
			.create({ map: mapId, kind: 'auto', taken_at: new Date(Date.now() - 86_400_000).toISOString() });
		const unreadable = await syncApi(stack, `/sync-api/maps/${mapId}/versions/${bare.id}/restore`, token, {});
		expect({ status: unreadable.status, code: unreadable.body.code }).toEqual({ status: 409, code: 'version-unreadable' });
		expect(await versionsOf(mapId)).toHaveLength(2);
		expect(await versionsOf(otherMap)).toHaveLength(1);
		const unknownMap = await syncApi(stack, `/sync-api/maps/abcdefghijklmno/evaluations`, token, { note: 'x' });
		expect(unknownMap.status).toBe(404);
		expect((await syncApi(stack, `/sync-api/nothing-here`, token, {})).status).toBe(404);
	});
});

describe('erasing a person', () => {
	/** Everything PocketBase holds of the map's content: the state, the change log and every version. */
	async function storedBytes(mapId: string): Promise<Buffer> {
		const filter = admin.filter('map = {:m}', { m: mapId });
		const [docs, log, versions] = await Promise.all([
			admin.collection('map_docs').getFullList({ filter }),
			admin.collection('map_updates').getFullList({ filter }),
			admin.collection('map_versions').getFullList({ filter })
		]);
		return Buffer.concat([
			...docs.map((r) => Buffer.from(String(r.state ?? ''), 'base64')),
			...log.map((r) => Buffer.from(String(r.update ?? ''), 'base64')),
			...versions.map((r) => Buffer.from(String(r.state ?? ''), 'base64')),
			...versions.map((r) => Buffer.from(JSON.stringify([r.projection, r.note, r.metrics])))
		]);
	}

	it('takes them off the live map for everyone and out of every version and the stored log; the rest stays', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional, youth } = ctx.fx.users;
		const { pro, sam, leave } = await proAndSam(stack, mapId);
		try {
			setCentreName(pro.doc, 'Sam', origin);
			const kees = addPerson(pro.doc, { name: 'Kees Verhoef', relation: 'buurman', sector: 'familie', ring: 2 }, origin);
			const oma = addPerson(pro.doc, { name: 'Oma', sector: 'familie', ring: 1, note: 'Woont naast Kees' }, origin);
			setTie(pro.doc, kees, oma, { quality: 'sterk' }, origin);
			await waitForDoc(sam.doc, (d) => readPeople(d).length === 2);
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Kees helpt veel' })).status).toBe(
				201
			);
			// Later Kees leaves the map; his name stays in the version, the log and the evaluation's note.
			removePerson(sam.doc, kees, origin);
			await waitForDoc(pro.doc, (d) => readPeople(d).length === 1);
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Zonder Kees' })).status).toBe(201);
			expect((await storedBytes(mapId)).includes('Kees')).toBe(true);

			// Only the map's professional erases.
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/people/${kees}/erase`, youth.token, {})).status).toBe(403);
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/people/nobody-here/erase`, professional.token, {})).status).toBe(404);
			const erased = await syncApi(stack, `/sync-api/maps/${mapId}/people/${kees}/erase`, professional.token, {});
			expect(erased.status).toBe(200);
			expect(erased.body).toEqual({ versions: 2, unreadable: 0, names: ['Kees Verhoef'] });
			// The note that tells each device to let go of what it keeps of before reaches them like any change.
			await waitForDoc(sam.doc, (d) => typeof d.getMap('meta').get('erasedAt') === 'number');
			// Who did it is in the map's access log.
			const logged = await admin
				.collection('access_log')
				.getFullList({ filter: admin.filter('map = {:m} && action = "erase"', { m: mapId }) });
			expect(logged.map((r) => [r.user, r.role])).toEqual([[professional.id, 'professional']]);

			// Nothing of the name is stored any more, in any encoding or field; Oma and Sam are.
			const stored = await storedBytes(mapId);
			expect(stored.includes('Kees')).toBe(false);
			expect(stored.includes('Verhoef')).toBe(false);
			expect(stored.includes('Oma')).toBe(true);
			const versions = await versionsOf(mapId);
			expect(versions.map((v) => v.note)).toEqual(['[naam] helpt veel', 'Zonder [naam]']);
			expect(versions.map((v) => names(v.projection))).toEqual([['Oma'], ['Oma']]);
			expect(versions[0].projection.ties).toEqual([]);
			expect(versions.map((v) => v.metrics)).toEqual(versions.map((v) => metricsOf(v.projection)));
			expect(readPeople(docOf(versions[0])).map((p) => [p.name, p.note])).toEqual([['Oma', 'Woont naast [naam]']]);
			// Live for everyone on the map.
			await waitForDoc(sam.doc, (d) => readPeople(d)[0]?.note === 'Woont naast [naam]');
			// A restore of the old version cannot bring him back.
			const restored = await syncApi(stack, `/sync-api/maps/${mapId}/versions/${versions[0].id}/restore`, professional.token, {});
			expect(restored.status).toBe(200);
			expect(readPeople(pro.doc).map((p) => p.name)).toEqual(['Oma']);
		} finally {
			leave();
		}
	});
});
