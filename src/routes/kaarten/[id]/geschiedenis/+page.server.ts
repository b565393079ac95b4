import { readableMap, LIST_FIELDS, versionRows } from './history.server';
import { slimProjection } from './projection-wire';
import { isProjection, metricsAreCurrent, versionFrom, withSameDayTimes, type VersionView } from './versions';
import { error } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { hasJimConsent, isJimEntry, jimState } from '$lib/doc/jim';
import type { MapJson } from '$lib/doc/schema';
import { ownMemberships } from '$lib/server/memberships';
import { unlessOutage } from '$lib/server/outage';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	const map = await readableMap(pb, params.id);
	const [membership, rows] = await Promise.all([
		ownMemberships(pb, locals.user!.id)
			.then((own) => own.maps.find((row) => row.map === map.id) ?? null)
			.catch(unlessOutage(() => null)),
		// PocketBase refuses a JIM the youth has not said yes to (hooks/jim_consent.go).
		versionRows(pb, map.id, LIST_FIELDS).catch((err) => {
			if (err instanceof ClientResponseError && err.status === 403) error(403, m.jimview_consent_title({ youth: map.youth_name }));
			throw err;
		})
	]);
	// The first view needs the newest version (the timeline) and the oldest (the comparison);
	// versions without current metrics need theirs to work them out. The rest come after the first paint.
	const stale = rows.filter((row) => !metricsAreCurrent(row.metrics)).map((row) => row.id);
	const shown = [rows[0]?.id, rows.at(-1)?.id].filter((id): id is string => !!id);
	const wanted = [...new Set([...shown, ...stale])];
	const projections = new Map(
		(wanted.length ? await versionRows(pb, map.id, 'id,projection', wanted) : []).map((row) => [row.id, row.projection as unknown])
	);
	// A JIM sees the map's history only with the youth's yes to them, as the newest version records it.
	if (membership?.role === 'jim' && !jimConsented(projections.get(rows.at(-1)?.id ?? ''), membership.person ?? '')) {
		error(403, m.jimview_consent_title({ youth: map.youth_name }));
	}
	const initial: Record<string, MapJson> = {};
	for (const id of shown) {
		const projection = projections.get(id);
		if (isProjection(projection)) initial[id] = slimProjection(projection);
	}
	return {
		map: { id: map.id, youthName: map.youth_name },
		// Only the map's professional records evaluation moments and restores (the sync server checks it too).
		canRestore: membership?.role === 'professional',
		versions: withSameDayTimes(rows.map((row) => versionFrom(row, projections.get(row.id))).filter((v): v is VersionView => v !== null)),
		initial
	};
}) satisfies PageServerLoad;

function jimConsented(projection: unknown, person: string): boolean {
	if (!isProjection(projection)) return false;
	const log = (projection as { jim?: unknown }).jim;
	return hasJimConsent(jimState(Array.isArray(log) ? log.filter(isJimEntry) : []), person);
}
