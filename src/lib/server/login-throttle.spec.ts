import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const MINUTE = 60_000;

function throttle(opts: { perAccount?: number; perAddress?: number; maxKeys?: number } = {}) {
	let now = 0;
	const t = new LoginThrottle({ perAccount: 3, perAddress: 5, windowMs: 15 * MINUTE, now: () => now, ...opts });
	return { t, advance: (ms: number) => (now += ms) };
}

describe('LoginThrottle', () => {
	it('blocks an account at an address after its limit of failures there, whatever the case of the email', () => {
		const { t } = throttle();
		for (let i = 0; i < 3; i++) {
			expect(t.blocked('10.0.0.1', 'Sam@Example.nl')).toBe(false);
			t.failed('10.0.0.1', i % 2 ? 'SAM@example.nl' : 'sam@example.nl');
		}
		expect(t.blocked('10.0.0.1', 'sam@example.nl ')).toBe(true);
		expect(t.blocked('10.0.0.1', 'jim@example.nl')).toBe(false);
	});

	it('a stranger who fails for Sam from their address does not lock Sam out at his', () => {
		const { t } = throttle();
		for (let i = 0; i < 3; i++) t.failed('203.0.113.7', 'sam@example.nl');
		expect(t.blocked('203.0.113.7', 'sam@example.nl')).toBe(true);
		expect(t.blocked('10.0.0.2', 'sam@example.nl')).toBe(false);
	});

	it('blocks an address after its limit of failures over any accounts', () => {
		const { t } = throttle();
		for (let i = 0; i < 5; i++) t.failed('10.0.0.1', `user${i}@example.nl`);
		expect(t.blocked('10.0.0.1', 'new@example.nl')).toBe(true);
		expect(t.blocked('10.0.0.2', 'new@example.nl')).toBe(false);
	});

	it('forgets failures once they are older than the window', () => {
		const { t, advance } = throttle();
		for (let i = 0; i < 3; i++) t.failed('10.0.0.1', 'sam@example.nl');
		advance(14 * MINUTE);
		expect(t.blocked('10.0.0.1', 'sam@example.nl')).toBe(true);
		advance(MINUTE);
		expect(t.blocked('10.0.0.1', 'sam@example.nl')).toBe(false);
	});

	it('clears an account at an address after a good login there, not the address', () => {
		const { t } = throttle({ perAddress: 4 });
		for (let i = 0; i < 3; i++) t.failed('10.0.0.1', 'sam@example.nl');
		t.succeeded('10.0.0.1', 'sam@example.nl');
		expect(t.blocked('10.0.0.1', 'sam@example.nl')).toBe(false);
		t.failed('10.0.0.1', 'sam@example.nl');
		expect(t.blocked('10.0.0.1', 'jim@example.nl')).toBe(true);
	});

	it('remembers a bounded number of keys', () => {
		const { t } = throttle({ perAccount: 1, perAddress: 100, maxKeys: 4 });
		for (let i = 0; i < 10; i++) t.failed('10.0.0.1', `user${i}@example.nl`);
		expect(t.blocked('10.0.0.1', 'user9@example.nl')).toBe(true);
		expect(t.blocked('10.0.0.1', 'user0@example.nl')).toBe(false);
	});
});
