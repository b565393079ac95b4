// The rooms of one sync server: one per open map, made on first use and gone after its last client
// left. What else happens around a room (its versions, the access watch, the write guard) is an
// extension with hooks (extension.ts), so this file only keeps rooms and their life: make, load,
// heartbeat, rest, shut down.
import type { RoomExtension } from './extension.ts';
import { errorSummary, type Log } from './log.ts';
import type { Persistence } from './persistence.ts';
import { PING_INTERVAL_MS } from './protocol.ts';
import { DEFAULT_REST_AFTER_MS, Room, SHUTDOWN_VERSIONS_MS } from './room.ts';

export type { RoomExtension } from './extension.ts';

export interface RoomsOptions {
	persistence: Persistence;
	log: Log;
	extensions: RoomExtension[];
	persistDebounceMs: number;
	persistMaxWaitMs: number;
	maxDocBytes: number;
	compactAfter?: { count: number; bytes: number };
	/** Default 10 s (room.ts). */
	restAfterMs?: number;
	/** Default 30 s: how often connections are pinged. */
	pingIntervalMs?: number;
}

export class Rooms {
	private readonly rooms = new Map<string, Room>();
	private readonly pinger: NodeJS.Timeout;
	private readonly rester: NodeJS.Timeout;
	private closed = false;
	/** A sweep's deflating of resting rooms is still going (deflate()). */
	private deflating = false;
	/** The resting count in the last 'rooms at rest' line. */
	private restingLogged = 0;

	constructor(private readonly opts: RoomsOptions) {
		this.pinger = setInterval(() => {
			for (const room of this.rooms.values()) room.heartbeat();
		}, opts.pingIntervalMs ?? PING_INTERVAL_MS);
		this.pinger.unref();
		// Quiet maps rest: looked over a few times per rest period, at most every 5 s.
		const restAfterMs = opts.restAfterMs ?? DEFAULT_REST_AFTER_MS;
		this.rester = setInterval(() => this.restQuiet(), Math.min(5_000, Math.max(10, restAfterMs / 3)));
		this.rester.unref();
	}

	/** The map's room, made (and its load started) when there is none; null once shut down. */
	open(mapId: string): Room | null {
		if (this.closed) return null;
		let room = this.rooms.get(mapId);
		if (room) return room;
		const { opts } = this;
		room = new Room({
			mapId,
			persistence: opts.persistence,
			persistDebounceMs: opts.persistDebounceMs,
			persistMaxWaitMs: opts.persistMaxWaitMs,
			maxDocBytes: opts.maxDocBytes,
			compactAfter: opts.compactAfter,
			restAfterMs: opts.restAfterMs,
			log: opts.log,
			extensions: opts.extensions,
			onSessionEnd: (ended, end) => this.sessionEnded(ended, end),
			onUnload: (gone) => {
				for (const ext of opts.extensions) ext.unloaded?.(gone);
				if (this.rooms.get(gone.mapId) === gone) this.rooms.delete(gone.mapId);
			}
		});
		for (const ext of opts.extensions) ext.created?.(room);
		this.rooms.set(mapId, room);
		void room.load();
		return room;
	}

	/** The map's room if it is loaded (or loading). */
	get(mapId: string): Room | undefined {
		return this.rooms.get(mapId);
	}

	values(): IterableIterator<Room> {
		return this.rooms.values();
	}

	get size(): number {
		return this.rooms.size;
	}

	get restingCount(): number {
		let n = 0;
		for (const room of this.rooms.values()) if (room.resting) n += 1;
		return n;
	}

	/**
	 * Server shutdown: every room closes its connections and stores what is unsaved; the session
	 * ends are waited for at most SHUTDOWN_VERSIONS_MS in all (maps are stored before them).
	 */
	async shutdown(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		clearInterval(this.pinger);
		clearInterval(this.rester);
		const started = performance.now();
		const open = this.rooms.size;
		const deadline = Date.now() + SHUTDOWN_VERSIONS_MS;
		const ended = await Promise.all([...this.rooms.values()].map((room) => room.shutdown(deadline)));
		const notWaited = ended.filter((e) => !e).length;
		// Their maps are stored; their versions are kept at each map's next session end.
		if (notWaited > 0) this.opts.log('warn', 'session ends not waited for at shutdown', { rooms: notWaited });
		this.opts.log('info', 'rooms closed', { rooms: open, ms: Math.round(performance.now() - started) });
		this.rooms.clear();
	}

	private restQuiet(): void {
		const now = Date.now();
		let rested = 0;
		let resting = 0;
		const toDeflate: Room[] = [];
		for (const room of this.rooms.values()) {
			if (room.restIfQuiet(now)) rested += 1;
			if (room.resting) resting += 1;
			if (room.resting && !room.deflated) toDeflate.push(room);
		}
		if (toDeflate.length > 0) void this.deflate(toDeflate, now);
		// Rooms also rest as they load (room.ts), so the count is told when it changed, not only when this sweep rested some.
		if (rested > 0 || resting !== this.restingLogged) this.opts.log('info', 'rooms at rest', { rested, resting, open: this.rooms.size });
		this.restingLogged = resting;
	}

	/**
	 * Deflates the encodings of rooms long at rest, one after another (each on libuv's threads), so
	 * a sweep that finds thousands never holds many copies at once; the next sweep takes the rest.
	 */
	private async deflate(rooms: Room[], now: number): Promise<void> {
		if (this.deflating) return;
		this.deflating = true;
		try {
			for (const room of rooms) {
				if (this.closed) return;
				await room.deflateIfRested(now);
			}
		} finally {
			this.deflating = false;
		}
	}

	private async sessionEnded(room: Room, end: { shutdown: boolean }): Promise<void> {
		for (const ext of this.opts.extensions) {
			try {
				await ext.sessionEnded?.(room, end);
			} catch (err) {
				this.opts.log('error', 'ending the session failed', { mapId: room.mapId, ...errorSummary(err) });
			}
		}
	}
}
