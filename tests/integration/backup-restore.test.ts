// The restore drill: a backup taken while two people edit Sam's map, restored with
// `npm run restore` into a fresh data folder, brings back every edit the server had told its
// writer was stored before the backup began. Kring as `npm start` runs it (demo data, real
// PocketBase, real sync server), on free ports and temporary folders.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { root } from '../../server/launch/paths.ts';
import { DEMO_PASSWORD } from '../../server/launch/seed.ts';
import { startKring, type KringSystem } from '../helpers/system.ts';
import { connectProvider, destroyProvider, eventually, waitSynced } from './sync-harness.ts';
import { missingEdits, startWriter, type Writer } from './sync-writer.ts';

const folders: string[] = [];
const systems: KringSystem[] = [];

async function tempFolder(name: string): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), `kring-${name}-`));
	folders.push(dir);
	return dir;
}

async function start(dataDir?: string): Promise<KringSystem> {
	const kring = await startKring(dataDir ? { dataDir } : {});
	systems.push(kring);
	if (!dataDir) folders.push(kring.dataDir);
	return kring;
}

/** `npm run restore -- <backup>` against the data folder dataDir: its exit code and what it printed. */
function restore(dataDir: string, backup: string): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/launch/restore.ts'), backup], {
		cwd: root,
		env: { ...process.env, KRING_DATA_DIR: dataDir, KRING_BACKUP_DIR: '' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
	return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function login(kring: KringSystem, email: string): Promise<PocketBase> {
	const pb = new PocketBase(kring.pocketbaseUrl);
	await pb.collection('users').authWithPassword(email, DEMO_PASSWORD);
	return pb;
}

async function samsMap(pb: PocketBase): Promise<string> {
	const map = await pb.collection('maps').getFirstListItem(pb.filter('youth = {:me}', { me: pb.authStore.record!.id }));
	return map.id;
}

let original: KringSystem;

beforeAll(async () => {
	original = await start();
});

afterAll(async () => {
	await Promise.all(systems.map((s) => s.stop()));
	await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

it('a backup taken while two people edit brings back, restored into a fresh folder, every edit stored before it', async () => {
	const sam = await login(original, 'sam@demo.local');
	const professional = await login(original, 'hulpverlener@demo.local');
	const mapId = await samsMap(sam);
	const wsBase = `ws://127.0.0.1:${original.port}/sync`;
	const writers: Writer[] = [startWriter(wsBase, mapId, sam.authStore.token), startWriter(wsBase, mapId, professional.authStore.token)];
	let acknowledged: number[];
	try {
		await Promise.all(writers.map((w) => waitSynced(w.provider)));
		for (const w of writers) w.start(4);
		await eventually(() => (writers.every((w) => w.stored >= 25) ? true : undefined), 20_000);

		// What the server has said it stored, then the backup, with the edits going on meanwhile.
		acknowledged = writers.map((w) => w.stored);
		const superuser = JSON.parse(await readFile(join(original.dataDir, 'superuser.json'), 'utf8'));
		const admin = new PocketBase(original.pocketbaseUrl);
		await admin.collection('_superusers').authWithPassword(superuser.email, superuser.password);
		await admin.backups.create('drill.zip');
		const madeDuring = writers.map((w) => w.made);
		for (const w of writers) w.stop();
		expect(madeDuring[0]).toBeGreaterThan(acknowledged[0]);
	} finally {
		for (const w of writers) w.stop();
	}

	// The backup lands in the backup folder beside pb_data/ (npm start's default).
	const backup = join(original.dataDir, 'backups', 'drill.zip');
	expect(existsSync(backup)).toBe(true);

	// Not into a running Kring.
	const refused = await restore(original.dataDir, backup);
	expect(refused.code).toBe(1);
	expect(refused.output).toMatch(/Kring is running on this data folder: stop it first/);

	const fresh = await tempFolder('restored');
	const restored = await restore(fresh, backup);
	expect(restored.output).toMatch(/restored .*drill\.zip/);
	expect(restored.code).toBe(0);

	const again = await start(fresh);
	expect(again.output()).not.toMatch(/Demo data seeded/); // it found Sam's organisation there
	const reader = connectProvider(`ws://127.0.0.1:${again.port}/sync`, mapId, (await login(again, 'sam@demo.local')).authStore.token);
	try {
		await waitSynced(reader);
		writers.forEach((w, i) => expect(missingEdits(reader.doc, w, acknowledged[i])).toEqual([]));
	} finally {
		destroyProvider(reader);
		for (const w of writers) w.destroy();
	}
}, 120_000);

it('refuses a file that is not a backup, and keeps the data it replaces aside', async () => {
	const folder = await tempFolder('restore-refusals');
	const junk = join(folder, 'not-a-backup.zip');
	await writeFile(junk, 'this is no zip');
	const refused = await restore(folder, junk);
	expect(refused.code).toBe(1);
	expect(refused.output).toMatch(/not a valid backup/);

	const missing = await restore(folder, 'nowhere.zip');
	expect(missing.code).toBe(1);
	expect(missing.output).toMatch(/no backup at .*nowhere\.zip/);

	// The drill's backup, twice into one stopped folder: the second keeps the first aside.
	const backup = join(original.dataDir, 'backups', 'drill.zip');
	expect((await restore(folder, backup)).code).toBe(0);
	const second = await restore(folder, backup);
	expect(second.code).toBe(0);
	expect(second.output).toMatch(/kept in .*pb_data\.replaced-/);
	const entries = await readdir(folder);
	const aside = entries.filter((e) => e.startsWith('pb_data.replaced-'));
	expect(aside).toHaveLength(1);
	expect(existsSync(join(folder, aside[0], 'data.db'))).toBe(true);
	expect(existsSync(join(folder, 'pb_data', 'data.db'))).toBe(true);
});
