import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A digest of every file under the given paths (names and contents), skipping the named folders. */
export async function hashPaths(root: string, paths: string[], skip: string[] = []): Promise<string> {
	const hash = createHash('sha256');
	const files: string[] = [];
	async function walk(path: string): Promise<void> {
		const info = await stat(path).catch(() => null);
		if (!info) return;
		if (info.isFile()) {
			files.push(path);
			return;
		}
		for (const entry of await readdir(path)) {
			if (!skip.includes(entry)) await walk(join(path, entry));
		}
	}
	for (const p of paths) await walk(join(root, p));
	files.sort();
	for (const file of files) {
		hash.update(relative(root, file)).update('\0').update(await readFile(file)).update('\0');
	}
	return hash.digest('hex');
}
