import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { accessLogCsv } from '$lib/export/access-log-csv';
import { isOutage, unavailable } from '$lib/server/outage';
import type { RequestHandler } from './$types';

/**
 * "Wie heeft de kaart geopend?" as CSV (NEN 7513: the log can be handed to the person it is about),
 * for the youth and the map's professional. PocketBase decides and logs first (POST
 * /api/kring/maps/<map>/exported, "export-log": 403 for any other role, 404 for a map one may not
 * see), then the log is read as the user, so its own rules decide again what is in it.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const pb = locals.pb;
	try {
		await pb.send(`/api/kring/maps/${encodeURIComponent(params.id)}/exported`, { method: 'POST', body: { what: 'log' } });
	} catch (e) {
		if (isOutage(e)) unavailable();
		const status = e instanceof ClientResponseError ? e.status : 0;
		if (status === 401) error(401, m.login_expired());
		if (status === 403) error(403, m.export_forbidden());
		error(404, m.map_not_found());
	}
	const rows = await pb
		.collection('access_log')
		.getFullList({
			filter: pb.filter('map = {:map}', { map: params.id }),
			sort: '-created',
			fields: 'created,user_name,role,action,detail'
		})
		.catch(() => unavailable());
	const body = accessLogCsv(
		rows.map((row) => ({
			at: String(row.created ?? '').replace(' ', 'T'),
			name: String(row.user_name ?? ''),
			role: String(row.role ?? ''),
			action: String(row.action ?? ''),
			detail: String(row.detail ?? '')
		}))
	);
	const day = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="wie-heeft-de-kaart-geopend-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
