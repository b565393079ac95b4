/**
 * When to try again after a failed connection: exponential backoff with full jitter. The n-th
 * wait in a row is random between 0 and min(cap, base · 2^n), so that when the server comes back
 * (or refuses everyone for a moment with 503), its clients do not all return at the same instant.
 * A connection that worked (the map synced) starts the count again.
 */
export interface BackoffOptions {
	/** The first wait's upper bound, in ms. */
	baseMs?: number;
	/** No wait is longer than this, in ms. */
	capMs?: number;
	/** A number in [0, 1); Math.random unless a test fixes it. */
	random?: () => number;
}

export class Backoff {
	readonly baseMs: number;
	readonly capMs: number;
	#random: () => number;
	#failures = 0;

	constructor({ baseMs = 500, capMs = 30_000, random = Math.random }: BackoffOptions = {}) {
		this.baseMs = baseMs;
		this.capMs = capMs;
		this.#random = random;
	}

	/** How many failures in a row so far. */
	get failures(): number {
		return this.#failures;
	}

	/** The upper bound of the next wait. */
	ceiling(): number {
		// 2^n grows past any cap quickly; stop counting before it overflows.
		return Math.min(this.capMs, this.baseMs * 2 ** Math.min(this.#failures, 30));
	}

	/** A failure: how long to wait before the next try, in ms. */
	next(): number {
		const wait = Math.floor(this.#random() * this.ceiling());
		this.#failures++;
		return wait;
	}

	/** A good connection: the next failure waits little again. */
	reset(): void {
		this.#failures = 0;
	}
}
