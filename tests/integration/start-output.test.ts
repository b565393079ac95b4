// What `npm start` prints ends up in terminals, CI logs and log files: it must never carry the
// superuser's password, token keys, password hashes or the SQL that writes users. PocketBase's
// dev mode prints all of that, and PocketBase turns it on by itself when its binary lies under
// the temp folder, so this runs a copy of the binary from there.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPocketBase } from '../../server/launch/build.ts';
import { pocketbaseBinary } from '../../server/launch/paths.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/launch/seed.ts';
import { startKring, type KringSystem } from '../helpers/system.ts';

let kring: KringSystem;
let binDir: string;

beforeAll(async () => {
	await buildPocketBase(() => {});
	binDir = await mkdtemp(join(tmpdir(), 'kring-bin-'));
	const bin = join(binDir, 'kring-pocketbase');
	await copyFile(pocketbaseBinary, bin);
	kring = await startKring({ pocketbaseBin: bin });
}, 300_000);

afterAll(async () => {
	await kring?.destroy();
	if (binDir) await rm(binDir, { recursive: true, force: true });
});

/** Logs in through the app's login form, as a browser would. */
async function login(email: string, password: string): Promise<Response> {
	return fetch(`${kring.baseUrl}/login`, {
		method: 'POST',
		headers: { origin: kring.baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
}

it('prints no secrets, hashes or SQL while starting, seeding and serving a login', async () => {
	const response = await login(DEMO_ACCOUNTS[0].email, DEMO_PASSWORD);
	expect(response.status).toBe(303);
	expect(response.headers.get('location')).toBe('/kaarten');
	// Stopping prints too (the app flushes maps to PocketBase).
	await kring.stop();

	const output = kring.output();
	const { password } = JSON.parse(await readFile(join(kring.dataDir, 'superuser.json'), 'utf8')) as { password: string };
	expect(output).toContain('Kring is running');
	expect(output).not.toContain(password);
	expect(output).not.toMatch(/tokenKey/i);
	expect(output).not.toMatch(/\$2[aby]\$\d\d\$/); // a bcrypt password hash
	expect(output).not.toMatch(/INSERT INTO/i);
	expect(output).not.toMatch(/UPDATE [`"]?_?\w+[`"]? SET/i);
	// The demo accounts and their shared password are printed on purpose (README).
	expect(output).toContain(`password for each: ${DEMO_PASSWORD}`);
});
