// Cluster mode (KRING_WORKERS=3 npm start): HAProxy in front of three workers sends every client of
// one map to one worker, and when that worker is killed (kill -9) the map reopens on another with
// every edit the first acknowledged. Which worker served what is read from the workers' own log
// lines (each names its worker) and their X-Kring-Worker header, never assumed.
import PocketBase from 'pocketbase';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findHaproxy } from '../../server/launch/cluster.ts';
import { DEMO_PASSWORD } from '../../server/launch/seed.ts';
import { resolveSuperuser } from '../../server/launch/superuser.ts';
import { startKring, type KringSystem } from '../helpers/system.ts';
import { connectProvider, eventually, storedDoc, waitSynced } from './sync-harness.ts';
import { missingEdits, startWriter } from './sync-writer.ts';

let kring: KringSystem;
let wsBase: string;
const users = {} as Record<'youth' | 'professional', { id: string; token: string }>;
let mapId: string;
/** Every map the professional coaches. */
let coachedMaps: string[];

beforeAll(async () => {
	try {
		findHaproxy(process.env);
	} catch (err) {
		throw new Error(`HAProxy is not installed, so cluster mode cannot be tested (.ci/run installs it): ${(err as Error).message}`, {
			cause: err
		});
	}
	kring = await startKring({ env: { KRING_WORKERS: '3' } });
	wsBase = `ws://127.0.0.1:${kring.port}/sync`;
	for (const [key, email] of [
		['youth', 'sam@demo.local'],
		['professional', 'hulpverlener@demo.local']
	] as const) {
		const pb = new PocketBase(kring.pocketbaseUrl);
		const auth = await pb.collection('users').authWithPassword(email, DEMO_PASSWORD);
		users[key] = { id: auth.record.id, token: pb.authStore.token };
		if (key === 'youth') mapId = (await pb.collection('maps').getFullList({ fields: 'id' }))[0].id;
		else coachedMaps = (await pb.collection('maps').getFullList({ fields: 'id' })).map((m) => m.id);
	}
}, 300_000);

afterAll(async () => {
	await kring?.destroy();
});

interface WorkerLine {
	worker: string;
	msg: string;
	mapId?: string;
	userId?: string;
}

/** The next line a worker logs (after offset `from` of the output) with this message for this map and user. */
async function workerLine(msg: string, from: number, map: string, userId?: string): Promise<WorkerLine> {
	const user = userId ? `.*"userId":"${userId}"` : '';
	const line = await kring.waitForLine(new RegExp(`"msg":"${msg}".*"mapId":"${map}"${user}`), from);
	return JSON.parse(line.slice(line.indexOf('{'))) as WorkerLine;
}

/** Every line workers logged after `from` with this message for this map. */
function workerLines(msg: string, from: number, map: string): WorkerLine[] {
	return kring
		.output()
		.slice(from)
		.split('\n')
		.filter((line) => line.includes(`"msg":"${msg}"`) && line.includes(`"mapId":"${map}"`))
		.map((line) => JSON.parse(line.slice(line.indexOf('{'))) as WorkerLine);
}

/** The pid of a worker's process now (the launcher logs it at each start). */
function workerPid(worker: string): number {
	const pids = [...kring.output().matchAll(new RegExp(`worker ${worker} pid (\\d+)`, 'g'))];
	return Number(pids.at(-1)![1]);
}

/** Which worker answers /sync-api/ for a map (X-Kring-Worker). */
async function apiWorker(map: string): Promise<string> {
	const res = await fetch(`${kring.baseUrl}/sync-api/maps/${map}/people/nobody/names`, {
		headers: { authorization: users.professional.token }
	});
	await res.arrayBuffer();
	return res.headers.get('x-kring-worker') ?? '(none)';
}

it('two clients of one map meet on one worker, which also answers /sync-api/ for it; other maps spread over the workers', async () => {
	const from = kring.output().length;
	const youth = connectProvider(wsBase, mapId, users.youth.token);
	const professional = connectProvider(wsBase, mapId, users.professional.token);
	try {
		await Promise.all([waitSynced(youth), waitSynced(professional)]);
		const first = await workerLine('connection opened', from, mapId, users.youth.id);
		const second = await workerLine('connection opened', from, mapId, users.professional.id);
		expect(second.worker).toBe(first.worker);
		expect(new Set(workerLines('connection opened', from, mapId).map((l) => l.worker))).toEqual(new Set([first.worker]));
		// Log lines are written off the main thread: wait for this one rather than read at once.
		await workerLine('room loaded', from, mapId);
		expect(workerLines('room loaded', from, mapId).map((l) => l.worker)).toEqual([first.worker]);
		expect(await apiWorker(mapId)).toBe(first.worker);

		// Not one worker for everything: the professional's maps hash to more than one, each to the same one every time.
		const placed = await Promise.all(coachedMaps.map(apiWorker));
		expect(coachedMaps.length).toBeGreaterThanOrEqual(6);
		expect(new Set(placed).size).toBeGreaterThan(1);
		expect(await Promise.all(coachedMaps.map(apiWorker))).toEqual(placed);
	} finally {
		youth.destroy();
		professional.destroy();
	}
}, 60_000);

it('kill -9 of the worker holding a map: the map reopens on another worker with every acknowledged edit, and stays there when the first is back', async () => {
	let from = kring.output().length;
	const writer = startWriter(wsBase, mapId, users.professional.token);
	const readers: WebsocketProvider[] = [];
	try {
		await waitSynced(writer.provider);
		const holder = (await workerLine('connection opened', from, mapId, users.professional.id)).worker;
		writer.start(3);
		await eventually(() => (writer.stored >= 40 ? true : undefined), 20_000);

		const killed = workerPid(holder);
		from = kring.output().length;
		process.kill(killed, 'SIGKILL');
		await kring.waitForLine(new RegExp(`worker ${holder} \\(pid ${killed}\\) stopped unexpectedly`), from);
		writer.stop();
		const acknowledged = writer.stored;
		const made = writer.made;
		expect(acknowledged).toBeGreaterThanOrEqual(40);

		// The writer reconnects by itself; the balancer sends it to another worker, which loads the map.
		const reopened = await workerLine('connection opened', from, mapId, users.professional.id);
		expect(reopened.worker).not.toBe(holder);
		expect((await workerLine('room loaded', from, mapId)).worker).toBe(reopened.worker);

		// A new client finds every acknowledged edit on the live map, served by the new worker.
		const readerFrom = kring.output().length;
		const reader = connectProvider(wsBase, mapId, users.youth.token, new Y.Doc());
		readers.push(reader);
		await waitSynced(reader);
		expect((await workerLine('connection opened', readerFrom, mapId, users.youth.id)).worker).toBe(reopened.worker);
		expect(missingEdits(reader.doc, writer, acknowledged)).toEqual([]);

		// The writer's edits the dead worker never stored reach PocketBase through the new one.
		expect(await writer.save.whenStored(20_000)).toBe(true);
		const superuser = await resolveSuperuser({}, kring.dataDir);
		const stored = await storedDoc({ url: kring.pocketbaseUrl, superuser, dataDir: '', stop: async () => {} }, mapId);
		expect(missingEdits(stored, writer, made)).toEqual([]);

		// The killed worker comes back; the map stays where it is open now (no second live copy).
		await kring.waitForLine(new RegExp(`worker ${holder} restarted`), from);
		// HAProxy takes it back after two good checks, if it had noticed it was gone at all.
		if (new RegExp(`Server sync/${holder} is DOWN`).test(kring.output().slice(from))) {
			await kring.waitForLine(new RegExp(`Server sync/${holder} is UP`), from);
		}
		const lateFrom = kring.output().length;
		const late = connectProvider(wsBase, mapId, users.youth.token, new Y.Doc());
		readers.push(late);
		await waitSynced(late);
		expect((await workerLine('connection opened', lateFrom, mapId, users.youth.id)).worker).toBe(reopened.worker);
		expect(workerLines('room loaded', from, mapId).map((l) => l.worker)).toEqual([reopened.worker]);
	} finally {
		writer.destroy();
		for (const r of readers) r.destroy();
	}
}, 90_000);
