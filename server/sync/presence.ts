// A client's presence (who is here, where their cursor is), as the sync server takes it: every
// entry decoded before any is applied, stamped with the connection's own name and role, and held
// to what one connection may announce. connection.ts applies what is left to the room's awareness.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { expectEnd } from './protocol.ts';

/** What one connection's presence may cost (part of ConnectionLimits). */
export interface PresenceLimits {
	/** Largest presence state of one client id, as JSON. */
	maxPresenceBytes: number;
	/** Distinct awareness client ids one socket may announce (a tab has one). */
	maxPresenceClients: number;
}

/**
 * Why a presence entry is dropped, or null to take it. `mine` is the connection's own: the ids it
 * announced so far (a taken new id is added to them) and its user. `otherOwner` is the user of
 * another connection that announced this id already, or null.
 */
export function presenceRefusal(
	clientId: number,
	json: string,
	mine: { ids: Set<number>; userId: string },
	otherOwner: string | null,
	limits: PresenceLimits
): string | null {
	// A character is one to three bytes: the length alone settles most entries.
	const max = limits.maxPresenceBytes;
	if (json.length > max || (json.length * 3 > max && Buffer.byteLength(json) > max)) return 'presence entry too large';
	// The same account on a new socket (a reconnect before the old one is found dead) takes it over.
	if (otherOwner !== null && otherOwner !== mine.userId) return 'presence of another connection';
	if (json === 'null' || mine.ids.has(clientId)) return null; // a removal, or one of ours
	if (mine.ids.size >= limits.maxPresenceClients) return 'too many presence client ids';
	// Claimed now, so the next entries of the same message count it (the room confirms it once applied).
	mine.ids.add(clientId);
	return null;
}

/**
 * Decodes an awareness update fully (so a bad one changes nothing at all) and re-encodes it with
 * the connection's authenticated name and role in each presence state: nobody can appear on a
 * map under someone else's name.
 */
export function stampAwarenessUpdate(
	update: Uint8Array,
	who: { name: string; role: string },
	refusal: (clientId: number, json: string) => string | null,
	onDrop: (why: string) => void = () => {}
): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const kept: { clientId: number; clock: number; json: string }[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		const state: unknown = JSON.parse(json);
		const user = typeof state === 'object' && state !== null ? (state as { user?: unknown }).user : undefined;
		if (typeof user === 'object' && user !== null && !Array.isArray(user)) Object.assign(user, who);
		kept.push({ clientId, clock, json: JSON.stringify(state) });
	}
	expectEnd(decoder);
	const encoder = encoding.createEncoder();
	const taken = kept.filter((entry) => {
		const why = refusal(entry.clientId, entry.json);
		if (why) onDrop(why);
		return why === null;
	});
	if (taken.length === 0) return null;
	encoding.writeVarUint(encoder, taken.length);
	for (const { clientId, clock, json } of taken) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}
