import PocketBase from 'pocketbase';
import { env } from '$env/dynamic/private';

export const AUTH_COOKIE = 'pb_auth';

/** A fresh client per request: a shared one would leak one user's auth into another's request. */
export function createPocketBase(): PocketBase {
	const pb = new PocketBase(env.POCKETBASE_URL || 'http://127.0.0.1:8090');
	pb.autoCancellation(false);
	return pb;
}

/** The auth cookie: HttpOnly (no script reads it), SameSite=Lax (sent with the sync upgrade). */
export function authCookieOptions(url: URL) {
	return { httpOnly: true, sameSite: 'Lax' as const, secure: url.protocol === 'https:', path: '/' };
}

/** A same-site path to return to after login, or the maps overview. */
export function safeNext(next: string | null): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/kaarten';
	return next;
}
