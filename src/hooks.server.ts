import { redirect, type Handle, type HandleServerError, type RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { isOutage, RETRY_AFTER_SECONDS } from '$lib/server/outage';
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
		} catch (e) {
			// PocketBase did not answer: that says nothing about the session, so it is kept (a
			// hiccup must not log everyone out). This client now fails at once (createPocketBase),
			// so the page says Kring is unavailable without showing anything of PocketBase's.
			if (!isOutage(e)) pb.authStore.clear();
		}
	}
	const record = pb.authStore.isValid ? pb.authStore.record : null;
	event.locals.pb = pb;
	event.locals.user = record ? { id: record.id, email: record.email, name: record.name || record.email } : null;

	const response = await resolve(event);
	response.headers.append('set-cookie', pb.authStore.exportToCookie(authCookieOptions(event.url), AUTH_COOKIE));
	return response;
};

/**
 * A page that met a PocketBase outage (handleError marks it, or a load ended with unavailable())
 * answers 503 with Retry-After, so browsers, proxies and monitors see "try again", not a bug.
 */
const unavailableStatus: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const outage = response.status === 503 || (response.status === 500 && event.locals.outage);
	if (!outage) return response;
	const headers = new Headers(response.headers);
	headers.set('retry-after', String(RETRY_AFTER_SECONDS));
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
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

export const handle = sequence(i18n, unavailableStatus, authenticate, guard, headers);

/**
 * An error no load caught. A PocketBase outage gets the plain "briefly unavailable" page (status
 * 503 via unavailableStatus); the log names the route's pattern and the status only: never the
 * address, its query or PocketBase's URL, which can hold names, ids and tokens.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (isOutage(error)) {
		event.locals.outage = true;
		const pbStatus = error instanceof ClientResponseError ? error.status : 0;
		console.warn(`kring: PocketBase unavailable (status ${pbStatus}) on ${event.route.id ?? 'an unknown route'}`);
		return { message: m.unavailable(), outage: true };
	}
	if (status >= 500) console.error(error);
	return { message };
};
