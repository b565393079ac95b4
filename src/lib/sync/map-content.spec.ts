import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MapContent } from './map-content.svelte.ts';
import { addPerson, readPeople, removePerson } from '../doc/people.ts';
import { readTies, setTie } from '../doc/ties.ts';
import { updatePerson } from '../doc/details.ts';
import { localOrigin } from '../doc/origin.ts';
import { CENTRE } from '../doc/schema.ts';

const origin = localOrigin('test');

describe('MapContent', () => {
	it('shows the people and ties as the document holds them after each change, as records no reader can change', () => {
		const doc = new Y.Doc();
		const content = new MapContent(doc);
		const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		const mo = addPerson(doc, { name: 'Trainer Mo', sector: 'vrienden', ring: 2 }, origin);
		setTie(doc, CENTRE, oma, { quality: 'sterk' }, origin);
		setTie(doc, oma, mo, { quality: 'gespannen' }, origin);
		expect(content.people).toEqual(readPeople(doc));
		expect(content.ties).toEqual(readTies(doc));

		updatePerson(doc, oma, { name: 'Oma Jo' }, origin);
		removePerson(doc, mo, origin);
		expect(content.people).toEqual(readPeople(doc));
		expect(content.people.map((p) => p.name)).toEqual(['Oma Jo']);
		// Mo's tie went with him.
		expect(content.ties).toEqual(readTies(doc));
		expect(content.ties).toHaveLength(1);

		// Shared between every part of the page that reads them: frozen.
		expect(() => {
			(content.people[0] as { name: string }).name = 'Iemand anders';
		}).toThrow(TypeError);
		expect(content.people[0].name).toBe('Oma Jo');
		content.destroy();
	});
});
