// Durability under kill -9: every change the server reported stored is in PocketBase after the
// crash, and every other change reaches PocketBase once its client reconnects.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPocketBase } from '../../server/launch/build.ts';
import { startPocketBase as spawnPocketBase, upsertSuperuser, type PocketBaseProcess } from '../../server/launch/pocketbase.ts';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import type { PocketBaseInstance } from '../helpers/pocketbase.ts';
import { freePort } from '../helpers/ports.ts';
import { startSyncProcess } from '../helpers/sync-process.ts';
import { eventually, startSync, storedDoc, waitSynced } from './sync-harness.ts';
import { missingEdits, startWriter } from './sync-writer.ts';

// PocketBase of this file's own, on a fixed port and folder, so it can be killed and started again.
let pb: PocketBaseInstance;
let pbProcess: PocketBaseProcess;
let fx: Fixture;
let pbPort: number;

async function startPb(): Promise<void> {
	pbProcess = await spawnPocketBase({ dataDir: pb.dataDir, host: '127.0.0.1', port: pbPort });
}

beforeAll(async () => {
	await buildPocketBase(() => {});
	const dataDir = await mkdtemp(join(tmpdir(), 'kring-durability-'));
	const superuser = { email: 'sync@kring.test', password: `test-${Math.random().toString(36).slice(2)}-pw` };
	await upsertSuperuser(dataDir, superuser);
	pbPort = await freePort();
	pb = { url: `http://127.0.0.1:${pbPort}`, superuser, dataDir, stop: async () => {} };
	await startPb();
	fx = await createFixture(pb);
});

afterAll(async () => {
	await pbProcess?.stop();
	if (pb) await rm(pb.dataDir, { recursive: true, force: true });
});

it('kill -9 of the sync server loses no change it reported stored; the rest arrives when the client reconnects', async () => {
	const port = await freePort();
	let sync = await startSyncProcess(pb, port);
	const writer = startWriter(`ws://127.0.0.1:${port}/sync`, fx.mapId, fx.users.youth.token);
	try {
		await waitSynced(writer.provider);
		writer.start(3);
		await eventually(() => (writer.stored >= 40 ? true : undefined), 20_000);
		sync.child.kill('SIGKILL');
		await sync.exited;
		writer.stop();
		const reported = writer.stored;
		const made = writer.made;
		expect(made).toBeGreaterThanOrEqual(reported);

		expect(missingEdits(await storedDoc(pb, fx.mapId), writer, reported)).toEqual([]);

		sync = await startSyncProcess(pb, port);
		expect(await writer.save.whenStored(20_000)).toBe(true);
		expect(missingEdits(await storedDoc(pb, fx.mapId), writer, made)).toEqual([]);
	} finally {
		writer.destroy();
		sync.child.kill('SIGKILL');
		await sync.exited;
	}
});

it('kill -9 of PocketBase: the writer hears that storing fails, and everything is stored once PocketBase is back', async () => {
	const stack = await startSync(pb);
	const writer = startWriter(stack.wsBase, fx.mapId, fx.users.professional.token);
	try {
		await waitSynced(writer.provider);
		writer.start(3);
		await eventually(() => (writer.stored >= 40 ? true : undefined), 20_000);
		const reportedBeforeKill = writer.stored;
		pbProcess.child.kill('SIGKILL');
		await pbProcess.stop();
		// Edits go on while PocketBase is gone; the server says it cannot store them.
		await new Promise<void>((resolve) => {
			if (writer.save.state === 'failed') return resolve();
			const stop = writer.save.onChange((state) => state === 'failed' && (stop(), resolve()));
		});
		writer.stop();
		const made = writer.made;

		await startPb();
		expect(missingEdits(await storedDoc(pb, fx.mapId), writer, reportedBeforeKill)).toEqual([]);
		expect(await writer.save.whenStored(45_000)).toBe(true);
		expect(missingEdits(await storedDoc(pb, fx.mapId), writer, made)).toEqual([]);
	} finally {
		writer.destroy();
		await stack.close();
	}
}, 90_000);
