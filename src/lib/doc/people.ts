import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { CENTRE, TIE, isRing, isSector } from './schema.ts';
import { PERSON, PERSON_EDIT_KEYS, PERSON_FIELDS, type Person, type Ring, type Sector } from './records.ts';
import { InvalidInputError, isPlainObject } from './input.ts';
import { cleanPersonPatch, writePersonFields, type PersonDetails } from './details.ts';
import { pickFields, readRecord } from './fields.ts';
import { peopleOf, tiesOf } from './roots.ts';
import { transact, type Origin } from './origin.ts';

export { InvalidInputError } from './input.ts';
export { peopleOf } from './roots.ts';

/**
 * A free angle (0..1) in a slot already holding `taken`: the middle of the widest gap,
 * so people in one slot do not overlap.
 */
export function freeAngle(taken: number[]): number {
	const sorted = [...taken].filter((a) => a >= 0 && a <= 1).sort((a, b) => a - b);
	if (sorted.length === 0) return 0.5;
	const edges = [0, ...sorted, 1];
	let best = 0;
	let bestGap = -1;
	for (let i = 0; i < edges.length - 1; i++) {
		// The sector's own borders count half, so the first people do not hug the border.
		const gap = (edges[i + 1] - edges[i]) * (i === 0 || i === edges.length - 2 ? 2 : 1);
		if (gap > bestGap) {
			bestGap = gap;
			best = i === 0 ? edges[1] / 2 : i === edges.length - 2 ? (edges[i] + 1) / 2 : (edges[i] + edges[i + 1]) / 2;
		}
	}
	return best;
}

export interface NewPerson extends PersonDetails {
	name: string;
	relation?: string;
	sector?: Sector | null;
	ring?: Ring | null;
}

/** Adds a person (placed when sector and ring are given, else in the tray). Returns the id. */
export function addPerson(doc: Y.Doc, input: NewPerson, origin: Origin): string {
	if (!isPlainObject(input)) throw new InvalidInputError('person', 'invalid');
	const named = cleanPersonPatch({ name: input.name ?? null, relation: input.relation ?? '' });
	const sector = input.sector ?? null;
	const ring = input.ring ?? null;
	if (sector !== null && !isSector(sector)) throw new InvalidInputError('sector', 'invalid');
	if (ring !== null && !isRing(ring)) throw new InvalidInputError('ring', 'invalid');
	if ((sector === null) !== (ring === null)) throw new InvalidInputError('ring', 'required');
	// Other keys of the input (an id, a place) are not details: they are left alone, as ever.
	const details = cleanPersonPatch(
		pickFields(
			input as Partial<Person>,
			PERSON_EDIT_KEYS.filter((k) => k in input)
		)
	);
	const fields = { ...details, ...named };
	const id = uuidv4();
	return transact(
		doc,
		() => {
			const taken = readPeople(doc)
				.filter((p) => p.sector === sector && p.ring === ring)
				.map((p) => p.angle);
			const person = new Y.Map<unknown>();
			person.set(PERSON.id, id);
			person.set(PERSON.name, fields.name);
			person.set(PERSON.relation, fields.relation);
			person.set(PERSON.sector, sector);
			person.set(PERSON.ring, ring);
			person.set(PERSON.angle, sector === null ? 0.5 : freeAngle(taken));
			person.set(PERSON.createdAt, Date.now());
			peopleOf(doc).set(id, person);
			// Only non-default details are written; readers fill in the rest (as for schema-1 people).
			writePersonFields(person, fields);
			return id;
		},
		origin
	);
}

/** Removes a person and, in the same transaction, every tie they are an end of. */
export function removePerson(doc: Y.Doc, id: string, origin: Origin): void {
	transact(
		doc,
		() => {
			const ties = tiesOf(doc);
			const theirs: string[] = [];
			ties.forEach((tie, tieId) => {
				if (tie instanceof Y.Map && (tie.get(TIE.from) === id || tie.get(TIE.to) === id)) theirs.push(tieId);
			});
			for (const tieId of theirs) ties.delete(tieId);
			peopleOf(doc).delete(id);
		},
		origin
	);
}

/** A person as plain data, or null when the entry is not a well-formed person. Missing details read as defaults. */
export function readPerson(id: string, entry: unknown): Person | null {
	// The centre is the youth, named in meta; an entry under its id is never a person.
	if (id === CENTRE || !(entry instanceof Y.Map)) return null;
	if (typeof entry.get(PERSON.name) !== 'string') return null;
	const person = readRecord(PERSON_FIELDS, entry);
	person.id = id;
	// Placed only with both: a half-placed person waits in the tray.
	if (person.sector === null || person.ring === null) {
		person.sector = null;
		person.ring = null;
	}
	return person;
}

/** Every well-formed person, sorted by when they were added (then id, for a stable order). */
export function readPeople(doc: Y.Doc): Person[] {
	const people: Person[] = [];
	peopleOf(doc).forEach((entry, id) => {
		const p = readPerson(id, entry);
		if (p) people.push(p);
	});
	return sortPeople(people);
}

/** People in readPeople's order. */
export function sortPeople(people: Person[]): Person[] {
	return people.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Moves a person to a slot (or back to the tray with null). Position is meaning: everyone sees the new closeness. */
export function placePerson(doc: Y.Doc, id: string, slot: { sector: Sector; ring: Ring; angle?: number } | null, origin: Origin): void {
	if (slot && (!isSector(slot.sector) || !isRing(slot.ring))) throw new InvalidInputError('slot', 'invalid');
	if (slot && slot.angle !== undefined && (typeof slot.angle !== 'number' || Number.isNaN(slot.angle))) {
		throw new InvalidInputError('angle', 'invalid');
	}
	transact(
		doc,
		() => {
			const person = peopleOf(doc).get(id);
			if (id === CENTRE || !(person instanceof Y.Map)) return;
			if (!slot) {
				person.set(PERSON.sector, null);
				person.set(PERSON.ring, null);
				return;
			}
			const taken = readPeople(doc)
				.filter((p) => p.id !== id && p.sector === slot.sector && p.ring === slot.ring)
				.map((p) => p.angle);
			const angle = slot.angle ?? freeAngle(taken);
			// Always all three, so concurrent moves end in one client's place rather than a mix of both.
			person.set(PERSON.sector, slot.sector);
			person.set(PERSON.ring, slot.ring);
			person.set(PERSON.angle, Math.min(1, Math.max(0, angle)));
		},
		origin
	);
}
