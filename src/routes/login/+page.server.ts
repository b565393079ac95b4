import { fail, redirect } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { safeNext } from '$lib/server/pocketbase';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return { returning: url.searchParams.has('next') };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, url }) => {
		const form = await request.formData();
		const email = String(form.get('email') ?? '').trim().slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 256);
		if (!email || !password) return fail(400, { email, message: m.login_missing() });
		try {
			await locals.pb.collection('users').authWithPassword(email, password);
		} catch (e) {
			// PocketBase answers 400 for a wrong email or password; anything else is the server.
			const wrong = e instanceof ClientResponseError && e.status >= 400 && e.status < 500;
			return fail(wrong ? 400 : 503, { email, message: wrong ? m.login_failed() : m.login_unavailable() });
		}
		redirect(303, safeNext(url.searchParams.get('next')));
	}
} satisfies Actions;
