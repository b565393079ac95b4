/**
 * `npm run restore -- <backup>`: brings a stopped Kring back from a backup. <backup> is a path to
 * a backup zip, or the name of one in the backup folder (KRING_BACKUP_DIR, else
 * $KRING_DATA_DIR/backups). Without one it lists the backups there. The work is PocketBase's
 * binary's (`kring-pocketbase restore`, server/pocketbase/backup/restore.go): it refuses while
 * Kring runs on the data folder or when the file is not a sound Kring backup, and keeps the data
 * it replaces beside it (pb_data.replaced-<time>).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildPocketBase } from './build.ts';
import { backupDirFrom, dataDirFrom, ensurePrivateDataDir, pocketbaseDataDir } from './data-dir.ts';
import { pocketbaseCommand } from './paths.ts';

const env = process.env;
const log = (msg: string) => console.log(`[kring] ${msg}`);

/** The backup zips in dir, newest first. */
export async function listBackups(dir: string): Promise<{ name: string; bytes: number; modified: Date }[]> {
	const names = await readdir(dir).catch(() => [] as string[]);
	const found = await Promise.all(
		names
			.filter((n) => n.endsWith('.zip'))
			.map(async (name) => {
				const info = await stat(join(dir, name));
				return { name, bytes: info.size, modified: info.mtime };
			})
	);
	return found.sort((a, b) => b.modified.getTime() - a.modified.getTime());
}

/** The file `arg` names: a path when one exists there, else a name in the backup folder. */
export function backupPath(arg: string, backupDir: string): string {
	return existsSync(arg) ? resolve(arg) : join(backupDir, arg);
}

/** Runs `kring-pocketbase restore`; resolves with its exit code (its messages go to this terminal). */
export function restoreInto(pbData: string, zip: string): Promise<number> {
	const child = spawn(pocketbaseCommand(env), ['restore', zip, '--dir', pbData], { stdio: 'inherit' });
	return new Promise((resolvePromise, reject) => {
		child.once('error', reject);
		child.once('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
	});
}

async function main(): Promise<number> {
	const dataDir = dataDirFrom(env);
	const backupDir = backupDirFrom(env, dataDir);
	const arg = process.argv[2];
	if (!arg) {
		const backups = await listBackups(backupDir);
		console.log('usage: npm run restore -- <backup.zip or its name>');
		console.log(backups.length ? `\nbackups in ${backupDir}, newest first:` : `\nno backups in ${backupDir}`);
		for (const b of backups)
			console.log(`  ${b.name.padEnd(48)} ${(b.bytes / 1e6).toFixed(1).padStart(7)} MB  ${b.modified.toISOString()}`);
		return 2;
	}
	const zip = backupPath(arg, backupDir);
	await ensurePrivateDataDir(dataDir);
	await buildPocketBase(log);
	const started = Date.now();
	const code = await restoreInto(pocketbaseDataDir(dataDir), zip);
	if (code === 0) log(`restored in ${((Date.now() - started) / 1000).toFixed(1)} s; start Kring again with \`npm start\``);
	return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	main().then(
		(code) => process.exit(code),
		(err: unknown) => {
			console.error(`[kring] restore failed: ${err instanceof Error ? err.message : err}`);
			process.exit(1);
		}
	);
}
