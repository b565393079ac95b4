import type { ChildProcess } from 'node:child_process';

export interface Supervised {
	/** The running child, or null between a crash and its restart. */
	readonly child: ChildProcess | null;
	/** Stops restarting, ends the child if it still runs and waits for it; never waits on a dead one. */
	stop(): Promise<void>;
}

export interface SuperviseOptions {
	/** How the log names it: 'PocketBase', 'the app'. */
	name: string;
	/** Starts the child and resolves once it serves (rejects if it exits before). */
	start: () => Promise<ChildProcess>;
	log: (msg: string) => void;
	/** First wait before a restart; doubles per crash up to maxDelayMs. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	/** A child that ran this long counts as healthy: the next crash restarts after firstDelayMs again. */
	healthyAfterMs?: number;
}

export function isRunning(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

/** Ends `child` (SIGTERM) and waits for its exit; returns at once when it already exited. */
export function endChild(child: ChildProcess): Promise<void> {
	if (!isRunning(child)) return Promise.resolve();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.kill('SIGTERM');
	return exited;
}

/**
 * Starts a child and restarts it with backoff whenever it exits on its own, so a crash (or a kill)
 * of PocketBase or the app does not leave Kring down. The first start's error goes to the caller.
 */
export async function supervise(opts: SuperviseOptions): Promise<Supervised> {
	const firstDelay = opts.firstDelayMs ?? 500;
	const maxDelay = opts.maxDelayMs ?? 30_000;
	const healthyAfter = opts.healthyAfterMs ?? 60_000;
	let child: ChildProcess | null = null;
	let stopped = false;
	let delay = firstDelay;
	let timer: NodeJS.Timeout | null = null;
	let starting: Promise<unknown> = Promise.resolve();

	const started = (c: ChildProcess) => {
		child = c;
		const since = Date.now();
		opts.log(`${opts.name} pid ${c.pid}`);
		c.once('exit', (code, signal) => {
			if (stopped || child !== c) return;
			child = null;
			if (Date.now() - since >= healthyAfter) delay = firstDelay;
			opts.log(`${opts.name} (pid ${c.pid}) stopped unexpectedly (${signal ?? code}); restarting in ${delay / 1000} s`);
			scheduleRestart();
		});
	};

	const scheduleRestart = () => {
		const wait = delay;
		delay = Math.min(delay * 2, maxDelay);
		timer = setTimeout(() => {
			timer = null;
			if (stopped) return;
			starting = opts.start().then(
				(c) => {
					if (stopped) return endChild(c);
					started(c);
					opts.log(`${opts.name} restarted`);
				},
				(err: unknown) => {
					if (stopped) return;
					opts.log(
						`${opts.name} did not start again (${err instanceof Error ? err.message.split('\n')[0] : err}); retrying in ${delay / 1000} s`
					);
					scheduleRestart();
				}
			);
		}, wait);
	};

	started(await opts.start());

	return {
		get child() {
			return child;
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			await starting;
			if (child) await endChild(child);
		}
	};
}
