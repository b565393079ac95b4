import { redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { AUTH_COOKIE, authCookieOptions, createPocketBase } from '$lib/server/pocketbase';

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale) });
	});

function addressOf(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return ''; // no client address (a request made by the server itself)
	}
}

/** Reads the session from the cookie, confirms it with PocketBase, and writes it back. */
const authenticate: Handle = async ({ event, resolve }) => {
	const pb = createPocketBase(addressOf(event));
	pb.authStore.loadFromCookie(event.request.headers.get('cookie') ?? '', AUTH_COOKIE);
	if (pb.authStore.isValid) {
		try {
			await pb.collection('users').authRefresh();
		} catch {
			pb.authStore.clear();
		}
	}
	const record = pb.authStore.isValid ? pb.authStore.record : null;
	event.locals.pb = pb;
	event.locals.user = record ? { id: record.id, email: record.email, name: record.name || record.email } : null;

	const response = await resolve(event);
	response.headers.append('set-cookie', pb.authStore.exportToCookie(authCookieOptions(event.url), AUTH_COOKIE));
	return response;
};

const PUBLIC_PATHS = ['/login', '/uitnodiging'];

/** Every page but the login page needs a session; without one, go to login and come back after. */
const guard: Handle = ({ event, resolve }) => {
	if (!event.locals.user && !PUBLIC_PATHS.includes(event.url.pathname)) {
		const next = event.url.pathname + event.url.search;
		redirect(303, next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
	}
	return resolve(event);
};

/**
 * Pages about minors: never cached by a shared proxy, never framed, no sniffing, no powerful
 * browser features (QR codes are shown, never scanned: no camera). The Content-Security-Policy
 * comes from kit.csp in svelte.config.js.
 */
const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('cache-control', 'private, no-store');
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	response.headers.set('cross-origin-opener-policy', 'same-origin');
	// Only over https: a browser that saw it once refuses plain http to this host for a year.
	if (event.url.protocol === 'https:') response.headers.set('strict-transport-security', 'max-age=31536000');
	return response;
};

export const handle = sequence(i18n, authenticate, guard, headers);
