// PocketBase's data folder holds the SQLite files (password hashes, token keys, every map): anyone
// who can read them can forge a superuser token (issue 14). Only the user Kring runs as may read
// them, also when the folder was made by hand or by an older Kring.
import { chmod, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPocketBase } from '../../server/launch/build.ts';
import { startPocketBase, upsertSuperuser } from '../../server/launch/pocketbase.ts';
import { freePort } from '../helpers/ports.ts';

let parent: string;
let dataDir: string;

beforeAll(async () => {
	await buildPocketBase(() => {});
	parent = await mkdtemp(join(tmpdir(), 'kring-modes-'));
	dataDir = join(parent, 'pb_data'); // PocketBase makes it itself, under the umask it runs with
});

afterAll(async () => {
	if (parent) await rm(parent, { recursive: true, force: true });
});

/** Every path under `dir` (itself included) whose mode lets anyone but the owner in. */
async function openToOthers(dir: string): Promise<string[]> {
	const found: string[] = [];
	const visit = async (path: string) => {
		const info = await stat(path);
		const want = info.isDirectory() ? 0o700 : 0o600;
		if ((info.mode & 0o777) !== want) found.push(`${path.slice(dir.length)} ${(info.mode & 0o777).toString(8)}`);
		if (info.isDirectory()) for (const name of await readdir(path)) await visit(join(path, name));
	};
	await visit(dir);
	return found;
}

/** Loosens every mode the way a umask of 022 or an older Kring left them. */
async function loosen(path: string): Promise<void> {
	const info = await stat(path);
	await chmod(path, info.isDirectory() ? 0o755 : 0o644);
	if (info.isDirectory()) for (const name of await readdir(path)) await loosen(join(path, name));
}

async function serve() {
	return startPocketBase({ dataDir, host: '127.0.0.1', port: await freePort() });
}

it('makes its data folder 0700 and its files 0600', async () => {
	await upsertSuperuser(dataDir, { email: 'modes@kring.test', password: 'modes-test-password-1' });
	const pb = await serve();
	try {
		expect(await openToOthers(dataDir)).toEqual([]);
	} finally {
		await pb.stop();
	}
	expect(await openToOthers(dataDir)).toEqual([]);
});

it('tightens a data folder an older Kring left readable', async () => {
	await loosen(dataDir);
	const pb = await serve();
	try {
		expect(await openToOthers(dataDir)).toEqual([]);
	} finally {
		await pb.stop();
	}
});
