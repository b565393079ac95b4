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
import type { RoomExtension } from './extension.ts';
import { errorSummary, type Log } from './log.ts';
import type { ServiceClient } from './service.ts';
import { subscribeRealtime, type RealtimeEvent } from './realtime.ts';
import { AccessCloseCode } from '../../src/lib/protocol/sync.ts';

/** Connections asked about in one request (PocketBase takes up to 500). */
const BATCH = 200;
/** How often the watch looks for sessions past their end (local, no request). */
const SESSION_SWEEP_MS = 5_000;

/**
 * The watch is a room extension: it keeps the open connections by session, user and map as they
 * join and leave, so an event finds the connections it concerns without walking every open map.
 */
export interface AccessWatch extends RoomExtension {
	stop(): void;
	/** What PocketBase told (realtime.ts calls it; tests may too). */
	notify(event: RealtimeEvent): void;
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

	/** Every open connection, and the same by session, user and map. */
	const open = new Set<Connection>();
	const bySession = new Index();
	const byUser = new Index();
	const byMap = new Index();

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
		// Connections added just as the loop ended (before `draining` was cleared) get a loop of their own.
		return draining.then(() => (pending.size > 0 ? drain() : undefined));
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
				if (action === 'delete' || str('revoked_at') !== '') endAll(bySession.of(str('id')), AccessCloseCode.sessionEnded, 'session ended');
				return;
			case 'map_members':
				void recheck(byUser.of(str('user')).filter((c) => c.identity.mapId === str('map')));
				return;
			case 'team_members':
				void recheck(byUser.of(str('user')).filter((c) => c.identity.team === str('team')));
				return;
			case 'maps':
				if (action === 'delete') endAll(byMap.of(str('id')), AccessCloseCode.accessEnded, 'map removed');
				// Closed: writers reconnect, and are let in read-only (auth.ts).
				else if (str('closed_at') !== '')
					endAll(
						byMap.of(str('id')).filter((c) => !c.identity.readOnly),
						AccessCloseCode.roleChanged,
						'map closed'
					);
				return;
			case 'users':
				if (action === 'delete') endAll(byUser.of(str('id')), AccessCloseCode.accessEnded, 'account removed');
				return;
		}
	}

	function endAll(conns: Connection[], code: number, reason: string): void {
		for (const conn of conns) end(conn, code, reason);
	}

	function checkAll(): Promise<void> {
		return recheck(open);
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
		for (const conn of open) {
			const endsAt = conn.identity.sessionEndsAt;
			if (endsAt !== null && endsAt <= now) end(conn, AccessCloseCode.sessionEnded, 'session ended');
		}
	}, opts.sessionSweepMs ?? SESSION_SWEEP_MS);
	sweep.unref();

	return {
		connected(_room, conn) {
			open.add(conn);
			if (conn.identity.sessionId) bySession.add(conn.identity.sessionId, conn);
			byUser.add(conn.identity.userId, conn);
			byMap.add(conn.identity.mapId, conn);
		},
		disconnected(_room, conn) {
			open.delete(conn);
			pending.delete(conn);
			if (conn.identity.sessionId) bySession.delete(conn.identity.sessionId, conn);
			byUser.delete(conn.identity.userId, conn);
			byMap.delete(conn.identity.mapId, conn);
		},
		notify: onEvent,
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

/** Connections by one key (a session, a user, a map); a key with none left is forgotten. */
class Index {
	private readonly sets = new Map<string, Set<Connection>>();

	add(key: string, conn: Connection): void {
		let set = this.sets.get(key);
		if (!set) this.sets.set(key, (set = new Set()));
		set.add(conn);
	}

	delete(key: string, conn: Connection): void {
		const set = this.sets.get(key);
		if (!set) return;
		set.delete(conn);
		if (set.size === 0) this.sets.delete(key);
	}

	of(key: string): Connection[] {
		return [...(this.sets.get(key) ?? [])];
	}
}
