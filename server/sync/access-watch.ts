// Access is checked at the upgrade, but a socket can stay open for hours. PocketBase tells the
// sync server when access may have changed (realtime events of its service identity), and only
// the connections that change concerns are checked again, as one request:
//
// - a session revoked (logout) or removed: its connections close;
// - a membership of a map created, changed or removed: that user's connections to that map;
// - a team membership: that user's connections to the team's maps (reviewers read them all);
// - a map or a user removed: their connections close;
// - a map closed: its writing connections close, and reconnect read-only.
//
// A session's absolute end needs no event: each connection knows when its session ends. While
// nothing changes, the watch costs PocketBase nothing. After the event stream was (re)made,
// events may have been missed, so every open connection is checked, in batches.
// PocketBase stays the one place that decides (POST /api/kring/connections/check, hooks/sync_access.go).
import type { Connection } from './connection.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import type { ServiceClient } from './service.ts';
import { subscribeRealtime, type RealtimeEvent } from './realtime.ts';
import { AccessCloseCode } from '../../src/lib/protocol/sync.ts';

/** Connections asked about in one request (PocketBase takes up to 500). */
const BATCH = 200;
/** How often the watch looks for sessions past their end (local, no request). */
const SESSION_SWEEP_MS = 5_000;

export interface AccessWatch {
	stop(): void;
	/** Checks every open connection now (after a reconnect; tests); resolves when done. */
	checkAll(): Promise<void>;
	/** How many connections were checked with PocketBase so far (for tests and benches). */
	readonly checked: number;
}

interface CheckResult {
	role: string;
	session: boolean;
}

export function watchAccess(opts: {
	service: ServiceClient;
	rooms: () => Iterable<Room>;
	roomOf: (mapId: string) => Room | undefined;
	log: Log;
	/** Subscribe to PocketBase's events (false in unit tests that drive the watch themselves). */
	realtime?: boolean;
	sessionSweepMs?: number;
}): AccessWatch {
	const { service, log } = opts;
	let checked = 0;
	/** Connections waiting for a check, and the check in flight (one at a time, in batches). */
	const pending = new Set<Connection>();
	let draining: Promise<void> | null = null;

	function live(): Connection[] {
		return [...opts.rooms()].flatMap((room) => room.liveConnections);
	}

	function end(conn: Connection, code: number, reason: string): void {
		const { connectionId, mapId, userId } = conn.identity;
		log('info', 'closing connection: ' + reason, { connectionId, mapId, userId, code });
		conn.close(code, reason);
	}

	async function checkBatch(conns: Connection[]): Promise<void> {
		const check = conns.map(({ identity }) => ({ map: identity.mapId, user: identity.userId, session: identity.sessionId ?? '' }));
		const { results } = await service.authed(() =>
			service.pb.send<{ results: CheckResult[] }>('/api/kring/connections/check', { method: 'POST', body: { check }, ...service.opts() })
		);
		checked += conns.length;
		log('info', 'access checked', { connections: conns.length });
		conns.forEach((conn, i) => {
			const result = results[i];
			if (!result) return;
			if (conn.identity.sessionId && !result.session) end(conn, AccessCloseCode.sessionEnded, 'session ended');
			else if (!result.role) end(conn, AccessCloseCode.accessEnded, 'access ended');
			else if (result.role !== conn.identity.role) end(conn, AccessCloseCode.roleChanged, 'role changed');
		});
	}

	/** Checks the waiting connections, BATCH at a time, until none wait. */
	function drain(): Promise<void> {
		draining ??= (async () => {
			while (pending.size > 0) {
				const batch = [...pending].slice(0, BATCH);
				for (const conn of batch) pending.delete(conn);
				try {
					await checkBatch(batch);
				} catch (err) {
					// PocketBase unreachable: everyone stays connected. The realtime stream drops
					// too, and its reconnect checks every connection again.
					log('warn', 'access check failed', { connections: batch.length, ...errorSummary(err) });
				}
			}
		})().finally(() => {
			draining = null;
		});
		return draining;
	}

	function recheck(conns: Iterable<Connection>): Promise<void> {
		for (const conn of conns) pending.add(conn);
		return drain();
	}

	function onEvent({ collection, action, record }: RealtimeEvent): void {
		const str = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : '');
		// Most events (a login, a map saved) concern no open connection: leave before looking.
		switch (collection) {
			case 'sessions':
				if (action === 'delete' || str('revoked_at') !== '')
					endWhere((c) => c.identity.sessionId === record.id, AccessCloseCode.sessionEnded, 'session ended');
				return;
			case 'map_members':
				void recheck(inMap(str('map')).filter((c) => c.identity.userId === str('user')));
				return;
			case 'team_members':
				void recheck(live().filter((c) => c.identity.team === str('team') && c.identity.userId === str('user')));
				return;
			case 'maps':
				if (action === 'delete') endWhere((c) => c.identity.mapId === record.id, AccessCloseCode.accessEnded, 'map removed');
				// Closed: writers reconnect, and are let in read-only (auth.ts).
				else if (str('closed_at') !== '')
					endWhere((c) => c.identity.mapId === record.id && !c.identity.readOnly, AccessCloseCode.roleChanged, 'map closed');
				return;
			case 'users':
				if (action === 'delete') endWhere((c) => c.identity.userId === record.id, AccessCloseCode.accessEnded, 'account removed');
				return;
		}
	}

	/** The open connections of one map (its room only, not every open map). */
	function inMap(mapId: string): Connection[] {
		return opts.roomOf(mapId)?.liveConnections ?? [];
	}

	function endWhere(match: (conn: Connection) => boolean, code: number, reason: string): void {
		for (const conn of live()) if (match(conn)) end(conn, code, reason);
	}

	function checkAll(): Promise<void> {
		return recheck(live());
	}

	const realtime =
		opts.realtime === false
			? null
			: subscribeRealtime({
					service,
					collections: ['sessions', 'map_members', 'team_members', 'maps', 'users'],
					onEvent,
					onSubscribed: () => void checkAll(),
					log
				});

	const sweep = setInterval(() => {
		const now = Date.now();
		for (const conn of live()) {
			const endsAt = conn.identity.sessionEndsAt;
			if (endsAt !== null && endsAt <= now) end(conn, AccessCloseCode.sessionEnded, 'session ended');
		}
	}, opts.sessionSweepMs ?? SESSION_SWEEP_MS);
	sweep.unref();

	return {
		stop() {
			realtime?.stop();
			clearInterval(sweep);
		},
		checkAll,
		get checked() {
			return checked;
		}
	};
}
