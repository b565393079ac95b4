import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supervise } from './supervise.ts';

let nextPid = 100;

/** Just enough of a ChildProcess: a pid, exit state, kill() and the 'exit' event. */
function fakeChild(): ChildProcess & { die(signal: NodeJS.Signals): void } {
	const child = Object.assign(new EventEmitter(), {
		pid: nextPid++,
		exitCode: null as number | null,
		signalCode: null as NodeJS.Signals | null,
		die(signal: NodeJS.Signals) {
			child.signalCode = signal;
			child.emit('exit', null, signal);
		},
		kill(signal: NodeJS.Signals = 'SIGTERM') {
			child.die(signal);
			return true;
		}
	});
	return child as unknown as ChildProcess & { die(signal: NodeJS.Signals): void };
}

describe('supervise', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('restarts a child that died, waiting longer after each crash and less once it ran a while', async () => {
		const children: ReturnType<typeof fakeChild>[] = [];
		const lines: string[] = [];
		const s = await supervise({
			name: 'app',
			log: (l) => lines.push(l),
			start: async () => {
				children.push(fakeChild());
				return children.at(-1)!;
			}
		});
		expect(lines).toEqual([`app pid ${children[0].pid}`]);

		children[0].die('SIGKILL');
		expect(s.child).toBeNull();
		await vi.advanceTimersByTimeAsync(499);
		expect(children).toHaveLength(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(children).toHaveLength(2);
		expect(s.child).toBe(children[1]);

		children[1].die('SIGKILL');
		await vi.advanceTimersByTimeAsync(999);
		expect(children).toHaveLength(2);
		await vi.advanceTimersByTimeAsync(1);
		expect(children).toHaveLength(3);

		// A minute up: the next crash restarts after the first delay again.
		await vi.advanceTimersByTimeAsync(60_000);
		children[2].die('SIGSEGV');
		await vi.advanceTimersByTimeAsync(500);
		expect(children).toHaveLength(4);
		expect(lines).toContain(`app (pid ${children[2].pid}) stopped unexpectedly (SIGSEGV); restarting in 0.5 s`);
		expect(lines).toContain(`app pid ${children[3].pid}`);
	});

	it('stops without waiting for a child that is already gone, and restarts nothing after', async () => {
		const children: ReturnType<typeof fakeChild>[] = [];
		const s = await supervise({
			name: 'PocketBase',
			log: () => {},
			start: async () => {
				children.push(fakeChild());
				return children.at(-1)!;
			}
		});
		children[0].die('SIGKILL');
		await s.stop(); // resolves although no 'exit' event will ever come again
		await vi.advanceTimersByTimeAsync(60_000);
		expect(children).toHaveLength(1);
	});

	it('ends the running child when stopped', async () => {
		const child = fakeChild();
		const s = await supervise({ name: 'app', log: () => {}, start: async () => child });
		await s.stop();
		expect(child.signalCode).toBe('SIGTERM');
	});
});
