import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { Backoff } from './backoff';
import { reconnectWithBackoff } from './reconnect';

/** What reconnect uses of y-websocket's provider: its close hook, 'sync', and connect(). */
function fakeProvider() {
	const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
	const provider = {
		shouldReconnect: (_event: CloseEvent, _provider: unknown) => true,
		connects: 0,
		connect() {
			this.connects++;
		},
		on(name: string, fn: (...args: unknown[]) => void) {
			if (!listeners.has(name)) listeners.set(name, new Set());
			listeners.get(name)!.add(fn);
		},
		off(name: string, fn: (...args: unknown[]) => void) {
			listeners.get(name)?.delete(fn);
		},
		emit(name: string, ...args: unknown[]) {
			for (const fn of listeners.get(name) ?? []) fn(...args);
		},
		/** The server closed the socket (or refused the upgrade: 1006 in a browser). */
		closedByServer(code: number) {
			return this.shouldReconnect({ code } as CloseEvent, this);
		}
	};
	return provider;
}

describe('reconnectWithBackoff', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('after a refused upgrade, connects again after the jittered wait, not before', () => {
		const provider = fakeProvider();
		const reconnect = reconnectWithBackoff(provider as unknown as WebsocketProvider, new Backoff({ baseMs: 1000, random: () => 0.5 }));
		expect(provider.closedByServer(1006)).toBe(false); // y-websocket's own timer stays out of it
		expect(reconnect.retryAt).toBe(Date.now() + 500);
		vi.advanceTimersByTime(499);
		expect(provider.connects).toBe(0);
		vi.advanceTimersByTime(1);
		expect(provider.connects).toBe(1);
		expect(reconnect.retryAt).toBeNull();
	});

	it('waits longer after each failure in a row, and little again after the map synced', () => {
		const provider = fakeProvider();
		const reconnect = reconnectWithBackoff(provider as unknown as WebsocketProvider, new Backoff({ baseMs: 1000, random: () => 0.5 }));
		const waits: number[] = [];
		for (let i = 0; i < 4; i++) {
			provider.closedByServer(1006);
			waits.push(reconnect.retryAt! - Date.now());
			vi.runOnlyPendingTimers();
		}
		expect(waits).toEqual([500, 1000, 2000, 4000]);
		provider.emit('sync', true);
		provider.closedByServer(1012); // the server restarts
		expect(reconnect.retryAt! - Date.now()).toBe(500);
	});

	it('does not retry a final close (4400–4499: logged out, no access, too many tabs)', () => {
		const provider = fakeProvider();
		const reconnect = reconnectWithBackoff(provider as unknown as WebsocketProvider);
		for (const code of [4401, 4403, 4429]) {
			expect(provider.closedByServer(code)).toBe(false);
			expect(reconnect.retryAt).toBeNull();
		}
		vi.advanceTimersByTime(60_000);
		expect(provider.connects).toBe(0);
	});

	it('a cancelled wait (offline, access ended, map closed) connects nothing', () => {
		const provider = fakeProvider();
		const reconnect = reconnectWithBackoff(provider as unknown as WebsocketProvider);
		const seen: (number | null)[] = [];
		reconnect.onChange((at) => seen.push(at));
		provider.closedByServer(1006);
		reconnect.cancel();
		vi.advanceTimersByTime(60_000);
		expect(provider.connects).toBe(0);
		expect(seen.at(-1)).toBeNull();
	});
});
