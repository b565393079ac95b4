import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { roleOnMap } from '$lib/roles';
import { ownMemberships, type OwnMapRow } from './memberships';
import { unlessOutage } from './outage';

/**
 * The map with `fields` as the user may view it (else the 404 page), the user's rows on it and
 * the role they act in.
 */
export async function mapAsMember(locals: App.Locals, id: string, fields: string) {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(id, { fields })
		.catch(unlessOutage(() => error(404, m.map_not_found())));
	// The user's rows on this map (usually one; a user may hold two roles): the sync server picks
	// the role they act in the same way (roleOnMap).
	const rows: OwnMapRow[] = await ownMemberships(pb, locals.user!.id)
		.then((own) => own.maps.filter((row) => row.map === map.id))
		.catch(unlessOutage(() => []));
	return { map, rows, role: roleOnMap(rows.map((row) => row.role)) };
}
