/** Small file helpers for the organisation bench. */
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes on disk under `path` (du). */
export async function du(path: string): Promise<number> {
	const out = execFileSync('du', ['-sb', path], { encoding: 'utf8' });
	return Number(out.split(/\s+/)[0]);
}

export function mkdtempIn(parent: string, prefix: string): Promise<string> {
	return mkdtemp(join(parent, prefix));
}
