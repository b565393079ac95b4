import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import limits from './fixtures/shared-limits.json' with { type: 'json' };
import {
	ACCOUNT_NAME_MAX,
	AGREEMENT_FIELDS,
	GOAL_FIELDS,
	INVITE_LABEL_MAX,
	META_FIELDS,
	PERSON,
	PERSON_EDIT_KEYS,
	PERSON_FIELDS,
	PERSON_HISTORY_KEYS,
	TIE,
	TEXT_MAX,
	TIE_FIELDS,
	YOUTH_NAME_MAX
} from './records.ts';
import { cleanPatch, defaultsOf, readRecord, rulesOf, text, withDefaults, writeRecord } from './fields.ts';
import { InvalidInputError } from './input.ts';
import { WRITE_RULES } from './write-rules.ts';
import { addPerson, readPeople } from './people.ts';
import { updatePerson } from './details.ts';
import { project } from './projection.ts';
import { diffProjections } from './diff.ts';
import { localOrigin } from './origin.ts';
import { ROOT } from './schema.ts';

const writer = { userId: 'u1', name: 'Sam', role: 'youth' };
const now = Date.UTC(2026, 0, 1);
const origin = localOrigin('test');

function entry(fields: Record<string, unknown>): Y.Map<unknown> {
	const doc = new Y.Doc();
	const map = doc.getMap<Y.Map<unknown>>('people');
	const e = new Y.Map<unknown>();
	map.set('p', e);
	for (const [k, v] of Object.entries(fields)) e.set(k, v);
	return e;
}

describe('the person table', () => {
	it('names every key once, in the order a person is read', () => {
		expect(Object.keys(PERSON_FIELDS)).toEqual(Object.values(PERSON));
		expect(PERSON.name).toBe('name');
		expect(Object.keys(TIE_FIELDS)).toEqual(Object.values(TIE));
	});

	it('gives the patch keys and the history’s fields', () => {
		expect(PERSON_EDIT_KEYS).toEqual(['name', 'relation', 'support', 'contact', 'knownFor', 'knownSince', 'jimCandidate', 'note']);
		expect(PERSON_HISTORY_KEYS).toEqual(['id', 'name', 'relation', 'sector', 'ring', 'angle', 'createdAt', 'jimCandidate']);
	});

	it('reads an empty entry as the defaults, and a malformed value as its default', () => {
		expect(readRecord(PERSON_FIELDS, entry({}))).toEqual(defaultsOf(PERSON_FIELDS));
		const odd = readRecord(PERSON_FIELDS, entry({ name: 'Oma', contact: 'soms', angle: 7, jimCandidate: 'ja', 'support.praktisch': true }));
		expect(odd).toMatchObject({ name: 'Oma', contact: null, angle: 0.5, jimCandidate: false, support: ['praktisch'] });
	});

	it('reads a value longer than today’s limit as it is', () => {
		const long = 'x'.repeat(PERSON_FIELDS.name.max + 20);
		expect(readRecord(PERSON_FIELDS, entry({ name: long })).name).toBe(long);
	});

	it('fills in what an older projection lacks, keeping what it has', () => {
		expect(withDefaults(PERSON_FIELDS, { id: 'a', name: 'Oma', note: 'x' })).toMatchObject({ note: 'x', support: [], knownFor: null });
	});

	it('cleans a patch in table order, refuses keys it does not know, and leaves unchanged values unchecked', () => {
		const e = entry({ name: 'x'.repeat(70) });
		expect(cleanPatch(PERSON_FIELDS, PERSON_EDIT_KEYS, { note: ' a ', name: 'x'.repeat(70) }, e)).toEqual({
			name: 'x'.repeat(70),
			note: 'a'
		});
		expect(() => cleanPatch(PERSON_FIELDS, PERSON_EDIT_KEYS, { name: 'x'.repeat(61) }, e)).toThrow(InvalidInputError);
		expect(() => cleanPatch(PERSON_FIELDS, PERSON_EDIT_KEYS, { sector: 'school' })).toThrow('sector: invalid');
		expect(() => cleanPatch(PERSON_FIELDS, PERSON_EDIT_KEYS, { note: 'x'.repeat(501), contact: 'soms' })).toThrow('contact: invalid');
	});

	it('writes only what reads differently', () => {
		const e = entry({ name: 'Oma', contact: 'wekelijks' });
		const keys: string[] = [];
		e.observe((ev) => keys.push(...ev.keysChanged));
		writeRecord(PERSON_FIELDS, e, { name: 'Oma', contact: 'dagelijks', support: ['emotioneel'] });
		expect(keys.sort()).toEqual(['contact', 'support.emotioneel']);
	});
});

describe('“since when” (knownSince), the field added last', () => {
	it('is absent until someone fills it in, then read, cleaned and cleared like any text', () => {
		const doc = new Y.Doc();
		const id = addPerson(doc, { name: 'Oma' }, origin);
		expect(readPeople(doc)[0]).not.toHaveProperty('knownSince');
		updatePerson(doc, id, { knownSince: '  sinds  groep 5 ' }, origin);
		expect(readPeople(doc)[0].knownSince).toBe('sinds groep 5');
		expect(() => updatePerson(doc, id, { knownSince: 'x'.repeat(41) }, origin)).toThrow('knownSince: too-long');
		updatePerson(doc, id, { knownSince: '' }, origin);
		expect(readPeople(doc)[0]).not.toHaveProperty('knownSince');
	});

	it('shows as a change between versions, also when cleared', () => {
		const doc = new Y.Doc();
		const id = addPerson(doc, { name: 'Oma', knownSince: '2019' }, origin);
		const before = project(doc);
		updatePerson(doc, id, { knownSince: '' }, origin);
		expect(diffProjections(before, project(doc)).people.changed[0].fields).toEqual(['knownSince']);
	});
});

describe('a field added later (optional)', () => {
	const table = { name: text(10), since: text(5, { optional: true, edit: true }) } as const;

	it('is left out while at its default, so projections of maps that do not use it stay as they were', () => {
		expect(readRecord(table, entry({ name: 'Oma' }))).toEqual({ name: 'Oma' });
		expect(readRecord(table, entry({ name: 'Oma', since: '' }))).toEqual({ name: 'Oma' });
		expect(readRecord(table, entry({ name: 'Oma', since: '2019' }))).toEqual({ name: 'Oma', since: '2019' });
		expect(defaultsOf(table)).toEqual({ name: '' });
	});

	it('is filled in for comparing, so clearing it shows as a change', () => {
		expect(withDefaults(table, { name: 'Oma' })).toEqual({ name: 'Oma', since: '' });
	});
});

describe('the write guard’s rules, from the tables', () => {
	const people = rulesOf(PERSON_FIELDS);

	it('hold each field to its kind and limit', () => {
		expect(people('name')!('Oma', writer, now)).toBeNull();
		expect(people('name')!('x'.repeat(PERSON_FIELDS.name.max + 1), writer, now)).toMatch(/longer than/);
		expect(people('relation')!(42, writer, now)).toBe('is not text');
		expect(people('support.praktisch')!(true, writer, now)).toBeNull();
		expect(people('support.praktisch')!(false, writer, now)).toBe('is not true');
		expect(people('support')).toBeUndefined();
		expect(people('evil')).toBeUndefined();
		expect(people('__proto__')).toBeUndefined();
	});

	it('are the rules the sync server holds updates to', () => {
		const root = WRITE_RULES[ROOT.people];
		expect(root.kind === 'records' && root.requiredOnCreate).toEqual(['name']);
		const ties = WRITE_RULES[ROOT.ties];
		expect(ties.kind === 'records' && ties.requiredOnCreate).toEqual(['from', 'to']);
		const meta = WRITE_RULES[ROOT.meta];
		expect(meta.kind === 'values' && meta.fields('centreName')!('x'.repeat(YOUTH_NAME_MAX), writer, now)).toBeNull();
	});
});

describe('the plan’s tables', () => {
	it('read a stored goal, its author and all', () => {
		const by = { userId: 'u1', name: 'Sam', role: 'youth' };
		const goal = readRecord(GOAL_FIELDS, entry({ domain: 'geld', text: 'Sparen', writtenBy: by, createdAt: 5 }));
		expect(goal).toEqual({ domain: 'geld', text: 'Sparen', writtenBy: by, createdAt: 5 });
		expect(readRecord(GOAL_FIELDS, entry({ writtenBy: { userId: 1 } })).writtenBy).toBeNull();
	});

	it('hold an agreement’s text to the same limit as its form', () => {
		const agreements = rulesOf(AGREEMENT_FIELDS);
		expect(agreements('what')!('x'.repeat(TEXT_MAX), writer, now)).toBeNull();
		expect(agreements('what')!('x'.repeat(TEXT_MAX + 1), writer, now)).toMatch(/longer than/);
		expect(agreements('who')!('person:', writer, now)).toMatch(/carries/);
	});
});

describe('limits that PocketBase keeps too', () => {
	// server/pocketbase/hooks/limits_test.go reads the same file: the two sides cannot drift apart.
	it('are the same numbers as the Go side’s', () => {
		expect(META_FIELDS.centreName.max).toBe(limits.youthName);
		expect(YOUTH_NAME_MAX).toBe(limits.youthName);
		expect(ACCOUNT_NAME_MAX).toBe(limits.accountName);
		expect(INVITE_LABEL_MAX).toBe(limits.inviteLabel);
	});
});
