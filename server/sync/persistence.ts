// The fetch/store pair for a map's Yjs state, kept in PocketBase collection `map_docs`
// (`map`: relation, unique; `state`: base64 of the V1 state update). Superuser-only rules, so this
// uses the service identity, and only for this.
import PocketBase, { BaseAuthStore, ClientResponseError } from 'pocketbase';

const COLLECTION = 'map_docs';
const REQUEST_TIMEOUT_MS = 15_000;

export interface Persistence {
	/** The stored state, or null when the map has none yet (an empty document). */
	fetch(mapId: string): Promise<Uint8Array | null>;
	store(mapId: string, state: Uint8Array): Promise<void>;
	/** Drop what is cached about a map once its room unloads. */
	forget(mapId: string): void;
}

export function createPocketBasePersistence(
	pocketbaseUrl: string,
	superuser: { email: string; password: string }
): Persistence {
	const pb = new PocketBase(pocketbaseUrl, new BaseAuthStore());
	pb.autoCancellation(false); // stores of different maps run concurrently
	let signingIn: Promise<void> | null = null;
	/** map id → map_docs record id, so a store after a fetch is one PATCH. */
	const recordIds = new Map<string, string>();

	const opts = () => ({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

	function signIn(): Promise<void> {
		// Share one sign-in between all callers that found the token missing or expired.
		signingIn ??= pb
			.collection('_superusers')
			.authWithPassword(superuser.email, superuser.password, opts())
			.then(() => undefined)
			.finally(() => {
				signingIn = null;
			});
		return signingIn;
	}

	/** Runs `call` signed in; signs in again once when PocketBase says 401 (token expired or revoked). */
	async function authed<T>(call: () => Promise<T>): Promise<T> {
		if (!pb.authStore.token) await signIn();
		try {
			return await call();
		} catch (err) {
			if (err instanceof ClientResponseError && err.status === 401) {
				pb.authStore.clear();
				await signIn();
				return call();
			}
			throw err;
		}
	}

	async function findRecord(mapId: string): Promise<{ id: string; state: string } | null> {
		const rows = await authed(() =>
			pb.collection(COLLECTION).getList(1, 1, {
				...opts(),
				filter: pb.filter('map = {:m}', { m: mapId }),
				fields: 'id,state',
				skipTotal: true
			})
		);
		const row = rows.items[0];
		if (!row) return null;
		recordIds.set(mapId, row.id);
		return { id: row.id, state: typeof row.state === 'string' ? row.state : '' };
	}

	return {
		async fetch(mapId) {
			recordIds.delete(mapId);
			const row = await findRecord(mapId);
			if (!row || row.state === '') return null;
			return new Uint8Array(Buffer.from(row.state, 'base64'));
		},

		async store(mapId, state) {
			const body = { map: mapId, state: Buffer.from(state).toString('base64') };
			let id = recordIds.get(mapId) ?? (await findRecord(mapId))?.id;
			if (id) {
				try {
					await authed(() => pb.collection(COLLECTION).update(id!, body, opts()));
					return;
				} catch (err) {
					// Deleted behind our back (e.g. by an admin): forget it and create a new one below.
					if (!(err instanceof ClientResponseError && err.status === 404)) throw err;
					recordIds.delete(mapId);
					id = undefined;
				}
			}
			const created = await authed(() => pb.collection(COLLECTION).create(body, opts()));
			recordIds.set(mapId, created.id);
		},

		forget(mapId) {
			recordIds.delete(mapId);
		}
	};
}
