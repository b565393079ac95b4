// The sync server: y-websocket protocol at /sync/<map id>, auth at the upgrade, one room per map.
// Everything lives on the object createSyncServer returns (no module state), so several servers
// can run in one process and each map's state is always reloadable from PocketBase.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { checkAccess, clientAddress, extractToken, parseSyncPath, type Access, type Upstream } from './auth.ts';
import { Connection, type ConnectionLimits } from './connection.ts';
import { consoleLog, errorSummary, type Log } from './log.ts';
import { watchAccess } from './access-watch.ts';
import { createGate, type GateOptions } from './admission.ts';
import { createPocketBasePersistence } from './persistence.ts';
import { createServiceClient } from './service.ts';
import { AccessCloseCode, CloseCode, STATUS_PARAM } from '../../src/lib/protocol/sync.ts';
import { Rooms } from './rooms.ts';
import type { Room } from './room.ts';
import { DEFAULT_VERSION_INTERVAL_MS } from './versions.ts';
import { createVersionStore } from './version-store.ts';
import { versionsExtension } from './versions-extension.ts';
import { writeGuard } from './write-guard.ts';
import { createVersionApi } from './version-api.ts';
import { createExportApi } from './export-api.ts';
import { createStateApi } from './state-api.ts';

export interface SyncServerOptions {
	pocketbaseUrl: string;
	/**
	 * The secret PocketBase takes X-Forwarded-For with (KRING_PROXY_SECRET, made by `npm start`):
	 * without it, PocketBase records this server's own address for a user's request.
	 */
	proxySecret?: string;
	/** Service identity, used ONLY for persistence (map_docs, map_updates) and to re-check open connections. */
	superuser: { email: string; password: string };
	/** Default 1 MiB; a larger frame closes its connection with 1009. */
	maxFrameBytes?: number;
	/** Default 50. */
	persistDebounceMs?: number;
	/** Default 200: a change is stored (appended to the map's log) within this bound plus one request. */
	persistMaxWaitMs?: number;
	/**
	 * Default 4 MiB: a change that would make a map's encoded state larger is refused (and the writer
	 * told). Kept below what a version stores (its projection may be 12 MiB, migration 1764920000).
	 */
	maxDocBytes?: number;
	/** Default 200 entries or 1 MiB: when a map's change log is folded into its stored state. */
	compactAfter?: { count: number; bytes: number };
	/** Default: console, one line of JSON. */
	log?: Log;
	/**
	 * Browser origins allowed to open a socket (the app's own). A browser always sends Origin, so
	 * another site cannot ride on the user's cookie; clients without Origin (Node) pass. Unset: any.
	 */
	allowedOrigins?: string[];
	/** What one connection may cost (buffered bytes, presence, message rate); defaults in connection.ts. */
	connectionLimits?: Partial<ConnectionLimits>;
	/** Default 20: open sync sockets per user across this process; one more is closed with 4429. */
	maxSocketsPerUser?: number;
	/** Default 30 s: a connection that did not answer the last ping with a pong is dropped. */
	pingIntervalMs?: number;
	/**
	 * Default 16 at once, 4,000 waiting, 15 s: the access checks of upgrades, so that a crowd
	 * reconnecting at once is refused early (503, Retry-After) instead of timing out PocketBase.
	 */
	admission?: Partial<GateOptions>;
	/** Default 15 minutes: during a session, a version is kept this often (when the content changed). */
	versionIntervalMs?: number;
	/** Default 10 s: a map nobody changed for this long keeps only its encoded state (Room.restIfQuiet). */
	restAfterMs?: number;
}

/** Close code for a socket past maxSocketsPerUser; y-websocket does not reconnect on 4400–4499. */
export const TOO_MANY_SOCKETS_CLOSE_CODE = AccessCloseCode.tooManySockets;
const DEFAULT_MAX_SOCKETS_PER_USER = 20;

export interface SyncServer {
	/** Call from an http.Server 'upgrade' listener. Returns false (and does nothing) when the path is not /sync/...; otherwise takes over the socket. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/**
	 * Call from an http.Server 'request' listener before the app's handler. Returns false (and does
	 * nothing) when the path is not /sync-api/...; otherwise answers it (version-api.ts).
	 */
	handleRequest(req: IncomingMessage, res: ServerResponse): boolean;
	/** Number of loaded map rooms (for tests). */
	readonly roomCount: number;
	/** Number of loaded rooms at rest (for tests). */
	readonly restingCount: number;
	/** Flush every room's pending state to PocketBase, close all connections, stop. */
	close(): Promise<void>;
}

type Refusal = 401 | 403 | 503;

/** A map's state in base64 must fit PocketBase's 16 MiB text field with room to spare. */
const DEFAULT_MAX_DOC_BYTES = 4 << 20;

export function createSyncServer(opts: SyncServerOptions): SyncServer {
	const log = opts.log ?? consoleLog;
	const upstream: Upstream = { url: opts.pocketbaseUrl, proxySecret: opts.proxySecret };
	const service = createServiceClient(opts.pocketbaseUrl, opts.superuser);
	const persistence = createPocketBasePersistence(service);
	const versionStore = createVersionStore(service);
	const wss = new WebSocketServer({
		noServer: true,
		clientTracking: false, // rooms track their connections
		maxPayload: opts.maxFrameBytes ?? 1024 * 1024
	});
	let nextConnectionId = 1;
	/** Open sockets per user id, across all maps. */
	const socketsPerUser = new Map<string, number>();
	const maxSocketsPerUser = opts.maxSocketsPerUser ?? DEFAULT_MAX_SOCKETS_PER_USER;
	let closed = false;

	const versions = versionsExtension(versionStore, log, opts.versionIntervalMs ?? DEFAULT_VERSION_INTERVAL_MS);
	const accessWatch = watchAccess({ service, log });
	const rooms = new Rooms({
		persistence,
		log,
		extensions: [versions, accessWatch, writeGuard],
		persistDebounceMs: opts.persistDebounceMs ?? 50,
		persistMaxWaitMs: opts.persistMaxWaitMs ?? 200,
		maxDocBytes: opts.maxDocBytes ?? DEFAULT_MAX_DOC_BYTES,
		compactAfter: opts.compactAfter,
		restAfterMs: opts.restAfterMs,
		pingIntervalMs: opts.pingIntervalMs
	});

	// Waiting for a turn costs PocketBase nothing (an open TCP socket here), and the queue drains
	// at PocketBase's pace: about 300 checks a second on two cores. So a node's whole fleet (4,000
	// clients after a restart) waits its turn instead of being refused and coming back; only
	// beyond that does the gate refuse.
	const gate = createGate({ concurrency: 16, queue: 4000, waitMs: 15_000, ...opts.admission });

	function refuse(socket: Duplex, status: Refusal): void {
		const body = STATUS_CODES[status] ?? '';
		// Clients that read it come back spread over a few seconds rather than all at once.
		const retryAfter = status === 503 ? `Retry-After: ${1 + Math.floor(Math.random() * 5)}\r\n` : '';
		socket.once('finish', () => socket.destroy());
		socket.end(
			`HTTP/1.1 ${status} ${body}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n${retryAfter}` +
				`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
		);
	}

	function attach(ws: WebSocket, access: Extract<Access, { ok: true }> & { statusMessages: boolean }): void {
		if (closed) {
			ws.close(CloseCode.goingAway, 'server shutting down');
			return;
		}
		const open = socketsPerUser.get(access.userId) ?? 0;
		if (open >= maxSocketsPerUser) {
			log('warn', 'too many sockets for user, closing', { mapId: access.mapId, userId: access.userId, open });
			ws.close(TOO_MANY_SOCKETS_CLOSE_CODE, 'too many connections');
			return;
		}
		socketsPerUser.set(access.userId, open + 1);
		ws.once('close', () => {
			const left = (socketsPerUser.get(access.userId) ?? 1) - 1;
			if (left > 0) socketsPerUser.set(access.userId, left);
			else socketsPerUser.delete(access.userId);
		});
		const room = rooms.open(access.mapId);
		if (!room) {
			ws.close(CloseCode.goingAway, 'server shutting down');
			return;
		}
		const identity = {
			connectionId: String(nextConnectionId++),
			mapId: access.mapId,
			userId: access.userId,
			userName: access.userName,
			authorName: access.authorName,
			role: access.role,
			readOnly: access.readOnly,
			team: access.team,
			person: access.person,
			sessionId: access.sessionId,
			sessionEndsAt: access.sessionEndsAt,
			statusMessages: access.statusMessages
		};
		const conn = new Connection(ws, identity, room, log, (c) => room.remove(c), opts.connectionLimits);
		// Ids only: names stay out of the logs.
		log('info', 'connection opened', {
			connectionId: identity.connectionId,
			mapId: identity.mapId,
			userId: identity.userId,
			readOnly: identity.readOnly
		});
		room.add(conn);
	}

	async function admit(req: IncomingMessage, socket: Duplex, head: Buffer, mapId: string | null): Promise<void> {
		// The client may hang up while PocketBase answers; an unhandled socket error would crash us.
		const ignore = () => {};
		socket.on('error', ignore);
		let access: Access;
		const token = extractToken(req);
		const origin = req.headers.origin;
		if (closed) access = { ok: false, status: 503, reason: 'shutting-down' };
		else if (origin && opts.allowedOrigins && !opts.allowedOrigins.includes(origin))
			access = { ok: false, status: 403, reason: 'foreign-origin' };
		else if (!token) access = { ok: false, status: 401, reason: 'no-token' };
		else if (!mapId) access = { ok: false, status: 403, reason: 'invalid-map-id' };
		else {
			try {
				const checked = await gate.run(() => checkAccess(upstream, mapId, token, clientAddress(req)));
				access = checked === 'busy' ? { ok: false, status: 503, reason: 'busy' } : checked;
			} catch (err) {
				log('error', 'access check failed', { mapId, ...errorSummary(err) });
				access = { ok: false, status: 503, reason: 'access-check-failed' };
			}
		}
		if (socket.destroyed) return;
		if (closed && access.ok) access = { ok: false, status: 503, reason: 'shutting-down' };
		if (!access.ok) {
			log('info', 'upgrade refused', { mapId, status: access.status, reason: access.reason });
			refuse(socket, access.status);
			return;
		}
		socket.off('error', ignore);
		const granted = { ...access, statusMessages: wantsStatus(req.url) };
		wss.handleUpgrade(req, socket, head, (ws) => attach(ws, granted));
	}

	/** The map's room, loaded and held until `release`; null while the server shuts down. */
	function heldRoom(mapId: string): { room: Room; release: () => void } | null {
		const room = closed ? null : rooms.open(mapId);
		return room ? { room, release: room.hold() } : null;
	}

	const versionApi = createVersionApi({
		pocketbase: upstream,
		allowedOrigins: opts.allowedOrigins,
		log,
		async logAccess(entry) {
			await service.authed(() =>
				service.pb.collection('access_log').create({ ...entry, role: 'professional' }, { ...service.opts(), fields: 'id' })
			);
		},
		acquire(mapId) {
			const held = heldRoom(mapId);
			return held && { ...held, versions: versions.of(held.room)! };
		}
	});

	const exportApi = createExportApi({
		pocketbase: upstream,
		allowedOrigins: opts.allowedOrigins,
		log,
		acquire: heldRoom
	});

	const stateApi = createStateApi({
		pocketbase: upstream,
		allowedOrigins: opts.allowedOrigins,
		log,
		admit: (check) => gate.run(check),
		acquire: heldRoom
	});

	return {
		handleRequest: (req, res) => stateApi(req, res) || exportApi(req, res) || versionApi(req, res),

		handleUpgrade(req, socket, head) {
			const path = parseSyncPath(req.url);
			if (path.kind === 'not-sync') return false;
			admit(req, socket, head, path.kind === 'map' ? path.mapId : null).catch((err: unknown) => {
				log('error', 'upgrade failed', errorSummary(err));
				socket.destroy();
			});
			return true;
		},

		get roomCount() {
			return rooms.size;
		},

		get restingCount() {
			return rooms.restingCount;
		},

		async close() {
			if (closed) return;
			closed = true;
			accessWatch.stop();
			await rooms.shutdown();
			wss.close();
		}
	};
}

/** Whether the client asked for Kring's status messages (see lib/protocol/sync.ts). */
function wantsStatus(rawUrl: string | undefined): boolean {
	try {
		return new URL(rawUrl ?? '/', 'http://localhost').searchParams.get(STATUS_PARAM) === '1';
	} catch {
		return false;
	}
}
