/**
 * The sync figures: the upgrade, many maps with two clients each (stock y-websocket providers in
 * Node, each client a different user with their own session), a restart of the app under them,
 * the idle cost to PocketBase, and the app's memory per open map.
 */
import PocketBase from 'pocketbase';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { addPerson } from '../../src/lib/doc/people.ts';
import { canWrite } from '../../src/lib/roles.ts';
import { reconnectWithBackoff, type Reconnect } from '../../src/lib/sync/reconnect.ts';
import { SaveTracker } from '../../src/lib/sync/save-tracker.ts';
import { STATUS_PARAM } from '../../src/lib/protocol/sync.ts';
import { median, quantile } from '../stats.ts';
import { single, timing, type Figure } from './figures.ts';
import type { PlannedMap } from './plan.ts';
import type { CpuReading, MemoryReading, OrgSystem } from './system.ts';
import type { Session } from './users.ts';
import { superuserClient } from '../../server/sync/service.ts';

type Log = (msg: string) => void;

/** Upgrades one at a time, each on a map not open yet: open request → 'open', and what PocketBase received meanwhile. */
const isRoomLoad = (path: string) =>
	/^\/api\/kring\/maps\/[^/]+\/state/.test(path) || /^\/api\/collections\/(map_docs|map_updates)\/records/.test(path);

export async function upgradePhase(
	system: OrgSystem,
	sessions: { session: Session; map: PlannedMap }[],
	runs: number,
	log: Log
): Promise<Figure[]> {
	const times: number[] = [];
	const counts: number[] = [];
	const asUser: number[] = [];
	const loads: number[] = [];
	let example = '';
	for (let run = -3; run < runs; run++) {
		const { session, map } = sessions[(run + 3) % sessions.length];
		await system.proxy.record(true);
		const t0 = performance.now();
		const ws = new WebSocket(`${system.wsBase}/${map.id}?token=${session.token}`);
		let openedAt = 0;
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => {
				openedAt = Date.now();
				resolve();
			});
			ws.once('error', reject);
		});
		const took = performance.now() - t0;
		// What PocketBase received between the request and open: the upgrade's own requests (and
		// anything else the app sent in that window, such as the access watch). The room's load
		// starts after open and is not counted.
		const inWindow = (await system.proxy.record(false)).recorded.filter((r) => r.at <= openedAt);
		// The map's state (map_docs, map_updates) is fetched once per room, after the decision, and
		// may start before the client hears 'open': counted apart, not as the upgrade's.
		const seen = inWindow.filter((r) => !isRoomLoad(r.path));
		if (run >= 0) {
			times.push(took);
			counts.push(seen.length);
			loads.push(inWindow.length - seen.length);
			asUser.push(seen.filter((r) => r.auth === session.user.id).length);
			if (!example) example = seen.map((r) => `${r.method} ${r.path}`).join(', ');
		}
		// The room unloads after its last client (storing, maybe keeping a version): wait, so
		// that its requests do not land in the next upgrade's window.
		const unloaded = system.app.counts.get('room unloaded') ?? 0;
		await new Promise<void>((resolve) => {
			ws.once('close', () => resolve());
			ws.close();
		});
		await system.app.waitForCount('room unloaded', unloaded + 1, 30_000);
	}
	log(
		`upgrade: p95 ${quantile(times, 0.95).toFixed(1)} ms, PocketBase requests per upgrade: median ${median(counts)}, max ${Math.max(...counts)}`
	);
	return [
		timing(
			'upgrade',
			'upgrade',
			'sync upgrade: open request → open',
			times,
			{ p95Below: 20 },
			'ws://…/sync/<map>?token=… as a member, one at a time, each on a map not yet open'
		),
		single(
			'upgrade',
			'upgradeRequests',
			'PocketBase requests per upgrade (max)',
			'count',
			Math.max(...counts),
			'≤ 1',
			Math.max(...counts) <= 1,
			`median ${median(counts)}; with the user's token: median ${median(asUser)}, max ${Math.max(...asUser)}; counted at the proxy between the request and open; the room's state, loaded after the decision (map_docs and map_updates in one request): median ${median(loads)} more, not counted; one upgrade sent: ${example || 'nothing'}`
		)
	];
}

export interface FleetStats {
	/** Upgrades refused, by HTTP status. */
	refused: Record<string, number>;
	/** Other socket errors (connection refused while the app restarts, …). */
	errors: Record<string, number>;
	/** Socket closes by code. */
	closes: Record<string, number>;
}

export interface Client {
	session: Session;
	map: PlannedMap;
	doc: Y.Doc;
	provider: WebsocketProvider;
	save: SaveTracker;
	reconnect: Reconnect;
	/** How many times this client has become synced. */
	syncs: number;
	syncedAt: number;
}

function countingSocket(stats: FleetStats): typeof globalThis.WebSocket {
	class CountingWebSocket extends WebSocket {
		constructor(address: string, protocols?: string | string[]) {
			super(address, protocols);
			this.on('error', (err: Error) => {
				const m = /Unexpected server response: (\d+)/.exec(err.message);
				if (m) stats.refused[m[1]] = (stats.refused[m[1]] ?? 0) + 1;
				else {
					const kind = (err as NodeJS.ErrnoException).code ?? err.message.slice(0, 40);
					stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
				}
			});
			this.on('close', (code: number) => (stats.closes[code] = (stats.closes[code] ?? 0) + 1));
		}
	}
	return CountingWebSocket as unknown as typeof globalThis.WebSocket;
}

export function newStats(): FleetStats {
	return { refused: {}, errors: {}, closes: {} };
}

/** A client as the map page makes one (src/lib/sync/connect.ts): stock provider, status messages, its reconnect with backoff and jitter. */
export function connect(system: OrgSystem, session: Session, map: PlannedMap, stats: FleetStats): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(system.wsBase, map.id, doc, {
		params: { token: session.token, [STATUS_PARAM]: '1' },
		WebSocketPolyfill: countingSocket(stats),
		disableBc: true,
		maxBackoffTime: 5000
	});
	const save = new SaveTracker(doc, provider);
	const reconnect = reconnectWithBackoff(provider);
	const client: Client = { session, map, doc, provider, save, reconnect, syncs: 0, syncedAt: 0 };
	provider.on('sync', (synced: boolean) => {
		if (!synced) return;
		client.syncs++;
		client.syncedAt = performance.now();
	});
	return client;
}

/**
 * Resolves once every client has become synced `times` times, or after `timeoutMs`. Each client's
 * own sync event checks that client only: counting all 4,000 on every event cost the bench's
 * process seconds of CPU (n² checks), taken from the servers it shares the machine with.
 */
export function allSynced(clients: Client[], times: number, timeoutMs: number): Promise<{ ok: boolean; done: number }> {
	return whenEach(clients, (c) => c.syncs >= times, timeoutMs);
}

/** Resolves once `ready` holds for every client (checked on its own sync events), or after `timeoutMs`. */
function whenEach(clients: Client[], ready: (c: Client, i: number) => boolean, timeoutMs: number): Promise<{ ok: boolean; done: number }> {
	return new Promise((resolve) => {
		let waiting = 0;
		const listeners: [Client, () => void][] = [];
		const finish = () => {
			clearTimeout(timer);
			for (const [c, listener] of listeners) c.provider.off('sync', listener);
			listeners.length = 0;
			resolve({ ok: waiting === 0, done: clients.length - waiting });
		};
		clients.forEach((c, i) => {
			if (ready(c, i)) return;
			waiting++;
			const listener = () => {
				if (!ready(c, i)) return;
				c.provider.off('sync', listener);
				if (--waiting === 0) finish();
			};
			listeners.push([c, listener]);
			c.provider.on('sync', listener);
		});
		const timer = setTimeout(finish, timeoutMs);
		if (waiting === 0) finish();
	});
}

export function closeFleet(clients: Client[]): void {
	for (const c of clients) {
		c.reconnect.destroy();
		c.save.destroy();
		c.provider.destroy();
		c.doc.destroy();
	}
}

export interface Fleet {
	clients: Client[];
	stats: FleetStats;
	ms: number;
	ok: boolean;
	done: number;
	/** CPU the bench process (the clients) used while they connected, ms. */
	benchCpuMs: number;
	/** CPU the app, PocketBase and the counting proxy used meanwhile, ms. */
	systemCpuMs: CpuReading;
}

/** Opens two clients on each of `maps` at once and waits until all are synced. */
export async function openFleet(
	system: OrgSystem,
	pairs: { map: PlannedMap; sessions: [Session, Session] }[],
	timeoutMs: number
): Promise<Fleet> {
	const stats = newStats();
	const cpu0 = process.cpuUsage();
	const system0 = await system.cpu();
	const t0 = performance.now();
	const clients = pairs.flatMap(({ map, sessions }) => sessions.map((s) => connect(system, s, map, stats)));
	const result = await allSynced(clients, 1, timeoutMs);
	const ms = (result.ok ? Math.max(...clients.map((c) => c.syncedAt)) : performance.now()) - t0;
	const cpu = process.cpuUsage(cpu0);
	const system1 = await system.cpu();
	const systemCpuMs = {
		app: system1.app - system0.app,
		pocketbase: system1.pocketbase - system0.pocketbase,
		proxy: system1.proxy - system0.proxy
	};
	return { clients, stats, ms, ok: result.ok, done: result.done, benchCpuMs: (cpu.user + cpu.system) / 1000, systemCpuMs };
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
const describe = (r: Record<string, number>) =>
	Object.entries(r)
		.map(([k, v]) => `${k}×${v}`)
		.join(', ') || 'none';

export function loadFigures(fleet: Fleet, maps: number): Figure[] {
	const clients = fleet.clients.length;
	const refused = sum(fleet.stats.refused);
	const abnormal = Object.fromEntries(Object.entries(fleet.stats.closes).filter(([code]) => code !== '1000' && code !== '1005'));
	return [
		single(
			'load',
			'loadSynced',
			`${maps} maps × 2 clients: all ${clients} synced after`,
			's',
			fleet.ms / 1000,
			'≤ 10 s',
			fleet.ok && fleet.ms <= 10_000,
			`${fleet.done} of ${clients} synced${fleet.ok ? '' : ' when the bench gave up'}; all opened at once; CPU used meanwhile (2 cores, ${((2 * fleet.ms) / 1000).toFixed(1)} s available): the bench's clients ${(fleet.benchCpuMs / 1000).toFixed(1)} s, PocketBase ${(fleet.systemCpuMs.pocketbase / 1000).toFixed(1)} s, the app ${(fleet.systemCpuMs.app / 1000).toFixed(1)} s, the counting proxy ${(fleet.systemCpuMs.proxy / 1000).toFixed(1)} s`
		),
		single(
			'load',
			'loadRefused',
			'refused upgrades and failed connections while connecting',
			'count',
			refused + sum(fleet.stats.errors),
			'0',
			refused + sum(fleet.stats.errors) === 0,
			`refused by status: ${describe(fleet.stats.refused)}; errors: ${describe(fleet.stats.errors)}; abnormal closes: ${describe(abnormal)}`
		)
	];
}

/** The PocketBase state of a map as stored (map_docs plus its log), read as the superuser. */
async function storedDoc(admin: PocketBase, mapId: string): Promise<Y.Doc> {
	const filter = admin.filter('map = {:m}', { m: mapId });
	const log = await admin.collection('map_updates').getFullList({ filter });
	const docs = await admin.collection('map_docs').getFullList({ filter });
	const doc = new Y.Doc();
	for (const b64 of [...docs.map((r) => r.state), ...log.map((r) => r.update)])
		if (typeof b64 === 'string' && b64) Y.applyUpdate(doc, new Uint8Array(Buffer.from(b64, 'base64')));
	return doc;
}

export async function restartPhase(system: OrgSystem, fleet: Fleet, signal: NodeJS.Signals, log: Log): Promise<Figure[]> {
	const { clients } = fleet;
	// Each client that may write (youth, JIM; a parent reads only) adds a person of its own and
	// waits until the server says it is stored.
	const origin = localOrigin('bench');
	const writers = clients.filter((c) => canWrite(c.session.user.kind));
	const edits = writers.map((c, i) => ({
		client: c,
		id: addPerson(c.doc, { name: `Bench ${i}`, sector: 'vrienden', ring: 3 }, origin),
		name: `Bench ${i}`
	}));
	const acked = await Promise.all(writers.map((c) => c.save.whenStored(60_000)));
	const ackedEdits = edits.filter((_, i) => acked[i]);
	log(`restart: ${ackedEdits.length} of ${edits.length} edits acknowledged as stored; restarting the app (${signal}) …`);
	const before = clients.map((c) => c.syncs);
	const stats0 = JSON.stringify(fleet.stats);
	const t0 = performance.now();
	const restarted = await system.restartApp(signal);
	const returned = await whenEach(clients, (c, i) => c.syncs > before[i], 120_000);
	const back = {
		...returned,
		ms: returned.ok ? Math.max(...clients.map((c) => c.syncedAt)) - t0 : performance.now() - t0
	};
	log(
		`restart: ${back.done}/${clients.length} back in ${(back.ms / 1000).toFixed(1)} s (the app listened again after ${(restarted.listeningMs / 1000).toFixed(1)} s)`
	);

	const admin = await superuserClient(system.pocketbaseUrl, system.superuser);
	const byMap = new Map<string, typeof ackedEdits>();
	for (const e of ackedEdits) byMap.set(e.client.map.id, [...(byMap.get(e.client.map.id) ?? []), e]);
	let lost = 0;
	const mapIds = [...byMap.keys()];
	let next = 0;
	await Promise.all(
		Array.from({ length: 8 }, async () => {
			while (next < mapIds.length) {
				const mapId = mapIds[next++];
				const doc = await storedDoc(admin, mapId);
				const people = doc.getMap<unknown>('people');
				for (const e of byMap.get(mapId)!) {
					const p = people.get(e.id);
					if (!(p instanceof Y.Map) || p.get('name') !== e.name) lost++;
				}
				doc.destroy();
			}
		})
	);
	const after = fleet.stats;
	const delta = (k: keyof FleetStats) => {
		const was = (JSON.parse(stats0) as FleetStats)[k];
		return Object.fromEntries(
			Object.entries(after[k])
				.map(([code, n]) => [code, n - (was[code] ?? 0)])
				.filter(([, n]) => (n as number) > 0)
		);
	};
	return [
		single(
			'restart',
			'restartBack',
			`restart (${signal}) with ${clients.length} clients open: all synced again after`,
			's',
			back.ms / 1000,
			'≤ 30 s',
			back.ok && back.ms <= 30_000,
			`${back.done} of ${clients.length} back; from the signal: old process gone after ${(restarted.exitedMs / 1000).toFixed(1)} s, new one listening after ${(restarted.listeningMs / 1000).toFixed(1)} s; refusals meanwhile: ${describe(delta('refused'))}; errors: ${describe(delta('errors'))}`
		),
		single(
			'restart',
			'restartLost',
			'acknowledged edits lost',
			'count',
			lost,
			'0',
			lost === 0,
			`${ackedEdits.length} of ${edits.length} edits (one by each writing client: youths and JIMs; parents read only) were acknowledged (stored, per the server's status message) before the restart; each checked in PocketBase (map_docs + map_updates) after`
		)
	];
}

/** PocketBase requests per second from the app while the fleet sits idle; then removal and logout. */
export async function idlePhase(
	system: OrgSystem,
	fleet: Fleet,
	seconds: number,
	extra: { removed: { session: Session; map: PlannedMap }; loggedOut: { session: Session; map: PlannedMap } },
	log: Log
): Promise<Figure[]> {
	await system.proxy.record(true);
	const start = await system.proxy.read();
	const t0 = performance.now();
	// A measuring window, not a wait for an event: the question is what happens in it.
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	const end = await system.proxy.record(false);
	const elapsed = (performance.now() - t0) / 1000;
	const rate = (end.total - start.total) / elapsed;
	const byPath = new Map<string, number>();
	for (const r of end.recorded) {
		const key = `${r.method} ${r.path.replace(/[a-z0-9]{15}/g, ':id')}`;
		byPath.set(key, (byPath.get(key) ?? 0) + 1);
	}
	const top = [...byPath.entries()]
		.sort((a, b) => b[1] - a[1])
		.slice(0, 4)
		.map(([k, v]) => `${k} ×${v}`)
		.join('; ');
	log(`idle: ${rate.toFixed(2)} PocketBase requests/s over ${elapsed.toFixed(0)} s (${top || 'none'})`);

	// Removal and logout still close sockets: two professionals (not fleet clients) on their own maps.
	const stats = newStats();
	const removed = connect(system, extra.removed.session, extra.removed.map, stats);
	const loggedOut = connect(system, extra.loggedOut.session, extra.loggedOut.map, stats);
	await allSynced([removed, loggedOut], 1, 30_000);
	const closed = (c: Client) => new Promise<number>((resolve) => c.provider.once('connection-close', () => resolve(performance.now())));
	const admin = await superuserClient(system.pocketbaseUrl, system.superuser);
	const row = await admin
		.collection('map_members')
		.getFirstListItem(admin.filter('map = {:m} && user = {:u}', { m: extra.removed.map.id, u: extra.removed.session.user.id }));
	const waitRemoved = closed(removed);
	const tr = performance.now();
	await admin.collection('map_members').delete(row.id);
	const removedMs = (await Promise.race([waitRemoved, new Promise<number>((r) => setTimeout(() => r(NaN), 30_000))])) - tr;
	const waitLogout = closed(loggedOut);
	const tl = performance.now();
	await fetch(`${system.pocketbaseUrl}/api/kring/logout`, { method: 'POST', headers: { authorization: extra.loggedOut.session.token } });
	const logoutMs = (await Promise.race([waitLogout, new Promise<number>((r) => setTimeout(() => r(NaN), 30_000))])) - tl;
	closeFleet([removed, loggedOut]);
	log(`idle: a removed member's socket closed after ${removedMs.toFixed(0)} ms, a logged-out user's after ${logoutMs.toFixed(0)} ms`);
	return [
		single(
			'idle',
			'idleRate',
			`idle cost of ${fleet.clients.length / 2} open maps to PocketBase`,
			'req/s',
			rate,
			'≤ 1 req/s',
			rate <= 1,
			`requests the app sent through the counting proxy over ${elapsed.toFixed(0)} s of idleness; most: ${top || 'none'}`
		),
		single(
			'idle',
			'removalClose',
			'removed member disconnected after',
			'ms',
			removedMs,
			'≤ 5 s',
			removedMs <= 5000,
			'superuser deletes the map_members row → the client sees its socket close'
		),
		single(
			'idle',
			'logoutClose',
			'logged-out user disconnected after',
			'ms',
			logoutMs,
			'≤ 5 s',
			logoutMs <= 5000,
			"POST /api/kring/logout with the user's token → the client sees its socket close"
		)
	];
}

export function memoryFigures(
	base: MemoryReading,
	withFleet: MemoryReading,
	atRest: MemoryReading & { resting: number },
	after: (MemoryReading & { idleRss: number; idleMs: number }) | null,
	maps: number
): Figure[] {
	const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
	const space = (r: MemoryReading, name: string) => {
		const s = r.spacesAfterGc[name];
		return s ? `${name.replace('_space', '')} ${mib(s.used)}/${mib(s.size)}` : '';
	};
	const parts = (r: MemoryReading) =>
		`heap used ${mib(r.heapUsedAfterGc)} of ${mib(r.heapTotalAfterGc)} V8 keeps (used/kept by space: ${[
			'new_space',
			'old_space',
			'code_space',
			'large_object_space'
		]
			.map((n) => space(r, n))
			.filter(Boolean)
			.join(', ')}), ${mib(r.externalAfterGc)} outside the heap`;
	const perMap = (r: MemoryReading, key: 'rssAfterGc' | 'heapUsedAfterGc') => (r[key] - base[key]) / maps / 1024;
	const perMapRss = perMap(atRest, 'rssAfterGc');
	const figures = [
		single(
			'memory',
			'memoryPerMapRss',
			'app RSS per open small map (2 clients each), at rest',
			'KiB',
			perMapRss,
			'≤ 50 KiB',
			perMapRss <= 50,
			`RSS after a full GC: ${(base.rssAfterGc / 2 ** 20).toFixed(0)} MiB before, ${(atRest.rssAfterGc / 2 ** 20).toFixed(0)} MiB with ${maps} maps open, ${atRest.resting} of them at rest (nobody changed them for 10 s: live document dropped, encoding kept); at rest: ${parts(atRest)}`
		),
		single(
			'memory',
			'memoryPerMapHeap',
			'app heap per open small map, at rest',
			'KiB',
			perMap(atRest, 'heapUsedAfterGc'),
			undefined,
			undefined,
			`heapUsed after a full GC: ${(base.heapUsedAfterGc / 2 ** 20).toFixed(1)} → ${(atRest.heapUsedAfterGc / 2 ** 20).toFixed(1)} MiB`
		),
		single(
			'memory',
			'memoryPerMapLiveRss',
			'app RSS per open small map (2 clients each), all live (just opened, or being changed)',
			'KiB',
			perMap(withFleet, 'rssAfterGc'),
			undefined,
			undefined,
			`right after every client synced, before any map rests: RSS after a full GC ${(withFleet.rssAfterGc / 2 ** 20).toFixed(0)} MiB (${(withFleet.rss / 2 ** 20).toFixed(0)} MiB before that GC); heap per map ${perMap(withFleet, 'heapUsedAfterGc').toFixed(0)} KiB`
		)
	];
	if (after) {
		const rssBack = (after.idleRss / base.rssAfterGc - 1) * 100;
		const heapBack = (after.heapUsedAfterGc / base.heapUsedAfterGc - 1) * 100;
		figures.push(
			single(
				'memory',
				'memoryAfterLeave',
				'RSS after all clients left, vs before',
				'%',
				rssBack,
				'within 10%',
				rssBack <= 10,
				`RSS ${mib(after.idleRss)} once quiet for ${(after.idleMs / 1000).toFixed(0)} s after every room unloaded (no forced GC), against ${mib(base.rssAfterGc)} before; then a full GC: RSS ${mib(after.rssAfterGc)}, heap ${(after.heapUsedAfterGc / 2 ** 20).toFixed(1)} MiB (${heapBack >= 0 ? '+' : ''}${heapBack.toFixed(1)}% heap); before: ${parts(base)}; with the maps open: ${parts(withFleet)}; after: ${parts(after)}`
			)
		);
	}
	return figures;
}
