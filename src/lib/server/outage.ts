import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';

/**
 * PocketBase is down, slow or overloaded, as opposed to refusing this user or this input:
 * no answer (status 0: refused connection, timeout, abort), a gateway's 502/503/504, or 429
 * (it sheds load). Callers that give 429 a meaning of their own (too many logins, too many
 * invitations) check it before asking this.
 */
export function isOutage(e: unknown): boolean {
	if (e instanceof ClientResponseError) return e.status === 0 || e.status === 429 || (e.status >= 502 && e.status <= 504);
	// fetch itself, outside the SDK: a refused connection or an aborted/timed-out request.
	return (
		e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError' || (e.name === 'TypeError' && e.message === 'fetch failed'))
	);
}

/** No answer at all, or a gateway that had none: the rest of this request need not ask again. */
export function isDown(e: unknown): boolean {
	return isOutage(e) && !(e instanceof ClientResponseError && e.status === 429);
}

/** What a browser is told to wait before it asks again (the Retry-After header), in seconds. */
export const RETRY_AFTER_SECONDS = 5;

/** Ends a load with the "Kring is briefly unavailable" page (503, with a retry). */
export function unavailable(): never {
	error(503, { message: m.unavailable(), outage: true });
}

/**
 * For a `.catch` that turns PocketBase's answer into something the page can live with (a 404, an
 * empty list): an outage is not that answer, it ends the load with the unavailable page.
 *
 *     pb.collection('maps').getOne(id).catch(unlessOutage(() => error(404, m.map_not_found())))
 */
export function unlessOutage<T>(otherwise: (e: unknown) => T): (e: unknown) => T {
	return (e) => {
		if (isOutage(e)) unavailable();
		return otherwise(e);
	};
}

/** A form action that met an outage: back to the form with what was typed, and why. */
export function failUnavailable<T extends Record<string, unknown>>(typed: T) {
	return fail(503, { ...typed, message: m.unavailable_form(), unavailable: true as const });
}
