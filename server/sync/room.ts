// One map's live document, its awareness and its connections; loads from and saves to persistence.
// Changes are appended to the map's log within persistMaxWaitMs and folded into its stored state
// from time to time; every client that asked for it hears what is stored (lib/protocol/sync.ts).
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ClientOrigin, Connection } from './connection.ts';
import type { RoomExtension } from './extension.ts';
import { errorSummary, type Log } from './log.ts';
import type { Persistence } from './persistence.ts';
import { encodeAwareness, encodeSyncMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol.ts';
import { CloseCode, SyncType, encodeStatus, type StatusMessage } from '../../src/lib/protocol/sync.ts';
import { RestingState } from './resting-state.ts';
import { SaveScheduler } from './save-scheduler.ts';
import { UPGRADE_ORIGIN } from '../../src/lib/doc/origin.ts';
import { startPlanOn, upgradePlan } from '../../src/lib/doc/plan.ts';
import { today } from '../../src/lib/doc/days.ts';
import { NewerSchemaError, upgrade } from '../../src/lib/doc/upgrade.ts';
import { hasJimConsent, jimState, readJimLog, type JimState } from '../../src/lib/doc/jim.ts';

/** Origin of the stored state applied at load: neither broadcast nor marked unsaved. */
const LOAD_ORIGIN = { kind: 'persistence-load' } as const;
const SHUTDOWN_GRACE_MS = 2_000;
/**
 * How long a stopping server waits for the versions its sessions' ends keep. The map itself is
 * stored before (nothing acknowledged waits on this); a version not kept by then is kept at the
 * map's next session end instead. Clients wait for a restart, so it must not wait long: 2,000
 * versions took PocketBase over 10 s.
 */
export const SHUTDOWN_VERSIONS_MS = 3_000;
/** Fold the log into the state past 200 entries or 1 MiB: loading stays one state and a short log. */
const DEFAULT_COMPACT_AFTER = { count: 200, bytes: 1 << 20 };
/** How long the whole document stays encoded for the next client that has nothing yet. */
const WHOLE_ANSWER_KEPT_MS = 5_000;
/** A loaded map that nobody changed or worked on for this long rests (see Room.restIfQuiet). */
export const DEFAULT_REST_AFTER_MS = 10_000;

type RoomStatus = 'loading' | 'ready' | 'closing' | 'closed';

export interface RoomOptions {
	mapId: string;
	persistence: Persistence;
	persistDebounceMs: number;
	persistMaxWaitMs: number;
	/** Largest encoded document the room takes changes for (PocketBase keeps it in one field). */
	maxDocBytes: number;
	/** Fold the log into the stored state once it holds this many entries or bytes. */
	compactAfter?: { count: number; bytes: number };
	log: Log;
	/** Told when a connection joins or leaves, and asked about every client's update (extension.ts). */
	extensions?: readonly RoomExtension[];
	/** A map quiet for this long keeps only its encoded state until someone writes (default 10 s). */
	restAfterMs?: number;
	/** The room is gone (unloaded after its last client, failed to load, or shut down). */
	onUnload: (room: Room) => void;
	/**
	 * A session ended: the last client left (or the server stops) and everything is stored. Runs
	 * before the room unloads (versions.ts keeps a version here); a failure is logged, never blocks.
	 */
	onSessionEnd?: (room: Room, end: { shutdown: boolean }) => Promise<void>;
}

function isClientOrigin(origin: unknown): origin is ClientOrigin {
	return typeof origin === 'object' && origin !== null && (origin as ClientOrigin).kind === 'remote-client';
}

export class Room {
	readonly mapId: string;
	/** The live document; null while the room rests. */
	private live: Y.Doc | null;
	/** The whole document, encoded (and deflated once it rested a while), while the room rests. */
	private rested: RestingState | null = null;
	/** Its state vector, once a client needed it. */
	private restedVector: Uint8Array | null = null;
	/** Its JIM record, read before the document was dropped: a JIM who joins is checked without waking the map. */
	private restedJim: JimState | null = null;
	/** When the live document was last changed or asked for (Date.now()). */
	private lastUsed = Date.now();
	/** Presence lives beside the document, so it stays while the document rests. */
	private readonly presenceDoc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	private readonly connections = new Map<string, Connection>();
	private readonly saver: SaveScheduler;
	private status: RoomStatus = 'loading';
	private loaded: Promise<void> = Promise.resolve();
	private unloading = false;
	/** Changes not yet in the log, in the order they were applied. */
	private pending: Uint8Array[] = [];
	/** Fold the log into the state at the next store (the room is about to unload). */
	private compactNext = false;
	/** Encoded size of the document; an upper bound until recounted. */
	private docBytes = 0;
	private docBytesExact = true;
	/** Y.encodeSnapshot of what is stored, for clients that join. */
	private savedSnapshot: Uint8Array | null = null;
	private saveFailing = false;
	/** Loaded and not yet destroyed. */
	private readable = false;
	/** Server-side work on the live document (an evaluation moment, a restore) keeps the room loaded. */
	private holds = 0;
	/** Kept loaded (keepLoaded) until then, ms since the epoch; resting meanwhile is fine. */
	private keptUntil = 0;
	private keepTimer: NodeJS.Timeout | null = null;
	/** The whole document as a sync answer, for clients that have nothing yet; dropped on change. */
	private wholeAnswer: Uint8Array | null = null;

	constructor(private readonly opts: RoomOptions) {
		this.mapId = opts.mapId;
		this.live = liveDoc(opts.mapId);
		this.presenceDoc = new Y.Doc({ guid: `${opts.mapId}/presence` });
		this.awareness = new awarenessProtocol.Awareness(this.presenceDoc);
		this.awareness.setLocalState(null); // the server itself has no presence
		this.saver = new SaveScheduler({
			debounceMs: opts.persistDebounceMs,
			maxWaitMs: opts.persistMaxWaitMs,
			save: () => this.store(),
			onError: (err, failures) => {
				opts.log('error', 'storing map failed', { mapId: this.mapId, failures, ...errorSummary(err) });
				if (!this.saveFailing) this.broadcastStatus({ kind: 'save-failed' });
				this.saveFailing = true;
			},
			onSaved: () => void this.unloadIfIdle()
		});
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	/**
	 * The live document, woken from its rest when the room rests. For changes and server-side
	 * work; answering a client's sync does not need it (syncStep1, syncAnswer).
	 */
	get doc(): Y.Doc {
		this.lastUsed = Date.now();
		return this.live ?? this.wake();
	}

	/** Whether the room rests now (its document kept encoded only). */
	get resting(): boolean {
		return this.rested !== null;
	}

	/**
	 * Rests a loaded map that nobody changed or worked on for restAfterMs and that has nothing
	 * unsaved: its document is kept encoded only (a map with a year of history is some 15 KB
	 * encoded and 200 KiB as a live Yjs document). Clients that join are answered from the
	 * encoding; the first change wakes it. Called from time to time by the sync server.
	 */
	restIfQuiet(now = Date.now(), opts: { atOnce?: boolean; encoded?: Uint8Array } = {}): boolean {
		const doc = this.live;
		if (!doc || this.status !== 'ready' || this.holds > 0 || this.pending.length > 0 || this.saver.hasUnsavedChanges) return false;
		if (!opts.atOnce && now - this.lastUsed < (this.opts.restAfterMs ?? DEFAULT_REST_AFTER_MS)) return false;
		this.rested = new RestingState(opts.encoded ?? Y.encodeStateAsUpdate(doc), now);
		this.restedVector = null;
		this.restedJim = jimState(readJimLog(doc));
		this.docBytes = this.rested.byteLength;
		this.docBytesExact = true;
		doc.off('update', this.onDocUpdate);
		doc.destroy();
		this.live = null;
		this.wholeAnswer = null;
		return true;
	}

	/**
	 * Deflates the encoding of a map at rest for restAfterMs already (resting-state.ts); null when
	 * there is nothing to do. Called from time to time by the sync server, one room after another.
	 */
	deflateIfRested(now = Date.now()): Promise<void> | null {
		const rested = this.rested;
		if (!rested || rested.isDeflated || now - rested.since < (this.opts.restAfterMs ?? DEFAULT_REST_AFTER_MS)) return null;
		return rested.deflate();
	}

	/** Whether the room rests with its encoding deflated already. */
	get deflated(): boolean {
		return this.rested?.isDeflated ?? false;
	}

	private wake(): Y.Doc {
		const doc = liveDoc(this.mapId);
		if (this.rested) Y.applyUpdate(doc, this.rested.encoded, LOAD_ORIGIN);
		this.rested = null;
		this.restedVector = null;
		this.restedJim = null;
		this.live = doc;
		doc.on('update', this.onDocUpdate);
		return doc;
	}

	/** The server's sync step 1 (its state vector), for a client it greets. */
	syncStep1(): Uint8Array {
		if (this.live) return encodeSyncStep1(this.live);
		// Read from the encoding once per rest, not once per client that joins.
		this.restedVector ??= Y.encodeStateVectorFromUpdate(this.rested!.encoded);
		return encodeSyncMessage(SyncType.step1, this.restedVector);
	}

	/** Fetch the stored state before anyone is answered; connections queue their messages meanwhile. */
	load(): Promise<void> {
		this.loaded = this.loadState();
		return this.loaded;
	}

	private async loadState(): Promise<void> {
		/** The stored map when it came in one piece (no change log since): the encoding a resting room keeps. */
		let whole: Uint8Array | undefined;
		try {
			const parts = await this.opts.persistence.fetch(this.mapId);
			if (parts.length === 1) whole = parts[0];
			if (this.status !== 'loading') return; // shut down while loading
			// A corrupt stored state makes applyUpdate throw: a load failure like any other.
			for (const part of parts) Y.applyUpdate(this.doc, part, LOAD_ORIGIN);
			// What was stored, as the size bound: encoding the whole document again only to count it
			// cost 0.4 ms a room, on a node that opens thousands at once after a restart. The bound is
			// recounted exactly when a change would pass the limit (accepts()).
			this.docBytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
			this.docBytesExact = false;
			this.doc.on('update', this.onDocUpdate);
			this.upgrade();
			this.savedSnapshot = Y.encodeSnapshot(Y.snapshot(this.doc));
			this.status = 'ready';
			this.readable = true;
			this.opts.log('info', 'room loaded', { mapId: this.mapId, bytes: this.docBytes, logEntries: parts.length });
			for (const ext of this.extensions) ext.loaded?.(this);
		} catch (err) {
			this.failLoad(err);
			return;
		}
		for (const conn of this.connections.values()) this.open(conn);
		// Loaded with nothing to store: at rest at once. Readers, and writers until their first
		// change, are answered from the encoding, so opening many maps at once (a restart, a
		// Monday morning) never holds all their live documents together. Nothing has changed since
		// the fetch, so a map stored in one piece keeps those bytes as its encoding (no re-encoding).
		this.restIfQuiet(Date.now(), { atOnce: true, encoded: whole && ownBytes(whole) });
		void this.unloadIfIdle();
	}

	/**
	 * Brings the map up to this server's schema before anyone is answered: only the server writes
	 * the schema versions (write-rules.ts), and the upgrade is stored like any change. A map from a
	 * newer Kring is left as it is; its clients say so.
	 */
	private upgrade(): void {
		try {
			upgrade(this.doc);
			upgradePlan(this.doc, UPGRADE_ORIGIN);
			// Every map gets an evaluation rhythm: a plan without a start day starts today.
			startPlanOn(this.doc, today(), UPGRADE_ORIGIN);
		} catch (err) {
			if (!(err instanceof NewerSchemaError)) throw err;
			this.opts.log('warn', 'map has a newer schema than this server', { mapId: this.mapId, schema: err.found });
		}
	}

	/** Resolves true once the document is loaded and the room takes changes, false if it never will. */
	async whenReady(): Promise<boolean> {
		await this.loaded;
		return this.status === 'ready';
	}

	/** Resolves true once the document is loaded and still there to read (also while shutting down). */
	async whenReadable(): Promise<boolean> {
		await this.loaded;
		return this.readable;
	}

	/** Keeps the room loaded (as a connection would) until the returned function is called. */
	hold(): () => void {
		this.holds += 1;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.holds -= 1;
			void this.unloadIfIdle();
		};
	}

	/**
	 * Keeps the room loaded for `ms` more, for a client on its way (a page that fetched the map's
	 * state opens its socket next, state-api.ts). Unlike hold(), the room may rest meanwhile.
	 */
	keepLoaded(ms: number): void {
		this.keptUntil = Math.max(this.keptUntil, Date.now() + ms);
		if (this.keepTimer) return;
		const check = () => {
			const left = this.keptUntil - Date.now();
			if (left > 0 && this.status !== 'closed') {
				this.keepTimer = setTimeout(check, left).unref();
				return;
			}
			this.keepTimer = null;
			void this.unloadIfIdle();
		};
		this.keepTimer = setTimeout(check, ms).unref();
	}

	/** Stores every change applied so far; resolves true when nothing is left unsaved. */
	flush(): Promise<boolean> {
		return this.status === 'ready' ? this.saver.flush() : Promise.resolve(false);
	}

	/**
	 * Stores the whole state now and folds the change log into it, so nothing deleted lingers in
	 * PocketBase (an erasure). Resolves true once it is stored.
	 */
	compactNow(): Promise<boolean> {
		if (this.status !== 'ready') return Promise.resolve(false);
		this.compactNext = true;
		this.saver.markDirty();
		return this.saver.flush();
	}

	add(conn: Connection): void {
		this.connections.set(conn.identity.connectionId, conn);
		for (const ext of this.extensions) ext.connected?.(this, conn);
		if (this.status === 'ready') this.open(conn);
	}

	remove(conn: Connection): void {
		if (this.connections.get(conn.identity.connectionId) !== conn) return;
		this.connections.delete(conn.identity.connectionId);
		for (const ext of this.extensions) ext.disconnected?.(this, conn);
		// A client that already reconnected on a new socket keeps its presence.
		const others = [...this.connections.values()];
		const orphaned = [...conn.awarenessIds].filter((id) => !others.some((c) => c.awarenessIds.has(id)));
		if (orphaned.length > 0 && this.status !== 'closed') {
			awarenessProtocol.removeAwarenessStates(this.awareness, orphaned, null);
		}
		void this.unloadIfIdle();
	}

	/** Why the extensions refuse a client's update (the first that does), or null to apply it. */
	refusal(conn: Connection, update: Uint8Array): string | null {
		for (const ext of this.extensions) {
			const why = ext.refuseUpdate?.(this, conn, update);
			if (why) return why;
		}
		return null;
	}

	private get extensions(): readonly RoomExtension[] {
		return this.opts.extensions ?? [];
	}

	/**
	 * The sync answer to a client's state vector. A client that has nothing yet (a new device, or
	 * every client at once after a restart of a fresh fleet) gets the whole document, encoded once
	 * while it stays the same and kept a few seconds: the clients of one map tend to come together.
	 */
	syncAnswer(stateVector: Uint8Array): Uint8Array {
		const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
		if (this.rested) {
			const encoded = this.rested.encoded;
			return encodeSyncMessage(SyncType.step2, empty ? encoded : Y.diffUpdate(encoded, stateVector));
		}
		const doc = this.live!;
		if (!empty) return encodeSyncStep2(doc, stateVector);
		if (!this.wholeAnswer) {
			this.wholeAnswer = encodeSyncStep2(doc, stateVector);
			const answer = this.wholeAnswer;
			setTimeout(() => {
				if (this.wholeAnswer === answer) this.wholeAnswer = null;
			}, WHOLE_ANSWER_KEPT_MS).unref();
		}
		return this.wholeAnswer;
	}

	/**
	 * Whether a member in this role may read the map now: anyone but a JIM the youth has not said
	 * yes to yet. A JIM whose membership names no person is not held back here (the page still
	 * is): such a membership predates per-JIM consent, and who they are on the map is not known.
	 * Call once loaded.
	 */
	mayRead({ role, person }: { role: string; person: string }): boolean {
		if (role !== 'jim' || !person) return true;
		// A resting map is asked what it read before it rested (any change since would have woken it).
		return hasJimConsent((!this.live && this.restedJim) || jimState(readJimLog(this.doc)), person);
	}

	/** The whole map as one Yjs update (what a client without anything receives at its sync); call once loaded. */
	wholeState(): Uint8Array {
		return this.rested ? this.rested.encoded : Y.encodeStateAsUpdate(this.live!);
	}

	/** Loaded and taking changes (false while loading, shutting down and after). */
	get ready(): boolean {
		return this.status === 'ready';
	}

	/** The connections on this map now (the access watch checks each). */
	get liveConnections(): Connection[] {
		return this.status === 'ready' ? [...this.connections.values()] : [];
	}

	/** What is stored, as a status message for a client that just joined; null before the load. */
	get savedStatus(): StatusMessage | null {
		return this.savedSnapshot ? { kind: 'saved', snapshot: this.savedSnapshot } : null;
	}

	/**
	 * Whether the document may grow by `update` and still be stored. The size is an upper bound
	 * kept from the sizes of applied updates, recounted exactly only when it nears the limit.
	 */
	accepts(update: Uint8Array): boolean {
		const max = this.opts.maxDocBytes;
		if (this.docBytes + update.byteLength <= max) return true;
		if (!this.docBytesExact) {
			this.docBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
			this.docBytesExact = true;
		}
		return this.docBytes + update.byteLength <= max;
	}

	/** The connection whose presence uses this awareness client id (ids are released when it closes). */
	ownerOf(clientId: number): Connection | undefined {
		for (const conn of this.connections.values()) if (conn.awarenessIds.has(clientId)) return conn;
		return undefined;
	}

	heartbeat(): void {
		for (const conn of this.connections.values()) conn.heartbeat();
	}

	/**
	 * Server shutdown: close every connection, store what is unsaved, end the session, unload.
	 * Resolves false when the session's end was not waited for (it ran past `deadline`).
	 */
	async shutdown(deadline = Date.now() + SHUTDOWN_VERSIONS_MS): Promise<boolean> {
		if (this.status === 'closing' || this.status === 'closed') return true;
		let ended = true;
		const wasReady = this.status === 'ready';
		this.status = 'closing';
		const conns = [...this.connections.values()];
		for (const conn of conns) conn.close(CloseCode.goingAway, 'server shutting down');
		await this.loaded;
		if (wasReady && !(await this.saver.flush())) {
			this.opts.log('error', 'unsaved changes lost at shutdown', { mapId: this.mapId });
		} else if (wasReady) {
			ended = await waitAtMost(this.endSession({ shutdown: true }), Math.max(0, deadline - Date.now()));
		}
		await waitAtMost(Promise.all(conns.map((c) => c.waitClosed())), SHUTDOWN_GRACE_MS);
		for (const conn of conns) conn.terminate();
		this.destroy();
		return ended;
	}

	private async store(): Promise<void> {
		// Take what is to be stored synchronously: changes made while PocketBase answers are
		// stored by the next run. Every change applied so far is in `updates` or already stored.
		const updates = this.pending;
		this.pending = [];
		// A resting map has nothing unsaved: its stored snapshot and encoding are still what it is.
		const rested = this.rested;
		const snapshot = rested && this.savedSnapshot ? this.savedSnapshot : Y.encodeSnapshot(Y.snapshot(this.doc));
		const { persistence } = this.opts;
		const limits = this.opts.compactAfter ?? DEFAULT_COMPACT_AFTER;
		try {
			const merged = updates.length === 1 ? updates[0] : Y.mergeUpdates(updates);
			const log = persistence.logSize(this.mapId);
			if (this.compactNext || log.count + 1 > limits.count || log.bytes + merged.byteLength > limits.bytes) {
				const state = rested?.encoded ?? Y.encodeStateAsUpdate(this.doc);
				this.docBytes = state.byteLength;
				this.docBytesExact = true;
				await persistence.compact(this.mapId, state);
				this.compactNext = false;
			} else if (updates.length > 0) {
				await persistence.append(this.mapId, merged);
			}
		} catch (err) {
			this.pending = updates.concat(this.pending);
			throw err;
		}
		this.savedSnapshot = snapshot;
		this.saveFailing = false;
		this.broadcastStatus({ kind: 'saved', snapshot });
	}

	private broadcastStatus(status: StatusMessage): void {
		const message = encodeStatus(status);
		for (const conn of this.connections.values()) if (conn.started && conn.identity.statusMessages) conn.send(message);
	}

	private idle(): boolean {
		return this.connections.size === 0 && this.holds === 0 && Date.now() >= this.keptUntil;
	}

	private async endSession(end = { shutdown: false }): Promise<void> {
		try {
			await this.opts.onSessionEnd?.(this, end);
		} catch (err) {
			this.opts.log('error', 'ending the session failed', { mapId: this.mapId, ...errorSummary(err) });
		}
	}

	/** After the last client leaves: store, then unload, unless someone came back meanwhile. */
	private async unloadIfIdle(): Promise<void> {
		if (this.status !== 'ready' || !this.idle() || this.unloading) return;
		this.unloading = true;
		let saved: boolean;
		try {
			saved = await this.saver.flush();
			// Leave one stored state behind rather than a log (a failure leaves the log, also fine).
			if (saved && this.opts.persistence.logSize(this.mapId).count > 0) {
				this.compactNext = true;
				this.saver.markDirty();
				saved = await this.saver.flush();
			}
			if (saved && this.status === 'ready' && this.idle()) await this.endSession();
		} finally {
			this.unloading = false;
		}
		// Not saved: the scheduler retries on its own, and its next success calls this again.
		// A client that came and went meanwhile may have left changes: their store calls this again.
		if (saved && this.status === 'ready' && this.idle() && !this.saver.hasUnsavedChanges) {
			this.opts.log('info', 'room unloaded', { mapId: this.mapId });
			this.destroy();
		}
	}

	private failLoad(err: unknown): void {
		if (this.status === 'closed') return;
		this.opts.log('error', 'loading map failed', { mapId: this.mapId, ...errorSummary(err) });
		for (const conn of this.connections.values()) conn.close(CloseCode.internalError, 'map could not be loaded');
		this.destroy();
	}

	private destroy(): void {
		if (this.status === 'closed') return;
		this.status = 'closed';
		this.readable = false;
		if (this.keepTimer) clearTimeout(this.keepTimer);
		this.keepTimer = null;
		this.saver.stop();
		this.live?.off('update', this.onDocUpdate);
		this.live?.destroy();
		this.live = null;
		this.rested = null;
		this.restedVector = null;
		this.restedJim = null;
		this.awareness.off('update', this.onAwarenessUpdate);
		this.presenceDoc.destroy(); // also destroys the awareness and its timer
		this.opts.persistence.forget(this.mapId);
		this.opts.onUnload(this);
	}

	/**
	 * Greets a connection, unless it is a JIM the youth has not said yes to yet: consent is recorded
	 * per JIM in the map's document (jim.ts), and until it is there that JIM gets nothing of the map,
	 * only the status 'awaiting-consent'. What they send meanwhile waits (bounded, like before the
	 * load); the moment the yes is recorded they are greeted (onDocUpdate).
	 */
	private open(conn: Connection): void {
		if (this.mayRead(conn.identity)) {
			conn.start();
			return;
		}
		if (conn.awaitingConsent) return;
		conn.awaitingConsent = true;
		this.opts.log('info', 'jim awaits consent', { mapId: this.mapId, connectionId: conn.identity.connectionId });
		if (conn.identity.statusMessages) conn.send(encodeStatus({ kind: 'awaiting-consent' }));
	}

	private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.lastUsed = Date.now();
		this.wholeAnswer = null;
		for (const ext of this.extensions) ext.changed?.(this, update, origin);
		this.pending.push(update);
		this.docBytes += update.byteLength;
		this.docBytesExact = false;
		this.saver.markDirty();
		const message = encodeUpdate(update);
		const from = isClientOrigin(origin) ? origin.connectionId : null;
		// Every connection, read-only ones included; the sender already has it.
		for (const [id, conn] of this.connections) if (id !== from && conn.started) conn.send(message);
		for (const conn of this.connections.values()) if (conn.awaitingConsent && !conn.started && this.status === 'ready') this.open(conn);
	};

	private readonly onAwarenessUpdate = (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
		const sender = isClientOrigin(origin) ? this.connections.get(origin.connectionId) : undefined;
		if (sender) {
			for (const id of [...changes.added, ...changes.updated]) sender.awarenessIds.add(id);
			for (const id of changes.removed) sender.awarenessIds.delete(id);
		}
		const clients = [...changes.added, ...changes.updated, ...changes.removed];
		const message = encodeAwareness(this.awareness, clients);
		for (const conn of this.connections.values()) if (conn.started) conn.send(message);
	};
}

/**
 * A map's live document. gc stays on: erased names must really go. Its guid (never sent: it only
 * names subdocuments) is the map id: Yjs would otherwise make a random one with 31 calls to the
 * system's random source, 0.2 ms a room on a node that opens thousands at once.
 */
function liveDoc(mapId: string): Y.Doc {
	return new Y.Doc({ gc: true, guid: mapId });
}

/** Resolves true when `promise` settled within `ms`, false when the wait ran out first. */
function waitAtMost(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => {
		timer = setTimeout(() => resolve(false), ms);
	});
	return Promise.race([promise.then(() => true), timeout]).finally(() => clearTimeout(timer));
}

/** The bytes alone: a view into a larger buffer (a pooled one) would keep all of it alive while the room rests. */
function ownBytes(bytes: Uint8Array): Uint8Array {
	return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : bytes.slice();
}
