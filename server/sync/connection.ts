// One client socket: y-websocket message handling, read-only enforcement, keepalive.
// Any message that does not decode cleanly closes THIS connection, never the server.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RawData, WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Log } from './log.ts';
import { jimRecordRefusal } from './jim-guard.ts';
import { encodeStatus, type StatusMessage } from '../../src/lib/sync/status-messages.ts';
import {
	CloseCode,
	MessageType,
	SyncType,
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2
} from './protocol.ts';

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
	role: string;
	readOnly: boolean;
	/** The PocketBase session of the token (null when it has none); the access watch follows it. */
	sessionId: string | null;
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
}

/** A stock client sends a handful of messages before the first answer; far more while loading is abuse. */
const MAX_QUEUED_MESSAGES = 1000;

class MalformedMessage extends Error {
	constructor(
		readonly code: number,
		reason: string
	) {
		super(reason);
	}
}

export class Connection {
	readonly origin: ClientOrigin;
	/** Awareness client ids this socket announced; removed when it closes. */
	readonly awarenessIds = new Set<number>();
	private alive = true;
	private closing = false;
	/** Messages that arrive before the room has loaded; null once started. */
	private queue: Uint8Array[] | null = [];

	constructor(
		private readonly ws: WebSocket,
		readonly identity: ConnectionIdentity,
		private readonly room: RoomState,
		private readonly log: Log,
		onClose: (conn: Connection) => void
	) {
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
			this.log('info', 'connection closed', { ...this.fields(), code });
			onClose(this);
		});
	}

	get started(): boolean {
		return this.queue === null && !this.closing;
	}

	/** The room is loaded: greet the client, then handle what it sent meanwhile. */
	start(): void {
		if (this.closing || this.queue === null) return;
		const queued = this.queue;
		this.queue = null;
		this.send(encodeSyncStep1(this.room.doc));
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
		this.ws.send(message, (err) => {
			if (err) this.close(CloseCode.internalError, 'send failed');
		});
	}

	close(code: number, reason: string): void {
		if (this.closing) return;
		this.closing = true;
		this.ws.close(code, reason);
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
		this.alive = true;
		if (this.closing) return;
		if (!isBinary) {
			this.log('warn', 'text frame, closing connection', this.fields());
			this.close(CloseCode.unsupportedData, 'binary frames only');
			return;
		}
		// A copy with its own exact-size buffer: Yjs may keep views of it, and ws buffers can be pooled.
		const message = toBytes(data);
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
				const stamped = stampAwarenessUpdate(update, { name: this.identity.userName, role: this.identity.role });
				awarenessProtocol.applyAwarenessUpdate(this.room.awareness, stamped, this.origin);
				return;
			}
			case MessageType.queryAwareness: {
				expectEnd(decoder);
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
				// encodeStateAsUpdate throws on a malformed state vector: handled as malformed.
				this.send(encodeSyncStep2(this.room.doc, payload));
				return;
			case SyncType.step2:
			case SyncType.update:
				if (this.identity.readOnly) {
					// A reader's answer to our step 1 is an empty update: nothing was dropped.
					if (isEmptyUpdate(payload)) return;
					this.log('warn', 'dropped update from read-only connection', {
						...this.fields(),
						bytes: payload.byteLength
					});
					return;
				}
				if (!this.room.accepts(payload)) {
					// The map would outgrow what can be stored: not taken, and the writer is told.
					this.log('warn', 'refused update: map too large', { ...this.fields(), bytes: payload.byteLength });
					if (this.identity.statusMessages) this.send(encodeStatus({ kind: 'refused', reason: 'too-large' }));
					return;
				}
				{
					const why = jimRecordRefusal(this.room.doc, payload, this.identity);
					if (why) {
						// The JIM record is only the youth's and the professional's, in their own name.
						this.log('warn', 'refused update: JIM record', { ...this.fields(), why });
						if (this.identity.statusMessages) this.send(encodeStatus({ kind: 'refused', reason: 'invalid' }));
						return;
					}
				}
				// Not y-protocols' readSyncStep2: it swallows apply errors, and a bad update must close.
				Y.applyUpdate(this.room.doc, payload, this.origin);
				return;
			default:
				throw new MalformedMessage(CloseCode.unsupportedData, `unknown sync message type ${syncType}`);
		}
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

function expectEnd(decoder: decoding.Decoder): void {
	if (decoding.hasContent(decoder)) throw new MalformedMessage(CloseCode.invalidPayload, 'trailing bytes');
}

/**
 * Decodes an awareness update fully (so a bad one changes nothing at all) and re-encodes it with
 * the connection's authenticated name and role in each presence state: nobody can appear on a
 * map under someone else's name.
 */
function stampAwarenessUpdate(update: Uint8Array, who: { name: string; role: string }): Uint8Array {
	const decoder = decoding.createDecoder(update);
	const encoder = encoding.createEncoder();
	const count = decoding.readVarUint(decoder);
	encoding.writeVarUint(encoder, count);
	for (let i = 0; i < count; i++) {
		encoding.writeVarUint(encoder, decoding.readVarUint(decoder)); // client id
		encoding.writeVarUint(encoder, decoding.readVarUint(decoder)); // clock
		const state: unknown = JSON.parse(decoding.readVarString(decoder));
		const user = typeof state === 'object' && state !== null ? (state as { user?: unknown }).user : undefined;
		if (typeof user === 'object' && user !== null && !Array.isArray(user)) Object.assign(user, who);
		encoding.writeVarString(encoder, JSON.stringify(state));
	}
	expectEnd(decoder);
	return encoding.toUint8Array(encoder);
}
