import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Why a live connection to this map failed: the browser cannot see the HTTP status of a refused
 * websocket upgrade, so the map page asks here (204 = may open; 403 = no access).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	try {
		await locals.pb.collection('maps').getOne(params.id, { fields: 'id' });
		return new Response(null, { status: 204 });
	} catch {
		return json({ access: false }, { status: 403 });
	}
};
