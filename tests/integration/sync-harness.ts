// Shared setup for the sync integration tests: the real sync server on an http.Server at port 0,
// stock WebsocketProvider clients, raw `ws` clients, and event-based waits (no fixed sleeps).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createSyncServer, type SyncServer, type SyncServerOptions } from '../../server/sync/index.ts';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { superuserClient } from '../../server/sync/service.ts';

export interface LogEntry {
	level: 'info' | 'warn' | 'error';
	msg: string;
	fields: Record<string, unknown>;
}

export interface SyncStack {
	server: SyncServer;
	/** ws://127.0.0.1:<port>/sync, the base URL a WebsocketProvider takes. */
	wsBase: string;
	/** http://127.0.0.1:<port>, where /sync-api/ answers. */
	httpBase: string;
	logs: LogEntry[];
	waitForLog(match: (entry: LogEntry) => boolean): Promise<LogEntry>;
	/** Closes the sync server, then the http server. */
	close(): Promise<void>;
}

export interface SyncTestContext {
	pb: PocketBaseInstance;
	fx: Fixture;
	sync: SyncStack;
}

/** For a whole test file: the real PocketBase with a fixture, and a sync server; torn down after. */
export function useSyncStack(): SyncTestContext {
	const ctx = {} as SyncTestContext;
	beforeAll(async () => {
		ctx.pb = await startPocketBase();
		ctx.fx = await createFixture(ctx.pb);
		ctx.sync = await startSync(ctx.pb);
	});
	afterAll(async () => {
		await ctx.sync?.close();
		await ctx.pb?.stop();
	});
	return ctx;
}

export interface PocketBaseTestContext {
	pb: PocketBaseInstance;
	fx: Fixture;
	/** A sync server of this test's own, closed after the test. */
	start(options?: Partial<SyncServerOptions>): Promise<SyncStack>;
}

/** For a test file whose tests start their own sync servers: PocketBase with a fixture for the file. */
export function usePocketBaseFixture(): PocketBaseTestContext {
	const stacks: SyncStack[] = [];
	const ctx = {
		async start(options: Partial<SyncServerOptions> = {}) {
			const stack = await startSync(ctx.pb, options);
			stacks.push(stack);
			return stack;
		}
	} as PocketBaseTestContext;
	beforeAll(async () => {
		ctx.pb = await startPocketBase();
		ctx.fx = await createFixture(ctx.pb);
	});
	afterEach(async () => {
		await Promise.all(stacks.splice(0).map((s) => s.close()));
	});
	afterAll(() => ctx.pb?.stop());
	return ctx;
}

/** The sync server on a fresh http.Server listening on 127.0.0.1, port 0. */
export async function startSync(pb: PocketBaseInstance, options: Partial<SyncServerOptions> = {}): Promise<SyncStack> {
	const logs: LogEntry[] = [];
	const waiters = new Set<{ match: (e: LogEntry) => boolean; resolve: (e: LogEntry) => void }>();
	const server = createSyncServer({
		pocketbaseUrl: pb.url,
		proxySecret: pb.proxySecret,
		superuser: pb.superuser,
		log: (level, msg, fields = {}) => {
			const entry = { level, msg, fields };
			logs.push(entry);
			for (const w of waiters)
				if (w.match(entry)) {
					waiters.delete(w);
					w.resolve(entry);
				}
		},
		...options
	});
	const http: Server = createServer((req, res) => {
		if (!server.handleRequest(req, res)) res.writeHead(404).end();
	});
	http.on('upgrade', (req, socket, head) => {
		if (!server.handleUpgrade(req, socket, head)) socket.destroy();
	});
	http.listen(0, '127.0.0.1');
	await once(http, 'listening');
	const { port } = http.address() as AddressInfo;
	return {
		server,
		wsBase: `ws://127.0.0.1:${port}/sync`,
		httpBase: `http://127.0.0.1:${port}`,
		logs,
		waitForLog(match) {
			const found = logs.find(match);
			if (found) return Promise.resolve(found);
			return new Promise((resolve) => waiters.add({ match, resolve }));
		},
		async close() {
			await server.close();
			http.closeAllConnections();
			await new Promise<void>((resolve) => http.close(() => resolve()));
		}
	};
}

/** A stock y-websocket client in Node; BroadcastChannel off so in-process clients only meet via the server. */
export function connectProvider(wsBase: string, mapId: string, token: string, doc = new Y.Doc()): WebsocketProvider {
	return new WebsocketProvider(wsBase, mapId, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
}

export function waitSynced(provider: WebsocketProvider): Promise<void> {
	if (provider.synced) return Promise.resolve();
	return new Promise((resolve) => {
		const onSync = (synced: boolean) => {
			if (!synced) return;
			provider.off('sync', onSync);
			resolve();
		};
		provider.on('sync', onSync);
	});
}

/** Resolves once `check` holds, re-checking after every update of `doc`. */
/** Resolves with the first value `read` returns (not undefined) from the provider's awareness. */
export function waitForAwareness<T>(
	provider: WebsocketProvider,
	read: (states: Map<number, Record<string, unknown>>) => T | undefined
): Promise<T> {
	return new Promise((resolve) => {
		const check = () => {
			const value = read(provider.awareness.getStates() as Map<number, Record<string, unknown>>);
			if (value === undefined) return;
			provider.awareness.off('change', check);
			resolve(value);
		};
		provider.awareness.on('change', check);
		check();
	});
}

export function waitForDoc(doc: Y.Doc, check: (doc: Y.Doc) => boolean): Promise<void> {
	if (check(doc)) return Promise.resolve();
	return new Promise((resolve) => {
		const onUpdate = () => {
			if (!check(doc)) return;
			doc.off('update', onUpdate);
			resolve();
		};
		doc.on('update', onUpdate);
	});
}

/** Polls with short awaits, within a bound: for state only observable by asking (PocketBase, roomCount). */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

/** The map as stored in PocketBase: its compacted state plus its log of changes since. */
export async function storedDoc(pb: PocketBaseInstance, mapId: string): Promise<Y.Doc | undefined> {
	const admin = await superuserClient(pb.url, pb.superuser);
	const filter = admin.filter('map = {:m}', { m: mapId });
	// The log before the state: a compaction between the two reads then finds the log's rows in the
	// state. The other way round (or both at once) a compaction in between hides them from both.
	const log = await admin.collection('map_updates').getFullList({ filter });
	const docs = await admin.collection('map_docs').getFullList({ filter });
	const parts = [...docs.map((row) => row.state), ...log.map((row) => row.update)].filter(
		(b64): b64 is string => typeof b64 === 'string' && b64 !== ''
	);
	if (parts.length === 0) return undefined;
	const doc = new Y.Doc();
	for (const b64 of parts) Y.applyUpdate(doc, new Uint8Array(Buffer.from(b64, 'base64')));
	return doc;
}

export type RawOutcome = { kind: 'open'; ws: WebSocket; firstMessage: Uint8Array } | { kind: 'refused'; status: number };

/** A plain `ws` client: either the HTTP status that refused the upgrade, or an open socket plus the first frame received. */
export function rawConnect(url: string, headers: Record<string, string> = {}, from?: string): Promise<RawOutcome> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { headers, ...(from ? { localAddress: from } : {}) });
		ws.once('unexpected-response', (_req, res) => {
			resolve({ kind: 'refused', status: res.statusCode ?? 0 });
			res.resume();
			ws.terminate();
		});
		ws.once('message', (data) => resolve({ kind: 'open', ws, firstMessage: new Uint8Array(data as Buffer) }));
		ws.once('error', (err) => reject(err));
		ws.once('close', (code) => reject(new Error(`closed before first message (${code})`)));
	});
}

/** The close code once the server closes this socket. */
export function closeCode(ws: WebSocket): Promise<number> {
	if (ws.readyState === WebSocket.CLOSED) return Promise.reject(new Error('already closed'));
	return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** A POST to the sync server's HTTP side (/sync-api/...) as `token` (Bearer), with its status and JSON body. */
export async function syncApi(
	stack: SyncStack,
	path: string,
	token: string | null,
	body: unknown = {},
	headers: Record<string, string> = {}
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
	const res = await fetch(stack.httpBase + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: res.status, body: await res.json() };
}

export function destroyProvider(provider: WebsocketProvider): void {
	provider.destroy();
	provider.doc.destroy();
}

/** A GET to the sync server's HTTP side (/sync-api/...) as `token` (Bearer), with its status and JSON body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function syncGet(stack: SyncStack, path: string, token: string | null): Promise<{ status: number; body: any }> {
	const res = await fetch(stack.httpBase + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	return { status: res.status, body: await res.json() };
}

/**
 * Sets fields of people[key] as the schema has a person (what the sync server's write rules take):
 * a new person is a Y.Map with its id and a name, made in one transaction; an existing one gets
 * the fields. For tests that need a value to write and read back: a name (at most 60 characters)
 * or a note (at most 500).
 */
export function setPerson(doc: Y.Doc, key: string, fields: Record<string, unknown>): void {
	doc.transact(() => {
		const people = doc.getMap<unknown>('people');
		const found = people.get(key);
		if (found instanceof Y.Map) {
			for (const [field, value] of Object.entries(fields)) found.set(field, value);
			return;
		}
		if (typeof fields.name !== 'string') throw new Error(`people[${key}] is new: it needs a name`);
		people.set(key, new Y.Map<unknown>(Object.entries({ id: key, ...fields })));
	});
}

/** Creates people[key] with this name, or renames them. */
export function markPerson(doc: Y.Doc, key: string, name: string): void {
	setPerson(doc, key, { name });
}

/** A field of people[key] (default: the name), or undefined when there is no such person. */
export function personField(doc: Y.Doc | undefined, key: string, field = 'name'): unknown {
	const person = doc?.getMap<unknown>('people').get(key);
	return person instanceof Y.Map ? person.get(field) : undefined;
}

/** The name of people[key], or undefined. */
export function personName(doc: Y.Doc | undefined, key: string): unknown {
	return personField(doc, key, 'name');
}

/** Every person's name by key. */
export function personNames(doc: Y.Doc): Record<string, unknown> {
	const names: Record<string, unknown> = {};
	for (const [key, person] of doc.getMap<unknown>('people').entries()) names[key] = person instanceof Y.Map ? person.get('name') : person;
	return names;
}
