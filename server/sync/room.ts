// One map's live document, its awareness and its connections; loads from and saves to persistence.
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { ClientOrigin, Connection } from './connection.ts';
import { errorSummary, type Log } from './log.ts';
import type { Persistence } from './persistence.ts';
import { CloseCode, encodeAwareness, encodeUpdate } from './protocol.ts';
import { SaveScheduler } from './save-scheduler.ts';

/** Origin of the stored state applied at load: neither broadcast nor marked unsaved. */
const LOAD_ORIGIN = { kind: 'persistence-load' } as const;
const SHUTDOWN_GRACE_MS = 2_000;

type RoomStatus = 'loading' | 'ready' | 'closing' | 'closed';

export interface RoomOptions {
	mapId: string;
	persistence: Persistence;
	persistDebounceMs: number;
	persistMaxWaitMs: number;
	log: Log;
	/** The room is gone (unloaded after its last client, failed to load, or shut down). */
	onUnload: (room: Room) => void;
}

function isClientOrigin(origin: unknown): origin is ClientOrigin {
	return typeof origin === 'object' && origin !== null && (origin as ClientOrigin).kind === 'remote-client';
}

export class Room {
	readonly mapId: string;
	readonly doc = new Y.Doc({ gc: true }); // gc stays on: erased names must really go
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	private readonly connections = new Map<string, Connection>();
	private readonly saver: SaveScheduler;
	private status: RoomStatus = 'loading';
	private loaded: Promise<void> = Promise.resolve();
	private unloading = false;

	constructor(private readonly opts: RoomOptions) {
		this.mapId = opts.mapId;
		this.awareness.setLocalState(null); // the server itself has no presence
		this.saver = new SaveScheduler({
			debounceMs: opts.persistDebounceMs,
			maxWaitMs: opts.persistMaxWaitMs,
			save: () => this.store(),
			onError: (err, failures) =>
				opts.log('error', 'storing map failed', { mapId: this.mapId, failures, ...errorSummary(err) }),
			onSaved: () => void this.unloadIfIdle()
		});
		this.awareness.on('update', this.onAwarenessUpdate);
	}

	/** Fetch the stored state before anyone is answered; connections queue their messages meanwhile. */
	load(): Promise<void> {
		this.loaded = this.loadState();
		return this.loaded;
	}

	private async loadState(): Promise<void> {
		try {
			const state = await this.opts.persistence.fetch(this.mapId);
			if (this.status !== 'loading') return; // shut down while loading
			// A corrupt stored state makes applyUpdate throw: a load failure like any other.
			if (state) Y.applyUpdate(this.doc, state, LOAD_ORIGIN);
			this.doc.on('update', this.onDocUpdate);
			this.status = 'ready';
			this.opts.log('info', 'room loaded', { mapId: this.mapId, bytes: state?.byteLength ?? 0 });
		} catch (err) {
			this.failLoad(err);
			return;
		}
		for (const conn of this.connections.values()) conn.start();
		void this.unloadIfIdle();
	}

	add(conn: Connection): void {
		this.connections.set(conn.identity.connectionId, conn);
		if (this.status === 'ready') conn.start();
	}

	remove(conn: Connection): void {
		if (this.connections.get(conn.identity.connectionId) !== conn) return;
		this.connections.delete(conn.identity.connectionId);
		// A client that already reconnected on a new socket keeps its presence.
		const others = [...this.connections.values()];
		const orphaned = [...conn.awarenessIds].filter((id) => !others.some((c) => c.awarenessIds.has(id)));
		if (orphaned.length > 0 && this.status !== 'closed') {
			awarenessProtocol.removeAwarenessStates(this.awareness, orphaned, null);
		}
		void this.unloadIfIdle();
	}

	heartbeat(): void {
		for (const conn of this.connections.values()) conn.heartbeat();
	}

	/** Server shutdown: close every connection, store what is unsaved, unload. */
	async shutdown(): Promise<void> {
		if (this.status === 'closing' || this.status === 'closed') return;
		const wasReady = this.status === 'ready';
		this.status = 'closing';
		const conns = [...this.connections.values()];
		for (const conn of conns) conn.close(CloseCode.goingAway, 'server shutting down');
		await this.loaded;
		if (wasReady && !(await this.saver.flush())) {
			this.opts.log('error', 'unsaved changes lost at shutdown', { mapId: this.mapId });
		}
		await waitAtMost(Promise.all(conns.map((c) => c.waitClosed())), SHUTDOWN_GRACE_MS);
		for (const conn of conns) conn.terminate();
		this.destroy();
	}

	private async store(): Promise<void> {
		// Snapshot synchronously: changes made while PocketBase answers are stored by the next run.
		const state = Y.encodeStateAsUpdate(this.doc);
		await this.opts.persistence.store(this.mapId, state);
	}

	/** After the last client leaves: store, then unload, unless someone came back meanwhile. */
	private async unloadIfIdle(): Promise<void> {
		if (this.status !== 'ready' || this.connections.size > 0 || this.unloading) return;
		this.unloading = true;
		let saved: boolean;
		try {
			saved = await this.saver.flush();
		} finally {
			this.unloading = false;
		}
		// Not saved: the scheduler retries on its own, and its next success calls this again.
		if (saved && this.status === 'ready' && this.connections.size === 0) {
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
		this.saver.stop();
		this.doc.off('update', this.onDocUpdate);
		this.awareness.off('update', this.onAwarenessUpdate);
		this.doc.destroy(); // also destroys the awareness and its timer
		this.opts.persistence.forget(this.mapId);
		this.opts.onUnload(this);
	}

	private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		this.saver.markDirty();
		const message = encodeUpdate(update);
		const from = isClientOrigin(origin) ? origin.connectionId : null;
		// Every connection, read-only ones included; the sender already has it.
		for (const [id, conn] of this.connections) if (id !== from && conn.started) conn.send(message);
	};

	private readonly onAwarenessUpdate = (
		changes: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
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

function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<void>((resolve) => {
		timer = setTimeout(resolve, ms);
	});
	return Promise.race([promise.then(() => undefined), timeout]).finally(() => clearTimeout(timer));
}
