import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addPerson, InvalidInputError, peopleOf, readPeople, removePerson } from './people.ts';
import { readTies, removeTie, setTie, tieBetween, tieId, tiesOf, type TieProps } from './ties.ts';
import { localOrigin } from './origin.ts';
import { CENTRE, TIE, type MapJson } from './schema.ts';
import { invariantViolations, project } from './projection.ts';

const origin = localOrigin('test');

function family() {
	const doc = new Y.Doc();
	const mother = addPerson(doc, { name: 'Moeder', sector: 'familie', ring: 1 }, origin);
	const father = addPerson(doc, { name: 'Vader', sector: 'familie', ring: 3 }, origin);
	return { doc, mother, father };
}

describe('ties', () => {
	it('the youth’s tie to a person: one per person, found from either end', () => {
		const { doc, father } = family();
		const id = setTie(doc, CENTRE, father, { quality: 'gespannen', support: 'van-jongere' }, origin);
		expect(id).toBe(`centre:${father}`);
		expect(setTie(doc, father, CENTRE, { quality: 'verbroken' }, origin)).toBe(id);
		expect(readTies(doc)).toEqual([
			{ id, from: CENTRE, to: father, quality: 'verbroken', support: 'van-jongere', createdAt: expect.any(Number) }
		]);
		expect(tieBetween(doc, father, CENTRE)).toEqual(readTies(doc)[0]);
		expect(invariantViolations(project(doc))).toEqual([]);
	});

	it('a new tie is a plain line without arrows', () => {
		const { doc, mother } = family();
		setTie(doc, CENTRE, mother, {}, origin);
		expect(tieBetween(doc, CENTRE, mother)).toMatchObject({ quality: 'sterk', support: 'geen' });
	});

	it('a tie between two people has one id whichever way it is drawn', () => {
		const { doc, mother, father } = family();
		const id = setTie(doc, father, mother, { quality: 'gespannen' }, origin);
		expect(setTie(doc, mother, father, { support: 'beide' }, origin)).toBe(id);
		expect(id).toBe(tieId(mother, father));
		const [tie] = readTies(doc);
		expect([tie.from, tie.to]).toEqual([mother, father].sort());
		expect(tie).toMatchObject({ quality: 'gespannen', support: 'beide' });
	});

	it('changes only the field that differs', () => {
		const { doc, mother } = family();
		const id = setTie(doc, CENTRE, mother, { quality: 'zwak' }, origin);
		const written: string[][] = [];
		tiesOf(doc)
			.get(id)!
			.observe((e) => written.push([...e.keysChanged]));
		setTie(doc, CENTRE, mother, { quality: 'zwak', support: 'beide' }, origin);
		expect(written).toEqual([['support']]);
	});

	it('removes a tie from either end, and says whether there was one', () => {
		const { doc, mother, father } = family();
		setTie(doc, mother, father, {}, origin);
		expect(removeTie(doc, father, mother, origin)).toBe(true);
		expect(removeTie(doc, father, mother, origin)).toBe(false);
		expect(readTies(doc)).toEqual([]);
	});

	it('removing a person removes their ties in the same transaction', () => {
		const { doc, mother, father } = family();
		setTie(doc, CENTRE, mother, {}, origin);
		setTie(doc, CENTRE, father, {}, origin);
		setTie(doc, mother, father, { quality: 'gespannen' }, origin);
		let updates = 0;
		doc.on('update', () => updates++);
		removePerson(doc, father, origin);
		expect(updates).toBe(1);
		expect([...tiesOf(doc).keys()]).toEqual([tieId(CENTRE, mother)]);
	});

	const refusals: [string, (m: string, f: string) => [string, string, TieProps], string, string][] = [
		['a self-tie', (m) => [m, m, {}], 'to', 'invalid'],
		['the centre to itself', () => [CENTRE, CENTRE, {}], 'to', 'invalid'],
		['a missing person', (m) => [m, 'nobody', {}], 'to', 'missing'],
		['a missing person on the from side', () => ['nobody', CENTRE, {}], 'from', 'missing'],
		['a non-string end', (m) => [m, 7 as never, {}], 'to', 'invalid'],
		['an end with a colon', (m) => ['a:b', m, {}], 'from', 'invalid'],
		['an unknown quality', (m) => [CENTRE, m, { quality: 'red' as never }], 'quality', 'invalid'],
		['an unknown support', (m) => [CENTRE, m, { support: 'veel' as never }], 'support', 'invalid'],
		['support to the youth between two people', (m, f) => [m, f, { support: 'naar-jongere' }], 'support', 'invalid'],
		['an unknown field', (m) => [CENTRE, m, { colour: 'red' } as never], 'colour', 'invalid'],
		['props that are not an object', (m) => [CENTRE, m, 'sterk' as never], 'tie', 'invalid']
	];
	it.each(refusals)('refuses %s and changes nothing', (_, args, field, reason) => {
		const { doc, mother, father } = family();
		setTie(doc, CENTRE, mother, { quality: 'zwak' }, origin);
		const before = Y.encodeStateAsUpdate(doc);
		let error: unknown;
		try {
			setTie(doc, ...args(mother, father), origin);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(InvalidInputError);
		expect(error).toMatchObject({ field, reason });
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('refuses a tie to a person who is gone', () => {
		const { doc, mother } = family();
		removePerson(doc, mother, origin);
		expect(() => setTie(doc, CENTRE, mother, {}, origin)).toThrow(InvalidInputError);
		expect(tieBetween(doc, CENTRE, mother)).toBeNull();
	});
});

describe('ties on two clients', () => {
	function pair() {
		const { doc: a, mother, father } = family();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		return { a, b, mother, father };
	}
	const sync = (a: Y.Doc, b: Y.Doc) => {
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	};

	it('creating the same tie at once ends in one tie', () => {
		const { a, b, mother } = pair();
		setTie(a, CENTRE, mother, { quality: 'sterk' }, origin);
		setTie(b, mother, CENTRE, { quality: 'zwak' }, origin);
		sync(a, b);
		expect(project(a)).toEqual(project(b));
		expect(project(a).ties).toHaveLength(1);
	});

	it('changing quality and support at once keeps both', () => {
		const { a, b, mother } = pair();
		setTie(a, CENTRE, mother, {}, origin);
		sync(a, b);
		setTie(a, CENTRE, mother, { quality: 'gespannen' }, origin);
		setTie(b, CENTRE, mother, { support: 'naar-jongere' }, origin);
		sync(a, b);
		expect(tieBetween(b, CENTRE, mother)).toMatchObject({ quality: 'gespannen', support: 'naar-jongere' });
	});

	it('a tie drawn while its person is deleted elsewhere is left out of the projection', () => {
		const { a, b, mother, father } = pair();
		removePerson(a, father, origin);
		setTie(b, mother, father, { quality: 'gespannen' }, origin);
		sync(a, b);
		expect(tiesOf(a).has(tieId(mother, father))).toBe(true);
		expect(project(a)).toEqual(project(b));
		expect(project(a).ties).toEqual([]);
		expect(tieBetween(a, mother, father)).toBeNull();
		expect(invariantViolations(project(a))).toEqual([]);
	});
});

describe('invariants', () => {
	it('a person entry under the centre’s id is not a person', () => {
		const doc = new Y.Doc();
		const entry = new Y.Map<unknown>();
		peopleOf(doc).set(CENTRE, entry);
		entry.set('name', 'Sam');
		expect(readPeople(doc)).toEqual([]);
	});

	it('malformed tie entries are not ties', () => {
		const { doc, mother, father } = family();
		const put = (id: string, fields: Record<string, unknown>) => {
			const tie = new Y.Map<unknown>();
			tiesOf(doc).set(id, tie);
			for (const [k, v] of Object.entries(fields)) tie.set(k, v);
		};
		put('x', { [TIE.from]: CENTRE, [TIE.to]: mother });
		put(tieId(mother, father), { [TIE.from]: father > mother ? father : mother, [TIE.to]: father > mother ? mother : father });
		put(tieId(CENTRE, father), { [TIE.from]: CENTRE, [TIE.to]: father, quality: 'rood', support: 42 });
		expect(readTies(doc)).toEqual([
			{ id: tieId(CENTRE, father), from: CENTRE, to: father, quality: 'sterk', support: 'geen', createdAt: 0 }
		]);
	});

	it('reports each broken rule of a projection', () => {
		const person = {
			name: 'x',
			relation: '',
			sector: null,
			ring: null,
			angle: 0.5,
			createdAt: 0,
			support: [],
			contact: null,
			knownFor: null,
			jimCandidate: false,
			note: ''
		};
		const tie = { quality: 'sterk', support: 'geen', createdAt: 0 } as const;
		const map: MapJson = {
			schemaVersion: 2,
			centreName: 'Sam',
			people: [
				{ ...person, id: 'a' },
				{ ...person, id: 'a' },
				{ ...person, id: CENTRE },
				{ ...person, id: 'b', sector: 'familie' }
			],
			ties: [
				{ ...tie, id: 'centre:gone', from: CENTRE, to: 'gone' },
				{ ...tie, id: 'a:a', from: 'a', to: 'a' },
				{ ...tie, id: 'b:a', from: 'b', to: 'a' },
				{ ...tie, id: 'a:b', from: 'a', to: 'b', support: 'naar-jongere' },
				{ ...tie, id: 'a:b', from: 'a', to: 'b' }
			]
		};
		expect(invariantViolations(map)).toEqual([
			'duplicate person a',
			'a person is the centre',
			'half-placed person b',
			'tie centre:gone to missing person gone',
			'self-tie a:a',
			'tie b:a is not keyed by its ends',
			'tie a:b between two people points to or from the youth',
			'duplicate tie a:b'
		]);
	});
});
