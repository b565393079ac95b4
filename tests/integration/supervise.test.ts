// `npm start` keeps Kring up: when the app or PocketBase dies (a crash, the OOM killer, a kill -9),
// the launcher starts it again on the same port; and Ctrl-C still ends everything promptly.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { JEMALLOC } from '../../server/launch/app-env.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/launch/seed.ts';
import { startKring, type KringSystem } from '../helpers/system.ts';

let kring: KringSystem;

beforeAll(async () => {
	kring = await startKring();
}, 300_000);
afterAll(() => kring?.destroy());

/** The pid the launcher printed last for `name` ('app' or 'PocketBase'). */
function pidOf(name: string): number {
	const pids = [...kring.output().matchAll(new RegExp(`\\[kring\\] ${name} pid (\\d+)`, 'g'))];
	expect(pids.length).toBeGreaterThan(0);
	return Number(pids.at(-1)![1]);
}

/** Kills the child with SIGKILL and resolves with the pid of the one that replaced it. */
async function killAndAwaitRestart(name: string): Promise<number> {
	const old = pidOf(name);
	const from = kring.output().length;
	process.kill(old, 'SIGKILL');
	const line = await kring.waitForLine(new RegExp(`\\[kring\\] ${name} pid \\d+`), from);
	const pid = Number(line.match(/pid (\d+)/)![1]);
	expect(pid).not.toBe(old);
	return pid;
}

async function login(email: string, password: string): Promise<Response> {
	return fetch(`${kring.baseUrl}/login`, {
		method: 'POST',
		headers: { origin: kring.baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
}

it('runs the app on jemalloc where it is installed (.ci/run installs it), else on glibc with two arenas; with a small young generation', () => {
	const pid = pidOf('app');
	const mapped = readFileSync(`/proc/${pid}/maps`, 'utf8');
	const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
	if (existsSync(JEMALLOC)) expect(mapped).toContain(JEMALLOC);
	else {
		expect(mapped).not.toContain('libjemalloc');
		expect(environ).toContain('MALLOC_ARENA_MAX=2');
	}
	expect(environ.find((v) => v.startsWith('NODE_OPTIONS='))).toContain('--max-semi-space-size=4');
});

it('restarts the app on the same port after it is killed', { timeout: 60_000 }, async () => {
	await killAndAwaitRestart('app');
	expect(kring.output()).toMatch(/app \(pid \d+\) stopped unexpectedly \(SIGKILL\)/);
	const page = await fetch(`${kring.baseUrl}/login`);
	expect(page.status).toBe(200);
	expect(await page.text()).toContain('type="password"');
});

it('restarts PocketBase after it is killed, and logging in works again', { timeout: 60_000 }, async () => {
	await killAndAwaitRestart('PocketBase');
	const response = await login(DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
	expect(response.status).toBe(303);
	expect(response.headers.get('location')).toBe('/kaarten');
});

it('stops on Ctrl-C while a killed child has not come back yet', { timeout: 60_000 }, async () => {
	const pocketbasePid = pidOf('PocketBase');
	const from = kring.output().length;
	process.kill(pidOf('app'), 'SIGKILL');
	await kring.waitForLine(/app \(pid \d+\) stopped unexpectedly/, from);
	process.kill(kring.launcher.pid, 'SIGINT');
	await kring.launcher.exited;
	expect(kring.output()).toContain('[kring] stopped');
	// It took PocketBase down with it (kill 0 only asks whether the process exists).
	expect(() => process.kill(pocketbasePid, 0)).toThrow();
});
