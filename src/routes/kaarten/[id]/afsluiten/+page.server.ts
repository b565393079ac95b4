import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { roleOnMap } from '$lib/roles';
import { closeMap } from '$lib/server/map-close';
import { ownMemberships } from '$lib/server/memberships';
import { failUnavailable, isOutage, unlessOutage } from '$lib/server/outage';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(params.id, { fields: 'id,youth_name,closed_at' })
		.catch(unlessOutage(() => error(404, m.map_not_found())));
	const rows = await ownMemberships(pb, locals.user!.id)
		.then((own) => own.maps.filter((row) => row.map === map.id))
		.catch(unlessOutage(() => []));
	// PocketBase decides again when the form is sent; this only spares others a form they cannot use.
	if (roleOnMap(rows.map((row) => row.role)) !== 'professional') error(403, m.close_map_only_professional());
	return {
		map: { id: map.id, youthName: map.youth_name as string },
		closed: Boolean(map.closed_at)
	};
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ locals, params }) => {
		let outcome;
		try {
			outcome = await closeMap(locals.pb, params.id);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({});
			return fail(500, { message: m.close_map_failed() });
		}
		if (outcome === 'forbidden') return fail(403, { message: m.close_map_only_professional() });
		if (outcome === 'already') return fail(409, { message: m.close_map_already() });
		redirect(303, `/kaarten/${params.id}`);
	}
} satisfies Actions;
