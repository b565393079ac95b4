import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPerson, freeAngle, InvalidInputError, readPeople, removePerson } from './people.ts';
import { localOrigin } from './origin.ts';
import { invariantViolations, project } from './projection.ts';

const origin = localOrigin('test');

describe('adding people', () => {
	it('adds a placed person with a clean name and a person to the tray', () => {
		const doc = new Y.Doc();
		addPerson(doc, { name: '  Oma\n Riet ', relation: 'oma', sector: 'familie', ring: 1 }, origin);
		addPerson(doc, { name: 'Mo' }, origin);
		const people = readPeople(doc);
		expect(people.map((p) => [p.name, p.relation, p.sector, p.ring])).toEqual([
			['Oma Riet', 'oma', 'familie', 1],
			['Mo', '', null, null]
		]);
		expect(invariantViolations(project(doc))).toEqual([]);
	});

	it.each([
		[{ name: '   ' }, 'name'],
		[{ name: 'x'.repeat(61) }, 'name'],
		[{ name: 'Mo', sector: 'buurt' as never, ring: 1 as const }, 'sector'],
		[{ name: 'Mo', sector: 'familie' as const, ring: 7 as never }, 'ring'],
		[{ name: 'Mo', sector: 'familie' as const }, 'ring']
	])('refuses %o and changes nothing', (input, field) => {
		const doc = new Y.Doc();
		expect(() => addPerson(doc, input, origin)).toThrow(InvalidInputError);
		try {
			addPerson(doc, input, origin);
		} catch (e) {
			expect((e as InvalidInputError).field).toBe(field);
		}
		expect(readPeople(doc)).toEqual([]);
	});

	it('gives people in one slot different angles', () => {
		const doc = new Y.Doc();
		for (const name of ['A', 'B', 'C', 'D']) addPerson(doc, { name, sector: 'vrienden', ring: 2 }, origin);
		const angles = readPeople(doc).map((p) => p.angle);
		expect(new Set(angles).size).toBe(4);
		expect(angles.every((a) => a > 0 && a < 1)).toBe(true);
	});

	it('freeAngle takes the middle of the widest gap', () => {
		expect(freeAngle([])).toBe(0.5);
		expect(freeAngle([0.5])).toBe(0.25);
		expect(freeAngle([0.25, 0.5])).toBe(0.75);
	});

	it('removes a person', () => {
		const doc = new Y.Doc();
		const id = addPerson(doc, { name: 'Mo' }, origin);
		removePerson(doc, id, origin);
		expect(readPeople(doc)).toEqual([]);
	});
});

describe('two clients', () => {
	it('converge after exchanging updates in either order', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		addPerson(a, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		addPerson(b, { name: 'Trainer', sector: 'school', ring: 3 }, origin);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(project(a)).toEqual(project(b));
		expect(project(a).people).toHaveLength(2);
	});
});
