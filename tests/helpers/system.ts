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
	/** Stops it as Ctrl-C would; the data folder stays for a restart. */
	stop(): Promise<void>;
	/** Stops it and removes its data folder. */
	destroy(): Promise<void>;
}

/**
 * The whole of Kring started exactly as `npm start` starts it (server/launch/start.ts, demo data
 * on a fresh folder), on free ports and a temporary data folder unless one is given.
 */
export async function startKring(opts: { dataDir?: string; port?: number; pbPort?: number } = {}): Promise<KringSystem> {
	const port = opts.port ?? (await freePort());
	const pbPort = opts.pbPort ?? (await freePort());
	const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'kring-system-')));
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/launch/start.ts')], {
		cwd: root,
		env: { ...process.env, PORT: String(port), PB_PORT: String(pbPort), KRING_DATA_DIR: dataDir, KRING_DEMO: '1', ORIGIN: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
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
		stop,
		async destroy() {
			await stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}
