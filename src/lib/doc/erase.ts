import * as Y from 'yjs';
import { META, PERSON, ROOT } from './schema.ts';
import { transact, type Origin } from './origin.ts';
import { removePersonWithAgreements } from './plan.ts';
import { NAME_MARK, scrubNames } from './scrub.ts';

/**
 * Erasing a person from a map (the right to erasure): they leave the circle with their ties, their
 * agreements stay without a person, and every name they had is taken out of every text the map
 * holds (notes, relations, the plan's words, the JIM record, who gave consent), as the tip
 * scrubber does, replaced by its mark. With Yjs garbage collection on, what was deleted is gone
 * from the document's encoded state too. The youth's own name (meta) and the names of other
 * people on the circle are left as they are, and so is every id.
 */

/** Keys whose values are ids or references, never names. */
const ID_KEYS = new Set(['id', 'personId', 'userId', 'from', 'to', 'who', 'goalId']);

/** Every name `personId` has in this document: their name on the circle and in the JIM record. */
export function namesOfPerson(doc: Y.Doc, personId: string): string[] {
	const names = new Set<string>();
	const person = doc.getMap<unknown>(ROOT.people).get(personId);
	if (person instanceof Y.Map && typeof person.get(PERSON.name) === 'string') names.add(person.get(PERSON.name) as string);
	for (const entry of doc.getArray<unknown>(ROOT.jim).toArray()) {
		if (isRecord(entry) && entry.personId === personId && typeof entry.personName === 'string') names.add(entry.personName);
	}
	return [...names].filter((n) => n.trim() !== '');
}

/**
 * Takes the person off the map and every one of `names` out of its texts, in one transaction
 * (the professional chooses the names: an old "name" may be a few everyday words). Returns
 * whether anything changed.
 */
export function erasePerson(doc: Y.Doc, personId: string, names: readonly string[], origin: Origin): boolean {
	// A snapshot holds what was deleted too: removing a person adds no new change of anyone's clock.
	const before = Y.snapshot(doc);
	transact(
		doc,
		() => {
			removePersonWithAgreements(doc, personId, null, origin);
			const whole = new Set(names.map(folded));
			// A field that is only the name (the JIM record's) becomes one mark, not "[naam] de [naam]".
			const scrub = (text: string) => (whole.has(folded(text)) ? NAME_MARK : scrubNames(text, names).text);
			if (names.length > 0) {
				for (const root of [ROOT.people, ROOT.ties, ROOT.plan, ROOT.goals, ROOT.agreements, ROOT.questions]) {
					scrubMap(doc.getMap<unknown>(root), scrub, root === ROOT.people);
				}
			}
			scrubArray(doc.getArray<unknown>(ROOT.jim), scrub, personId);
		},
		origin
	);
	return !Y.equalSnapshots(before, Y.snapshot(doc));
}

/**
 * Notes on the live map that someone was erased (meta.erasedAt). Every device on the map, now or
 * when it next comes online, receives it like any change and lets go of what it keeps of before
 * (its offline copy, its undo history): see $lib/sync/connect.ts.
 */
export function markErased(doc: Y.Doc, origin: Origin, at = Date.now()): void {
	transact(doc, () => doc.getMap<unknown>(ROOT.meta).set(META.erasedAt, at), origin);
}

/**
 * Scrubs every text in a map and the maps inside it, ids left alone. When `entriesArePeople` (the
 * people root), each person's own name is theirs, even when it shares a part with the erased one's.
 */
function scrubMap(map: Y.Map<unknown>, scrub: (text: string) => string, entriesArePeople = false, isPerson = false): void {
	for (const [key, value] of [...map.entries()]) {
		if (ID_KEYS.has(key) || (isPerson && key === PERSON.name)) continue;
		if (value instanceof Y.Map) {
			scrubMap(value, scrub, false, entriesArePeople);
			continue;
		}
		const clean = scrubValue(value, scrub);
		if (clean !== value) map.set(key, clean);
	}
}

/**
 * The JIM record holds plain entries: a changed one is replaced where it stands. An entry about the
 * erased person loses its name whatever was chosen: it names them by their id, so it is theirs.
 */
function scrubArray(array: Y.Array<unknown>, scrub: (text: string) => string, personId: string): void {
	array.toArray().forEach((value, index) => {
		const theirs = isRecord(value) && value.personId === personId && typeof value.personName === 'string' && value.personName !== NAME_MARK;
		const clean = scrubValue(theirs ? { ...value, personName: NAME_MARK } : value, scrub);
		if (clean === value) return;
		array.delete(index, 1);
		array.insert(index, [clean]);
	});
}

/** The value with its texts scrubbed; the same value (identical) when nothing in it changed. */
function scrubValue(value: unknown, scrub: (text: string) => string): unknown {
	if (typeof value === 'string') {
		const clean = scrub(value);
		return clean === value ? value : clean;
	}
	if (Array.isArray(value)) {
		const items = value.map((v) => scrubValue(v, scrub));
		return items.every((v, i) => v === value[i]) ? value : items;
	}
	if (isRecord(value)) {
		let changedAny = false;
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) {
			const clean = ID_KEYS.has(k) ? v : scrubValue(v, scrub);
			if (clean !== v) changedAny = true;
			out[k] = clean;
		}
		return changedAny ? out : value;
	}
	return value;
}

const folded = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

function isRecord(v: unknown): v is Record<string, unknown> {
	return !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);
}
