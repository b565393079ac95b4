import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveScheduler } from './save-scheduler.ts';

/** A save whose completion the test controls, recording how many ran at once. */
function controlledSave() {
	const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
	let active = 0;
	let maxActive = 0;
	const save = vi.fn(() => {
		active += 1;
		maxActive = Math.max(maxActive, active);
		return new Promise<void>((resolve, reject) => pending.push({ resolve, reject })).finally(() => {
			active -= 1;
		});
	});
	return {
		save,
		get maxActive() {
			return maxActive;
		},
		finish: async () => {
			pending.shift()!.resolve();
			await vi.advanceTimersByTimeAsync(0);
		},
		fail: async () => {
			pending.shift()!.reject(new Error('PocketBase down'));
			await vi.advanceTimersByTimeAsync(0);
		}
	};
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('SaveScheduler', () => {
	it('debounces a burst of changes into one store', async () => {
		const s = controlledSave();
		const scheduler = new SaveScheduler({ debounceMs: 250, maxWaitMs: 1000, save: s.save, onError: () => {} });
		scheduler.markDirty();
		await vi.advanceTimersByTimeAsync(100);
		scheduler.markDirty();
		await vi.advanceTimersByTimeAsync(249);
		expect(s.save).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(1);
		expect(s.save).toHaveBeenCalledTimes(1);
		await s.finish();
		expect(scheduler.hasUnsavedChanges).toBe(false);
	});

	it('stores within maxWaitMs of the first change even while changes keep coming', async () => {
		const s = controlledSave();
		const scheduler = new SaveScheduler({ debounceMs: 250, maxWaitMs: 1000, save: s.save, onError: () => {} });
		for (let t = 0; t < 1000; t += 100) {
			scheduler.markDirty();
			await vi.advanceTimersByTimeAsync(100);
		}
		expect(s.save).toHaveBeenCalledTimes(1);
		await s.finish();
	});

	it('never runs two stores at once, and stores again after a change during a store', async () => {
		const s = controlledSave();
		const scheduler = new SaveScheduler({ debounceMs: 10, maxWaitMs: 50, save: s.save, onError: () => {} });
		scheduler.markDirty();
		await vi.advanceTimersByTimeAsync(10);
		scheduler.markDirty(); // arrives while the first store runs
		await vi.advanceTimersByTimeAsync(100);
		expect(s.save).toHaveBeenCalledTimes(1);
		await s.finish();
		expect(s.save).toHaveBeenCalledTimes(2);
		await s.finish();
		expect(s.maxActive).toBe(1);
		expect(scheduler.hasUnsavedChanges).toBe(false);
	});

	it('flush waits for a running store, then stores what came after', async () => {
		const s = controlledSave();
		const scheduler = new SaveScheduler({ debounceMs: 10, maxWaitMs: 50, save: s.save, onError: () => {} });
		scheduler.markDirty();
		await vi.advanceTimersByTimeAsync(10);
		scheduler.markDirty();
		const flushed = scheduler.flush();
		await s.finish();
		await s.finish();
		expect(await flushed).toBe(true);
		expect(s.save).toHaveBeenCalledTimes(2);
	});

	it('retries a failed store with backoff, and flush reports the failure', async () => {
		const s = controlledSave();
		const onError = vi.fn();
		const scheduler = new SaveScheduler({ debounceMs: 10, maxWaitMs: 100, save: s.save, onError });
		scheduler.markDirty();
		const flushed = scheduler.flush();
		await s.fail();
		expect(await flushed).toBe(false);
		expect(onError).toHaveBeenCalledTimes(1);
		scheduler.markDirty(); // does not hammer: only the retry timer stores
		await vi.advanceTimersByTimeAsync(99);
		expect(s.save).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1);
		expect(s.save).toHaveBeenCalledTimes(2);
		await s.finish();
		expect(scheduler.hasUnsavedChanges).toBe(false);
	});

	it('stores nothing after stop', async () => {
		const s = controlledSave();
		const scheduler = new SaveScheduler({ debounceMs: 10, maxWaitMs: 50, save: s.save, onError: () => {} });
		scheduler.markDirty();
		scheduler.stop();
		await vi.advanceTimersByTimeAsync(100);
		expect(s.save).not.toHaveBeenCalled();
	});
});
