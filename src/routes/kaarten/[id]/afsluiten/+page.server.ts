import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { closeMap } from '$lib/server/map-close';
import { mapAsMember } from '$lib/server/map-as-member';
import { failUnavailable, isOutage } from '$lib/server/outage';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const { map, role } = await mapAsMember(locals, params.id, 'id,youth_name,closed_at');
	// PocketBase decides again when the form is sent; this only spares others a form they cannot use.
	if (role !== 'professional') error(403, m.close_map_only_professional());
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
