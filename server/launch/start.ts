/**
 * `npm start`: builds what changed, starts PocketBase and the app, seeds the demo data on a
 * fresh data folder, and prints the address. Ctrl-C stops everything it started.
 * `npm run dev`: the same, with Vite's dev server (hot reload) in place of the production build.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { buildApp, buildPocketBase } from './build.ts';
import { ensurePrivateDataDir } from './data-dir.ts';
import { startPocketBase, upsertSuperuser } from './pocketbase.ts';
import { resolveSuperuser } from './superuser.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed.ts';
import { root } from './paths.ts';
import { isRunning, supervise, type Supervised } from './supervise.ts';

const dev = process.argv.includes('--dev');
const env = process.env;
const log = (msg: string) => console.log(`[kring] ${msg}`);

const port = Number(env.PORT || 3000);
const origin = env.ORIGIN || `http://localhost:${port}`;
const dataDir = resolve(root, env.KRING_DATA_DIR || 'data');
const pbHost = env.PB_HOST || '127.0.0.1';
const pbPort = Number(env.PB_PORT || 8090);
const demo = env.KRING_DEMO !== '0';

let pocketbase: Supervised | null = null;
let app: Supervised | null = null;
let stopping = false;

async function stop(code: number): Promise<never> {
	if (!stopping) {
		stopping = true;
		// The app first: it flushes open maps to PocketBase before it exits.
		await app?.stop();
		await pocketbase?.stop();
		log('stopped');
	}
	process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
process.on('SIGHUP', () => void stop(0));
// Whatever way this process ends, it takes its children with it.
process.on('exit', () => {
	for (const child of [app?.child, pocketbase?.child]) if (child && isRunning(child)) child.kill('SIGTERM');
});

function startApp(childEnv: NodeJS.ProcessEnv): Promise<ChildProcess> {
	const args = dev
		? [join(root, 'node_modules/vite/bin/vite.js'), 'dev', '--port', String(port), '--strictPort']
		: ['--import', 'tsx', join(root, 'server/index.ts')];
	const child = spawn(process.execPath, args, { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
	return new Promise((resolvePromise, reject) => {
		let ready = false;
		child.stdout!.on('data', (chunk: Buffer) => {
			process.stdout.write(chunk);
			const text = chunk.toString();
			if (!ready && (text.includes('kring listening') || (dev && text.includes('Local:')))) {
				ready = true;
				resolvePromise(child);
			}
		});
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			if (!ready) reject(new Error(`the app exited before listening (${signal ?? code})`));
		});
	});
}

async function main() {
	const started = Date.now();
	await ensurePrivateDataDir(dataDir);
	await buildPocketBase(log);
	if (!dev) await buildApp(log);

	const pbData = join(dataDir, 'pb_data');
	const superuser = await resolveSuperuser(env, dataDir);
	await upsertSuperuser(pbData, superuser);
	const pbUrl = `http://${pbHost}:${pbPort}`;
	// PocketBase takes the browser's address from the app only with this (hooks/proxy.go); new at
	// each start, passed in the environment only, never printed.
	const proxySecret = randomBytes(32).toString('base64url');
	pocketbase = await supervise({
		name: 'PocketBase',
		log,
		start: async () =>
			(
				await startPocketBase({
					dataDir: pbData,
					host: pbHost,
					port: pbPort,
					env: { KRING_PROXY_SECRET: proxySecret },
					onLine: (line) => {
						if (/error|panic|fail/i.test(line)) console.error(`[pocketbase] ${line}`);
					}
				})
			).child
	});
	log(`PocketBase on ${pbUrl} (data in ${pbData})`);

	const seeded = demo ? await seedDemo(pbUrl, superuser) : false;

	const appEnv = {
		...env,
		PORT: String(port),
		ORIGIN: origin,
		POCKETBASE_URL: pbUrl,
		PB_SUPERUSER_EMAIL: superuser.email,
		PB_SUPERUSER_PASSWORD: superuser.password,
		KRING_PROXY_SECRET: proxySecret
	};
	app = await supervise({ name: 'app', log, start: () => startApp(appEnv) });

	const lines = [
		'',
		`Kring is running: ${origin}`,
		`(ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops it)`
	];
	if (demo) {
		lines.push('', seeded ? 'Demo data seeded. Demo accounts:' : 'Demo accounts:');
		for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(26)} ${a.role}`);
		lines.push(`  password for each: ${DEMO_PASSWORD}`);
	}
	console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
	console.error(`[kring] could not start: ${err instanceof Error ? err.message : err}`);
	void stop(1);
});
