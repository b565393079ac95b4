import { error } from '@sveltejs/kit';
import type { TypedPocketBase } from '$lib/pocketbase-types';
import { m } from '$lib/paraglide/messages.js';
import { unlessOutage } from '$lib/server/outage';

/** A version's row as the page lists it; the projection comes on its own (projecties/+server.ts). */
export const LIST_FIELDS = 'id,kind,note,taken_at,evaluated_on,made_by_name,metrics';

/**
 * The map if the signed-in user may see it. The view rule decides: a map that does not exist and
 * one you may not see look the same (404).
 */
export function readableMap(pb: TypedPocketBase, id: string) {
	return pb
		.collection('maps')
		.getOne(id, { fields: 'id,youth_name' })
		.catch(unlessOutage(() => error(404, m.map_not_found())));
}

/** The rows of a map's versions, oldest first; map_versions' own rules let everyone who may read the map read them. */
export function versionRows(pb: TypedPocketBase, mapId: string, fields: string, only?: string[]) {
	const ids = only ?? [];
	const filter = ids.length ? ` && (${ids.map((_, i) => `id = {:id${i}}`).join(' || ')})` : '';
	const params = Object.fromEntries(ids.map((id, i) => [`id${i}`, id]));
	return pb
		.collection('map_versions')
		.getFullList({ filter: pb.filter(`map = {:map}${filter}`, { map: mapId, ...params }), sort: 'taken_at,created', fields });
}
