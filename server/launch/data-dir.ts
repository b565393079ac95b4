import { chmod, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { root } from './paths.ts';

/** Kring's data folder: KRING_DATA_DIR, else ./data of the repository. */
export function dataDirFrom(env: NodeJS.ProcessEnv): string {
	return resolve(root, env.KRING_DATA_DIR || 'data');
}

/** PocketBase's own folder inside the data folder. */
export function pocketbaseDataDir(dataDir: string): string {
	return join(dataDir, 'pb_data');
}

/**
 * Where backups go: KRING_BACKUP_DIR, else `backups/` in the data folder, beside pb_data/ (not in
 * it): private like the rest (0700), and a restore, which replaces pb_data/, never moves them.
 */
export function backupDirFrom(env: NodeJS.ProcessEnv, dataDir: string): string {
	return env.KRING_BACKUP_DIR ? resolve(root, env.KRING_BACKUP_DIR) : join(dataDir, 'backups');
}

/**
 * Makes the data folder (PocketBase's SQLite, the generated superuser) and keeps it 0700, also
 * when it was made by hand or by an older Kring: its files are enough to forge a superuser token.
 * PocketBase keeps its own folder below private as well (hooks/data_files.go).
 */
export async function ensurePrivateDataDir(dir: string): Promise<void> {
	await mkdir(dir, { recursive: true, mode: 0o700 });
	await chmod(dir, 0o700);
}
