import { ClientResponseError } from 'pocketbase';

export type CloseOutcome = 'closed' | 'already' | 'forbidden';

/**
 * Closes the map as the user (POST /api/kring/maps/{map}/close, hooks/map_close.go): PocketBase
 * checks that they are its professional and stamps when and by whom. An outage is thrown.
 */
export async function closeMap(pb: App.Locals['pb'], mapId: string): Promise<CloseOutcome> {
	try {
		await pb.send(`/api/kring/maps/${encodeURIComponent(mapId)}/close`, { method: 'POST' });
		return 'closed';
	} catch (e) {
		if (e instanceof ClientResponseError && e.status === 409) return 'already';
		if (e instanceof ClientResponseError && (e.status === 403 || e.status === 404)) return 'forbidden';
		throw e;
	}
}
