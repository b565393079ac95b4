// One client socket: y-websocket message handling, read-only enforcement, keepalive.
// Any message that does not decode cleanly closes THIS connection, never the server.
import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Log } from './log.ts';
import { MAX_QUEUED_MESSAGES, MessageGate } from './rate-limit.ts';
import { dropPending, pendingBytes } from './write-guard.ts';
import { CloseCode, MessageType, SyncType, encodeStatus, type StatusMessage } from '../../src/lib/protocol/sync.ts';
import { encodeAwareness, expectEnd, MalformedMessage } from './protocol.ts';
import { presenceRefusal, stampAwarenessUpdate, type PresenceLimits } from './presence.ts';

/** Transaction origin of every change a client sends; the room tells clients apart by it. */
export interface ClientOrigin {
	readonly kind: 'remote-client';
	readonly connectionId: string;
}

export interface ConnectionIdentity {
	connectionId: string;
	mapId: string;
	userId: string;
	/** The account's name and role on the map, stamped on this connection's presence. */
	userName: string;
	/** The name the account signs with in the map (accountName): authors and JIM recorders must carry it. */
	authorName: string;
	role: string;
	readOnly: boolean;
	/** The map's team (its reviewers read the map). */
	team: string;
	/** The person on the map the membership names ('' for none): a JIM waits for the youth's yes to them. */
	person: string;
	/** The PocketBase session of the token (null when it has none); the access watch follows it. */
	sessionId: string | null;
	/** When that session ends (ms since the epoch; null when unknown). */
	sessionEndsAt: number | null;
	/** The client asked for Kring's status messages (what is stored, refusals). */
	statusMessages: boolean;
}

/** What a connection needs from its room. */
export interface RoomState {
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	/** What is stored so far, told to a client when it joins (null while unknown). */
	readonly savedStatus: StatusMessage | null;
	/** Whether the document may grow by this update and still be stored. */
	accepts(update: Uint8Array): boolean;
	/** Why the room's extensions refuse this client's update (the write guard), or null. */
	refusal(conn: Connection, update: Uint8Array): string | null;
	/** The server's sync step 1, to greet a client. */
	syncStep1(): Uint8Array;
	/** The sync step 2 that answers a client's state vector. */
	syncAnswer(stateVector: Uint8Array): Uint8Array;
	/** The connection whose presence uses this awareness client id, if any. */
	ownerOf(clientId: number): Connection | undefined;
}

/** What one connection may cost the server; index.ts passes smaller ones in tests. */
export interface ConnectionLimits extends PresenceLimits {
	/** Bytes queued for a client that does not read; past this its socket is closed. */
	maxBufferedBytes: number;
	/** Token bucket of incoming messages: this many at once, refilled at `messagesPerSecond` (rate-limit.ts). */
	messageBurst: number;
	messagesPerSecond: number;
	/** A queryAwareness is answered at most once per this many ms (a stock client never sends one). */
	queryAwarenessIntervalMs: number;
	/**
	 * A sync step 1 (which asks for everything the asker lacks, up to the whole map) is answered at
	 * most once per this many ms; one that comes sooner waits, and only the latest is answered. A
	 * stock client sends one per connection.
	 */
	syncAnswerIntervalMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
	maxBufferedBytes: 4 << 20,
	maxPresenceBytes: 8 << 10,
	maxPresenceClients: 4,
	// A stock client sends one message per transaction and per presence change: a person typing or
	// dragging stays far below 100 a second, and loading sends a handful.
	messageBurst: 200,
	messagesPerSecond: 100,
	queryAwarenessIntervalMs: 1000,
	syncAnswerIntervalMs: 1000
};

/** Custom close code (4000–4999) for a client that does not read what it is sent; not in 4400–4499, so it may reconnect. */
export const SLOW_READER_CLOSE_CODE = 4008;
/**
 * A client that does not read does not answer our close frame either (ws would wait 30 s): its
 * socket is dropped after this, with whatever is still queued for it.
 */
const CLOSE_GRACE_MS = 2000;
/** Dropped and refused messages are logged per kind, with a count, at most this often and at close. */
const DROP_LOG_INTERVAL_MS = 10_000;

export class Connection {
	readonly origin: ClientOrigin;
	/** Awareness client ids this socket announced; removed when it closes. */
	readonly awarenessIds = new Set<number>();
	private alive = true;
	private closing = false;
	private readonly limits: ConnectionLimits;
	/** The rate limit of incoming messages. */
	private readonly gate: MessageGate<{ message: Uint8Array; isBinary: boolean }>;
	private lastQueryAnswer = -Infinity;
	private lastSyncAnswer = -Infinity;
	/** The state vector of a step 1 that came too soon, answered when its turn comes. */
	private heldStep1: Uint8Array | null = null;
	private step1Timer: NodeJS.Timeout | null = null;
	/** Dropped messages by kind since the last log line: how many, and their bytes. */
	private readonly drops = new Map<string, { count: number; bytes: number }>();
	private dropsLoggedAt = Date.now();
	/** Messages that arrive before the room has loaded; null once started. */
	private queue: Uint8Array[] | null = [];

	constructor(
		private readonly ws: WebSocket,
		readonly identity: ConnectionIdentity,
		private readonly room: RoomState,
		private readonly log: Log,
		onClose: (conn: Connection) => void,
		limits: Partial<ConnectionLimits> = {}
	) {
		this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...limits };
		this.gate = new MessageGate(this.limits, {
			accept: ({ message, isBinary }) => this.accept(message, isBinary),
			pause: () => this.ws.pause(),
			resume: () => this.ws.resume(),
			flooded: (waiting) => {
				this.log('warn', 'client floods, closing connection', { ...this.fields(), waiting });
				this.close(CloseCode.policyViolation, 'too many messages');
			},
			closing: () => this.closing
		});
		this.origin = { kind: 'remote-client', connectionId: identity.connectionId };
		ws.on('message', (data, isBinary) => this.receive(data, isBinary));
		ws.on('pong', () => {
			this.alive = true;
		});
		// ws reports oversized frames (then closes with 1009) and socket faults here; without a
		// listener they would be thrown and take the process down.
		ws.on('error', (err) => {
			this.log('warn', 'connection error', { ...this.fields(), reason: err.message });
		});
		ws.on('close', (code) => {
			this.closing = true;
			this.queue = null;
			this.gate.stop();
			if (this.step1Timer) clearTimeout(this.step1Timer);
			this.flushDrops();
			this.log('info', 'connection closed', { ...this.fields(), code });
			onClose(this);
		});
	}

	/** A JIM the youth has not said yes to yet: told so, and not greeted (room.ts). */
	awaitingConsent = false;

	get started(): boolean {
		return this.queue === null && !this.closing;
	}

	/** The room is loaded: greet the client, then handle what it sent meanwhile. */
	start(): void {
		if (this.closing || this.queue === null) return;
		const queued = this.queue;
		this.queue = null;
		this.send(this.room.syncStep1());
		const clients = [...this.room.awareness.getStates().keys()];
		if (clients.length > 0) this.send(encodeAwareness(this.room.awareness, clients));
		const saved = this.room.savedStatus;
		if (saved && this.identity.statusMessages) this.send(encodeStatus(saved));
		for (const message of queued) {
			if (this.closing) return;
			this.handle(message);
		}
	}

	send(message: Uint8Array): void {
		if (this.closing || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			// The client does not read: queueing more would hold it all in this process.
			this.log('warn', 'client does not read, closing connection', {
				...this.fields(),
				bufferedBytes: this.ws.bufferedAmount
			});
			this.close(SLOW_READER_CLOSE_CODE, 'not reading');
			return;
		}
		this.ws.send(message, (err) => {
			if (err) this.close(CloseCode.internalError, 'send failed');
		});
	}

	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.ws.close(code, reason);
		setTimeout(() => {
			if (this.ws.readyState !== this.ws.CLOSED) this.ws.terminate();
		}, CLOSE_GRACE_MS).unref();
	}

	/** Drops the socket without a close handshake (dead peer, or shutdown timeout). */
	terminate(): void {
		this.closing = true;
		this.ws.terminate();
	}

	/** Called every ping interval: a connection that did not answer the last ping is dead. */
	heartbeat(): void {
		if (!this.alive) {
			this.log('info', 'connection missed pong', this.fields());
			this.terminate();
			return;
		}
		this.alive = false;
		try {
			this.ws.ping();
		} catch {
			this.terminate();
		}
	}

	waitClosed(): Promise<void> {
		if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
		return new Promise((resolve) => this.ws.once('close', () => resolve()));
	}

	private receive(data: RawData, isBinary: boolean): void {
		// Not liveness: only a pong is (a client that sends but never reads would otherwise stay).
		if (this.closing) return;
		// A copy with its own exact-size buffer: Yjs may keep views of it, and ws buffers can be pooled.
		const message = toBytes(data);
		this.gate.push({ message, isBinary }, message.byteLength);
	}

	private accept(message: Uint8Array, isBinary: boolean): void {
		if (!isBinary) {
			this.log('warn', 'text frame, closing connection', this.fields());
			this.close(CloseCode.unsupportedData, 'binary frames only');
			return;
		}
		if (this.queue) {
			if (this.queue.length >= MAX_QUEUED_MESSAGES) this.close(CloseCode.policyViolation, 'too many messages');
			else this.queue.push(message);
			return;
		}
		this.handle(message);
	}

	private handle(message: Uint8Array): void {
		try {
			this.dispatch(message);
		} catch (err) {
			const code = err instanceof MalformedMessage ? err.code : CloseCode.invalidPayload;
			this.log('warn', 'malformed message, closing connection', {
				...this.fields(),
				bytes: message.byteLength,
				code,
				// Our own reasons only: a JSON.parse message can quote the content it choked on.
				reason: err instanceof MalformedMessage ? err.message : err instanceof Error ? err.name : 'unknown'
			});
			this.close(code, 'malformed message');
		}
	}

	private dispatch(message: Uint8Array): void {
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.sync:
				return this.handleSync(decoder);
			case MessageType.awareness: {
				const update = decoding.readVarUint8Array(decoder);
				expectEnd(decoder);
				const stamped = stampAwarenessUpdate(
					update,
					{ name: this.identity.userName, role: this.identity.role },
					(clientId, json) => {
						const owner = this.room.ownerOf(clientId);
						const other = owner && owner !== this ? owner.identity.userId : null;
						return presenceRefusal(clientId, json, { ids: this.awarenessIds, userId: this.identity.userId }, other, this.limits);
					},
					(why) => this.drop(why)
				);
				if (stamped) awarenessProtocol.applyAwarenessUpdate(this.room.awareness, stamped, this.origin);
				return;
			}
			case MessageType.queryAwareness: {
				expectEnd(decoder);
				const now = Date.now();
				if (now - this.lastQueryAnswer < this.limits.queryAwarenessIntervalMs) {
					this.drop('presence query too soon');
					return;
				}
				this.lastQueryAnswer = now;
				const clients = [...this.room.awareness.getStates().keys()];
				this.send(encodeAwareness(this.room.awareness, clients));
				return;
			}
			default:
				throw new MalformedMessage(CloseCode.unsupportedData, `unknown message type ${type}`);
		}
	}

	private handleSync(decoder: decoding.Decoder): void {
		const syncType = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		expectEnd(decoder);
		switch (syncType) {
			case SyncType.step1:
				// Checked now, answered when its turn comes: a malformed state vector closes the socket here.
				Y.decodeStateVector(payload);
				return this.answerStep1(payload);
			case SyncType.step2:
			case SyncType.update:
				return this.receiveUpdate(payload);
			default:
				throw new MalformedMessage(CloseCode.unsupportedData, `unknown sync message type ${syncType}`);
		}
	}

	/** Answers a step 1 with what the asker lacks, at most once per syncAnswerIntervalMs (the latest one that came). */
	private answerStep1(stateVector: Uint8Array): void {
		const wait = this.lastSyncAnswer + this.limits.syncAnswerIntervalMs - Date.now();
		if (wait > 0) {
			if (this.heldStep1) this.drop('sync step 1 too soon');
			this.heldStep1 = stateVector;
			this.step1Timer ??= setTimeout(() => {
				this.step1Timer = null;
				const held = this.heldStep1;
				this.heldStep1 = null;
				if (held && !this.closing) this.answerStep1(held);
			}, wait);
			return;
		}
		this.lastSyncAnswer = Date.now();
		this.send(this.room.syncAnswer(stateVector));
	}

	private receiveUpdate(payload: Uint8Array): void {
		if (this.identity.readOnly) {
			// A reader's answer to our step 1 is an empty update: nothing was dropped.
			if (isEmptyUpdate(payload)) return;
			this.drop('update from read-only connection', payload.byteLength);
			return;
		}
		// Nothing to apply (a writer that had nothing new): a resting map stays at rest.
		if (isEmptyUpdate(payload)) return;
		if (!this.room.accepts(payload)) {
			// The map would outgrow what can be stored: not taken, and the writer is told.
			this.log('warn', 'refused update: map too large', { ...this.fields(), bytes: payload.byteLength });
			this.tell({ kind: 'refused', reason: 'too-large' });
			return;
		}
		const why = this.room.refusal(this, payload);
		if (why) {
			// Counted per kind, like every drop; the kind names roots and fields, never a value.
			this.drop(`refused update: ${why}`, payload.byteLength);
			this.tell({ kind: 'refused', reason: 'invalid' });
			return;
		}
		// Not y-protocols' readSyncStep2: it swallows apply errors, and a bad update must close.
		Y.applyUpdate(this.room.doc, payload, this.origin);
		if (pendingBytes(this.room.doc) > 0) {
			// The guard let through something Yjs still holds back: never keep it to land later.
			dropPending(this.room.doc);
			this.drop('refused update: held back by Yjs');
			this.tell({ kind: 'refused', reason: 'invalid' });
		}
	}

	private tell(status: StatusMessage): void {
		if (this.identity.statusMessages) this.send(encodeStatus(status));
	}

	/** Counts a dropped message; logged per kind with a count, never one line per message. */
	private drop(kind: string, bytes = 0): void {
		const seen = this.drops.get(kind) ?? { count: 0, bytes: 0 };
		this.drops.set(kind, { count: seen.count + 1, bytes: seen.bytes + bytes });
		if (Date.now() - this.dropsLoggedAt >= DROP_LOG_INTERVAL_MS) this.flushDrops();
	}

	private flushDrops(): void {
		this.dropsLoggedAt = Date.now();
		for (const [kind, { count, bytes }] of this.drops) this.log('warn', 'dropped messages', { ...this.fields(), kind, count, bytes });
		this.drops.clear();
	}

	private fields(): Record<string, unknown> {
		const { connectionId, mapId, userId, readOnly } = this.identity;
		return { connectionId, mapId, userId, readOnly };
	}
}

/** Yjs' encoding of an update with no structs and no deletions. */
function isEmptyUpdate(update: Uint8Array): boolean {
	return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	return new Uint8Array(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
}
