// Encoding the sync server's messages; the wire's constants are shared with the browser
// (src/lib/protocol/sync.ts).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CloseCode, MessageType, SyncType } from '../../src/lib/protocol/sync.ts';

export const PING_INTERVAL_MS = 30_000;

/** A client's message that does not decode as it must: its connection closes with `code`. */
export class MalformedMessage extends Error {
	constructor(
		readonly code: number,
		reason: string
	) {
		super(reason);
	}
}

/** A message must end where its last part ends. */
export function expectEnd(decoder: decoding.Decoder): void {
	if (decoding.hasContent(decoder)) throw new MalformedMessage(CloseCode.invalidPayload, 'trailing bytes');
}

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
