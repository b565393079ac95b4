import * as Y from 'yjs';
import { CENTRE, PERSON, SUPPORT_KINDS, isContactFrequency, isKnownFor, supportKey, type Person } from './schema.ts';
import {
	cleanDetails,
	cleanName,
	cleanRelation,
	InvalidInputError,
	isPlainObject,
	type CleanDetails,
	type PersonDetails
} from './input.ts';
import { peopleOf } from './roots.ts';
import { transact, type Origin } from './origin.ts';

type Details = Pick<Person, 'support' | 'contact' | 'knownFor' | 'jimCandidate' | 'note'>;

/** The details of a person entry, with defaults for keys it lacks (people from schema 1 have none). */
export function readDetails(entry: Y.Map<unknown>): Details {
	const contact = entry.get(PERSON.contact);
	const knownFor = entry.get(PERSON.knownFor);
	const note = entry.get(PERSON.note);
	return {
		support: SUPPORT_KINDS.filter((k) => entry.get(supportKey(k)) === true),
		contact: isContactFrequency(contact) ? contact : null,
		knownFor: isKnownFor(knownFor) ? knownFor : null,
		jimCandidate: entry.get(PERSON.jimCandidate) === true,
		note: typeof note === 'string' ? note : ''
	};
}

/**
 * Writes only what reads differently, so a concurrent edit of another field (or support kind)
 * survives, and a form that resends an unchanged value does not overwrite someone else's edit.
 */
export function writeDetails(entry: Y.Map<unknown>, details: CleanDetails): void {
	const now = readDetails(entry);
	if (details.support) {
		const want = new Set(details.support);
		for (const kind of SUPPORT_KINDS) {
			if (want.has(kind) && !now.support.includes(kind)) entry.set(supportKey(kind), true);
			// Off is an absent key: the map stays small and gc can drop the old value.
			if (!want.has(kind) && now.support.includes(kind)) entry.delete(supportKey(kind));
		}
	}
	if (details.contact !== undefined && details.contact !== now.contact) {
		entry.set(PERSON.contact, details.contact);
	}
	if (details.knownFor !== undefined && details.knownFor !== now.knownFor) {
		entry.set(PERSON.knownFor, details.knownFor);
	}
	if (details.jimCandidate !== undefined && details.jimCandidate !== now.jimCandidate) {
		entry.set(PERSON.jimCandidate, details.jimCandidate);
	}
	if (details.note !== undefined && details.note !== now.note) {
		entry.set(PERSON.note, details.note);
	}
}

/** What updatePerson may change. Place (sector, ring, angle) goes through placePerson. */
export interface PersonPatch extends PersonDetails {
	name?: string;
	relation?: string;
}

const PATCH_KEYS = new Set(['name', 'relation', 'support', 'contact', 'knownFor', 'jimCandidate', 'note']);

/**
 * Changes some of a person's fields. Validates the whole patch first (InvalidInputError, nothing
 * written), then writes only the keys whose value changes. Returns false for an unknown id.
 */
export function updatePerson(doc: Y.Doc, id: string, patch: PersonPatch, origin: Origin): boolean {
	if (!isPlainObject(patch)) throw new InvalidInputError('patch', 'invalid');
	for (const key of Object.keys(patch)) if (!PATCH_KEYS.has(key)) throw new InvalidInputError(key, 'invalid');
	const name = patch.name === undefined ? undefined : cleanName(patch.name);
	const relation = patch.relation === undefined ? undefined : cleanRelation(patch.relation);
	const details = cleanDetails(patch);
	return transact(
		doc,
		() => {
			const entry = peopleOf(doc).get(id);
			if (id === CENTRE || !(entry instanceof Y.Map) || typeof entry.get(PERSON.name) !== 'string') return false;
			if (name !== undefined && entry.get(PERSON.name) !== name) entry.set(PERSON.name, name);
			if (relation !== undefined && entry.get(PERSON.relation) !== relation) entry.set(PERSON.relation, relation);
			writeDetails(entry, details);
			return true;
		},
		origin
	);
}
