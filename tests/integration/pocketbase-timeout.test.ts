// A PocketBase that accepts connections but never answers (hung, or stuck on a full disk) must not
// hang the app's pages: the user gets the "unavailable" message instead of a page that never loads.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../server/launch/build.ts';
import { root } from '../../server/launch/paths.ts';
import { freePort } from '../helpers/ports.ts';

let hung: Server;
const sockets = new Set<Socket>();
let app: ChildProcess;
let baseUrl: string;

beforeAll(async () => {
	await buildApp(() => {});
	hung = createServer((socket) => sockets.add(socket)); // reads the request, never answers
	const pbPort = await freePort();
	await new Promise<void>((resolve) => hung.listen(pbPort, '127.0.0.1', resolve));
	const port = await freePort();
	baseUrl = `http://127.0.0.1:${port}`;
	app = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/index.ts')], {
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
