import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { canWrite } from '$lib/roles';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(params.id, { fields: 'id,youth_name' })
		.catch(() => error(404, m.map_not_found()));
	const membership = await pb
		.collection('map_members')
		.getFirstListItem(pb.filter('map = {:map} && user = {:me}', { map: map.id, me: locals.user!.id }), { fields: 'role' })
		.catch(() => null);
	return {
		map: { id: map.id, youthName: map.youth_name as string },
		role: (membership?.role as string | undefined) ?? 'reviewer',
		readOnly: !canWrite(membership?.role as string | undefined)
	};
}) satisfies PageServerLoad;
