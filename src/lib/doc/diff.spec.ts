import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { diffProjections } from './diff.ts';
import { addPerson, placePerson, removePerson } from './people.ts';
import { updatePerson } from './details.ts';
import { setTie } from './ties.ts';
import { localOrigin } from './origin.ts';
import { CENTRE } from './schema.ts';
import { project } from './projection.ts';

const origin = localOrigin('test');

describe('diffProjections', () => {
	it('names who came, went, moved and which ties changed', () => {
		const doc = new Y.Doc();
		const vader = addPerson(doc, { name: 'Vader', sector: 'familie', ring: 2 }, origin);
		const noah = addPerson(doc, { name: 'Noah', sector: 'vrienden', ring: 4 }, origin);
		setTie(doc, CENTRE, vader, { quality: 'zwak' }, origin);
		const before = project(doc);
		placePerson(doc, vader, { sector: 'familie', ring: 3, angle: 0.5 }, origin);
		updatePerson(doc, vader, { contact: 'maandelijks' }, origin);
		setTie(doc, CENTRE, vader, { quality: 'gespannen' }, origin);
		removePerson(doc, noah, origin);
		const els = addPerson(doc, { name: 'Mentor Els', sector: 'school', ring: 3 }, origin);
		const diff = diffProjections(before, project(doc));
		expect(diff.people.added.map((p) => p.id)).toEqual([els]);
		expect(diff.people.removed.map((p) => p.id)).toEqual([noah]);
		expect(diff.people.changed).toMatchObject([{ id: vader, fields: ['ring', 'contact'] }]);
		expect(diff.ties.changed).toMatchObject([{ fields: ['quality'], before: { quality: 'zwak' }, after: { quality: 'gespannen' } }]);
		expect(diff.centreName).toBeNull();
	});
});
