/**
 * Durability under kill -9, measured: how much of what a client had sent is lost when the sync
 * server (Node) or PocketBase is killed mid-edit, and what is still lost once the client reconnects.
 * Also: how long until a removed member's open connection is closed.
 *
 *   npx tsx bench/durability.ts [--trials 5]
 *
 * A writer edits every 2 ms (each edit timestamped). The loss window of a trial is the time
 * between the oldest edit PocketBase lacks right after the kill and the kill itself.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPocketBase } from '../server/launch/build.ts';
import { startPocketBase, upsertSuperuser, type PocketBaseProcess } from '../server/launch/pocketbase.ts';
import { adminClient, createFixture, createUser } from '../tests/helpers/fixtures.ts';
import type { PocketBaseInstance } from '../tests/helpers/pocketbase.ts';
import { freePort } from '../tests/helpers/ports.ts';
import { startSyncProcess } from '../tests/helpers/sync-process.ts';
import { rawConnect, startSync, storedDoc, waitSynced } from '../tests/integration/sync-harness.ts';
import { missingEdits, startWriter, type Writer } from '../tests/integration/sync-writer.ts';

const { values: args } = parseArgs({ options: { trials: { type: 'string', default: '5' } } });
const trials = Number(args.trials);
const EDIT_EVERY_MS = 2;

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('bench: condition not met in time');
		await tick(5);
	}
}

/** Times of each edit, recorded beside the writer's own count. */
function timed(writer: Writer): { times: number[]; stop: () => void } {
	const times: number[] = [];
	const timer = setInterval(() => {
		while (times.length < writer.made) times.push(Date.now());
	}, 0);
	return { times, stop: () => clearInterval(timer) };
}

function lossWindow(missing: number[], times: number[], killedAt: number): number {
	const before = missing.filter((i) => times[i] !== undefined && times[i] <= killedAt);
	return before.length === 0 ? 0 : killedAt - times[before[0]];
}

async function main() {
	await buildPocketBase((m) => console.log(`bench: ${m}`));
	const dataDir = await mkdtemp(join(tmpdir(), 'kring-bench-durability-'));
	const superuser = { email: 'bench@kring.test', password: `bench-${Math.random().toString(36).slice(2)}` };
	await upsertSuperuser(dataDir, superuser);
	const pbPort = await freePort();
	let pbProcess: PocketBaseProcess = await startPocketBase({ dataDir, host: '127.0.0.1', port: pbPort });
	const pb: PocketBaseInstance = { url: pbProcess.url, superuser, dataDir, stop: async () => {} };
	const fx = await createFixture(pb);
	const rows: { scenario: string; windows: number[]; lostAfter: number[] }[] = [];

	try {
		// 1. kill -9 of the sync server.
		const node = { scenario: 'kill -9 sync server (Node)', windows: [] as number[], lostAfter: [] as number[] };
		for (let t = 0; t < trials; t++) {
			const port = await freePort();
			let sync = await startSyncProcess(pb, port);
			const writer = startWriter(`ws://127.0.0.1:${port}/sync`, fx.mapId, fx.users.youth.token);
			await waitSynced(writer.provider);
			writer.doc.getMap('people').clear();
			const clock = timed(writer);
			writer.start(EDIT_EVERY_MS);
			await until(() => writer.stored >= 100);
			await tick(Math.random() * 300); // kill at a random phase of the store cycle
			const killedAt = Date.now();
			sync.child.kill('SIGKILL');
			await sync.exited;
			writer.stop();
			await tick(5);
			clock.stop();
			const made = writer.made;
			node.windows.push(lossWindow(missingEdits(await storedDoc(pb, fx.mapId), writer, made), clock.times, killedAt));
			sync = await startSyncProcess(pb, port);
			if (!(await writer.save.whenStored(30_000))) throw new Error('bench: the writer never heard that all was stored');
			node.lostAfter.push(missingEdits(await storedDoc(pb, fx.mapId), writer, made).length);
			writer.destroy();
			sync.child.kill('SIGKILL');
			await sync.exited;
		}
		rows.push(node);

		// 2. kill -9 of PocketBase (the sync server stays up and keeps what it has).
		const base = { scenario: 'kill -9 PocketBase', windows: [] as number[], lostAfter: [] as number[] };
		for (let t = 0; t < trials; t++) {
			const stack = await startSync(pb);
			const writer = startWriter(stack.wsBase, fx.mapId, fx.users.youth.token);
			await waitSynced(writer.provider);
			const clock = timed(writer);
			writer.start(EDIT_EVERY_MS);
			await until(() => writer.stored >= 100);
			await tick(Math.random() * 300);
			const killedAt = Date.now();
			pbProcess.child.kill('SIGKILL');
			await pbProcess.stop();
			writer.stop();
			await tick(5);
			clock.stop();
			const made = writer.made;
			pbProcess = await startPocketBase({ dataDir, host: '127.0.0.1', port: pbPort });
			// Right after the restart, before the sync server's retry: what the crash took.
			base.windows.push(lossWindow(missingEdits(await storedDoc(pb, fx.mapId), writer, made), clock.times, killedAt));
			if (!(await writer.save.whenStored(60_000))) throw new Error('bench: the writer never heard that all was stored');
			base.lostAfter.push(missingEdits(await storedDoc(pb, fx.mapId), writer, made).length);
			writer.destroy();
			await stack.close();
		}
		rows.push(base);

		// 3. A removed member's open connection: time from the removal to the close.
		const closes: number[] = [];
		const stack = await startSync(pb);
		const admin = await adminClient(pb);
		for (let t = 0; t < trials; t++) {
			const user = await createUser(pb, `weg${t}`);
			const row = await admin.collection('map_members').create({ map: fx.mapId, user: user.id, role: 'jim' });
			const outcome = await rawConnect(`${stack.wsBase}/${fx.mapId}?token=${user.token}`);
			if (outcome.kind !== 'open') throw new Error('bench: member was refused');
			await tick(Math.random() * 2000); // a random phase of the 2 s check
			const closed = new Promise<number>((resolve) => outcome.ws.once('close', () => resolve(Date.now())));
			const removedAt = Date.now();
			await admin.collection('map_members').delete(row.id);
			closes.push((await closed) - removedAt);
		}
		await stack.close();

		const fmt = (xs: number[]) => `max ${Math.max(...xs)} · median ${[...xs].sort((a, b) => a - b)[xs.length >> 1]}`;
		console.log(`\nDurability, ${trials} trials each (edits every ${EDIT_EVERY_MS} ms)\n`);
		for (const r of rows) {
			console.log(`${r.scenario.padEnd(30)} loss window ms: ${fmt(r.windows).padEnd(24)} edits lost after reconnect: ${fmt(r.lostAfter)}`);
		}
		console.log(`${'removed member disconnected'.padEnd(30)} ms after removal: ${fmt(closes)}`);
		console.log('\nreproduce: npx tsx bench/durability.ts --trials ' + trials);
	} finally {
		await pbProcess.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(err) => {
		console.error(err);
		process.exit(1);
	}
);
