/**
 * Kring on a copy of the cached organisation, started from the same pieces `npm start` uses
 * (server/launch: the PocketBase process and superuser; server/index.ts: the app with the sync
 * endpoint), on free ports, with the counting proxy (proxy.ts) between the app and PocketBase.
 * The bench starts the pieces itself rather than through start.ts so that it can point the app at
 * the proxy and restart the app alone.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../../server/launch/paths.ts';
import { serverEntry } from '../../server/launch/build.ts';
import { appProcessEnv } from '../../server/launch/app-env.ts';
import { startPocketBase, upsertSuperuser, type PocketBaseProcess, type Superuser } from '../../server/launch/pocketbase.ts';
import { freePort } from '../../tests/helpers/ports.ts';
import type { ProxyCommand, ProxyReply } from './proxy.ts';

export interface MemoryReading {
	/** VmRSS of the app process from /proc, before the collection. */
	rss: number;
	/** After a full garbage collection (memory-probe.ts). */
	rssAfterGc: number;
	heapUsedAfterGc: number;
	/** Heap V8 keeps from the OS, used or not; memory outside the heap (Uint8Arrays' bytes among it). */
	heapTotalAfterGc: number;
	externalAfterGc: number;
	/** V8's heap by space after that collection (new_space, old_space, …): kept from the OS, and used. */
	spacesAfterGc: Record<string, { size: number; used: number }>;
}

export interface CpuReading {
	app: number;
	pocketbase: number;
	proxy: number;
}

/** CPU time a process has used, ms (utime + stime from /proc/<pid>/stat, in clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
	// The command name may hold spaces: fields count from after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface AppProcess {
	pid: number;
	/** Lines of the app's log by `msg` (JSON logs), since this process started. */
	counts: Map<string, number>;
	/** Resolves when the app has logged `msg` `n` times in all (since it started). */
	waitForCount(msg: string, n: number, timeoutMs: number): Promise<void>;
	/** The last line the app logged with this `msg` (its JSON fields), if any. */
	lastOf(msg: string): Record<string, unknown> | undefined;
	exited: Promise<void>;
}

export interface OrgSystem {
	/** PocketBase itself (for the bench's own setup and checks: not counted). */
	pocketbaseUrl: string;
	/** The counting proxy: what the app uses as its PocketBase. */
	proxyUrl: string;
	/** http://127.0.0.1:<port> */
	appUrl: string;
	wsBase: string;
	superuser: Superuser;
	app: AppProcess;
	proxy: { read(): Promise<ProxyReply>; record(on: boolean): Promise<ProxyReply> };
	memory(): Promise<MemoryReading>;
	/** The app's RSS now, with no forced collection. */
	rssNow(): Promise<number>;
	/** CPU time (user + system, ms) each process of the system has used since it started. */
	cpu(): Promise<CpuReading>;
	/** Stops the app with `signal` and starts it again; times from the signal. */
	restartApp(signal: NodeJS.Signals): Promise<{ exitedMs: number; listeningMs: number }>;
	stop(): Promise<void>;
}

type Log = (msg: string) => void;

export async function startOrgSystem(dataDir: string, superuser: Superuser, log: Log): Promise<OrgSystem> {
	const pbData = join(dataDir, 'pb_data');
	await upsertSuperuser(pbData, superuser);
	const proxySecret = randomBytes(32).toString('base64url');
	const pocketbase: PocketBaseProcess = await startPocketBase({
		dataDir: pbData,
		host: '127.0.0.1',
		port: await freePort(),
		env: { KRING_PROXY_SECRET: proxySecret },
		onLine: (line) => {
			if (/panic|fatal/i.test(line)) log(`[pocketbase] ${line}`);
		}
	});

	const proxyChild = fork(join(root, 'bench/org/proxy.ts'), [], {
		execArgv: ['--import', 'tsx'],
		env: { ...process.env, PROXY_TARGET: pocketbase.url },
		stdio: ['ignore', 'pipe', 'inherit', 'ipc']
	});
	const proxyPort = await new Promise<number>((resolve, reject) => {
		proxyChild.stdout!.on('data', (chunk: Buffer) => {
			const m = /proxy listening (\d+)/.exec(chunk.toString());
			if (m) resolve(Number(m[1]));
		});
		proxyChild.once('exit', (code) => reject(new Error(`the counting proxy exited (${code})`)));
	});
	let nextId = 1;
	const pending = new Map<number, (r: ProxyReply) => void>();
	proxyChild.on('message', (reply: ProxyReply) => {
		pending.get(reply.id)?.(reply);
		pending.delete(reply.id);
	});
	const ask = (cmd: { type: 'read' } | { type: 'record'; on: boolean }) =>
		new Promise<ProxyReply>((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			proxyChild.send({ ...cmd, id } as ProxyCommand);
		});

	const port = await freePort();
	const appEnv = {
		...process.env,
		...appProcessEnv(process.env),
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: `http://127.0.0.1:${port}`,
		POCKETBASE_URL: `http://127.0.0.1:${proxyPort}`,
		PB_SUPERUSER_EMAIL: superuser.email,
		PB_SUPERUSER_PASSWORD: superuser.password,
		KRING_PROXY_SECRET: proxySecret
	};
	let app = await startApp(appEnv, log);

	const rssNow = async (): Promise<number> => {
		const status = await readFile(`/proc/${app.pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
	};
	const memory = async (): Promise<MemoryReading> => {
		const rss = await rssNow();
		const line = app.nextMemoryLine();
		process.kill(app.pid, 'SIGUSR2');
		const reading = await line;
		return {
			rss,
			rssAfterGc: reading.after.rss,
			heapUsedAfterGc: reading.after.heapUsed,
			heapTotalAfterGc: reading.after.heapTotal,
			externalAfterGc: reading.after.external,
			spacesAfterGc: reading.spaces ?? {}
		};
	};

	return {
		pocketbaseUrl: pocketbase.url,
		proxyUrl: `http://127.0.0.1:${proxyPort}`,
		appUrl: `http://127.0.0.1:${port}`,
		wsBase: `ws://127.0.0.1:${port}/sync`,
		superuser,
		get app() {
			return app;
		},
		proxy: { read: () => ask({ type: 'read' }), record: (on) => ask({ type: 'record', on }) },
		memory,
		rssNow,
		async cpu() {
			const [a, p, x] = await Promise.all([cpuMs(app.pid), cpuMs(pocketbase.child.pid!), cpuMs(proxyChild.pid!)]);
			return { app: a, pocketbase: p, proxy: x };
		},
		async restartApp(signal) {
			const t0 = performance.now();
			app.child.kill(signal);
			await app.exited;
			const exitedMs = performance.now() - t0;
			app = await startApp(appEnv, log);
			return { exitedMs, listeningMs: performance.now() - t0 };
		},
		async stop() {
			if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGTERM');
			await app.exited;
			proxyChild.kill('SIGTERM');
			await pocketbase.stop();
		}
	};
}

/** The line memory-probe.ts prints. */
type BenchMemoryLine = { after: NodeJS.MemoryUsage; spaces?: Record<string, { size: number; used: number }> };

type Started = AppProcess & { child: ChildProcess; nextMemoryLine(): Promise<BenchMemoryLine> };

function startApp(env: NodeJS.ProcessEnv, log: Log): Promise<Started> {
	const probe = pathToFileURL(join(root, 'bench/org/memory-probe.ts')).href;
	const child = spawn(
		process.execPath,
		[
			...(process.env.KRING_BENCH_APP_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.KRING_BENCH_APP_PROF] : []),
			'--expose-gc',
			'--import',
			'tsx',
			'--import',
			probe,
			serverEntry
		],
		{
			cwd: root,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	const counts = new Map<string, number>();
	const last = new Map<string, Record<string, unknown>>();
	const waiters = new Set<() => void>();
	let memoryWaiter: ((r: BenchMemoryLine) => void) | null = null;
	let errors = 0;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const onLine = (line: string) => {
		let entry: { msg?: string; level?: string; after?: NodeJS.MemoryUsage };
		try {
			entry = JSON.parse(line);
		} catch {
			if (line.trim() && errors++ < 20) log(`[app] ${line.slice(0, 300)}`);
			return;
		}
		const msg = entry.msg ?? '';
		counts.set(msg, (counts.get(msg) ?? 0) + 1);
		// Refusals and closes by their reason too ('upgrade refused: busy'), for the load's note.
		const reason = (entry as { reason?: unknown }).reason;
		if (typeof reason === 'string') counts.set(`${msg}: ${reason}`, (counts.get(`${msg}: ${reason}`) ?? 0) + 1);
		last.set(msg, entry as Record<string, unknown>);
		if (msg === 'bench memory' && memoryWaiter) {
			memoryWaiter(entry as BenchMemoryLine);
			memoryWaiter = null;
		}
		for (const w of waiters) w();
	};
	// One buffer per stream: a line of stdout and one of stderr may arrive in pieces, interleaved.
	const collector = () => {
		let rest = '';
		return (chunk: Buffer) => {
			const lines = (rest + chunk.toString()).split('\n');
			rest = lines.pop() ?? '';
			for (const line of lines) onLine(line);
		};
	};
	child.stdout!.on('data', collector());
	child.stderr!.on('data', collector());
	const started: Started = {
		pid: child.pid!,
		child,
		counts,
		exited,
		lastOf: (msg) => last.get(msg),
		waitForCount(msg, n, timeoutMs) {
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => {
					waiters.delete(check);
					reject(new Error(`the app logged '${msg}' ${counts.get(msg) ?? 0} times, not ${n}, within ${timeoutMs / 1000} s`));
				}, timeoutMs);
				const check = () => {
					if ((counts.get(msg) ?? 0) < n) return;
					clearTimeout(timer);
					waiters.delete(check);
					resolve();
				};
				waiters.add(check);
				check();
			});
		},
		nextMemoryLine() {
			return new Promise((resolve) => (memoryWaiter = resolve));
		}
	};
	return new Promise((resolve, reject) => {
		const check = () => {
			if ((counts.get('kring listening') ?? 0) > 0) {
				waiters.delete(check);
				resolve(started);
			}
		};
		waiters.add(check);
		child.once('exit', (code, signal) => {
			if ((counts.get('kring listening') ?? 0) === 0) reject(new Error(`the app exited before listening (${signal ?? code})`));
		});
	});
}
