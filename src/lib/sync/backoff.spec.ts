import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

/** A random source that returns the given values in turn. */
const sequence = (...values: number[]) => {
	let i = 0;
	return () => values[i++ % values.length];
};

describe('Backoff: exponential with full jitter', () => {
	it('waits between 0 and min(cap, base · 2^n) for the n-th failure in a row', () => {
		const highest = new Backoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
		const lowest = new Backoff({ baseMs: 500, capMs: 30_000, random: () => 0 });
		const ceilings = [500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000];
		for (const ceiling of ceilings) {
			const high = highest.next();
			expect(high).toBeLessThan(ceiling);
			expect(high).toBeGreaterThanOrEqual(ceiling - 1);
			expect(lowest.next()).toBe(0);
		}
	});

	it('spreads clients over the whole window: no two fixed instants', () => {
		const waits = Array.from({ length: 2000 }, () => {
			const b = new Backoff({ baseMs: 500, capMs: 30_000 });
			for (let i = 0; i < 4; i++) b.next();
			return b.next(); // the fifth wait: within [0, 8000)
		});
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...waits)).toBeLessThan(8000);
		// Each eighth of the window holds some of the clients.
		const buckets = new Array(8).fill(0);
		for (const w of waits) buckets[Math.floor(w / 1000)]++;
		for (const count of buckets) expect(count).toBeGreaterThan(150);
	});

	it('never waits longer than the cap, however long the server stays away', () => {
		const b = new Backoff({ baseMs: 500, capMs: 30_000, random: () => 0.999999 });
		for (let i = 0; i < 2000; i++) expect(b.next()).toBeLessThan(30_000);
		expect(b.ceiling()).toBe(30_000);
	});

	it('starts again from the base after a good connection', () => {
		const b = new Backoff({ baseMs: 500, capMs: 30_000, random: sequence(0.5) });
		for (let i = 0; i < 6; i++) b.next();
		expect(b.failures).toBe(6);
		b.reset();
		expect(b.failures).toBe(0);
		expect(b.ceiling()).toBe(500);
		expect(b.next()).toBe(250);
	});
});
