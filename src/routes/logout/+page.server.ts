import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/kaarten')) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals }) => {
		// End the session in PocketBase, so this token is refused everywhere (API and open map
		// connections) even if a copy of it survives. Logging out here goes on regardless.
		if (locals.pb.authStore.isValid) {
			await locals.pb.send('/api/kring/logout', { method: 'POST' }).catch(() => {});
		}
		// Clearing the store makes the auth hook send an expired cookie.
		locals.pb.authStore.clear();
		locals.user = null;
		redirect(303, '/login');
	}
} satisfies Actions;
