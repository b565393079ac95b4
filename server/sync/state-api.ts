// The map's state for a page that opens it, before its websocket is up:
//   GET /sync-api/maps/<map>/state   → 200 the whole map as one Yjs update (application/octet-stream)
// The map page asks for it from its <head> (a preload), so the map is on its way while the page's
// scripts load, and the circle is drawn with its people the first time instead of empty. The socket
// then only catches up. The user is checked as themselves against PocketBase, exactly as at the
// websocket upgrade (one request, the same admission gate), and gets exactly what the socket would
// give them: a JIM the youth has not said yes to yet gets nothing (409, as the socket's status).
// The room stays loaded a little while after, at rest, for the socket that follows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccess, clientAddress, requestToken, type Access, type Upstream } from './auth.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import { answer, ApiError, NOT_FOUND, pathOf, UNAVAILABLE } from './version-api.ts';

const STATE = /^\/sync-api\/maps\/([a-z0-9]{15})\/state$/;
/** How long the room stays loaded (at rest) after its state went out: the page's socket comes within a second or two. */
export const STATE_HOLD_MS = 15_000;

export interface StateApiDeps {
	pocketbase: Upstream;
	allowedOrigins?: string[];
	log: Log;
	/** Runs an access check in turn with the upgrades' (admission.ts); 'busy' when there is no room for it. */
	admit(check: () => Promise<Access>): Promise<Access | 'busy'>;
	/** The map's room, held loaded until `release`; null while the server shuts down. */
	acquire(mapId: string): { room: Room; release: () => void } | null;
}

/** Handles GET /sync-api/maps/<map>/state; returns false (and does nothing) for any other path. */
export function createStateApi(deps: StateApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
	return (req, res) => {
		const path = pathOf(req.url);
		const match = path === null ? null : STATE.exec(path);
		if (!match) return false;
		answer(res, state(req, match[1]), deps.log, 'state request failed', 'Er ging iets mis. Probeer het later nog eens.');
		return true;
	};

	async function state(req: IncomingMessage, mapId: string): Promise<{ status: number; body: Uint8Array }> {
		if (req.method !== 'GET') throw new ApiError(405, 'method-not-allowed', 'Alleen GET.', 'GET');
		const origin = req.headers.origin;
		if (origin && deps.allowedOrigins && !deps.allowedOrigins.includes(origin)) {
			throw new ApiError(403, 'foreign-origin', 'Dit verzoek komt niet van Kring zelf.');
		}
		const token = requestToken(req);
		if (!token) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
		let access: Access | 'busy';
		try {
			access = await deps.admit(() => checkAccess(deps.pocketbase, mapId, token, clientAddress(req)));
		} catch (err) {
			deps.log('error', 'access check failed', { mapId, ...errorSummary(err) });
			throw UNAVAILABLE();
		}
		if (access === 'busy') throw UNAVAILABLE();
		if (!access.ok) {
			if (access.status === 401) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
			if (access.status === 503) throw UNAVAILABLE();
			throw NOT_FOUND();
		}
		const held = deps.acquire(mapId);
		if (!held) throw UNAVAILABLE();
		const { room } = held;
		let body: Uint8Array;
		try {
			if (!(await room.whenReadable())) throw UNAVAILABLE();
			if (!room.mayRead(access)) {
				throw new ApiError(409, 'awaiting-consent', 'De jongere heeft nog geen ja gezegd tegen jou als JIM.');
			}
			body = room.wholeState();
			room.keepLoaded(STATE_HOLD_MS);
		} finally {
			held.release();
		}
		// Loaded for this request (nobody on it), it was held meanwhile and did not rest: it rests
		// now, as a room a socket loaded does (room.ts), until someone changes it. `body` is its
		// whole state. A map people are on rests as ever, once quiet for a while.
		if (room.liveConnections.length === 0) room.restIfQuiet(Date.now(), { atOnce: true, encoded: body });
		// Ids only: names stay out of the logs.
		deps.log('info', 'map state sent', { mapId, userId: access.userId, bytes: body.byteLength });
		return { status: 200, body };
	}
}
