import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { NAME_MAX, PERSON, RELATION_MAX, ROOT, isRing, isSector, type Person, type Ring, type Sector } from './schema.ts';
import { transact, type Origin } from './origin.ts';

export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		readonly reason: 'required' | 'too-long' | 'invalid'
	) {
		super(`${field}: ${reason}`);
	}
}

export function peopleOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.people);
}

function cleanText(field: string, value: string, max: number, required: boolean): string {
	// Collapse whitespace and strip control characters: names are shown on a small canvas.
	const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
	if (required && !clean) throw new InvalidInputError(field, 'required');
	if (clean.length > max) throw new InvalidInputError(field, 'too-long');
	return clean;
}

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

export interface NewPerson {
	name: string;
	relation?: string;
	sector?: Sector | null;
	ring?: Ring | null;
}

/** Adds a person (placed when sector and ring are given, else in the tray). Returns the id. */
export function addPerson(doc: Y.Doc, input: NewPerson, origin: Origin): string {
	const name = cleanText('name', input.name, NAME_MAX, true);
	const relation = cleanText('relation', input.relation ?? '', RELATION_MAX, false);
	const sector = input.sector ?? null;
	const ring = input.ring ?? null;
	if (sector !== null && !isSector(sector)) throw new InvalidInputError('sector', 'invalid');
	if (ring !== null && !isRing(ring)) throw new InvalidInputError('ring', 'invalid');
	if ((sector === null) !== (ring === null)) throw new InvalidInputError('ring', 'required');
	const id = uuidv4();
	return transact(
		doc,
		() => {
			const taken = readPeople(doc)
				.filter((p) => p.sector === sector && p.ring === ring)
				.map((p) => p.angle);
			const person = new Y.Map<unknown>();
			person.set(PERSON.id, id);
			person.set(PERSON.name, name);
			person.set(PERSON.relation, relation);
			person.set(PERSON.sector, sector);
			person.set(PERSON.ring, ring);
			person.set(PERSON.angle, sector === null ? 0.5 : freeAngle(taken));
			person.set(PERSON.createdAt, Date.now());
			peopleOf(doc).set(id, person);
			return id;
		},
		origin
	);
}

export function removePerson(doc: Y.Doc, id: string, origin: Origin): void {
	transact(doc, () => peopleOf(doc).delete(id), origin);
}

/** A person as plain data, or null when the entry is not a well-formed person. */
export function readPerson(id: string, entry: unknown): Person | null {
	if (!(entry instanceof Y.Map)) return null;
	const name = entry.get(PERSON.name);
	if (typeof name !== 'string') return null;
	const sector = entry.get(PERSON.sector);
	const ring = entry.get(PERSON.ring);
	const placed = isSector(sector) && isRing(ring);
	const angle = entry.get(PERSON.angle);
	const relation = entry.get(PERSON.relation);
	const createdAt = entry.get(PERSON.createdAt);
	return {
		id,
		name,
		relation: typeof relation === 'string' ? relation : '',
		sector: placed ? sector : null,
		ring: placed ? ring : null,
		angle: typeof angle === 'number' && angle >= 0 && angle <= 1 ? angle : 0.5,
		createdAt: typeof createdAt === 'number' ? createdAt : 0
	};
}

/** Every well-formed person, sorted by when they were added (then id, for a stable order). */
export function readPeople(doc: Y.Doc): Person[] {
	const people: Person[] = [];
	peopleOf(doc).forEach((entry, id) => {
		const p = readPerson(id, entry);
		if (p) people.push(p);
	});
	return people.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** Moves a person to a slot (or back to the tray with null). Position is meaning: everyone sees the new closeness. */
export function placePerson(
	doc: Y.Doc,
	id: string,
	slot: { sector: Sector; ring: Ring; angle?: number } | null,
	origin: Origin
): void {
	if (slot && (!isSector(slot.sector) || !isRing(slot.ring))) throw new InvalidInputError('slot', 'invalid');
	transact(
		doc,
		() => {
			const person = peopleOf(doc).get(id);
			if (!(person instanceof Y.Map)) return;
			if (!slot) {
				person.set(PERSON.sector, null);
				person.set(PERSON.ring, null);
				return;
			}
			const taken = readPeople(doc)
				.filter((p) => p.id !== id && p.sector === slot.sector && p.ring === slot.ring)
				.map((p) => p.angle);
			const angle = slot.angle ?? freeAngle(taken);
			person.set(PERSON.sector, slot.sector);
			person.set(PERSON.ring, slot.ring);
			person.set(PERSON.angle, Math.min(1, Math.max(0, angle)));
		},
		origin
	);
}
