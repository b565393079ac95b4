import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load = (() => redirect(303, '/kaarten')) satisfies PageServerLoad;

export const actions = {
	default: ({ locals }) => {
		// Clearing the store makes the auth hook send an expired cookie.
		locals.pb.authStore.clear();
		locals.user = null;
		redirect(303, '/login');
	}
} satisfies Actions;
