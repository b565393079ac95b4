// Wire constants of the y-websocket protocol, and the close codes this server uses.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Outer message types, as the stock WebsocketProvider numbers them. */
export const MessageType = {
	sync: 0,
	awareness: 1,
	/** y-protocols/auth; only ever sent by servers, so a client sending it is malformed. */
	auth: 2,
	queryAwareness: 3
} as const;

/** Inner sync message types (y-protocols/sync). */
export const SyncType = {
	step1: syncProtocol.messageYjsSyncStep1,
	step2: syncProtocol.messageYjsSyncStep2,
	update: syncProtocol.messageYjsUpdate
} as const;

/** WebSocket close codes (RFC 6455 §7.4.1). */
export const CloseCode = {
	goingAway: 1001,
	unsupportedData: 1003,
	invalidPayload: 1007,
	policyViolation: 1008,
	tooBig: 1009,
	internalError: 1011
} as const;

export const PING_INTERVAL_MS = 30_000;

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

/** A sync message from its parts: a step 1 with a state vector, a step 2 or update with an update. */
export function encodeSyncMessage(type: (typeof SyncType)[keyof typeof SyncType], payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	encoding.writeVarUint(encoder, type);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeSyncStep2(encoder, doc, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.sync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MessageType.awareness);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}
