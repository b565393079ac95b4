import { fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { AUTH_COOKIE, safeNext } from '$lib/server/pocketbase';
import { loginThrottle } from '$lib/server/login-throttle';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url, cookies }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	// "You were away too long" only when a session really ended: the browser still sends its
	// cookie, which no longer holds a valid session (this answer clears it). A first visit
	// following a link has no cookie and gets the plain login page; `next` is kept either way.
	return { returning: url.searchParams.has('next') && !!cookies.get(AUTH_COOKIE) };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, url, getClientAddress }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 256);
		if (!email || !password) return fail(400, { email, message: m.login_missing() });
		const address = getClientAddress();
		// Too many wrong tries for this account or from this address: PocketBase is not even asked.
		if (loginThrottle.blocked(address, email)) return fail(429, { email, message: m.login_throttled() });
		try {
			// Accounts are stored lower-cased: SAM@demo.local is Sam.
			await locals.pb.collection('users').authWithPassword(email.toLowerCase(), password);
		} catch (e) {
			const status = e instanceof ClientResponseError ? e.status : 0;
			// PocketBase throttles guessing per account too.
			if (status === 429) return fail(429, { email, message: m.login_throttled() });
			// PocketBase answers 400 for a wrong email or password; anything else is the server.
			const wrong = status >= 400 && status < 500;
			if (wrong) loginThrottle.failed(address, email);
			return fail(wrong ? 400 : 503, { email, message: wrong ? m.login_failed() : m.login_unavailable() });
		}
		loginThrottle.succeeded(address, email);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
