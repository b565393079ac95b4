import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPerson, InvalidInputError, peopleOf, readPeople } from './people.ts';
import { updatePerson, type PersonPatch } from './details.ts';
import { localOrigin } from './origin.ts';
import { NOTE_MAX, PERSON } from './schema.ts';
import { invariantViolations, project } from './projection.ts';

const origin = localOrigin('test');

function withOma() {
	const doc = new Y.Doc();
	const id = addPerson(doc, { name: 'Oma', relation: 'oma', sector: 'familie', ring: 1 }, origin);
	return { doc, id, person: () => readPeople(doc).find((p) => p.id === id)! };
}

/** Keys written by each transaction on the person's map. */
function keysWritten(doc: Y.Doc, id: string): string[][] {
	const writes: string[][] = [];
	peopleOf(doc)
		.get(id)!
		.observe((e) => writes.push([...e.keysChanged].sort()));
	return writes;
}

describe('person details', () => {
	it('a new person has the default details', () => {
		const { person } = withOma();
		expect(person()).toMatchObject({ support: [], contact: null, knownFor: null, jimCandidate: false, note: '' });
	});

	it('addPerson takes details too', () => {
		const doc = new Y.Doc();
		addPerson(
			doc,
			{ name: 'Trainer Mo', support: ['waardering', 'praktisch', 'praktisch'], contact: 'wekelijks', jimCandidate: true },
			origin
		);
		expect(readPeople(doc)[0]).toMatchObject({
			support: ['praktisch', 'waardering'],
			contact: 'wekelijks',
			jimCandidate: true
		});
	});

	it('updatePerson writes every field, cleaned, and only the keys that change', () => {
		const { doc, id, person } = withOma();
		const writes = keysWritten(doc, id);
		const changed = updatePerson(
			doc,
			id,
			{
				name: ' Oma  Riet ',
				relation: 'oma',
				support: ['gezelschap', 'emotioneel'],
				contact: 'dagelijks',
				knownFor: 'meer-dan-vijf-jaar',
				jimCandidate: true,
				note: '  Woont om de hoek.\r\nBelt elke dag.  '
			},
			origin
		);
		expect(changed).toBe(true);
		expect(person()).toMatchObject({
			name: 'Oma Riet',
			relation: 'oma',
			support: ['emotioneel', 'gezelschap'],
			contact: 'dagelijks',
			knownFor: 'meer-dan-vijf-jaar',
			jimCandidate: true,
			note: 'Woont om de hoek.\nBelt elke dag.'
		});
		// relation was already 'oma': not rewritten.
		expect(writes).toEqual([['contact', 'jimCandidate', 'knownFor', 'name', 'note', 'support.emotioneel', 'support.gezelschap']]);
		updatePerson(doc, id, { support: ['gezelschap'], contact: null, jimCandidate: true }, origin);
		expect(writes[1]).toEqual(['contact', 'support.emotioneel']);
		expect(person()).toMatchObject({ support: ['gezelschap'], contact: null });
		expect(invariantViolations(project(doc))).toEqual([]);
	});

	it('an unchanged patch writes nothing', () => {
		const { doc, id } = withOma();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(updatePerson(doc, id, { name: 'Oma', contact: null, note: '', support: [] }, origin)).toBe(true);
		expect(updates).toBe(0);
	});

	it('an unknown id is a no-op returning false', () => {
		const { doc } = withOma();
		const before = Y.encodeStateAsUpdate(doc);
		expect(updatePerson(doc, 'nobody', { note: 'x' }, origin)).toBe(false);
		expect(updatePerson(doc, 'centre', { note: 'x' }, origin)).toBe(false);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it.each<[unknown, string, string]>([
		[{ name: '  ' }, 'name', 'required'],
		[{ name: 'x'.repeat(61) }, 'name', 'too-long'],
		[{ name: 42 }, 'name', 'invalid'],
		[{ relation: 'x'.repeat(61) }, 'relation', 'too-long'],
		[{ support: ['emotioneel', 'geld'] }, 'support', 'invalid'],
		[{ support: 'emotioneel' }, 'support', 'invalid'],
		[{ contact: 'soms' }, 'contact', 'invalid'],
		[{ knownFor: 5 }, 'knownFor', 'invalid'],
		[{ jimCandidate: 'ja' }, 'jimCandidate', 'invalid'],
		[{ note: 'x'.repeat(NOTE_MAX + 1) }, 'note', 'too-long'],
		[{ note: null }, 'note', 'invalid'],
		[{ sector: 'vrienden' }, 'sector', 'invalid'],
		[{ __proto__: null, id: 'other' }, 'id', 'invalid'],
		[null, 'patch', 'invalid'],
		[['note'], 'patch', 'invalid'],
		// One bad field spoils the whole patch: the good one is not written either.
		[{ note: 'goed', contact: 'soms' }, 'contact', 'invalid']
	])('refuses %o with %s: %s and changes nothing', (patch, field, reason) => {
		const { doc, id } = withOma();
		const before = Y.encodeStateAsUpdate(doc);
		let error: unknown;
		try {
			updatePerson(doc, id, patch as PersonPatch, origin);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error).toMatchObject({ field, reason });
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('a note may be exactly NOTE_MAX long', () => {
		const { doc, id, person } = withOma();
		updatePerson(doc, id, { note: 'x'.repeat(NOTE_MAX) }, origin);
		expect(person().note).toHaveLength(NOTE_MAX);
	});

	it('reads a person without detail keys (schema 1) with defaults, and ignores stray values', () => {
		const doc = new Y.Doc();
		const entry = new Y.Map<unknown>();
		peopleOf(doc).set('p1', entry);
		entry.set(PERSON.name, 'Oom');
		entry.set(PERSON.contact, 'soms');
		entry.set('support.emotioneel', 'yes');
		expect(readPeople(doc)[0]).toMatchObject({
			id: 'p1',
			support: [],
			contact: null,
			knownFor: null,
			jimCandidate: false,
			note: ''
		});
	});
});

describe('two clients edit one person', () => {
	function pair() {
		const a = new Y.Doc();
		const b = new Y.Doc();
		const id = addPerson(a, { name: 'Oma', support: ['emotioneel'] }, origin);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		return { a, b, id };
	}
	const sync = (a: Y.Doc, b: Y.Doc) => {
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	};

	it('keeps both edits of different fields', () => {
		const { a, b, id } = pair();
		updatePerson(a, id, { note: 'Kookt op woensdag' }, origin);
		updatePerson(b, id, { contact: 'wekelijks', name: 'Oma Riet' }, origin);
		sync(a, b);
		expect(project(a)).toEqual(project(b));
		expect(readPeople(a)[0]).toMatchObject({ name: 'Oma Riet', note: 'Kookt op woensdag', contact: 'wekelijks' });
	});

	it('keeps both support toggles, even when each form sends its whole list', () => {
		const { a, b, id } = pair();
		updatePerson(a, id, { support: ['emotioneel', 'praktisch'] }, origin);
		updatePerson(b, id, { support: [] }, origin);
		updatePerson(b, id, { support: ['gezelschap'] }, origin);
		sync(a, b);
		expect(project(a)).toEqual(project(b));
		expect(readPeople(a)[0].support).toEqual(['praktisch', 'gezelschap']);
	});
});
