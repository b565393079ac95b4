import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../../server/launch/paths.ts';
import { freePort } from './ports.ts';

export interface KringSystem {
	/** http://localhost:<port> */
	baseUrl: string;
	port: number;
	pocketbaseUrl: string;
	dataDir: string;
	/** Everything the launcher printed so far (stdout and stderr). */
	output(): string;
	/** Resolves with the first whole line that matches, printed after offset `from` of output() (default: from now on). */
	waitForLine(pattern: RegExp, from?: number): Promise<string>;
	/** The launcher process: to send it signals and await its exit. */
	launcher: { pid: number; exited: Promise<void> };
	/** Stops it as Ctrl-C would; the data folder stays for a restart. */
	stop(): Promise<void>;
	/** Stops it and removes its data folder. */
	destroy(): Promise<void>;
}

/**
 * The whole of Kring started exactly as `npm start` starts it (server/launch/start.ts, demo data
 * on a fresh folder), on free ports and a temporary data folder unless one is given.
 */
export async function startKring(
	opts: {
		dataDir?: string;
		port?: number;
		pbPort?: number;
		/** KRING_POCKETBASE_BIN */ pocketbaseBin?: string;
		/** Added to the launcher's environment (KRING_WORKERS, say). */
		env?: NodeJS.ProcessEnv;
	} = {}
): Promise<KringSystem> {
	const port = opts.port ?? (await freePort());
	const pbPort = opts.pbPort ?? (await freePort());
	const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'kring-system-')));
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/launch/start.ts')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			PB_PORT: String(pbPort),
			KRING_DATA_DIR: dataDir,
			KRING_DEMO: '1',
			ORIGIN: '',
			...(opts.pocketbaseBin ? { KRING_POCKETBASE_BIN: opts.pocketbaseBin } : {}),
			...opts.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const watchers = new Set<() => void>();
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const collect = (chunk: Buffer) => {
		output += chunk.toString();
		for (const watch of watchers) watch();
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const waitForLine = (pattern: RegExp, from = output.length) =>
		new Promise<string>((resolve, reject) => {
			const watch = () => {
				const lines = output.slice(from).split('\n');
				// Only whole lines: the last piece may still be growing.
				const line = lines.slice(0, -1).find((l) => pattern.test(l));
				if (line !== undefined) {
					watchers.delete(watch);
					child.off('exit', watch);
					resolve(line);
				} else if (child.exitCode !== null || child.signalCode !== null) {
					watchers.delete(watch);
					reject(new Error(`Kring exited before printing ${pattern}:\n${output.slice(-3000)}`));
				}
			};
			watchers.add(watch);
			child.once('exit', watch);
			watch();
		});
	await new Promise<void>((resolve, reject) => {
		const onData = () => {
			if (output.includes('Kring is running')) resolve();
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`Kring exited (${code}) before it was ready:\n${output.slice(-3000)}`)));
	});
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
		await exited;
	};
	return {
		baseUrl: `http://localhost:${port}`,
		port,
		pocketbaseUrl: `http://127.0.0.1:${pbPort}`,
		dataDir,
		output: () => output,
		waitForLine,
		launcher: { pid: child.pid!, exited },
		stop,
		async destroy() {
			await stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
