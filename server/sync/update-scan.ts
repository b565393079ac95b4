// What an incoming Yjs update would change, read before it is applied: where each new item lands
// (its root and the keys down to it), what each deletion hits, and whether every part of it can be
// placed on the document as it is now. The write guard (write-guard.ts) holds this to the map's
// write rules (src/lib/doc/write-rules.ts) without applying the update to a copy of the document.
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip | Y.AbstractStruct;

/**
 * Where an item sits: its root type, and the keys from the root down to the item itself. A list
 * entry has no key at its own level (null); a person's name is { root: 'people', path: [id, 'name'] }.
 */
export interface Place {
	root: string;
	path: (string | null)[];
}

export type Content =
	/** Plain values (ContentAny), as Y.Map.set and Y.Array.push write them. */
	| { kind: 'values'; values: unknown[] }
	| { kind: 'map' }
	/** Already deleted when sent (an overwritten value): takes no room and says nothing. */
	| { kind: 'deleted' }
	| { kind: 'other' };

export interface InsertedItem {
	place: Place;
	content: Content;
}

export interface UpdateScan {
	inserted: InsertedItem[];
	/** Places of items that exist now and the update deletes. */
	deleted: Place[];
}

/** Null when every part of the update can be placed now, else why not (for the log). */
export type Placement = string | null;

/** An update decoded once (Y.decodeUpdate; throws on a malformed one) for both readings below. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

const MAX_DEPTH = 16;

/** The place of an item that cannot be told: no root has this name, so every rule refuses it. */
export const UNKNOWN_PLACE: Place = { root: '?', path: [] };

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
		else return s instanceof Y.Skip ? null : s;
	}
	return null;
}

/**
 * Whether the document can take every part of the update now. Yjs holds back what depends on
 * changes it has not seen (a gap in a client's clocks, a neighbour or parent it lacks) and
 * applies it whenever they arrive; a delete set naming clocks not seen yet waits the same way,
 * and deletes whatever a member later writes under them. An honest client always sends what a
 * change needs before or with it, so such an update is refused, never held.
 */
export function placementRefusal(doc: Y.Doc, { structs, ds }: DecodedUpdate): Placement {
	const own = indexByClient(structs);
	// How far each client's clocks reach once the update is in, counting only what follows on.
	const reach = new Map<number, number>();
	const reachOf = (client: number): number => reach.get(client) ?? Y.getState(doc.store, client);
	for (const [client, list] of own) {
		let end = Y.getState(doc.store, client);
		for (const s of list) {
			if (s instanceof Y.Skip) continue;
			if (s.id.clock > end) return 'skips changes the map has not seen';
			end = Math.max(end, s.id.clock + s.length);
		}
		reach.set(client, end);
	}
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		const parent: unknown = s.parent;
		for (const dep of [s.origin, s.rightOrigin, parent instanceof Y.ID ? parent : null]) {
			if (!dep) continue;
			// Yjs writes an item only after everything it names: an own earlier clock, or another client's.
			if (dep.client === s.id.client ? dep.clock >= s.id.clock : dep.clock >= reachOf(dep.client)) {
				return 'builds on changes the map has not seen';
			}
		}
	}
	for (const [client, ranges] of ds.clients) {
		for (const range of ranges) {
			if (range.clock + range.len > reachOf(client)) return 'deletes changes the map has not seen';
		}
	}
	return null;
}

/** Reads where the update's items land and what its deletions hit. Call placementRefusal first. */
export function scanUpdate(doc: Y.Doc, { structs, ds }: DecodedUpdate): UpdateScan {
	const own = indexByClient(structs);
	const find = (id: Y.ID): Struct | null =>
		findIn(own.get(id.client), id.clock) ?? findIn(doc.store.clients.get(id.client) as Struct[] | undefined, id.clock);
	const places = new Map<Struct, Place | 'gone' | 'unknown'>();

	/**
	 * Where a struct sits: 'gone' inside a garbage-collected (deleted) subtree, 'unknown' when it
	 * cannot be told (a loop of neighbours, or something placementRefusal would have refused).
	 */
	const placeOf = (start: Struct): Place | 'gone' | 'unknown' => {
		// Walk up (to the parent's item) and sideways (to a neighbour that names the parent) until a
		// known place; then fill in the places of everything passed on the way.
		const trail: { item: Y.Item; via: 'parent' | 'sibling' }[] = [];
		const seen = new Set<Struct>();
		let s: Struct | null = start;
		let found: Place | 'gone' | 'unknown' = 'unknown';
		while (s) {
			const known = places.get(s);
			if (known) {
				found = known;
				break;
			}
			if (!(s instanceof Y.Item)) {
				found = s instanceof Y.GC ? 'gone' : 'unknown';
				break;
			}
			if (seen.has(s)) break;
			seen.add(s);
			const parent: unknown = s.parent;
			if (typeof parent === 'string' || (parent instanceof Y.AbstractType && parent._item === null)) {
				const root = typeof parent === 'string' ? parent : rootNameOf(doc, parent);
				found = { root, path: [s.parentSub] };
				places.set(s, found);
				break;
			}
			if (parent instanceof Y.AbstractType) {
				trail.push({ item: s, via: 'parent' });
				s = parent._item;
			} else if (parent instanceof Y.ID) {
				trail.push({ item: s, via: 'parent' });
				s = find(parent);
			} else {
				// Parent (and key) left out: the item sits beside its origin, under the same parent and key.
				trail.push({ item: s, via: 'sibling' });
				const sibling: Y.ID | null = s.origin ?? s.rightOrigin;
				s = sibling ? find(sibling) : null;
			}
		}
		for (let i = trail.length - 1; i >= 0; i--) {
			const { item, via } = trail[i];
			if (typeof found === 'object' && via === 'parent') {
				found = found.path.length >= MAX_DEPTH ? 'unknown' : { root: found.root, path: [...found.path, item.parentSub] };
			}
			places.set(item, found);
		}
		return places.get(start) ?? found;
	};

	const inserted: InsertedItem[] = [];
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		// Already in the map (a device sending its whole copy): Yjs skips it, so it writes nothing.
		// Partly known is judged whole.
		if (s.id.clock + s.length <= Y.getState(doc.store, s.id.client)) continue;
		const place = placeOf(s);
		if (place === 'gone') continue; // lands in a deleted subtree: no effect
		inserted.push({ place: place === 'unknown' ? UNKNOWN_PLACE : place, content: contentOf(s.content) });
	}

	const deleted: Place[] = [];
	for (const [client, ranges] of ds.clients) {
		for (const range of ranges) {
			for (let clock = range.clock; clock < range.clock + range.len;) {
				const there = findIn(doc.store.clients.get(client) as Struct[] | undefined, clock);
				const s = there ?? findIn(own.get(client), clock);
				if (!s) break; // placementRefusal has made sure this does not happen
				// Deleting what is deleted already changes nothing (every full state carries it).
				if (!(there && s instanceof Y.Item && s.deleted) && !(s instanceof Y.GC)) {
					const place = placeOf(s);
					if (place !== 'gone') deleted.push(place === 'unknown' ? UNKNOWN_PLACE : place);
				}
				clock = s.id.clock + s.length;
			}
		}
	}
	return { inserted, deleted };
}

function rootNameOf(doc: Y.Doc, type: Y.AbstractType<unknown>): string {
	for (const [name, value] of doc.share) if (value === type) return name;
	return UNKNOWN_PLACE.root;
}

function contentOf(content: unknown): Content {
	if (content instanceof Y.ContentAny) return { kind: 'values', values: content.arr };
	if (content instanceof Y.ContentDeleted) return { kind: 'deleted' };
	if (content instanceof Y.ContentType && content.type instanceof Y.Map) return { kind: 'map' };
	return { kind: 'other' };
}
