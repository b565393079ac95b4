// Who is connecting and what they may do, decided before the websocket upgrade.
// Authorization has one home, PocketBase's API rules: the check runs with the user's OWN token,
// so this module keeps no list of who may open what. One request per upgrade.
import type { IncomingMessage } from 'node:http';
import PocketBase, { BaseAuthStore, ClientResponseError, cookieParse } from 'pocketbase';
import { useFastFetch } from '../../src/lib/server/pocketbase-fetch.ts';
import { canWrite } from '../../src/lib/roles.ts';
import { accountName } from '../../src/lib/doc/write-rules.ts';

/** PocketBase record ids: 15 chars of [a-z0-9]. Anything else is refused without asking PocketBase. */
const RECORD_ID = /^[a-z0-9]{15}$/;
/** JWT alphabet; rejecting anything else early keeps odd bytes out of outgoing headers. */
const TOKEN_SHAPE = /^[A-Za-z0-9._-]{10,4096}$/;
const CHECK_TIMEOUT_MS = 10_000;

export type SyncPath = { kind: 'not-sync' } | { kind: 'invalid' } | { kind: 'map'; mapId: string };

export type Access =
	| {
			ok: true;
			mapId: string;
			userId: string;
			userName: string;
			/** The name the account signs with in the map (accountName). */
			authorName: string;
			role: string;
			/** The role writes not, or the map is closed (kept read-only for everyone). */
			readOnly: boolean;
			/** The map's professional closed it (hooks/map_close.go). */
			closed: boolean;
			/** The map's team: a change to its reviewers concerns this connection. */
			team: string;
			/** The person on the map the membership names ('' for none): a JIM waits for the youth's yes to them. */
			person: string;
			/** The PocketBase session the token belongs to (its `sid` claim), watched while connected. */
			sessionId: string | null;
			/** When that session ends (ms since the epoch), however long the socket stays open. */
			sessionEndsAt: number | null;
	  }
	| { ok: false; status: 401 | 403 | 503; reason: string };

/** `/sync/<map id>` (query string ignored). */
export function parseSyncPath(rawUrl: string | undefined): SyncPath {
	let pathname: string;
	try {
		pathname = new URL(rawUrl ?? '/', 'http://localhost').pathname;
	} catch {
		return { kind: 'not-sync' };
	}
	if (!pathname.startsWith('/sync/')) return { kind: 'not-sync' };
	const mapId = pathname.slice('/sync/'.length);
	return RECORD_ID.test(mapId) ? { kind: 'map', mapId } : { kind: 'invalid' };
}

/** Token from the `token` query parameter, else the `pb_auth` cookie (raw token or the SDK's exportToCookie JSON). */
export function extractToken(req: IncomingMessage): string | null {
	let fromQuery: string | null;
	try {
		fromQuery = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
	} catch {
		fromQuery = null;
	}
	const candidate = fromQuery || tokenFromCookie(req.headers.cookie);
	return candidate && TOKEN_SHAPE.test(candidate) ? candidate : null;
}

/**
 * Token of a plain HTTP request (sync-api): the Authorization header ("Bearer <token>" or the
 * token alone, as the PocketBase SDK sends it), else the `pb_auth` cookie. Never the query
 * string: a token in a URL ends up in logs.
 */
export function requestToken(req: IncomingMessage): string | null {
	const header = req.headers.authorization?.trim() ?? '';
	const candidate = (header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : header) || tokenFromCookie(req.headers.cookie);
	return candidate && TOKEN_SHAPE.test(candidate) ? candidate : null;
}

function tokenFromCookie(header: string | undefined): string | null {
	if (!header) return null;
	const value = cookieParse(header)['pb_auth']; // already URL-decoded where possible
	if (!value) return null;
	if (!value.startsWith('{')) return value;
	try {
		const parsed: unknown = JSON.parse(value);
		const token = (parsed as { token?: unknown } | null)?.token;
		return typeof token === 'string' ? token : null;
	} catch {
		return null;
	}
}

/** PocketBase as the sync server reaches it on a user's behalf. */
export interface Upstream {
	url: string;
	/** With it PocketBase believes the X-Forwarded-For we send (server/pocketbase/hooks/proxy.go). */
	proxySecret?: string;
}

export function userClient(upstream: Upstream, token: string, address: string): PocketBase {
	// A fresh client per upgrade: one user's auth never leaks into another's request.
	const pb = new PocketBase(upstream.url, new BaseAuthStore());
	pb.autoCancellation(false); // concurrent upgrades must not cancel each other
	pb.authStore.save(token, null);
	// PocketBase trusts this header from us only: its access log says where the user came from.
	const { proxySecret } = upstream;
	if (address && proxySecret) {
		pb.beforeSend = (url, options) => {
			options.headers = { ...options.headers, 'x-forwarded-for': address, 'x-kring-proxy': proxySecret };
			return { url, options };
		};
	}
	return useFastFetch(pb);
}

/**
 * Where a request came from: the socket's peer, or behind a proxy the header adapter-node is
 * told to read (ADDRESS_HEADER; for X-Forwarded-For the entry XFF_DEPTH from the right).
 */
export function clientAddress(req: IncomingMessage, env: NodeJS.ProcessEnv = process.env): string {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	if (header) {
		const value = req.headers[header];
		const raw = Array.isArray(value) ? value.join(',') : (value ?? '');
		if (header === 'x-forwarded-for') {
			const entries = raw
				.split(',')
				.map((a) => a.trim())
				.filter(Boolean);
			const depth = Number(env.XFF_DEPTH) || 1;
			return entries[entries.length - depth] ?? '';
		}
		return raw.trim();
	}
	return req.socket.remoteAddress ?? '';
}

function statusOf(err: unknown): number {
	return err instanceof ClientResponseError ? err.status : 0;
}

/** PocketBase unreachable, timing out or failing (status 0 or 5xx): not the user's fault. */
function isOutage(status: number): boolean {
	return status === 0 || status >= 500;
}

/** What PocketBase answers at GET /api/kring/maps/<map>/connect (server/pocketbase/hooks/sync_access.go). */
interface AccessAnswer {
	user: { id: string; name: string; email: string };
	role: string;
	person?: string;
	team: string;
	session: { id: string; endsAt: string } | null;
	closed?: boolean;
}

/**
 * Who is connecting and in which role, in one request to PocketBase with the user's own token:
 * the maps view rule decides whether they may open the map, package access (Go) in which role,
 * and PocketBase logs the opening.
 */
export async function checkAccess(upstream: Upstream, mapId: string, token: string, address = ''): Promise<Access> {
	const pb = userClient(upstream, token, address);
	let answer: AccessAnswer;
	try {
		answer = await pb.send<AccessAnswer>(`/api/kring/maps/${encodeURIComponent(mapId)}/connect`, {
			method: 'GET',
			signal: AbortSignal.timeout(CHECK_TIMEOUT_MS)
		});
	} catch (err) {
		const status = statusOf(err);
		if (isOutage(status) || status === 429) return { ok: false, status: 503, reason: 'access-check-failed' };
		if (status === 401) return { ok: false, status: 401, reason: 'invalid-token' };
		return { ok: false, status: 403, reason: 'map-not-visible' };
	}
	const { user, role, person, team, session } = answer;
	const closed = answer.closed === true;
	if (!user?.id || !role) return { ok: false, status: 403, reason: 'map-not-visible' };
	const endsAt = session ? Date.parse(session.endsAt.replace(' ', 'T')) : NaN;
	return {
		ok: true,
		mapId,
		userId: user.id,
		// Shown to the others on the map as this person's presence, whatever their client claims.
		userName: String(user.name || '').slice(0, 60),
		authorName: accountName({ name: user.name, email: user.email }),
		role,
		readOnly: !canWrite(role) || closed,
		closed,
		team: String(team ?? ''),
		person: String(person ?? ''),
		sessionId: session?.id ?? sessionIdOf(token),
		sessionEndsAt: Number.isFinite(endsAt) ? endsAt : null
	};
}

/**
 * The `sid` claim of a token PocketBase has just accepted (so its signature is already checked).
 * PocketBase's hooks put it in every user token (server/pocketbase/hooks).
 */
export function sessionIdOf(token: string): string | null {
	try {
		const payload: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
		const sid = (payload as { sid?: unknown } | null)?.sid;
		return typeof sid === 'string' && RECORD_ID.test(sid) ? sid : null;
	} catch {
		return null;
	}
}
