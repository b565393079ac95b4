// Whether a member's update may be applied to a map: every part of it placeable now (nothing
// held back to land later), and everything it writes or deletes allowed by the map's write rules
// (src/lib/doc/write-rules.ts) for this writer. One refusal refuses the whole update, before any
// of it is applied; the writer is told, and no honest client ever sends one.
import * as Y from 'yjs';
import type { Connection } from './connection.ts';
import type { RoomExtension } from './extension.ts';
import { isServerKey, KEY_MAX, WRITE_RULES, WRITTEN_WITH, type Rule, type Writer } from '../../src/lib/doc/write-rules.ts';
import { placementRefusal, scanUpdate, type Content, type Place } from './update-scan.ts';

export type { Writer } from '../../src/lib/doc/write-rules.ts';

/**
 * The guard as a room extension: every client's update is judged against the map as it is now,
 * with the writer the connection's access check gave (never one the client names).
 */
export const writeGuard: RoomExtension = {
	refuseUpdate: (room, conn, update) => connectionRefusal(room.doc, conn, update)
};

/** writeRefusal for a connection's update: the writer is who the connection's access check says. */
export function connectionRefusal(doc: Y.Doc, conn: Pick<Connection, 'identity'>, update: Uint8Array): string | null {
	const { userId, authorName, role } = conn.identity;
	return writeRefusal(doc, update, { userId, name: authorName, role });
}

/** Null when the update may be applied, else why not (for the log; never shown raw). Throws on a malformed update. */
export function writeRefusal(doc: Y.Doc, update: Uint8Array, writer: Writer, now = Date.now()): string | null {
	const decoded = Y.decodeUpdate(update);
	const placement = placementRefusal(doc, decoded);
	if (placement) return placement;
	const scan = scanUpdate(doc, decoded);
	for (const place of scan.deleted) {
		const why = deletionRefusal(place);
		if (why) return `${where(place)}: ${why}`;
	}
	/** Fields written per record ("root/key"), and records the update creates. */
	const written = new Map<string, Set<string>>();
	const created = new Set<string>();
	for (const { place, content } of scan.inserted) {
		const why = insertRefusal(place, content, writer, now);
		if (why) return `${where(place)}: ${why}`;
		if (WRITE_RULES[place.root].kind !== 'records') continue;
		const record = `${place.root}/${place.path[0]}`;
		if (place.path.length === 1 && content.kind === 'map') created.add(record);
		if (place.path.length === 2 && content.kind !== 'deleted') {
			const fields = written.get(record) ?? new Set<string>();
			fields.add(place.path[1] as string);
			written.set(record, fields);
		}
	}
	for (const record of created) {
		const rules = WRITE_RULES[record.slice(0, record.indexOf('/'))];
		const missing = rules.kind === 'records' ? rules.requiredOnCreate.filter((f) => !written.get(record)?.has(f)) : [];
		if (missing.length > 0) return `${record.slice(0, record.indexOf('/'))}/*: created without ${missing.join(', ')}`;
	}
	for (const [record, fields] of written) {
		const together = WRITTEN_WITH[record.slice(0, record.indexOf('/'))] ?? {};
		for (const field of fields) {
			const partner = together[field];
			if (partner && !fields.has(partner)) return `${record.slice(0, record.indexOf('/'))}/*/${field}: written without ${partner}`;
		}
	}
	return null;
}

function insertRefusal(place: Place, content: Content, writer: Writer, now: number): string | null {
	const rules = Object.hasOwn(WRITE_RULES, place.root) ? WRITE_RULES[place.root] : undefined;
	if (!rules) return 'is a root the schema does not have';
	const [key, field] = place.path;
	if (rules.kind === 'log') {
		if (place.path.length !== 1 || key !== null) return 'is not an entry of the list';
		if (content.kind !== 'values') return 'is not a plain entry';
		for (const value of content.values) {
			const why = rules.entry(value, writer, now);
			if (why) return why;
		}
		return null;
	}
	if (typeof key !== 'string') return 'is list content in a keyed root';
	if (rules.kind === 'values') {
		if (place.path.length !== 1) return 'is nested where only plain values go';
		if (isServerKey(place.root, key)) return 'is written by the server only';
		return fieldRefusal(rules.fields(key), content, writer, now);
	}
	if (key.length > KEY_MAX) return 'has too long a key';
	if (place.path.length === 1) return content.kind === 'map' || content.kind === 'deleted' ? null : 'is not a record';
	if (place.path.length !== 2 || typeof field !== 'string') return 'is nested deeper than a record’s fields';
	return fieldRefusal(rules.fields(field), content, writer, now);
}

function fieldRefusal(rule: Rule | undefined, content: Content, writer: Writer, now: number): string | null {
	if (!rule) return 'is not a field of the schema';
	if (content.kind === 'deleted') return null; // an overwritten value sent along: it says nothing
	if (content.kind !== 'values' || content.values.length !== 1) return 'is not one plain value';
	return rule(content.values[0], writer, now);
}

function deletionRefusal(place: Place): string | null {
	const rules = Object.hasOwn(WRITE_RULES, place.root) ? WRITE_RULES[place.root] : undefined;
	if (!rules) return 'is a root the schema does not have';
	if (rules.kind === 'log') return 'deletes from a record nobody erases';
	const key = place.path[0];
	if (rules.kind === 'values' && place.path.length === 1 && typeof key === 'string' && isServerKey(place.root, key)) {
		return 'deletes what only the server writes';
	}
	return null;
}

function where(place: Place): string {
	// Schema names only: a record's id, an unknown key or root could be anything a client chose,
	// a name among them, and this goes to the log.
	const rules = Object.hasOwn(WRITE_RULES, place.root) ? WRITE_RULES[place.root] : undefined;
	if (!rules) return '?';
	if (rules.kind === 'log') return place.root;
	const known = (fields: (key: string) => Rule | undefined, key: string | null | undefined) =>
		typeof key === 'string' && fields(key) ? key : '?';
	const [key, field] = place.path;
	if (rules.kind === 'values') return `${place.root}/${known(rules.fields, key)}`;
	return place.path.length < 2 ? `${place.root}/*` : `${place.root}/*/${known(rules.fields, field)}`;
}

/** Bytes of updates the document holds back because they depend on changes it has not seen. */
export function pendingBytes(doc: Y.Doc): number {
	const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
	return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
}

/** Forgets what the document holds back. */
export function dropPending(doc: Y.Doc): void {
	const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
	store.pendingStructs = null;
	store.pendingDs = null;
}
