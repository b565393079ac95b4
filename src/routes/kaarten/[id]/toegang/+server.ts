import { json } from '@sveltejs/kit';
import { isOutage, RETRY_AFTER_SECONDS } from '$lib/server/outage';
import type { RequestHandler } from './$types';

/**
 * Why a live connection to this map failed: the browser cannot see the HTTP status of a refused
 * websocket upgrade, so the map page asks here (204 = may open; 403 = no access; 503 = PocketBase
 * is unavailable: say nothing about access, the map page keeps trying).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		await locals.pb.collection('maps').getOne(params.id, { fields: 'id' });
		return new Response(null, { status: 204 });
	} catch (e) {
		if (isOutage(e)) return json({ unavailable: true }, { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } });
		return json({ access: false }, { status: 403 });
	}
};
