// Malformed and random frames: 10,000 against the connection handling in-process, and a few hundred
// over real sockets. The server stays up, holds little, the map's content does not change, and a
// normal client still syncs afterwards.
import { EventEmitter } from 'node:events';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Connection, type RoomState } from '../../server/sync/connection.ts';
import { encodeSyncStep1, encodeSyncStep2 } from '../../server/sync/protocol.ts';
import { connectionRefusal } from '../../server/sync/write-guard.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	markPerson,
	personName,
	rawConnect,
	storedDoc,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';
import { MSG, STEP1, awarenessFrame, frame, updateFrame } from './sync-frames.ts';

const ctx = usePocketBaseFixture();

const SCHEMA_ROOTS = ['people', 'meta', 'ties', 'jim', 'plan', 'goals', 'agreements', 'questions'];

/** Random frames, most of them shaped like y-websocket messages so they get past the first byte. */
const anyFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
	fc.uint8Array({ maxLength: 64 }),
	fc.tuple(fc.nat(120), fc.nat(4), fc.uint8Array({ maxLength: 64 })).map(([t, s, b]) => frame(t, s, b)),
	fc.uint8Array({ maxLength: 80 }).map((b) => updateFrame(b)),
	fc.uint8Array({ maxLength: 80 }).map((b) => frame(MSG.sync, 0, b)),
	fc.uint8Array({ maxLength: 80 }).map((b) => frame(MSG.awareness, b)),
	fc
		.array(fc.record({ clientId: fc.nat(), clock: fc.nat(), state: fc.jsonValue({ maxDepth: 3 }) }), { maxLength: 8 })
		.map((entries) => awarenessFrame(entries)),
	// Well-formed updates that put content in a root the schema does not have.
	fc
		.tuple(
			fc.string({ minLength: 1, maxLength: 8 }).filter((r) => !SCHEMA_ROOTS.includes(r)),
			fc.jsonValue({ maxDepth: 2 })
		)
		.map(([root, value]) => {
			const d = new Y.Doc();
			d.getMap(root).set('k', value ?? null);
			return updateFrame(Y.encodeStateAsUpdate(d));
		}),
	// Presence of any size, up to well past the limit.
	fc
		.tuple(fc.nat(), fc.nat(12_000))
		.map(([clientId, size]) => awarenessFrame([{ clientId, clock: 1, state: { user: {}, cursor: 'c'.repeat(size) } }])),
	fc.constant(new Uint8Array([MSG.queryAwareness])),
	fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => new Uint8Array([MSG.queryAwareness, ...b]))
);

/** Enough of a `ws` socket for a Connection: records what is sent, closes when told. */
class FakeSocket extends EventEmitter {
	readonly OPEN = 1;
	readonly CLOSED = 3;
	readyState = 1;
	bufferedAmount = 0;
	sent = 0;
	send(message: Uint8Array, cb?: (err?: Error) => void) {
		this.sent += message.byteLength;
		cb?.();
	}
	close(code: number) {
		if (this.readyState === this.CLOSED) return;
		this.readyState = this.CLOSED;
		this.emit('close', code);
	}
	terminate() {
		this.close(1006);
	}
	ping() {}
	receive(bytes: Uint8Array) {
		this.emit('message', Buffer.from(bytes), true);
	}
}

/** What a map holds, as the app reads it: the people and meta roots, and no root outside the schema. */
function content(doc: Y.Doc): string {
	for (const name of doc.share.keys()) expect(SCHEMA_ROOTS).toContain(name);
	return JSON.stringify({ people: doc.getMap('people').toJSON(), meta: doc.getMap('meta').toJSON() });
}

function seededDoc(): Y.Doc {
	const doc = new Y.Doc();
	const person = new Y.Map<unknown>();
	doc.getMap('people').set('p1', person);
	person.set('name', 'Oma');
	doc.getMap('meta').set('schemaVersion', 3);
	return doc;
}

it('10,000 random frames in-process: no throw, little held, the map unchanged, a client syncs after', () => {
	const doc = seededDoc();
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(null);
	const before = content(doc);
	const open = new Set<Connection>();
	const room: RoomState = {
		doc,
		awareness,
		savedStatus: null,
		accepts: () => true,
		refusal: (conn, update) => connectionRefusal(doc, conn, update),
		syncStep1: () => encodeSyncStep1(doc),
		syncAnswer: (sv) => encodeSyncStep2(doc, sv),
		ownerOf: (id) => [...open].find((c) => c.awarenessIds.has(id))
	};
	let n = 0;
	const connect = (readOnly: boolean) => {
		const ws = new FakeSocket();
		const identity = {
			connectionId: String(++n),
			mapId: 'm',
			userId: `u${n % 3}`,
			userName: 'x',
			authorName: 'x',
			role: readOnly ? 'reviewer' : 'professional',
			readOnly,
			team: '',
			person: '',
			sessionId: null,
			sessionEndsAt: null,
			statusMessages: true
		};
		const conn = new Connection(
			ws as unknown as WebSocket,
			identity,
			room,
			() => {},
			(c) => {
				open.delete(c);
				awarenessProtocol.removeAwarenessStates(awareness, [...c.awarenessIds], null);
			},
			{ messageBurst: 1e9, messagesPerSecond: 1e9, queryAwarenessIntervalMs: 0 }
		);
		open.add(conn);
		conn.start();
		return { ws, conn };
	};

	const frames = fc.sample(anyFrame, { numRuns: 10_000, seed: 20261125 });
	const heapBefore = process.memoryUsage().heapUsed;
	let current = connect(false);
	let closes = 0;
	for (const [i, bytes] of frames.entries()) {
		if (current.ws.readyState !== current.ws.OPEN) {
			closes++;
			current = connect(i % 2 === 0);
		}
		current.ws.receive(bytes);
		// Checked along the way too, so a server without limits fails here rather than grinding on.
		if (i % 250 === 0) {
			expect(content(doc)).toBe(before);
			for (const state of awareness.getStates().values()) expect(JSON.stringify(state).length).toBeLessThanOrEqual(8 << 10);
		}
	}
	expect(closes).toBeGreaterThan(100); // the frames were mostly malformed, and each closed its connection
	expect(content(doc)).toBe(before);
	for (const state of awareness.getStates().values()) expect(JSON.stringify(state).length).toBeLessThanOrEqual(8 << 10);
	expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(128 << 20);

	// A normal client: its step 1 is answered with the whole map.
	const client = connect(false);
	const answers: Uint8Array[] = [];
	client.ws.send = (m: Uint8Array) => void answers.push(m);
	client.ws.receive(STEP1);
	const step2 = answers.find((m) => m[0] === MSG.sync && m[1] === 1);
	expect(step2).toBeDefined();
	const copy = new Y.Doc();
	// frame: 0 (sync), 1 (step 2), varUint8Array(update)
	const dec = new (class {
		pos = 2;
	})();
	let len = 0;
	let shift = 0;
	for (;;) {
		const b = step2![dec.pos++];
		len |= (b & 0x7f) << shift;
		shift += 7;
		if (b < 0x80) break;
	}
	Y.applyUpdate(copy, step2!.slice(dec.pos, dec.pos + len));
	expect(content(copy)).toBe(before);
});

// The server's own limits: a step 1 is answered at most once a second per socket, so the frames that
// leave their socket open take up to a second each (about 70 s in all on two cores).
it('~300 random frames over real sockets: the server stays up and the stored map is unchanged', { timeout: 240_000 }, async () => {
	const sync = await ctx.start();
	const writer = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(writer);
	markPerson(writer.doc, 'oma', 'Oma');
	const baseline = await eventually(async () => {
		const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
		return personName(doc, 'oma') === 'Oma' ? content(doc!) : undefined;
	});

	const frames = fc.sample(anyFrame, { numRuns: 300, seed: 7 });
	let ws: WebSocket | null = null;
	let connections = 0;
	for (const [i, bytes] of frames.entries()) {
		if (!ws || ws.readyState !== ws.OPEN) {
			const who = i % 2 === 0 ? 'jim' : 'reviewer';
			const r = await rawConnect(`${sync.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users[who].token}`);
			if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
			ws = r.ws;
			connections++;
		}
		const socket: WebSocket = ws;
		// Wait until the server has dealt with the frame: it closed the socket, or answered a step 1 sent after it.
		await new Promise<void>((resolve) => {
			const done = () => {
				socket.off('message', onMessage);
				socket.off('close', done);
				resolve();
			};
			const onMessage = (data: Buffer) => {
				if (data[0] === MSG.sync && data[1] === 1) done();
			};
			socket.on('message', onMessage);
			socket.once('close', done);
			socket.send(bytes);
			if (socket.readyState === socket.OPEN) socket.send(STEP1);
		});
	}
	ws?.terminate();
	expect(connections).toBeGreaterThan(10);

	// The map is unchanged for a client that joins now, and in the store after a later edit.
	const late = connectProvider(sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await waitSynced(late);
	expect(late.doc.getMap('people').toJSON()).toEqual({ oma: { id: 'oma', name: 'Oma' } });
	markPerson(writer.doc, 'after', 'Na');
	await waitForDoc(late.doc, (d) => personName(d, 'after') === 'Na');
	const stored = await eventually(async () => {
		const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
		return personName(doc, 'after') === 'Na' ? doc : undefined;
	});
	stored.getMap('people').delete('after');
	expect(content(stored)).toBe(baseline);
	destroyProvider(late);
	destroyProvider(writer);
});
