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
	'unknown-name': m.timeline_error_names_changed,
	'current-name-missing': m.timeline_error_names_changed,
	'erase-incomplete': m.timeline_error_erase_incomplete,
	unavailable: m.timeline_error_unavailable
};

export function postSyncApi(path: string, body: Record<string, unknown>): Promise<SyncApiResult> {
	return callSyncApi(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function getSyncApi(path: string): Promise<SyncApiResult> {
	return callSyncApi(path, { method: 'GET' });
}

async function callSyncApi(path: string, init: RequestInit): Promise<SyncApiResult> {
	let response: Response;
	try {
		response = await fetch(path, { ...init, credentials: 'same-origin' });
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
export const namesPath = (mapId: string, personId: string) =>
	`/sync-api/maps/${encodeURIComponent(mapId)}/people/${encodeURIComponent(personId)}/names`;

/** A name a person had, as the check before an erasure shows it (GET namesPath). */
export interface ErasableName {
	name: string;
	/** The name they have now: always scrubbed. */
	current: boolean;
	/** Looks like a name (not a few everyday words): ticked at first. */
	likely: boolean;
	/** The words that become [naam] in every text. */
	words: string[];
}
