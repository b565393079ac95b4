import type { WebsocketProvider } from 'y-websocket';
import { Backoff } from './backoff.ts';

/** y-websocket's own rule, kept: the server closes with 4400–4499 when trying again is pointless. */
function isFinal(code: number): boolean {
	return code >= 4400 && code < 4500;
}

/** The waiting try of one map's connection, for the status the person sees. */
export interface Reconnect {
	/** When the next try is due (ms since the epoch), or null when none is waiting. */
	readonly retryAt: number | null;
	onChange(listener: (retryAt: number | null) => void): () => void;
	/** Drops the waiting try: the device went offline, access ended, or the map closes. */
	cancel(): void;
	destroy(): void;
}

/**
 * Takes over when to reconnect from y-websocket, whose own backoff has no jitter: after the server
 * closed or refused the socket (a refused upgrade, 503 when it sheds load, a restart), the next
 * try waits per `backoff` (full jitter), and a map that synced starts the count again. The
 * protocol is untouched: this only decides when `provider.connect()` is called.
 */
export function reconnectWithBackoff(provider: WebsocketProvider, backoff = new Backoff()): Reconnect {
	let timer: ReturnType<typeof setTimeout> | null = null;
	let retryAt: number | null = null;
	const listeners = new Set<(retryAt: number | null) => void>();
	const changed = (at: number | null) => {
		retryAt = at;
		for (const listener of [...listeners]) listener(at);
	};
	const cancel = () => {
		if (timer !== null) clearTimeout(timer);
		timer = null;
		if (retryAt !== null) changed(null);
	};
	const schedule = () => {
		cancel();
		const wait = backoff.next();
		timer = setTimeout(() => {
			timer = null;
			changed(null);
			provider.connect();
		}, wait);
		changed(Date.now() + wait);
	};
	// Called by y-websocket for every close the server caused (never for our own disconnect()).
	// Answering false stops its own timer; the try is ours to schedule.
	provider.shouldReconnect = (event) => {
		if (!isFinal(event.code)) schedule();
		return false;
	};
	const onSync = (synced: boolean) => {
		if (synced) backoff.reset();
	};
	provider.on('sync', onSync);
	return {
		get retryAt() {
			return retryAt;
		},
		onChange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		cancel,
		destroy() {
			cancel();
			listeners.clear();
			provider.off('sync', onSync);
		}
	};
}
