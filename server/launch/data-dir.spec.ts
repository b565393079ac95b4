import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ensurePrivateDataDir } from './data-dir.ts';

let parent: string;
beforeEach(async () => {
	parent = await mkdtemp(join(tmpdir(), 'kring-data-dir-'));
});
afterEach(() => rm(parent, { recursive: true, force: true }));

const mode = async (path: string) => ((await stat(path)).mode & 0o777).toString(8);

it('makes a missing data folder readable by its owner only', async () => {
	const dir = join(parent, 'a', 'data');
	await ensurePrivateDataDir(dir);
	expect(await mode(dir)).toBe('700');
});

it('closes a data folder that was left open to others', async () => {
	const dir = join(parent, 'data');
	await mkdir(dir, { mode: 0o755 });
	await ensurePrivateDataDir(dir);
	expect(await mode(dir)).toBe('700');
});
