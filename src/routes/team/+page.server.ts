import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { today } from '$lib/doc/jim';
import { m } from '$lib/paraglide/messages.js';
import { isOutage, unavailable, unlessOutage } from '$lib/server/outage';
import { myTeams, teamDashboard, type Dashboard } from '$lib/server/dashboard';
import { isJimFilter, isSortKey, toRow } from './dashboard-rows';
import type { PageServerLoad } from './$types';

/**
 * The team's dashboard: every map of the team that the user may see (reviewers: all of them;
 * professionals: their own), in one request to PocketBase. Sorting and filtering happen in the
 * browser on these rows; the address holds the sort order and the filters, never a name.
 */
export const load = (async ({ locals, url }) => {
	const teams = await myTeams(locals.pb, locals.user!.id).catch(unlessOutage(() => error(503, m.dashboard_load_failed())));
	const sort = url.searchParams.get('sorteer');
	const jim = url.searchParams.get('jim');
	const view = {
		sort: isSortKey(sort) ? sort : 'naam',
		lateOnly: url.searchParams.get('telaat') === '1',
		jim: isJimFilter(jim) ? jim : null
	};
	if (teams.length === 0) return { teams, team: null, rows: [], view };

	const asked = url.searchParams.get('team');
	const chosen = asked ? teams.find((t) => t.id === asked) : teams[0];
	if (!chosen) error(404, m.dashboard_team_unknown());
	let dashboard: Dashboard;
	try {
		dashboard = await teamDashboard(locals.pb, chosen.id);
	} catch (e) {
		if (isOutage(e)) unavailable();
		// 404: no longer in the team (or it is gone) since the list of teams was read.
		const notInTeam = e instanceof ClientResponseError && e.status === 404;
		error(notInTeam ? 404 : 503, notInTeam ? m.dashboard_team_unknown() : m.dashboard_load_failed());
	}
	const day = today();
	return { teams, team: dashboard.team, rows: dashboard.maps.map((map) => toRow(map, day)), view };
}) satisfies PageServerLoad;
