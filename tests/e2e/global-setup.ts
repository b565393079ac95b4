import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/ports.ts';

/**
 * Starts the whole of Kring exactly as `npm start` does (demo data included), on free ports with
 * a temporary data folder, and stops it after the run.
 */
export default async function globalSetup() {
	const [port, pbPort] = [await freePort(), await freePort()];
	const dataDir = await mkdtemp(join(tmpdir(), 'kring-e2e-'));
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/launch/start.ts'], {
		env: { ...process.env, PORT: String(port), PB_PORT: String(pbPort), KRING_DATA_DIR: dataDir, KRING_DEMO: '1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Kring is running')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before it was ready:\n${output}`)));
	});
	process.env.KRING_E2E_BASE_URL = `http://localhost:${port}`;
	return async () => {
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		await exited;
		await rm(dataDir, { recursive: true, force: true });
	};
}
