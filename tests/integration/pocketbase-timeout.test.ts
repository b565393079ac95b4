// A PocketBase that accepts connections but never answers (hung, or stuck on a full disk) must not
// hang the app's pages: the user gets the "unavailable" message instead of a page that never loads,
// stays logged in, and keeps what they typed into a form.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, buildServer, serverEntry } from '../../server/launch/build.ts';
import { root } from '../../server/launch/paths.ts';
import { freePort } from '../helpers/ports.ts';

let hung: Server;
const sockets = new Set<Socket>();
let app: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
	await buildApp(() => {});
	await buildServer(() => {});
	hung = createServer((socket) => sockets.add(socket)); // reads the request, never answers
	const pbPort = await freePort();
	await new Promise<void>((resolve) => hung.listen(pbPort, '127.0.0.1', resolve));
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	app = spawn(process.execPath, [serverEntry], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseUrl,
			POCKETBASE_URL: `http://127.0.0.1:${pbPort}`,
			PB_SUPERUSER_EMAIL: 'nobody@kring.test',
			PB_SUPERUSER_PASSWORD: 'not-used-here',
			// Short, so the test does not sit out the 10 s default.
			POCKETBASE_TIMEOUT_MS: '500'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('kring listening')) resolve();
		};
		app.stdout!.on('data', onData);
		app.stderr!.on('data', onData);
		app.once('exit', (code) => reject(new Error(`the app exited (${code}):\n${output.slice(-2000)}`)));
	});
}, 300_000);

afterAll(async () => {
	if (app && app.exitCode === null && app.signalCode === null) {
		const exited = new Promise((resolve) => app.once('exit', resolve));
		app.kill('SIGKILL');
		await exited;
	}
	for (const socket of sockets) socket.destroy();
	await new Promise((resolve) => hung?.close(resolve));
});

/**
 * The cookie of a signed-in user as the app writes it. The hung PocketBase cannot confirm it, and
 * in this file it never has to: nothing of it may reach a page.
 */
function sessionCookie(): string {
	const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64').replace(/=+$/, '');
	const token = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id: 'u1234567890abcd', type: 'auth', exp: Math.floor(Date.now() / 1000) + 3600 })}.sig`;
	const record = { id: 'u1234567890abcd', email: 'sam@demo.local', name: 'Sam' };
	return `pb_auth=${encodeURIComponent(JSON.stringify({ token, record }))}`;
}

it('a page while PocketBase hangs answers 503 in plain words, with a retry, and keeps the session', async () => {
	const started = Date.now();
	const response = await fetch(`${baseUrl}/kaarten`, { headers: { cookie: sessionCookie(), accept: 'text/html' }, redirect: 'manual' });
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
	const html = await response.text();
	expect(html).toContain('Kring is even niet bereikbaar');
	expect(html).toContain('Probeer het zo opnieuw. Je gegevens zijn niet kwijt.');
	expect(html).toMatch(/<a[^>]*href="\/kaarten"[^>]*>Opnieuw proberen<\/a>/);
	// One wait for PocketBase (500 ms here), not one per request the page would have made.
	expect(Date.now() - started).toBeLessThan(1500);
	// Not logged out by PocketBase's silence: the session cookie goes back as it came.
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pb_auth='));
	expect(cookie).toBeDefined();
	expect(cookie).not.toMatch(/pb_auth=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
});

it('the unavailable page speaks English to an English browser', async () => {
	const response = await fetch(`${baseUrl}/kaarten/abcdefghijklmno`, {
		headers: { cookie: `${sessionCookie()}; PARAGLIDE_LOCALE=en`, accept: 'text/html', 'accept-language': 'en' },
		redirect: 'manual'
	});
	expect(response.status).toBe(503);
	const html = await response.text();
	// Not "this map does not exist": PocketBase did not say so.
	expect(html).toContain("Kring can't be reached right now");
	expect(html).toContain('Try again');
});

it('a form sent while PocketBase hangs comes back with what was typed and why', async () => {
	const response = await fetch(`${baseUrl}/kaarten?/create`, {
		method: 'POST',
		// As the page's enhanced form sends it.
		headers: { cookie: sessionCookie(), origin: baseUrl, accept: 'application/json', 'x-sveltekit-action': 'true' },
		body: new URLSearchParams({ youth_name: 'Mila de Vries', youth_birthdate: '2010-04-01', team: 'team1234567890a' })
	});
	const result = await response.json();
	expect(result.type).toBe('failure');
	expect(result.status).toBe(503);
	const data = JSON.stringify(result.data);
	expect(data).toContain('Mila de Vries');
	expect(data).toContain('2010-04-01');
	expect(data).toContain('Wat je hebt ingevuld, staat er nog');
});

it('a login while PocketBase hangs answers that Kring cannot reach the server', async () => {
	const response = await fetch(`${baseUrl}/login`, {
		method: 'POST',
		headers: { origin: baseUrl, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'sam@demo.local', password: 'jim-demo-1234' }),
		redirect: 'manual'
	});
	expect(response.status).toBe(503);
	expect(await response.text()).toContain('Kring kan nu niet bij de server');
});
