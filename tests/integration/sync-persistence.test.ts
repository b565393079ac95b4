import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { adminClient } from '../helpers/fixtures.ts';
import { kringApi } from './kring-api.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	markPerson,
	personName,
	usePocketBaseFixture,
	storedDoc,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';

const ctx = usePocketBaseFixture();
const start = ctx.start;

it('a map survives a sync server restart', async () => {
	const first = await start({ persistDebounceMs: 50, persistMaxWaitMs: 200 });
	const writer = connectProvider(first.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(writer);
	markPerson(writer.doc, 'oma', 'Oma');
	await eventually(async () => (personName(await storedDoc(ctx.pb, ctx.fx.mapId), 'oma') === 'Oma' ? true : undefined));
	destroyProvider(writer);
	await first.close();

	const second = await start();
	const reader = connectProvider(second.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await waitSynced(reader);
	expect(personName(reader.doc, 'oma')).toBe('Oma');
	destroyProvider(reader);
});

it('close() stores what is not stored yet', async () => {
	// Timers far beyond the test: only the flush in close() can store this edit.
	const first = await start({ persistDebounceMs: 600_000, persistMaxWaitMs: 600_000 });
	const writer = connectProvider(first.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await waitSynced(writer);
	markPerson(writer.doc, 'buurman', 'Buurman');
	// Round trip through the server so the edit has been applied there before closing.
	const probe = connectProvider(first.wsBase, ctx.fx.mapId, ctx.fx.users.jim.token);
	await waitForDoc(probe.doc, (d) => personName(d, 'buurman') === 'Buurman');
	destroyProvider(probe);
	writer.disconnect();
	await first.close();
	destroyProvider(writer);
	expect(personName(await storedDoc(ctx.pb, ctx.fx.mapId), 'buurman')).toBe('Buurman');
});

it('the room unloads when the last client leaves, after storing', async () => {
	const stack = await start({ persistDebounceMs: 600_000, persistMaxWaitMs: 600_000 });
	const a = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const b = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.jim.token);
	await Promise.all([waitSynced(a), waitSynced(b)]);
	expect(stack.server.roomCount).toBe(1);
	markPerson(a.doc, 'tante', 'Tante');
	await waitForDoc(b.doc, (d) => personName(d, 'tante') === 'Tante');

	destroyProvider(a);
	await eventually(() => (stack.logs.some((e) => e.msg === 'connection closed') ? true : undefined));
	expect(stack.server.roomCount).toBe(1); // one client is still there
	destroyProvider(b);
	await stack.waitForLog((e) => e.msg === 'room unloaded' && e.fields.mapId === ctx.fx.mapId);
	expect(stack.server.roomCount).toBe(0);
	expect(personName(await storedDoc(ctx.pb, ctx.fx.mapId), 'tante')).toBe('Tante');
});

it('stores a change within persistMaxWaitMs even while edits keep coming', async () => {
	// The debounce alone would never fire while edits keep arriving faster than it.
	const stack = await start({ persistDebounceMs: 300, persistMaxWaitMs: 600 });
	const writer = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(writer);
	let n = 0;
	// One person renamed on every keystroke: `${n}` after the n-th.
	const typing = setInterval(() => markPerson(writer.doc, 'typing', `${++n}`), 50);
	try {
		const stored = await eventually(async () => personName(await storedDoc(ctx.pb, ctx.fx.mapId), 'typing'));
		expect(Number(stored)).toBeGreaterThan(0);
	} finally {
		clearInterval(typing);
	}
	destroyProvider(writer);
});

/** Rows of the map's change log in PocketBase. */
async function logRows(): Promise<number> {
	const admin = await adminClient(ctx.pb);
	const rows = await admin.collection('map_updates').getList(1, 1, { filter: admin.filter('map = {:m}', { m: ctx.fx.mapId }) });
	return rows.totalItems;
}

it('folds the change log into the stored state while editing, and leaves no log when the room unloads', async () => {
	const stack = await start({ persistDebounceMs: 5, persistMaxWaitMs: 20, compactAfter: { count: 5, bytes: 1 << 20 } });
	const writer = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(writer);
	const probe = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await waitSynced(probe);
	// One edit at a time, each stored on its own (its echo reached the probe, then the log grew).
	let most = 0;
	for (let i = 0; i < 30; i++) {
		markPerson(writer.doc, `fold${i}`, `${i}`);
		await waitForDoc(probe.doc, (d) => personName(d, `fold${i}`) === `${i}`);
		await eventually(async () => (personName(await storedDoc(ctx.pb, ctx.fx.mapId), `fold${i}`) === `${i}` ? true : undefined));
		most = Math.max(most, await logRows());
	}
	expect(most).toBeLessThanOrEqual(5);
	destroyProvider(probe);
	destroyProvider(writer);
	await stack.waitForLog((e) => e.msg === 'room unloaded' && e.fields.mapId === ctx.fx.mapId);
	expect(await logRows()).toBe(0);
	const stored = await storedDoc(ctx.pb, ctx.fx.mapId);
	for (let i = 0; i < 30; i++) expect(personName(stored, `fold${i}`)).toBe(`${i}`);
});

it('what is stored of a live map is read in one request, by the sync server only', async () => {
	const mapId = ctx.fx.mapId;
	const path = `/api/kring/maps/${mapId}/state`;
	const api = kringApi(ctx.pb);
	expect((await api.call(null, 'GET', path)).status).toBe(401);
	// Not even the map's own professional: the raw document is the sync server's to hand out.
	expect((await api.call(ctx.fx.users.professional, 'GET', path)).status).toBe(403);
	const admin = await adminClient(ctx.pb);
	await expect(admin.send('/api/kring/maps/not-an-id/state', {})).rejects.toMatchObject({ status: 400 });
	const stack = await start();
	const writer = connectProvider(stack.wsBase, mapId, ctx.fx.users.professional.token);
	await waitSynced(writer);
	markPerson(writer.doc, 'tante', 'Tante Joke');
	await eventually(async () => (personName(await storedDoc(ctx.pb, mapId), 'tante') === 'Tante Joke' ? true : undefined));
	destroyProvider(writer);
	const state = await admin.send<{ doc: { id: string; state: string } | null; log: { id: string; update: string }[] }>(path, {});
	const doc = new Y.Doc();
	for (const b64 of [state.doc?.state ?? '', ...state.log.map((e) => e.update)]) if (b64) Y.applyUpdate(doc, Buffer.from(b64, 'base64'));
	expect(personName(doc, 'tante')).toBe('Tante Joke');
});
