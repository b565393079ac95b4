// What an incoming Yjs update would change, by root type, read before it is applied.
// The sync server uses it to hold parts of the map to rules that depend on who writes
// (see jim-guard.ts), without applying the update to a copy of the document first.
import * as Y from 'yjs';

/** A root the scan could not place: the update refers to structs neither it nor the document has. */
export const UNKNOWN_ROOT = '?';

export interface InsertedItem {
	root: string;
	/** Directly in the root type (not inside a nested type). */
	inRoot: boolean;
	/** The key it is set under, for an entry of a map type; null for list content. */
	key: string | null;
	/** Plain values (ContentAny / ContentJSON), or null for any other kind of content. */
	values: unknown[] | null;
}

export interface UpdateScan {
	inserted: InsertedItem[];
	/** Roots whose existing items the update deletes. */
	deletedRoots: Set<string>;
}

type Struct = Y.Item | Y.GC | Y.AbstractStruct;
const MAX_DEPTH = 10_000;

/** Structs of the update by client, ascending clock, for lookup by id. */
function indexByClient(structs: Struct[]): Map<number, Struct[]> {
	const byClient = new Map<number, Struct[]>();
	for (const s of structs) {
		const list = byClient.get(s.id.client) ?? [];
		list.push(s);
		byClient.set(s.id.client, list);
	}
	for (const list of byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	return byClient;
}

function findIn(list: Struct[] | undefined, clock: number): Struct | null {
	if (!list) return null;
	let lo = 0;
	let hi = list.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const s = list[mid];
		if (clock < s.id.clock) hi = mid - 1;
		else if (clock >= s.id.clock + s.length) lo = mid + 1;
		else return s;
	}
	return null;
}

export function scanUpdate(doc: Y.Doc, update: Uint8Array): UpdateScan {
	const { structs, ds } = Y.decodeUpdate(update);
	const own = indexByClient(structs);
	const find = (id: Y.ID): Struct | null =>
		findIn(own.get(id.client), id.clock) ?? findIn(doc.store.clients.get(id.client) as Struct[] | undefined, id.clock);

	/** The root name of a struct, or null for a garbage-collected (deleted) subtree. */
	const rootOf = (start: Struct): string | null => {
		let s: Struct | null = start;
		for (let depth = 0; depth < MAX_DEPTH && s; depth++) {
			if (!(s instanceof Y.Item)) return s instanceof Y.GC ? null : UNKNOWN_ROOT;
			const parent: unknown = s.parent;
			if (typeof parent === 'string') return parent;
			if (parent instanceof Y.AbstractType) {
				// An integrated item: its parent type is a root, or is held by an item higher up.
				if (parent._item === null) return rootNameOf(doc, parent);
				s = parent._item;
			} else if (parent instanceof Y.ID) {
				s = find(parent);
				if (!s) return UNKNOWN_ROOT;
			} else {
				// Parent info left out: the item sits beside its origin, under the same parent.
				const sibling: Y.ID | null = s.origin ?? s.rightOrigin;
				s = sibling ? find(sibling) : null;
				if (!s) return UNKNOWN_ROOT;
			}
		}
		return UNKNOWN_ROOT;
	};

	const inserted: InsertedItem[] = [];
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		const root = rootOf(s);
		if (root === null) continue; // lands in a deleted subtree: no effect
		inserted.push({ root, inRoot: isInRoot(s, doc, find), key: s.parentSub, values: plainValues(s.content) });
	}

	const deletedRoots = new Set<string>();
	for (const [client, ranges] of ds.clients) {
		for (const range of ranges) {
			for (let clock = range.clock; clock < range.clock + range.len; ) {
				const s = find(Y.createID(client, clock));
				if (!s) {
					// Deleting what nobody has is harmless, but it cannot be placed either.
					deletedRoots.add(UNKNOWN_ROOT);
					break;
				}
				const root = rootOf(s);
				if (root !== null) deletedRoots.add(root);
				clock = s.id.clock + s.length;
			}
		}
	}
	return { inserted, deletedRoots };
}

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
	for (const [name, value] of doc.share) if (value === type) return name;
	return UNKNOWN_ROOT;
}

function isInRoot(item: Y.Item, doc: Y.Doc, find: (id: Y.ID) => Struct | null): boolean {
	let s: Struct | null = item;
	for (let depth = 0; depth < MAX_DEPTH && s instanceof Y.Item; depth++) {
		const parent: unknown = s.parent;
		if (typeof parent === 'string') return true;
		if (parent instanceof Y.AbstractType) return parent._item === null;
		if (parent instanceof Y.ID) return false;
		const sibling: Y.ID | null = s.origin ?? s.rightOrigin;
		s = sibling ? find(sibling) : null;
	}
	return false;
}

function plainValues(content: unknown): unknown[] | null {
	if (content instanceof Y.ContentAny) return content.arr;
	if (content instanceof Y.ContentJSON) return content.arr;
	return null;
}
