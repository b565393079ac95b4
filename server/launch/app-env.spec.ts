import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appProcessEnv } from './app-env.ts';

const installed = join(mkdtempSync(join(tmpdir(), 'kring-app-env-')), 'libjemalloc.so.2');
writeFileSync(installed, '');
const absent = join(tmpdir(), 'kring-no-such-dir', 'libjemalloc.so.2');

describe('the app process environment', () => {
	it('runs on jemalloc where it is installed, giving back freed pages from a thread of its own', () => {
		const env = appProcessEnv({}, installed);
		expect(env.LD_PRELOAD).toBe(installed);
		expect(env.MALLOC_CONF).toContain('background_thread:true');
	});

	it('keeps glibc, with two arenas, when jemalloc is absent or KRING_MALLOC=glibc', () => {
		for (const env of [appProcessEnv({}, absent), appProcessEnv({ KRING_MALLOC: 'glibc' }, installed)]) {
			expect(env.LD_PRELOAD).toBeUndefined();
			expect(env.MALLOC_ARENA_MAX).toBe('2');
		}
	});

	it('what the operator set wins or is kept: their malloc settings, preloads and Node options', () => {
		const env = appProcessEnv(
			{ MALLOC_CONF: 'narenas:4', MALLOC_ARENA_MAX: '8', LD_PRELOAD: '/opt/trace.so', NODE_OPTIONS: '--max-old-space-size=2048' },
			installed
		);
		expect(env.MALLOC_CONF).toBe('narenas:4');
		expect(env.MALLOC_ARENA_MAX).toBe('8');
		expect(env.LD_PRELOAD).toBe(`/opt/trace.so ${installed}`);
		expect(env.NODE_OPTIONS).toBe('--max-old-space-size=2048 --max-semi-space-size=4');
	});
});
