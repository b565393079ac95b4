// When to store a room: debounced, but never later than maxWaitMs after the first unsaved change
// (so a crash loses at most that much), and never two stores of one map at once.

export interface SaveSchedulerOptions {
	debounceMs: number;
	maxWaitMs: number;
	/** Takes its snapshot synchronously before its first await: changes after that count as new. */
	save: () => Promise<void>;
	onError: (err: unknown, failures: number) => void;
	/** After each successful store (the room uses it to unload once idle and saved). */
	onSaved?: () => void;
}

const MAX_RETRY_MS = 30_000;

export class SaveScheduler {
	private dirty = false;
	private debounceTimer: NodeJS.Timeout | null = null;
	private deadlineTimer: NodeJS.Timeout | null = null;
	private running: Promise<void> | null = null;
	/** A timer fired while a store ran: store again as soon as it ends. */
	private fireWhenDone = false;
	private failures = 0;
	private stopped = false;

	constructor(private readonly opts: SaveSchedulerOptions) {}

	get hasUnsavedChanges(): boolean {
		return this.dirty;
	}

	markDirty(): void {
		if (this.stopped) return;
		this.dirty = true;
		// After a failure the retry timer alone decides, so a PocketBase outage is not hammered.
		if (this.failures > 0) return;
		if (this.debounceTimer) clearTimeout(this.debounceTimer);
		this.debounceTimer = setTimeout(() => this.fire(), this.opts.debounceMs);
		this.deadlineTimer ??= setTimeout(() => this.fire(), this.opts.maxWaitMs);
	}

	/** Store now if needed and wait for it. Resolves true when nothing is left unsaved. */
	async flush(): Promise<boolean> {
		this.clearTimers();
		while (this.running) await this.running;
		if (this.dirty) {
			this.run();
			while (this.running) await this.running;
		}
		return !this.dirty;
	}

	/** No further stores start (a running one finishes). */
	stop(): void {
		this.stopped = true;
		this.clearTimers();
	}

	private fire(): void {
		this.clearTimers();
		if (this.running) this.fireWhenDone = true;
		else this.run();
	}

	private run(): void {
		if (!this.dirty) return;
		this.dirty = false;
		this.running = this.opts
			.save()
			.then(
				() => {
					this.failures = 0;
					this.opts.onSaved?.();
				},
				(err: unknown) => {
					this.dirty = true;
					this.failures += 1;
					this.opts.onError(err, this.failures);
				}
			)
			.finally(() => {
				this.running = null;
				this.afterRun();
			});
	}

	private afterRun(): void {
		if (this.stopped || !this.dirty) return;
		if (this.failures > 0) {
			this.clearTimers();
			const delay = Math.min(this.opts.maxWaitMs * 2 ** (this.failures - 1), MAX_RETRY_MS);
			this.deadlineTimer = setTimeout(() => this.fire(), delay);
		} else if (this.fireWhenDone) {
			this.fireWhenDone = false;
			this.run();
		}
		// Otherwise a change arrived during the store and its own timers are already running.
	}

	private clearTimers(): void {
		if (this.debounceTimer) clearTimeout(this.debounceTimer);
		if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
		this.debounceTimer = null;
		this.deadlineTimer = null;
		this.fireWhenDone = false;
	}
}
