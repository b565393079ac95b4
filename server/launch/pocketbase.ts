import { spawn, type ChildProcess } from 'node:child_process';
import { pocketbaseBinary } from './paths.ts';
import { run } from './build.ts';

export interface Superuser {
	email: string;
	password: string;
}

export interface PocketBaseProcess {
	url: string;
	child: ChildProcess;
	/** Stops PocketBase and waits until it has exited. */
	stop(): Promise<void>;
}

export interface PocketBaseOptions {
	dataDir: string;
	host: string;
	port: number;
	/** Receives each line PocketBase prints (defaults to dropping them). */
	onLine?: (line: string) => void;
}

/** Creates or updates the superuser the servers use for persistence. */
export function upsertSuperuser(dataDir: string, superuser: Superuser): Promise<void> {
	return run(pocketbaseBinary, ['superuser', 'upsert', superuser.email, superuser.password, '--dir', dataDir], process.cwd(), {
		...process.env
	});
}

/** Starts the built PocketBase and resolves once it prints that it is listening. */
export function startPocketBase(opts: PocketBaseOptions): Promise<PocketBaseProcess> {
	const url = `http://${opts.host}:${opts.port}`;
	const child = spawn(pocketbaseBinary, ['serve', '--http', `${opts.host}:${opts.port}`, '--dir', opts.dataDir], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	return new Promise((resolve, reject) => {
		let output = '';
		const onData = (chunk: Buffer) => {
			const text = chunk.toString();
			output += text;
			for (const line of text.split('\n')) if (line.trim()) opts.onLine?.(line);
			if (output.includes('Server started')) resolve({ url, child, stop });
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('error', reject);
		child.once('exit', (code, signal) =>
			reject(new Error(`PocketBase exited before listening (${signal ?? code}):\n${output.slice(-2000)}`))
		);
	});
}
