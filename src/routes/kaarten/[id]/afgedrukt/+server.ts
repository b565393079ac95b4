import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import type { RequestHandler } from './$types';

/**
 * The map page says the map was printed (the print sheet, or a PDF of it): PocketBase writes it
 * to the map's access log, as the user, who must be able to see the map (else 404, as for the map).
 */
export const POST: RequestHandler = async ({ locals, params }) => {
	try {
		await locals.pb.send(`/api/kring/maps/${encodeURIComponent(params.id)}/printed`, { method: 'POST' });
	} catch (e) {
		const status = e instanceof ClientResponseError ? e.status : 0;
		if (status === 404 || status === 403) error(404, m.map_not_found());
		if (status === 401) error(401, m.login_expired());
		error(503, m.login_unavailable());
	}
	return new Response(null, { status: 204 });
};
