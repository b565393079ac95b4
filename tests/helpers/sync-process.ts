import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../../server/launch/paths.ts';
import type { PocketBaseInstance } from './pocketbase.ts';

export interface SyncProcess {
	child: ChildProcess;
	/** Resolves once the process is gone. */
	exited: Promise<void>;
}

/** The sync server in a child process on `port` (sync-main.ts), resolved once it listens. */
export async function startSyncProcess(pb: PocketBaseInstance, port: number): Promise<SyncProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/helpers/sync-main.ts')], {
		cwd: root,
		env: {
			...process.env,
			POCKETBASE_URL: pb.url,
			PB_SUPERUSER_EMAIL: pb.superuser.email,
			PB_SUPERUSER_PASSWORD: pb.superuser.password,
			SYNC_PORT: String(port)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await new Promise<void>((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('sync listening')) resolve();
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => reject(new Error(`sync process exited (${code}):\n${output.slice(-2000)}`)));
	});
	return { child, exited };
}
