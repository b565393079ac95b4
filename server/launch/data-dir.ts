import { chmod, mkdir } from 'node:fs/promises';

/**
 * Makes the data folder (PocketBase's SQLite, the generated superuser) and keeps it 0700, also
 * when it was made by hand or by an older Kring: its files are enough to forge a superuser token.
 * PocketBase keeps its own folder below private as well (hooks/data_files.go).
 */
export async function ensurePrivateDataDir(dir: string): Promise<void> {
	await mkdir(dir, { recursive: true, mode: 0o700 });
	await chmod(dir, 0o700);
}
