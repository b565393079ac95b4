// Load shedding at the door. Every upgrade asks PocketBase one question; when thousands of
// clients reconnect at once (a restart, a network blip), asking all of them at the same moment
// makes PocketBase slow for everyone and the checks time out, and the clients retry in a storm.
// The gate lets a few checks run at once, lets a bounded number wait briefly, and refuses the
// rest at once with 503 and Retry-After, which costs PocketBase nothing; the client backs off.

export interface GateOptions {
	/** Checks running at once. */
	concurrency: number;
	/** Checks waiting for a turn; one more is refused. */
	queue: number;
	/** Longest wait for a turn before the check is refused (well below PocketBase's timeout). */
	waitMs: number;
}

export interface Gate {
	/** Runs task when a turn is free; 'busy' when none comes soon enough (task never ran). */
	run<T>(task: () => Promise<T>): Promise<T | 'busy'>;
	readonly running: number;
	readonly waiting: number;
}

export function createGate(opts: GateOptions): Gate {
	let running = 0;
	const waiters: Array<{ go: () => void; timer: NodeJS.Timeout }> = [];

	function next(): void {
		const waiter = waiters.shift();
		if (!waiter) return;
		clearTimeout(waiter.timer);
		waiter.go();
	}

	async function start<T>(task: () => Promise<T>): Promise<T> {
		running++;
		try {
			return await task();
		} finally {
			running--;
			next();
		}
	}

	return {
		run(task) {
			if (running < opts.concurrency && waiters.length === 0) return start(task);
			if (waiters.length >= opts.queue) return Promise.resolve('busy' as const);
			return new Promise((resolve, reject) => {
				const waiter = {
					go: () => start(task).then(resolve, reject),
					timer: setTimeout(() => {
						const i = waiters.indexOf(waiter);
						if (i >= 0) waiters.splice(i, 1);
						resolve('busy');
					}, opts.waitMs)
				};
				waiters.push(waiter);
			});
		},
		get running() {
			return running;
		},
		get waiting() {
			return waiters.length;
		}
	};
}
