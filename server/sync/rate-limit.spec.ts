import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_QUEUED_MESSAGES, MessageGate } from './rate-limit.ts';

/** A gate over a pretend socket that records what it was told. */
function gateFor(limits = { messageBurst: 3, messagesPerSecond: 10 }) {
	const seen = {
		accepted: [] as number[],
		paused: 0,
		resumed: 0,
		flooded: null as number | null,
		closing: false
	};
	const gate = new MessageGate<number>(limits, {
		accept: (n) => seen.accepted.push(n),
		pause: () => (seen.paused += 1),
		resume: () => (seen.resumed += 1),
		flooded: (waiting) => {
			seen.flooded = waiting;
			seen.closing = true;
		},
		closing: () => seen.closing
	});
	return { gate, seen };
}

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('MessageGate', () => {
	it('takes a burst at once, then one message per refill, in the order they came', async () => {
		const { gate, seen } = gateFor();
		for (let n = 1; n <= 6; n++) gate.push(n, 10);
		expect(seen.accepted).toEqual([1, 2, 3]);
		expect(seen.paused).toBeGreaterThan(0);
		// 10 a second: one every 100 ms.
		await vi.advanceTimersByTimeAsync(100);
		expect(seen.accepted).toEqual([1, 2, 3, 4]);
		await vi.advanceTimersByTimeAsync(200);
		expect(seen.accepted).toEqual([1, 2, 3, 4, 5, 6]);
		// Nothing waits any more: the socket is read again.
		expect(seen.resumed).toBe(1);
		expect(seen.flooded).toBeNull();
	});

	it('keeps later messages behind waiting ones, even when a token came back meanwhile', async () => {
		const { gate, seen } = gateFor({ messageBurst: 1, messagesPerSecond: 10 });
		gate.push(1, 1);
		gate.push(2, 1);
		vi.setSystemTime(Date.now() + 150); // a token is back, but the timer has not run yet
		gate.push(3, 1);
		expect(seen.accepted).toEqual([1]);
		await vi.advanceTimersByTimeAsync(300);
		expect(seen.accepted).toEqual([1, 2, 3]);
	});

	it('closes a socket that keeps the bucket from filling up for more than 5 s', async () => {
		const { gate, seen } = gateFor({ messageBurst: 3, messagesPerSecond: 10 });
		const started = Date.now();
		// Twice the rate, for up to 8 s.
		for (let t = 0; t < 8000 && !seen.closing; t += 50) {
			gate.push(t, 1);
			await vi.advanceTimersByTimeAsync(50);
		}
		expect(seen.flooded).not.toBeNull();
		// Not before: a burst that the bucket absorbs again in time is no flood.
		expect(Date.now() - started).toBeGreaterThan(5000);
		const accepted = seen.accepted.length;
		await vi.advanceTimersByTimeAsync(10_000);
		// Stopped: what waited is dropped with the connection, nothing more is accepted.
		expect(seen.accepted.length).toBe(accepted);
	});

	it('closes a socket that makes too many messages wait at once', () => {
		const { gate, seen } = gateFor({ messageBurst: 1, messagesPerSecond: 1 });
		for (let n = 0; n <= MAX_QUEUED_MESSAGES + 1 && !seen.closing; n++) gate.push(n, 1);
		expect(seen.flooded).toBe(MAX_QUEUED_MESSAGES + 1);
	});

	it('closes a socket that makes too many bytes wait at once', () => {
		const { gate, seen } = gateFor({ messageBurst: 1, messagesPerSecond: 1 });
		gate.push(0, 1);
		gate.push(1, 4 << 20);
		expect(seen.flooded).toBeNull();
		gate.push(2, (4 << 20) + 1);
		expect(seen.flooded).toBe(2);
	});

	it('accepts nothing more once its connection is closing', async () => {
		const { gate, seen } = gateFor({ messageBurst: 1, messagesPerSecond: 10 });
		gate.push(1, 1);
		gate.push(2, 1);
		seen.closing = true;
		await vi.advanceTimersByTimeAsync(1000);
		expect(seen.accepted).toEqual([1]);
		expect(seen.resumed).toBe(0);
	});
});
