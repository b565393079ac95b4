/**
 * Counts failed logins per client address and per account at that address in a sliding window,
 * so password guessing through the login form stops before it reaches PocketBase. An account is
 * never locked as such: a stranger who knows Sam's e-mail would lock Sam out. Kept in memory: one
 * instance per server process (a restart forgets, which only helps the rightful user).
 */
export interface LoginThrottleOptions {
	/** Failures per account (lower-cased email) from one address within the window before that pair is blocked. */
	perAccount?: number;
	/** Failures per client address within the window before it is blocked. */
	perAddress?: number;
	windowMs?: number;
	/** At most this many addresses and accounts are remembered; the oldest go first. */
	maxKeys?: number;
	now?: () => number;
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

export class LoginThrottle {
	readonly #perAccount: number;
	readonly #perAddress: number;
	readonly #windowMs: number;
	readonly #maxKeys: number;
	readonly #now: () => number;
	/** Key → times of its failures within the window, oldest first. */
	readonly #failures = new Map<string, number[]>();

	constructor(opts: LoginThrottleOptions = {}) {
		this.#perAccount = opts.perAccount ?? 10;
		this.#perAddress = opts.perAddress ?? 30;
		this.#windowMs = opts.windowMs ?? LOGIN_WINDOW_MS;
		this.#maxKeys = opts.maxKeys ?? 50_000;
		this.#now = opts.now ?? Date.now;
	}

	/** Whether a login for `email` from `address` must be refused without trying it. */
	blocked(address: string, email: string): boolean {
		return this.#count(addressKey(address)) >= this.#perAddress || this.#count(accountKey(address, email)) >= this.#perAccount;
	}

	/** Records a wrong email or password. */
	failed(address: string, email: string): void {
		this.#add(addressKey(address));
		this.#add(accountKey(address, email));
	}

	/** A good login clears the account's failures at this address (not the address's: it may try many accounts). */
	succeeded(address: string, email: string): void {
		this.#failures.delete(accountKey(address, email));
	}

	#count(key: string): number {
		const times = this.#failures.get(key);
		if (!times) return 0;
		const since = this.#now() - this.#windowMs;
		while (times.length && times[0] <= since) times.shift();
		if (!times.length) this.#failures.delete(key);
		return times.length;
	}

	#add(key: string): void {
		this.#count(key);
		const times = this.#failures.get(key) ?? [];
		times.push(this.#now());
		// Re-insert so the Map's order is least recently failed first.
		this.#failures.delete(key);
		this.#failures.set(key, times);
		while (this.#failures.size > this.#maxKeys) this.#failures.delete(this.#failures.keys().next().value!);
	}
}

const addressKey = (address: string) => `address:${address}`;
const accountKey = (address: string, email: string) => `account:${address} ${email.trim().toLowerCase()}`;

/** The one throttle of this server process (the login form's). */
export const loginThrottle = new LoginThrottle();
