import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { entryReader } from './entry-reader.ts';
import { addPerson, peopleOf, placePerson, readPeople, readPerson, removePerson, sortPeople } from './people.ts';
import { updatePerson } from './details.ts';
import { localOrigin, transact } from './origin.ts';

const origin = localOrigin('test');

function setup() {
	const doc = new Y.Doc();
	const reads: string[] = [];
	const reader = entryReader(doc, peopleOf(doc), (id, entry) => {
		reads.push(id);
		return readPerson(id, entry);
	});
	const people = () => sortPeople(reader.read());
	return { doc, reads, people, reader };
}

describe('entryReader', () => {
	it('reads what readPeople reads after every kind of change, re-reading only the people a change touched', () => {
		const { doc, reads, people } = setup();
		const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		const opa = addPerson(doc, { name: 'Opa', sector: 'familie', ring: 2 }, origin);
		const mo = addPerson(doc, { name: 'Trainer Mo', sector: 'vrienden', ring: 3 }, origin);
		expect(people()).toEqual(readPeople(doc));
		expect(reads.sort()).toEqual([mo, oma, opa].sort());

		reads.length = 0;
		expect(people()).toEqual(readPeople(doc));
		expect(reads).toEqual([]); // nothing changed: nothing read

		updatePerson(doc, oma, { name: 'Oma Jo' }, origin);
		expect(people()).toEqual(readPeople(doc));
		expect(reads).toEqual([oma]);

		reads.length = 0;
		placePerson(doc, opa, null, origin); // to the tray
		removePerson(doc, mo, origin);
		expect(people()).toEqual(readPeople(doc));
		expect(people().map((p) => p.name)).toEqual(['Oma Jo', 'Opa']);
		expect(reads).toEqual([opa]);

		// Not a person (no name): left out, as readPeople leaves it out.
		reads.length = 0;
		transact(doc, () => peopleOf(doc).set('kapot', new Y.Map()), origin);
		expect(people()).toEqual(readPeople(doc));
		expect(reads).toEqual(['kapot']);
	});

	it('is never stale: not for an observer of the change, nor inside a transaction', () => {
		const { doc, people } = setup();
		const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		people();
		let seen: string[] = [];
		peopleOf(doc).observeDeep(() => (seen = people().map((p) => p.name)));
		updatePerson(doc, oma, { name: 'Oma Jo' }, origin);
		expect(seen).toEqual(['Oma Jo']);
		transact(
			doc,
			() => {
				updatePerson(doc, oma, { name: 'Oma Lies' }, origin);
				expect(people().map((p) => p.name)).toEqual(['Oma Lies']);
			},
			origin
		);
	});

	it('stops listening to the document when stopped, and then reads afresh', () => {
		const doc = new Y.Doc();
		const listeners = () => (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers.get('beforeObserverCalls')?.size ?? 0;
		const before = listeners();
		const reader = entryReader(doc, peopleOf(doc), readPerson);
		expect(listeners()).toBe(before + 1);
		reader.stop();
		expect(listeners()).toBe(before);
		// Read after it stopped: afresh, never what it kept.
		const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		expect(reader.read().map((p) => p.name)).toEqual(['Oma']);
		updatePerson(doc, oma, { name: 'Oma Jo' }, origin);
		expect(reader.read().map((p) => p.name)).toEqual(['Oma Jo']);
	});
});
