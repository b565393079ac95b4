// A reviewer (read-only) that stops reading but keeps asking for everyone's presence must not make
// the server queue that presence for it again and again: the server closes it, and what the server
// holds for it stays bounded.
import { expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import {
	connectProvider,
	destroyProvider,
	eventually,
	markPerson,
	personName,
	rawConnect,
	waitForAwareness,
	waitSynced,
	usePocketBaseFixture,
	type SyncStack
} from './sync-harness.ts';

const ctx = usePocketBaseFixture();
const QUERY_AWARENESS = new Uint8Array([3]);
const FRAMES = 5000;
/** What the server may come to hold for the reader, in Buffers, while it is attacked. */
const MEMORY_BOUND = 48 << 20;

/** Three writers on the map, each with a large (allowed) presence state. */
async function largePresence(sync: SyncStack): Promise<WebsocketProvider[]> {
	const writers = [ctx.fx.users.professional, ctx.fx.users.youth, ctx.fx.users.jim].map((u) =>
		connectProvider(sync.wsBase, ctx.fx.mapId, u.token)
	);
	await Promise.all(writers.map(waitSynced));
	writers.forEach((w, i) => w.awareness.setLocalState({ user: { name: `w${i}` }, cursor: 'x'.repeat(7000) }));
	await waitForAwareness(writers[0], (states) => (states.size >= 3 ? true : undefined));
	return writers;
}

/** Opens the reviewer's socket, stops reading from it and sends FRAMES queryAwareness frames. */
async function attack(sync: SyncStack): Promise<{ peak: () => number; closed: () => boolean; ws: WebSocket }> {
	const raw = await rawConnect(`${sync.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users.reviewer.token}`);
	if (raw.kind !== 'open') throw new Error(`upgrade refused: ${raw.status}`);
	const ws = raw.ws;
	(ws as unknown as { _socket: { pause(): void } })._socket.pause();
	const base = process.memoryUsage().arrayBuffers;
	let peak = 0;
	const sample = () => (peak = Math.max(peak, process.memoryUsage().arrayBuffers - base));
	for (let i = 0; i < FRAMES; i++) {
		ws.send(QUERY_AWARENESS);
		if (i % 100 === 0) {
			sample();
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
	const closedByServer = () => sync.logs.some((e) => e.msg === 'connection closed' && e.fields.userId === ctx.fx.users.reviewer.id);
	return {
		ws,
		peak: () => sample(),
		closed: closedByServer
	};
}

it('a reviewer that floods presence queries and never reads is closed, and the server holds little for it', async () => {
	const sync = await ctx.start();
	const writers = await largePresence(sync);
	const a = await attack(sync);
	// Either the server closes the reader, or (without limits) what it queues for it grows past the bound.
	await eventually(() => (a.closed() || a.peak() > MEMORY_BOUND ? true : undefined), 30_000);
	expect(a.peak()).toBeLessThan(MEMORY_BOUND);
	expect(a.closed()).toBe(true);
	a.ws.terminate();
	// The writers never noticed.
	markPerson(writers[0].doc, 'after', 'Na de aanval');
	await eventually(() => (personName(writers[1].doc, 'after') === 'Na de aanval' ? true : undefined));
	writers.forEach(destroyProvider);
}, 60_000);

it('a client that does not read what it asked for is closed once the server buffers too much for it', async () => {
	// Only the buffer bound stands in the way here: every query is answered and the rate is unlimited.
	const sync = await ctx.start({
		connectionLimits: {
			maxBufferedBytes: 1 << 20,
			queryAwarenessIntervalMs: 0,
			messageBurst: 1e9,
			messagesPerSecond: 1e9
		}
	});
	const writers = await largePresence(sync);
	const a = await attack(sync);
	await eventually(() => (a.closed() || a.peak() > MEMORY_BOUND ? true : undefined), 30_000);
	expect(a.peak()).toBeLessThan(MEMORY_BOUND);
	const line = await sync.waitForLog((e) => e.msg === 'client does not read, closing connection');
	expect(line.fields.userId).toBe(ctx.fx.users.reviewer.id);
	expect(JSON.stringify(line)).not.toContain('x'.repeat(20));
	a.ws.terminate();
	writers.forEach(destroyProvider);
}, 60_000);
