// The sync socket's protocol, shared by the sync server and the browser: y-websocket's message
// types, the close codes, and Kring's own status messages beside them. The server tells a client
// what it has stored, and when storing fails or a change is refused. Only clients that ask for
// them (the STATUS_PARAM query parameter) get them, so a stock y-websocket client never sees a
// message type it does not know.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
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

/** Outer message type, after y-websocket's 0–3. */
export const STATUS_MESSAGE = 100;
/** Query parameter with which a client asks for status messages (`?kring_status=1`). */
export const STATUS_PARAM = 'kring_status';

const Kind = { saved: 0, saveFailed: 1, refused: 2, awaitingConsent: 3 } as const;

/** Why the server did not take a change. */
export type RefusalReason = 'too-large' | 'invalid';

export type StatusMessage =
	/** Everything in this Yjs snapshot (state vector and deletions, Y.encodeSnapshot) is stored in PocketBase. */
	| { kind: 'saved'; snapshot: Uint8Array }
	/** Storing failed; the server keeps the changes and tries again. */
	| { kind: 'save-failed' }
	/** A change from this client was not taken (and is not stored). */
	| { kind: 'refused'; reason: RefusalReason }
	/** This JIM gets the map once the youth has said yes to them; until then nothing of it is sent. */
	| { kind: 'awaiting-consent' };

/**
 * Close codes the sync server ends a live connection with when access changes. y-websocket treats
 * 4400–4499 as final (it stops reconnecting) and any other code as passing.
 */
export const AccessCloseCode = {
	/** The session was logged out or reached its end. */
	sessionEnded: 4401,
	/** The user is no longer a member of the map. */
	accessEnded: 4403,
	/** The user's role on the map changed: reconnect to get the new rights. */
	roleChanged: 4000,
	/** The user has too many sync sockets open (tabs, devices); this one was not kept. */
	tooManySockets: 4429
} as const;

/**
 * What a close code tells the person by itself, before the app is asked about access: 'too-many'
 * for a socket refused because of the user's other open tabs (y-websocket does not retry it);
 * 'rights-changed' when what the user may do on the map changed (another role, or the map was
 * closed): the page asks again what they may do; else null (the app is asked whether access or
 * the session ended).
 */
export function closeMeaning(code: number | undefined): 'too-many' | 'rights-changed' | null {
	if (code === AccessCloseCode.tooManySockets) return 'too-many';
	return code === AccessCloseCode.roleChanged ? 'rights-changed' : null;
}

export function encodeStatus(message: StatusMessage): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, STATUS_MESSAGE);
	switch (message.kind) {
		case 'saved':
			encoding.writeVarUint(encoder, Kind.saved);
			encoding.writeVarUint8Array(encoder, message.snapshot);
			break;
		case 'save-failed':
			encoding.writeVarUint(encoder, Kind.saveFailed);
			break;
		case 'refused':
			encoding.writeVarUint(encoder, Kind.refused);
			encoding.writeVarString(encoder, message.reason);
			break;
		case 'awaiting-consent':
			encoding.writeVarUint(encoder, Kind.awaitingConsent);
			break;
	}
	return encoding.toUint8Array(encoder);
}

/** Reads a status message whose outer type has already been read. Throws on anything malformed. */
export function decodeStatus(decoder: decoding.Decoder): StatusMessage {
	const kind = decoding.readVarUint(decoder);
	if (kind === Kind.saved) return { kind: 'saved', snapshot: decoding.readVarUint8Array(decoder) };
	if (kind === Kind.saveFailed) return { kind: 'save-failed' };
	if (kind === Kind.awaitingConsent) return { kind: 'awaiting-consent' };
	if (kind === Kind.refused) {
		const reason = decoding.readVarString(decoder);
		return { kind: 'refused', reason: reason === 'too-large' ? 'too-large' : 'invalid' };
	}
	throw new Error(`unknown status message ${kind}`);
}

/**
 * True when every change in `doc` is in the stored snapshot: each client's insertions up to its
 * clock (the state vector), and each deletion (a deletion does not move the state vector).
 */
export function isStored(doc: Y.Doc, saved: Uint8Array): boolean {
	const stored = Y.decodeSnapshot(saved);
	const local = Y.snapshot(doc);
	for (const [client, clock] of local.sv) {
		if ((stored.sv.get(client) ?? 0) < clock) return false;
	}
	for (const [client, ranges] of local.ds.clients) {
		const storedRanges = stored.ds.clients.get(client) ?? [];
		for (const range of ranges) if (!covered(storedRanges, range.clock, range.len)) return false;
	}
	return true;
}

/** Whether [clock, clock + len) lies inside the sorted, merged ranges. */
function covered(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = ranges[mid];
		if (clock < r.clock) hi = mid - 1;
		else if (clock >= r.clock + r.len) lo = mid + 1;
		else return clock + len <= r.clock + r.len;
	}
	return false;
}
