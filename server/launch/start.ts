/**
 * `npm start`: builds what changed, starts PocketBase and the app, seeds the demo data on a
 * fresh data folder, and prints the address. Ctrl-C stops everything it started.
 * `npm run dev`: the same, with Vite's dev server (hot reload) in place of the production build.
 * `KRING_WORKERS=N npm start`: the same with N app processes behind HAProxy (cluster.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp, buildPocketBase, buildServer, serverEntry } from './build.ts';
import { backupDirFrom, dataDirFrom, ensurePrivateDataDir, pocketbaseDataDir } from './data-dir.ts';
import { startPocketBase, upsertSuperuser } from './pocketbase.ts';
import { resolveSuperuser } from './superuser.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from './seed.ts';
import { root } from './paths.ts';
import { appProcessEnv } from './app-env.ts';
import { isRunning, supervise, type Supervised } from './supervise.ts';
import {
	clusterSize,
	findHaproxy,
	freeLoopbackPort,
	haproxyConfig,
	hasIpv6Loopback,
	startHaproxy,
	workerAddressEnv,
	type ClusterWorker
} from './cluster.ts';

const dev = process.argv.includes('--dev');
const env = process.env;
const log = (msg: string) => console.log(`[kring] ${msg}`);

const port = Number(env.PORT || 3000);
const origin = env.ORIGIN || `http://localhost:${port}`;
const dataDir = dataDirFrom(env);
const backupDir = backupDirFrom(env, dataDir);
const pbHost = env.PB_HOST || '127.0.0.1';
const pbPort = Number(env.PB_PORT || 8090);
const demo = env.KRING_DEMO !== '0';

let pocketbase: Supervised | null = null;
let app: Supervised | null = null;
/** Cluster mode: the balancer and its workers (app stays null). */
let balancer: Supervised | null = null;
const workers: Supervised[] = [];
let stopping = false;

async function stop(code: number): Promise<never> {
	if (!stopping) {
		stopping = true;
		// The balancer first (no new requests), then the app: it flushes open maps to PocketBase
		// before it exits.
		await balancer?.stop();
		await Promise.all([app, ...workers].map((s) => s?.stop()));
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
	for (const child of [balancer?.child, app?.child, ...workers.map((w) => w.child), pocketbase?.child])
		if (child && isRunning(child)) child.kill('SIGTERM');
});

function startApp(childEnv: NodeJS.ProcessEnv): Promise<ChildProcess> {
	const args = dev
		? [join(root, 'node_modules/vite/bin/vite.js'), 'dev', '--port', String(port), '--strictPort']
		: ['--enable-source-maps', serverEntry];
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

/** Cluster mode: `count` workers on loopback ports, HAProxy on the app's port in front of them. */
async function startCluster(appEnv: NodeJS.ProcessEnv, count: number, haproxyBin: string): Promise<void> {
	const members: ClusterWorker[] = [];
	for (let i = 1; i <= count; i++) members.push({ id: `w${i}`, port: await freeLoopbackPort() });
	const workerEnv = { ...appEnv, ...workerAddressEnv(env), HOST: '127.0.0.1' };
	await Promise.all(
		members.map(async (w) => {
			const childEnv = { ...workerEnv, PORT: String(w.port), KRING_WORKER_ID: w.id };
			workers.push(await supervise({ name: `worker ${w.id}`, log, start: () => startApp(childEnv) }));
		})
	);
	const hosts = env.HOST ? [env.HOST] : (await hasIpv6Loopback()) ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
	const configPath = join(dataDir, 'haproxy.cfg');
	await writeFile(configPath, haproxyConfig({ hosts, port, workers: members, env }), { mode: 0o600 });
	balancer = await supervise({
		name: 'HAProxy',
		log,
		start: () => startHaproxy(haproxyBin, configPath, hosts[0], port, (line) => console.error(`[haproxy] ${line}`))
	});
	log(`HAProxy on port ${port} in front of ${members.map((w) => `${w.id} (127.0.0.1:${w.port})`).join(', ')}`);
}

async function main() {
	const started = Date.now();
	const workerCount = clusterSize(env);
	if (workerCount > 1 && dev) throw new Error('KRING_WORKERS is for `npm start` (the production build), not `npm run dev`');
	// Before any build: a missing balancer should say so at once.
	const haproxyBin = workerCount > 1 ? findHaproxy(env) : '';
	await ensurePrivateDataDir(dataDir);
	await buildPocketBase(log);
	if (!dev) {
		await buildApp(log);
		await buildServer(log);
	}

	const pbData = pocketbaseDataDir(dataDir);
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
					env: { KRING_PROXY_SECRET: proxySecret, KRING_BACKUP_DIR: backupDir },
					onLine: (line) => {
						if (line.startsWith('[kring]')) console.log(line);
						else if (/error|panic|fail/i.test(line)) console.error(`[pocketbase] ${line}`);
					}
				})
			).child
	});
	log(`PocketBase on ${pbUrl} (data in ${pbData}, backups in ${backupDir})`);

	const seeded = demo ? await seedDemo(pbUrl, superuser) : false;

	const appEnv = {
		...env,
		...appProcessEnv(env),
		PORT: String(port),
		ORIGIN: origin,
		POCKETBASE_URL: pbUrl,
		PB_SUPERUSER_EMAIL: superuser.email,
		PB_SUPERUSER_PASSWORD: superuser.password,
		KRING_PROXY_SECRET: proxySecret
	};
	if (workerCount > 1) await startCluster(appEnv, workerCount, haproxyBin);
	else app = await supervise({ name: 'app', log, start: () => startApp(appEnv) });

	const lines = ['', `Kring is running: ${origin}`, `(ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops it)`];
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
