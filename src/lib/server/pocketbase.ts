import PocketBase from 'pocketbase';
import { env } from '$env/dynamic/private';
import type { TypedPocketBase } from '$lib/pocketbase-types';
import { isDown } from './outage';
import { useFastFetch } from './pocketbase-fetch';

export const AUTH_COOKIE = 'pb_auth';
/**
 * How long a page waits for one PocketBase request (env POCKETBASE_TIMEOUT_MS): short enough that
 * the page says Kring is unavailable well before a proxy in front of it gives up (often 30 to 60 s).
 */
const DEFAULT_TIMEOUT_MS = 4_000;

/**
 * A fresh client per request: a shared one would leak one user's auth into another's request.
 * `clientAddress` travels as X-Forwarded-For, which PocketBase trusts only with the proxy secret
 * `npm start` gave both processes (KRING_PROXY_SECRET): its access log and its limits per
 * address see the browser, not this server, and nobody else can set them.
 */
export function createPocketBase(clientAddress = ''): TypedPocketBase {
	const pb = new PocketBase(env.POCKETBASE_URL || 'http://127.0.0.1:8090') as TypedPocketBase;
	pb.autoCancellation(false);
	// A hung PocketBase must not hang the page: the request fails (status 0) and the page shows
	// that Kring is unavailable.
	const timeoutMs = Number(env.POCKETBASE_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
	pb.beforeSend = (url, options) => {
		options.signal ??= AbortSignal.timeout(timeoutMs);
		if (clientAddress) options.headers = { 'x-forwarded-for': clientAddress, ...options.headers };
		if (env.KRING_PROXY_SECRET) options.headers = { ...options.headers, 'x-kring-proxy': env.KRING_PROXY_SECRET };
		return { url, options };
	};
	useFastFetch(pb);
	// Once PocketBase did not answer, the rest of this request does not wait for it again: the
	// page says Kring is unavailable after one timeout, not after one per request it would make.
	const send = pb.send.bind(pb);
	let down: unknown = null;
	pb.send = async (path, options) => {
		if (down) throw down;
		try {
			return await send(path, options);
		} catch (e) {
			if (isDown(e)) down = e;
			throw e;
		}
	};
	return pb;
}

/** The auth cookie: HttpOnly (no script reads it), SameSite=Lax (sent with the sync upgrade). */
export function authCookieOptions(url: URL) {
	return { httpOnly: true, sameSite: 'Lax' as const, secure: url.protocol === 'https:', path: '/' };
}

export { safeNext } from './safe-next';
