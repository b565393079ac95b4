// Limits a single account or socket runs into: sockets per user, updates outside the map's schema,
// liveness that only a pong proves, the message rate (which slows a writer, never drops a change), and
// how often one socket is sent the whole map.
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { STATUS_PARAM } from '../../src/lib/protocol/sync.ts';
import {
	closeCode,
	connectProvider,
	destroyProvider,
	eventually,
	rawConnect,
	storedDoc,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';
import { MSG, STEP1, collect, refusalsIn, roundTrip, updateFrame } from './sync-frames.ts';
import { missingEdits, startWriter } from './sync-writer.ts';

const ctx = usePocketBaseFixture();

async function open(wsBase: string, who: 'professional' | 'youth' | 'jim' | 'reviewer', status = false): Promise<WebSocket> {
	const r = await rawConnect(`${wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users[who].token}${status ? `&${STATUS_PARAM}=1` : ''}`);
	if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
	return r.ws;
}

it('one user may hold 20 sync sockets; the 21st is closed with 4429 until one of the others closes', async () => {
	const sync = await ctx.start();
	const sockets: WebSocket[] = [];
	for (let i = 0; i < 20; i++) sockets.push(await open(sync.wsBase, 'reviewer'));
	const extra = new WebSocket(`${sync.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users.reviewer.token}`);
	expect(await closeCode(extra)).toBe(4429);
	// Another user is not affected.
	const other = await open(sync.wsBase, 'jim');
	other.terminate();

	const one = sockets.pop()!;
	one.close();
	await closeCode(one);
	await sync.waitForLog((e) => e.msg === 'connection closed' && e.fields.userId === ctx.fx.users.reviewer.id);
	sockets.push(await open(sync.wsBase, 'reviewer'));
	for (const ws of sockets) ws.terminate();
});

it('an update with a root the schema does not have, or a list in a map root, is refused as invalid and not stored', async () => {
	const sync = await ctx.start();
	const writer = await open(sync.wsBase, 'professional', true);
	const got = collect(writer);
	await roundTrip(writer, got);

	const junk = new Y.Doc();
	junk.getMap('junk').set('a', 'x'.repeat(100));
	const listInMap = new Y.Doc();
	listInMap.getArray('people').push(['y'.repeat(100)]);
	for (const doc of [junk, listInMap]) writer.send(updateFrame(Y.encodeStateAsUpdate(doc)));
	const between = await roundTrip(writer, got);
	expect(refusalsIn(between)).toEqual(['invalid', 'invalid']);

	// The app's own edits go through as ever; what was refused is in neither the others' copies nor the store.
	const app = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const reader = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	await Promise.all([waitSynced(app), waitSynced(reader)]);
	const id = addPerson(app.doc, { name: 'Oma', relation: 'oma', sector: 'familie', ring: 1 }, localOrigin('test'));
	await waitForDoc(reader.doc, (d) => readPeople(d).some((p) => p.id === id));
	const stored = await eventually(async () => {
		const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
		return doc && readPeople(doc).some((p) => p.id === id) ? doc : undefined;
	});
	for (const doc of [stored, reader.doc]) {
		expect([...doc.share.keys()]).not.toContain('junk');
		expect(JSON.stringify(doc.getMap('people').toJSON())).not.toContain('yyyy');
	}
	writer.terminate();
	destroyProvider(app);
	destroyProvider(reader);
});

it('a client that sends messages but never answers pings is dropped; one that answers stays', async () => {
	const sync = await ctx.start({ pingIntervalMs: 100 });
	const steady = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(steady);
	let pings = 0;
	const r = await new Promise<WebSocket>((resolve, reject) => {
		const ws = new WebSocket(`${sync.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users.reviewer.token}`, { autoPong: false });
		// Counted from the start: a ping may come before the first message is handled.
		ws.on('ping', () => pings++);
		ws.once('message', () => resolve(ws));
		ws.once('error', reject);
	});
	const closed = new Promise<void>((resolve) => r.once('close', () => resolve()));
	// Busy, but deaf to pings: a few messages a second, well within the rate limit.
	const chatter = setInterval(() => r.readyState === WebSocket.OPEN && r.send(STEP1), 20);
	await closed;
	clearInterval(chatter);
	expect(pings).toBeGreaterThanOrEqual(1);
	const missed = await sync.waitForLog((e) => e.msg === 'connection missed pong');
	expect(missed.fields.userId).toBe(ctx.fx.users.reviewer.id);
	// The stock client answered the same pings and is still on its first socket.
	expect(steady.wsconnected).toBe(true);
	expect(sync.logs.filter((e) => e.msg === 'connection opened' && e.fields.userId === ctx.fx.users.professional.id)).toHaveLength(1);
	destroyProvider(steady);
});

it('an update that builds on changes nobody sent is refused, not held to land later', async () => {
	const sync = await ctx.start();
	const writer = await open(sync.wsBase, 'professional', true);
	const got = collect(writer);
	await roundTrip(writer, got);

	const source = new Y.Doc();
	const updates: Uint8Array[] = [];
	source.on('update', (u: Uint8Array) => updates.push(u));
	const person = new Y.Map<unknown>();
	source.getMap('people').set('p1', person);
	person.set('name', 'Oma');
	person.set('note', 'belt elke week'); // builds on the writes before it
	writer.send(updateFrame(updates[2]));
	const between = await roundTrip(writer, got);
	expect(refusalsIn(between)).toEqual(['invalid']);

	// When the missing changes arrive, the refused one does not come to life with them.
	writer.send(updateFrame(Y.mergeUpdates([updates[0], updates[1]])));
	const reader = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	await waitForDoc(reader.doc, (d) => (d.getMap('people').get('p1') as Y.Map<unknown> | undefined)?.get('name') === 'Oma');
	expect((reader.doc.getMap('people').get('p1') as Y.Map<unknown>).has('note')).toBe(false);
	writer.terminate();
	destroyProvider(reader);
});

it('a reader who sends sync step 1 over and over gets the map at most once a second, not once per request', async () => {
	const sync = await ctx.start();
	const reader = await open(sync.wsBase, 'reviewer');
	const got = collect(reader);
	await roundTrip(reader, got);
	const answers = () => got.filter((m) => m[0] === MSG.sync && m[1] === 1).length;
	const before = answers();
	// 150 requests at once (within the message burst): each would be a full copy of the map.
	for (let i = 0; i < 150; i++) reader.send(STEP1);
	// Within a second of the last answer: the latest request waits its turn, the rest are dropped and counted.
	await eventually(() => (answers() >= before + 1 ? true : undefined));
	reader.close();
	const dropped = await sync.waitForLog((e) => e.msg === 'dropped messages' && e.fields.kind === 'sync step 1 too soon');
	expect(dropped.fields.userId).toBe(ctx.fx.users.reviewer.id);
	expect(answers() - before).toBeLessThanOrEqual(2);
	expect(Number(dropped.fields.count) + answers() - before).toBeGreaterThanOrEqual(149);
});

it('a writer faster than the rate limit is slowed down, not dropped: every change arrives and is stored, on the same socket', async () => {
	const sync = await ctx.start({ connectionLimits: { messageBurst: 20, messagesPerSecond: 200 } });
	const writer = startWriter(sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const reader = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	try {
		await Promise.all([waitSynced(writer.provider), waitSynced(reader)]);
		// 300 changes at once, each its own message: fifteen times the burst.
		for (let i = 0; i < 300; i++) writer.edit();
		expect(await writer.save.whenStored(30_000)).toBe(true);
		expect(missingEdits(await storedDoc(ctx.pb, ctx.fx.mapId), writer, 300)).toEqual([]);
		await waitForDoc(reader.doc, (d) => missingEdits(d, writer, 300).length === 0);
		// Slowed, not thrown off: the writer is still on its first socket.
		expect(writer.provider.wsconnected).toBe(true);
		expect(sync.logs.filter((e) => e.msg === 'connection opened' && e.fields.userId === ctx.fx.users.youth.id)).toHaveLength(1);
		expect(sync.logs.filter((e) => e.msg === 'client floods, closing connection')).toEqual([]);
	} finally {
		writer.destroy();
		destroyProvider(reader);
	}
});
