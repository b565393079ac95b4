import * as Y from 'yjs';
import { CENTRE } from './schema.ts';
import { PERSON, PERSON_EDIT_KEYS, PERSON_FIELDS, type Person } from './records.ts';
import { InvalidInputError, isPlainObject } from './input.ts';
import { cleanPatch, writeRecord } from './fields.ts';
import { peopleOf } from './roots.ts';
import { transact, type Origin } from './origin.ts';

type EditKey = (typeof PERSON_EDIT_KEYS)[number];

/** What updatePerson may change (every field of the table marked edit). Place (sector, ring, angle) goes through placePerson. */
export type PersonPatch = { [K in EditKey]?: Person[K] extends readonly (infer E)[] ? readonly E[] : Person[K] };

/** The details of a person beyond name, relation and place. */
export type PersonDetails = Omit<PersonPatch, 'name' | 'relation'>;

/** Validates the fields of a patch (InvalidInputError, nothing written); unchanged values of `entry` pass as they are. */
export function cleanPersonPatch(patch: unknown, entry?: Y.Map<unknown> | null): Partial<Person> {
	if (!isPlainObject(patch)) throw new InvalidInputError('patch', 'invalid');
	return cleanPatch(PERSON_FIELDS, PERSON_EDIT_KEYS, patch, entry);
}

/**
 * Writes only what reads differently, so a concurrent edit of another field (or support kind)
 * survives, and a form that resends an unchanged value does not overwrite someone else's edit.
 */
export function writePersonFields(entry: Y.Map<unknown>, fields: Partial<Person>): void {
	writeRecord(PERSON_FIELDS, entry, fields);
}

/**
 * Changes some of a person's fields. Validates the whole patch first (InvalidInputError, nothing
 * written), then writes only the keys whose value changes. Returns false for an unknown id. A value
 * the person already has is not checked again: a name from before its limit stays as it is.
 */
export function updatePerson(doc: Y.Doc, id: string, patch: PersonPatch, origin: Origin): boolean {
	const found = peopleOf(doc).get(id);
	const fields = cleanPersonPatch(patch, found instanceof Y.Map ? found : null);
	return transact(
		doc,
		() => {
			const entry = peopleOf(doc).get(id);
			if (id === CENTRE || !(entry instanceof Y.Map) || typeof entry.get(PERSON.name) !== 'string') return false;
			writePersonFields(entry, fields);
			return true;
		},
		origin
	);
}
