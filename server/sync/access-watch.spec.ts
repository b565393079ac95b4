// The access watch as a room extension, without PocketBase: what it is told closes or re-checks
// exactly the connections it concerns, found through the connections that joined and have not
// left. What PocketBase sends and decides: tests/integration/sync-access-watch.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessCloseCode } from '../../src/lib/protocol/sync.ts';
import { watchAccess } from './access-watch.ts';
import type { Connection, ConnectionIdentity } from './connection.ts';
import type { Room } from './room.ts';
import type { ServiceClient } from './service.ts';

/** A connection that records how it was closed. */
function conn(id: string, who: Partial<ConnectionIdentity>): Connection & { closedWith: number | null } {
	const c = {
		identity: {
			connectionId: id,
			mapId: 'm1',
			userId: 'u1',
			role: 'professional',
			readOnly: false,
			team: 't1',
			sessionId: null,
			sessionEndsAt: null,
			...who
		},
		closedWith: null as number | null,
		close(code: number) {
			c.closedWith = code;
		}
	};
	return c as unknown as Connection & { closedWith: number | null };
}

/** PocketBase's connection check, answering each role from `roles` (user/map) and every session as live. */
function service(roles: Record<string, string>) {
	const asked: string[][] = [];
	const client = {
		authed: <T>(call: () => Promise<T>) => call(),
		opts: () => ({ signal: new AbortController().signal }),
		pb: {
			send: async (_path: string, { body }: { body: { check: { map: string; user: string }[] } }) => {
				asked.push(body.check.map((c) => `${c.user}/${c.map}`));
				return { results: body.check.map((c) => ({ role: roles[`${c.user}/${c.map}`] ?? '', session: true })) };
			}
		}
	};
	return { client: client as unknown as ServiceClient, asked };
}

const room = {} as Room;
const quiet = () => {};
let stops: (() => void)[] = [];
afterEach(() => {
	for (const stop of stops) stop();
	stops = [];
	vi.useRealTimers();
});

function watch(roles: Record<string, string> = {}, sessionSweepMs?: number) {
	const pb = service(roles);
	const w = watchAccess({ service: pb.client, log: quiet, realtime: false, sessionSweepMs });
	stops.push(() => w.stop());
	return { w, asked: pb.asked };
}

describe('the access watch', () => {
	it('a logout closes the connections of that session only; one that already left is not touched', () => {
		const { w } = watch();
		const a = conn('a', { sessionId: 's1' });
		const b = conn('b', { sessionId: 's1', mapId: 'm2' });
		const c = conn('c', { sessionId: 's2' });
		for (const x of [a, b, c]) w.connected!(room, x);
		w.disconnected!(room, b);
		w.notify({ collection: 'sessions', action: 'update', record: { id: 's1', revoked_at: '2026-12-06 10:00:00.000Z' } });
		expect([a.closedWith, b.closedWith, c.closedWith]).toEqual([AccessCloseCode.sessionEnded, null, null]);
	});

	it('a closed map closes its writers (they come back read-only) and keeps its readers; other maps are untouched', () => {
		const { w } = watch();
		const writer = conn('w', { mapId: 'm1' });
		const reader = conn('r', { mapId: 'm1', readOnly: true, userId: 'u2' });
		const elsewhere = conn('e', { mapId: 'm2' });
		for (const x of [writer, reader, elsewhere]) w.connected!(room, x);
		w.notify({ collection: 'maps', action: 'update', record: { id: 'm1', closed_at: '2026-12-06 10:00:00.000Z' } });
		expect([writer.closedWith, reader.closedWith, elsewhere.closedWith]).toEqual([AccessCloseCode.roleChanged, null, null]);
		w.notify({ collection: 'maps', action: 'delete', record: { id: 'm1' } });
		expect(reader.closedWith).toBe(AccessCloseCode.accessEnded);
		expect(elsewhere.closedWith).toBeNull();
	});

	it('a removed account closes all its connections, on every map', () => {
		const { w } = watch();
		const a = conn('a', { userId: 'u9', mapId: 'm1' });
		const b = conn('b', { userId: 'u9', mapId: 'm2' });
		const other = conn('o', { userId: 'u1' });
		for (const x of [a, b, other]) w.connected!(room, x);
		w.notify({ collection: 'users', action: 'delete', record: { id: 'u9' } });
		expect([a.closedWith, b.closedWith, other.closedWith]).toEqual([AccessCloseCode.accessEnded, AccessCloseCode.accessEnded, null]);
	});

	it('a changed membership asks PocketBase about that user on that map only, and acts on its answer', async () => {
		const { w, asked } = watch({ 'u1/m1': 'jim', 'u1/m2': 'professional' });
		const onMap = conn('a', { userId: 'u1', mapId: 'm1', role: 'professional' });
		const sameUserOtherMap = conn('b', { userId: 'u1', mapId: 'm2' });
		const otherUser = conn('c', { userId: 'u2', mapId: 'm1' });
		for (const x of [onMap, sameUserOtherMap, otherUser]) w.connected!(room, x);
		w.notify({ collection: 'map_members', action: 'update', record: { id: 'x', map: 'm1', user: 'u1' } });
		await vi.waitFor(() => expect(onMap.closedWith).toBe(AccessCloseCode.roleChanged));
		expect(asked).toEqual([['u1/m1']]);
		expect([sameUserOtherMap.closedWith, otherUser.closedWith]).toEqual([null, null]);
	});

	it('a team membership re-checks that user on the team’s maps; an event that concerns nobody open asks nothing', async () => {
		const { w, asked } = watch({ 'u3/m1': '' });
		const inTeam = conn('a', { userId: 'u3', mapId: 'm1', team: 't1', role: 'reviewer', readOnly: true });
		const otherTeam = conn('b', { userId: 'u3', mapId: 'm5', team: 't2', role: 'reviewer', readOnly: true });
		for (const x of [inTeam, otherTeam]) w.connected!(room, x);
		w.notify({ collection: 'team_members', action: 'delete', record: { id: 'x', team: 't1', user: 'u3' } });
		await vi.waitFor(() => expect(inTeam.closedWith).toBe(AccessCloseCode.accessEnded));
		expect(otherTeam.closedWith).toBeNull();
		w.disconnected!(room, inTeam); // its room lets it go once the socket has closed
		w.notify({ collection: 'map_members', action: 'create', record: { id: 'y', map: 'm9', user: 'u8' } });
		await w.checkAll();
		// checkAll asked about the one connection still open; the event about u8 asked nothing.
		expect(asked).toEqual([['u3/m1'], ['u3/m5']]);
	});

	it('a session past its end is closed by the sweep, without asking PocketBase', async () => {
		vi.useFakeTimers();
		const { w, asked } = watch({}, 1000);
		const ending = conn('a', { sessionId: 's1', sessionEndsAt: Date.now() + 1500 });
		const lasting = conn('b', { sessionId: 's2', sessionEndsAt: Date.now() + 60_000 });
		for (const x of [ending, lasting]) w.connected!(room, x);
		await vi.advanceTimersByTimeAsync(1000);
		expect(ending.closedWith).toBeNull();
		await vi.advanceTimersByTimeAsync(1000);
		expect([ending.closedWith, lasting.closedWith]).toEqual([AccessCloseCode.sessionEnded, null]);
		expect(asked).toEqual([]);
	});
});
