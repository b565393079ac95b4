// Access is checked at the upgrade, but a socket can stay open for hours. The watch re-checks every
// open connection every few seconds against PocketBase (as the service identity, one query per open
// map plus one per batch of sessions) and closes it when its session ended (logout, absolute end),
// its user left the map, or its role changed. PocketBase stays the one place that decides.
import type { Connection } from './connection.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import type { ServiceClient } from './service.ts';
import { AccessCloseCode } from '../../src/lib/sync/status-messages.ts';
import { roleOnMap } from '../../src/lib/roles.ts';

const SESSION_CHUNK = 40;

export interface AccessWatch {
	stop(): void;
	/** Runs one check now (for tests and shutdown); resolves when it is done. */
	checkNow(): Promise<void>;
}

export function watchAccess(opts: {
	service: ServiceClient;
	rooms: () => Iterable<Room>;
	intervalMs: number;
	log: Log;
}): AccessWatch {
	const { service, log } = opts;
	const { pb, authed } = service;
	const teamOf = new Map<string, string>();
	let running: Promise<void> | null = null;

	async function rolesOnMap(mapId: string): Promise<Map<string, string>> {
		let team = teamOf.get(mapId);
		if (team === undefined) {
			const map = await authed(() => pb.collection('maps').getOne(mapId, { ...service.opts(), fields: 'team' }));
			team = String(map.team ?? '');
			teamOf.set(mapId, team);
		}
		const [members, reviewers] = await Promise.all([
			authed(() =>
				pb.collection('map_members').getFullList({
					...service.opts(),
					filter: pb.filter('map = {:m}', { m: mapId }),
					fields: 'user,role'
				})
			),
			team
				? authed(() =>
						pb.collection('team_members').getFullList({
							...service.opts(),
							filter: pb.filter('team = {:t} && role = "reviewer"', { t: team }),
							fields: 'user'
						})
					)
				: Promise.resolve([])
		]);
		const rolesByUser = new Map<string, string[]>();
		for (const row of members) {
			const user = String(row.user);
			rolesByUser.set(user, [...(rolesByUser.get(user) ?? []), String(row.role)]);
		}
		const reviewerIds = new Set(reviewers.map((row) => String(row.user)));
		const result = new Map<string, string>();
		for (const user of new Set([...rolesByUser.keys(), ...reviewerIds])) {
			const role = roleOnMap(rolesByUser.get(user) ?? [], reviewerIds.has(user));
			if (role) result.set(user, role);
		}
		return result;
	}

	/** Session ids among `sids` that are still active. */
	async function activeSessions(sids: string[]): Promise<Set<string>> {
		const active = new Set<string>();
		const now = Date.now();
		for (let i = 0; i < sids.length; i += SESSION_CHUNK) {
			const chunk = sids.slice(i, i + SESSION_CHUNK);
			const filter = chunk.map((_, n) => `id = {:s${n}}`).join(' || ');
			const params = Object.fromEntries(chunk.map((sid, n) => [`s${n}`, sid]));
			const rows = await authed(() =>
				pb.collection('sessions').getFullList({ ...service.opts(), filter: pb.filter(filter, params), fields: 'id,revoked_at,expires_at' })
			);
			for (const row of rows) {
				const expires = Date.parse(String(row.expires_at ?? '').replace(' ', 'T'));
				if (!row.revoked_at && Number.isFinite(expires) && expires > now) active.add(String(row.id));
			}
		}
		return active;
	}

	async function checkRoom(room: Room): Promise<void> {
		const conns = room.liveConnections;
		if (conns.length === 0) return;
		const roles = await rolesOnMap(room.mapId);
		for (const conn of conns) {
			const role = roles.get(conn.identity.userId);
			if (!role) end(conn, AccessCloseCode.accessEnded, 'access ended');
			else if (role !== conn.identity.role) end(conn, AccessCloseCode.roleChanged, 'role changed');
		}
	}

	async function checkSessions(conns: Connection[]): Promise<void> {
		const sids = [...new Set(conns.map((c) => c.identity.sessionId).filter((s): s is string => !!s))];
		if (sids.length === 0) return;
		const active = await activeSessions(sids);
		for (const conn of conns) {
			const sid = conn.identity.sessionId;
			if (sid && !active.has(sid)) end(conn, AccessCloseCode.sessionEnded, 'session ended');
		}
	}

	function end(conn: Connection, code: number, reason: string): void {
		const { connectionId, mapId, userId } = conn.identity;
		log('info', 'closing connection: ' + reason, { connectionId, mapId, userId, code });
		conn.close(code, reason);
	}

	async function check(): Promise<void> {
		const rooms = [...opts.rooms()];
		const live = new Set(rooms.map((r) => r.mapId));
		for (const mapId of teamOf.keys()) if (!live.has(mapId)) teamOf.delete(mapId);
		const results = await Promise.allSettled([
			checkSessions(rooms.flatMap((r) => r.liveConnections)),
			...rooms.map((room) => checkRoom(room))
		]);
		for (const result of results) {
			// PocketBase unreachable: keep everyone connected, and check again next time.
			if (result.status === 'rejected') log('warn', 'access check failed', errorSummary(result.reason));
		}
	}

	function checkNow(): Promise<void> {
		running ??= check().finally(() => {
			running = null;
		});
		return running;
	}

	const timer = setInterval(() => void checkNow(), opts.intervalMs);
	timer.unref();
	return {
		stop: () => clearInterval(timer),
		checkNow
	};
}
