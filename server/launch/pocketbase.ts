import { spawn, type ChildProcess } from 'node:child_process';
import { pocketbaseCommand } from './paths.ts';

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
	/** Added to this process's environment for PocketBase. */
	env?: NodeJS.ProcessEnv;
}

/**
 * `--dev=false` on every command: dev mode prints each SQL statement, and `superuser upsert` would
 * print the superuser's password hash and token key (main.go refuses dev mode as well).
 */
const NO_DEV = '--dev=false';

/**
 * Creates or updates the superuser the servers use for persistence. Its output is kept back: on
 * failure the error carries PocketBase's message, never the command line (it holds the password).
 * The flags come first and `--` ends them: a generated password begins with '-' one time in 64,
 * and PocketBase read it as flags.
 */
export function upsertSuperuser(dataDir: string, superuser: Superuser): Promise<void> {
	const args = ['superuser', 'upsert', '--dir', dataDir, NO_DEV, '--', superuser.email, superuser.password];
	const child = spawn(pocketbaseCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const collect = (chunk: Buffer) => (output += chunk.toString());
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	return new Promise((resolve, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			// PocketBase exits 0 also when its command failed ("Error: …"): only its own words say it saved.
			if (code === 0 && output.includes('Successfully saved superuser')) return resolve();
			const message = output.split(superuser.password).join('***').trim().slice(-2000);
			reject(new Error(`PocketBase could not save the superuser (${signal ?? code}): ${message}`));
		});
	});
}

/** Starts the built PocketBase and resolves once it prints that it is listening. */
export function startPocketBase(opts: PocketBaseOptions): Promise<PocketBaseProcess> {
	const url = `http://${opts.host}:${opts.port}`;
	const args = ['serve', '--http', `${opts.host}:${opts.port}`, '--dir', opts.dataDir, NO_DEV];
	const child = spawn(pocketbaseCommand(), args, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, ...opts.env }
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
