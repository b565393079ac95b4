import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The files under `paths` that make up the source: what git tracks or would track (ignored
 * files are build output, such as Paraglide's compiled messages and the inlang cache). Outside
 * a git checkout, every file but those in `skip` folders.
 */
async function sourceFiles(root: string, paths: string[], skip: string[]): Promise<string[]> {
	try {
		const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', ...paths], { cwd: root });
		return stdout.split('\0').filter(Boolean);
	} catch {
		const files: string[] = [];
		const walk = async (rel: string): Promise<void> => {
			const info = await stat(join(root, rel)).catch(() => null);
			if (!info) return;
			if (info.isFile()) files.push(rel);
			else for (const entry of await readdir(join(root, rel))) if (!skip.includes(entry)) await walk(join(rel, entry));
		};
		for (const p of paths) await walk(p);
		return files;
	}
}

/** A digest of the source files under the given paths (names and contents). */
export async function hashPaths(root: string, paths: string[], skip: string[] = []): Promise<string> {
	const hash = createHash('sha256');
	const files = (await sourceFiles(root, paths, skip)).sort();
	for (const file of files) {
		// A tracked file deleted in the work tree simply drops out of the digest.
		const content = await readFile(join(root, file)).catch(() => null);
		if (content) hash.update(file).update('\0').update(content).update('\0');
	}
	return hash.digest('hex');
}
