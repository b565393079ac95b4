// The rooms orchestrator with real rooms over a persistence kept in memory: one room per map, the
// extensions' hooks at the moments of a room's life, and the shutdown. Resting needs live
// connections: tests/integration/sync-rest.test.ts.
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import type { Connection } from './connection.ts';
import type { Log } from './log.ts';
import { memoryPersistence } from './memory-persistence.ts';
import { Rooms, type RoomExtension } from './rooms.ts';

const quiet: Log = () => {};
let open: Rooms[] = [];
afterEach(async () => {
	for (const r of open) await r.shutdown();
	open = [];
});

function roomsWith(extensions: RoomExtension[], more: { log?: Log; restAfterMs?: number } = {}) {
	const store = memoryPersistence();
	const rooms = new Rooms({
		persistence: store.persistence,
		log: more.log ?? quiet,
		extensions,
		persistDebounceMs: 1,
		persistMaxWaitMs: 5,
		maxDocBytes: 1 << 20,
		restAfterMs: more.restAfterMs
	});
	open.push(rooms);
	return { rooms, ...store };
}

/** Records each hook as it is called. */
function recorder() {
	const calls: string[] = [];
	const ext: RoomExtension = {
		created: (room) => void calls.push(`created ${room.mapId}`),
		loaded: (room) => void calls.push(`loaded ${room.mapId}`),
		changed: (room, _update, origin) => void calls.push(`changed ${room.mapId} by ${(origin as { kind?: string } | null)?.kind ?? '?'}`),
		sessionEnded: async (room, end) => void calls.push(`ended ${room.mapId}${end.shutdown ? ' (shutdown)' : ''}`),
		unloaded: (room) => void calls.push(`unloaded ${room.mapId}`)
	};
	return { calls, ext };
}

/** A connection as far as a room needs one: it keeps the room open and is greeted. */
const conn = (id: string, userId: string) =>
	({
		identity: { connectionId: id, userId, role: 'professional', person: '' },
		awarenessIds: new Set(),
		start() {}
	}) as unknown as Connection;

const until = async (ok: () => boolean) => {
	for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
	expect(ok()).toBe(true);
};

describe('Rooms', () => {
	it('one room per map, made once; hooks in the order of its life; gone after its last holder leaves', async () => {
		const { calls, ext } = recorder();
		const { rooms, docOf } = roomsWith([ext]);
		const room = rooms.open('kaart1')!;
		expect(rooms.open('kaart1')).toBe(room);
		expect(rooms.size).toBe(1);
		const release = room.hold();
		expect(await room.whenReady()).toBe(true);
		addPerson(room.doc, { name: 'Oma', sector: 'familie', ring: 1 }, localOrigin('test'));
		release();
		await until(() => rooms.size === 0);
		// The schema upgrade at load is a change too (a new map has several), told before 'loaded'.
		const upgrades = calls.filter((c) => c === 'changed kaart1 by upgrade');
		expect(upgrades.length).toBeGreaterThan(0);
		expect(calls.slice(1, 1 + upgrades.length)).toEqual(upgrades);
		expect(calls.filter((c) => !c.endsWith('by upgrade'))).toEqual([
			'created kaart1',
			'loaded kaart1',
			'changed kaart1 by local',
			'ended kaart1',
			'unloaded kaart1'
		]);
		expect(readPeople(docOf('kaart1')).map((p) => p.name)).toEqual(['Oma']);
		// A new room for the map loads what was stored.
		const again = rooms.open('kaart1')!;
		expect(again).not.toBe(room);
		expect(await again.whenReady()).toBe(true);
		expect(readPeople(again.doc).map((p) => p.name)).toEqual(['Oma']);
	});

	it('a room kept loaded for a client on its way rests meanwhile, and unloads once nobody came', async () => {
		const { calls, ext } = recorder();
		const { rooms } = roomsWith([ext]);
		const [kept, other] = [rooms.open('kaart5')!, rooms.open('kaart6')!];
		const releases = [kept.hold(), other.hold()];
		expect(await kept.whenReady()).toBe(true);
		expect(await other.whenReady()).toBe(true);
		kept.keepLoaded(1_000);
		for (const release of releases) release();
		// A new map's schema upgrade is a change: stored first, then the room may rest.
		expect(await kept.flush()).toBe(true);
		expect(kept.restIfQuiet(Date.now(), { atOnce: true })).toBe(true);
		// The room nobody kept is gone; the kept one stays until its time is up.
		await until(() => calls.includes('unloaded kaart6'));
		expect(calls).not.toContain('unloaded kaart5');
		expect(kept.resting).toBe(true);
		await until(() => rooms.size === 0);
		expect(calls.at(-1)).toBe('unloaded kaart5');
	});

	it('a failing extension is logged and does not keep the room loaded or stop the others', async () => {
		const { calls, ext } = recorder();
		const logged: string[] = [];
		const failing: RoomExtension = {
			sessionEnded: async () => {
				throw new Error('kapot');
			}
		};
		const { rooms } = roomsWith([failing, ext], { log: (_level, msg) => void logged.push(msg) });
		const room = rooms.open('kaart2')!;
		const release = room.hold();
		await room.whenReady();
		release();
		await until(() => rooms.size === 0);
		expect(logged).toContain('ending the session failed');
		expect(calls.filter((c) => !c.endsWith('by upgrade'))).toEqual(['created kaart2', 'loaded kaart2', 'ended kaart2', 'unloaded kaart2']);
	});

	it('shutdown ends every session (marked as a shutdown), and then no room is made any more', async () => {
		const { calls, ext } = recorder();
		const { rooms } = roomsWith([ext]);
		const a = rooms.open('a')!;
		const b = rooms.open('b')!;
		const holds = [a.hold(), b.hold()];
		await Promise.all([a.whenReady(), b.whenReady()]);
		await rooms.shutdown();
		expect(calls.filter((c) => c.startsWith('ended')).sort()).toEqual(['ended a (shutdown)', 'ended b (shutdown)']);
		expect(rooms.size).toBe(0);
		expect(rooms.open('c')).toBeNull();
		for (const release of holds) release();
	});

	it('tells the extensions who joins and leaves, and asks them about each update: the first refusal wins', async () => {
		const calls: string[] = [];
		const first: RoomExtension = {
			connected: (room, conn) => void calls.push(`joined ${conn.identity.connectionId} ${room.mapId}`),
			disconnected: (room, conn) => void calls.push(`left ${conn.identity.connectionId} ${room.mapId}`),
			refuseUpdate: (_room, conn) => (conn.identity.userId === 'u-bad' ? 'not this writer' : null)
		};
		const second: RoomExtension = { refuseUpdate: (_room, _conn, update) => (update.byteLength > 3 ? 'too big for the test' : null) };
		const { rooms } = roomsWith([first, second]);
		const room = rooms.open('kaart3')!;
		await room.whenReady();
		const conn = (id: string, userId: string) =>
			({
				identity: { connectionId: id, userId, role: 'professional', person: '' },
				awarenessIds: new Set(),
				start() {}
			}) as unknown as Connection;
		const good = conn('1', 'u-good');
		const bad = conn('2', 'u-bad');
		room.add(good);
		room.add(bad);
		expect(room.refusal(bad, new Uint8Array(1))).toBe('not this writer');
		expect(room.refusal(good, new Uint8Array(8))).toBe('too big for the test');
		expect(room.refusal(good, new Uint8Array(1))).toBeNull();
		room.remove(bad);
		room.remove(bad); // twice: told once
		room.remove(good);
		expect(calls).toEqual(['joined 1 kaart3', 'joined 2 kaart3', 'left 2 kaart3', 'left 1 kaart3']);
		await until(() => rooms.size === 0);
	});

	it('a map long at rest is deflated; it still answers a newcomer in full, and wakes for a change', async () => {
		const { rooms, docOf } = roomsWith([], { restAfterMs: 40 });
		const first = rooms.open('kaart4')!;
		const release = first.hold();
		await first.whenReady();
		for (let i = 0; i < 20; i++) addPerson(first.doc, { name: `Persoon ${i}`, sector: 'familie', ring: 2 }, localOrigin('test'));
		release();
		await until(() => rooms.size === 0);

		const room = rooms.open('kaart4')!;
		const reader = conn('1', 'u1');
		room.add(reader);
		await room.whenReady();
		expect(room.resting).toBe(true); // at rest as soon as it is loaded
		expect(room.deflated).toBe(false); // deflated only once it stayed at rest
		await until(() => room.deflated);

		// Sync step 2 (0, 1) with the whole map, for a client that has nothing yet.
		const answer = decoding.createDecoder(room.syncAnswer(new Uint8Array([0])));
		expect([decoding.readVarUint(answer), decoding.readVarUint(answer)]).toEqual([0, 1]);
		const newcomer = new Y.Doc();
		Y.applyUpdate(newcomer, decoding.readVarUint8Array(answer));
		expect(readPeople(newcomer)).toHaveLength(20);

		addPerson(room.doc, { name: 'Oma', sector: 'familie', ring: 1 }, localOrigin('test'));
		expect(room.resting).toBe(false);
		room.remove(reader);
		await until(() => rooms.size === 0);
		expect(readPeople(docOf('kaart4'))).toHaveLength(21);
	});
});
