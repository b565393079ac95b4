// The sync server's own PocketBase identity (a superuser), used for what no user may do directly:
// reading and writing the live state, and watching who still has access to an open map.
import PocketBase, { BaseAuthStore, ClientResponseError } from 'pocketbase';
import type { TypedPocketBase } from '../../src/lib/pocketbase-types.ts';
import type { Superuser } from '../launch/pocketbase.ts';
import { useFastFetch } from '../../src/lib/server/pocketbase-fetch.ts';

const REQUEST_TIMEOUT_MS = 15_000;

export interface ServiceClient {
	readonly pb: TypedPocketBase;
	/** Runs `call` signed in; signs in again once when PocketBase says 401 (token expired or revoked). */
	authed<T>(call: () => Promise<T>): Promise<T>;
	/** Request options with a timeout, for every call. */
	opts(): { signal: AbortSignal };
}

/**
 * A PocketBase client signed in as a superuser: the one way server, seed, bench and tests make one.
 * Requests run concurrently (no auto-cancellation). The sync server wraps it in createServiceClient,
 * which signs in again when the token expires.
 */
export async function superuserClient(pocketbaseUrl: string, superuser: Superuser, authStore?: BaseAuthStore): Promise<TypedPocketBase> {
	const pb = useFastFetch(new PocketBase(pocketbaseUrl, authStore) as TypedPocketBase);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(superuser.email, superuser.password);
	return pb;
}

export function createServiceClient(pocketbaseUrl: string, superuser: Superuser): ServiceClient {
	const pb = useFastFetch(new PocketBase(pocketbaseUrl, new BaseAuthStore()) as TypedPocketBase);
	pb.autoCancellation(false); // requests for different maps run concurrently
	let signingIn: Promise<void> | null = null;
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

	return {
		pb,
		opts,
		async authed(call) {
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
	};
}
