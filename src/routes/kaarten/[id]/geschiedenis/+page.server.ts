import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { versionFrom, type VersionView } from './versions';
import type { PageServerLoad } from './$types';

/** Everything the page shows of a version; the Yjs state is hidden from clients anyway. */
const FIELDS = 'id,kind,note,taken_at,evaluated_on,projection,metrics';

export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(params.id, { fields: 'id,youth_name' })
		.catch(() => error(404, m.map_not_found()));
	const [membership, rows] = await Promise.all([
		pb
			.collection('map_members')
			.getFirstListItem(pb.filter('map = {:map} && user = {:me}', { map: map.id, me: locals.user!.id }), { fields: 'role' })
			.catch(() => null),
		// map_versions' own rules let everyone who may read the map read its versions.
		pb.collection('map_versions').getFullList({ filter: pb.filter('map = {:map}', { map: map.id }), sort: 'taken_at,created', fields: FIELDS })
	]);
	return {
		map: { id: map.id, youthName: map.youth_name as string },
		// Only the map's professional records evaluation moments and restores (the sync server checks it too).
		canRestore: membership?.role === 'professional',
		versions: rows.map((row) => versionFrom(row)).filter((v): v is VersionView => v !== null)
	};
}) satisfies PageServerLoad;
