import { describe, expect, it } from 'vitest';
import { createGate } from './admission.ts';

function deferred() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

describe('the admission gate', () => {
	it('runs at most `concurrency` checks at once and lets the others wait their turn', async () => {
		const gate = createGate({ concurrency: 2, queue: 10, waitMs: 10_000 });
		const holds = [deferred(), deferred(), deferred()];
		let peak = 0;
		const runs = holds.map((hold, i) =>
			gate.run(async () => {
				peak = Math.max(peak, gate.running);
				await hold.promise;
				return i;
			})
		);
		expect(gate.running).toBe(2);
		expect(gate.waiting).toBe(1);
		holds.forEach((h) => h.resolve());
		expect(await Promise.all(runs)).toEqual([0, 1, 2]);
		expect(peak).toBe(2);
		expect(gate.running).toBe(0);
	});

	it('refuses at once when the queue is full, without running the check', async () => {
		const gate = createGate({ concurrency: 1, queue: 1, waitMs: 10_000 });
		const hold = deferred();
		const first = gate.run(() => hold.promise);
		const second = gate.run(async () => 'second');
		let ran = false;
		expect(
			await gate.run(async () => {
				ran = true;
			})
		).toBe('busy');
		expect(ran).toBe(false);
		hold.resolve();
		await first;
		expect(await second).toBe('second');
	});

	it('refuses a check that waited too long, and the gate keeps working', async () => {
		const gate = createGate({ concurrency: 1, queue: 5, waitMs: 20 });
		const hold = deferred();
		const first = gate.run(() => hold.promise);
		expect(await gate.run(async () => 'late')).toBe('busy');
		expect(gate.waiting).toBe(0);
		hold.resolve();
		await first;
		expect(await gate.run(async () => 'later')).toBe('later');
	});

	it('frees the turn of a check that failed', async () => {
		const gate = createGate({ concurrency: 1, queue: 1, waitMs: 1000 });
		await expect(gate.run(() => Promise.reject(new Error('PocketBase down')))).rejects.toThrow('PocketBase down');
		expect(await gate.run(async () => 'ok')).toBe('ok');
	});
});
