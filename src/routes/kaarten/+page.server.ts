import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { compareNames } from '$lib/collate';
import { YOUTH_NAME_MAX } from '$lib/doc/records';
import { canWrite, REVIEWER, roleOnMap } from '$lib/roles';
import { ownMemberships } from '$lib/server/memberships';
import { failUnavailable, isOutage } from '$lib/server/outage';
import type { Actions, PageServerLoad } from './$types';

/** A real calendar date (YYYY-MM-DD) before today. */
function isPastDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
	return date.getTime() < Date.now() && date.getUTCFullYear() > 1900;
}

export const load = (async ({ locals }) => {
	const pb = locals.pb;
	const me = locals.user!.id;
	// Every query starts from the user's own rows (memberships.ts), so the list costs what the
	// user has, not what the organisation has; the API rules still decide what comes back.
	const own = await ownMemberships(pb, me, { withMaps: true });
	// A reviewer reads every map of their team.
	const reviewed = own.teams.filter((row) => row.role === REVIEWER).map((row) => row.team);
	const teamMaps = reviewed.length
		? await pb.collection('maps').getFullList({
				filter: reviewed.map((team, i) => pb.filter(`team = {:t${i}}`, { [`t${i}`]: team })).join(' || '),
				fields: 'id,youth_name,updated'
			})
		: [];

	type Listed = { id: string; youthName: string; updated: string; roles: string[] };
	const byId = new Map<string, Listed>();
	for (const map of teamMaps) {
		byId.set(map.id, { id: map.id, youthName: map.youth_name, updated: map.updated, roles: [] });
	}
	for (const row of own.maps) {
		const map = row.mapRecord;
		if (!map) continue;
		const listed: Listed = byId.get(map.id) ?? { ...map, roles: [] };
		listed.roles.push(row.role);
		byId.set(map.id, listed);
	}
	const maps = [...byId.values()].sort((a, b) => compareNames(a.youthName, b.youthName));
	return {
		maps: maps.map(({ roles, ...map }) => ({ ...map, readOnly: !canWrite(roleOnMap(roles)) })),
		teams: own.teams.filter((row) => row.role === 'professional').map((row) => ({ id: row.team, name: row.teamName })),
		// A JIM finds the tips they shared (to withdraw them) on the "Wat zou JIM doen?" page.
		isJim: own.maps.some((r) => r.role === 'jim')
	};
}) satisfies PageServerLoad;

export const actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const youthName = String(form.get('youth_name') ?? '').trim();
		const team = String(form.get('team') ?? '');
		const birthdate = String(form.get('youth_birthdate') ?? '').trim();
		if (!youthName) return fail(400, { youthName, birthdate, message: m.new_map_name_missing() });
		if (youthName.length > YOUTH_NAME_MAX) return fail(400, { youthName, birthdate, message: m.new_map_name_too_long() });
		if (birthdate && !isPastDate(birthdate)) return fail(400, { youthName, birthdate, message: m.new_map_birthdate_invalid() });
		let id: string;
		try {
			// The create rule checks that this user is a professional of that team.
			// Optional: from 16 the youth may invite parents, so the server needs to know the age.
			const youthBirthdate = birthdate ? { youth_birthdate: `${birthdate} 00:00:00.000Z` } : {};
			id = (await locals.pb.collection('maps').create({ team, youth_name: youthName, ...youthBirthdate })).id;
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ youthName, birthdate });
			return fail(400, { youthName, birthdate, message: m.new_map_failed() });
		}
		redirect(303, `/kaarten/${id}`);
	}
} satisfies Actions;
