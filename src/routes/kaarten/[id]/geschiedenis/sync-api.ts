import { m } from '$lib/paraglide/messages.js';

/**
 * Evaluation moments, restores and erasures are answered by the sync server, which holds the live map
 * (README, Architecture): a JSON POST from the browser, same origin, so the pb_auth cookie goes
 * with it. Its refusals carry a `code`; the user reads our own words for it.
 */
export type SyncApiResult = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

const MESSAGES: Record<string, () => string> = {
	unauthorized: m.timeline_error_login,
	forbidden: m.timeline_error_forbidden,
	'map-not-found': m.timeline_error_forbidden,
	'version-not-found': m.timeline_error_version_gone,
	'version-unreadable': m.timeline_error_version_unreadable,
	'version-too-new': m.timeline_error_version_too_new,
	'map-too-large': m.timeline_error_map_too_large,
	'note-too-long': m.timeline_error_note_too_long,
	'date-in-future': m.timeline_error_date_future,
	'date-too-early': m.timeline_error_date_early,
	'invalid-date': m.timeline_error_date_invalid,
	'person-not-found': m.timeline_error_person_gone,
	unavailable: m.timeline_error_unavailable
};

export async function postSyncApi(path: string, body: Record<string, unknown>): Promise<SyncApiResult> {
	let response: Response;
	try {
		response = await fetch(path, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, message: m.timeline_error_unavailable() };
	}
	const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
	if (response.ok) return { ok: true, body: answer };
	const say = MESSAGES[String(answer.code ?? '')] ?? m.timeline_error_failed;
	return { ok: false, message: say() };
}

export const restorePath = (mapId: string, versionId: string) =>
	`/sync-api/maps/${encodeURIComponent(mapId)}/versions/${encodeURIComponent(versionId)}/restore`;
export const evaluationsPath = (mapId: string) => `/sync-api/maps/${encodeURIComponent(mapId)}/evaluations`;
export const erasePath = (mapId: string, personId: string) =>
	`/sync-api/maps/${encodeURIComponent(mapId)}/people/${encodeURIComponent(personId)}/erase`;
