import { json } from '@sveltejs/kit';
import { readableMap, versionRows } from '../history.server';
import { encodeProjections } from '../projection-wire';
import { isProjection } from '../versions';
import type { RequestHandler } from './$types';

/** Every version's projection, slimmed and as deltas, fetched by the history page after it opens. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const map = await readableMap(locals.pb, params.id);
	const rows = await versionRows(locals.pb, map.id, 'id,projection');
	const readable = rows.flatMap((row) => (isProjection(row.projection) ? [{ id: row.id, projection: row.projection }] : []));
	// Versions change when someone restores or records an evaluation: never cache them.
	return json(encodeProjections(readable), { headers: { 'cache-control': 'private, no-store' } });
};
