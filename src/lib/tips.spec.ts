import { describe, expect, it } from 'vitest';
import { checkTipInput, namesLeft, relationPhrase, scrubTip, TIP_RELATION_MAX, TIP_TEXT_MAX } from './tips.ts';
import { NAME_MARK } from './doc/scrub.ts';

const SAMS_MAP = ['Sam', 'Tante Nora', 'Trainer Mo', 'Fatima Yilmaz'];

describe('a JIM-tip', () => {
	it('loses every name on the map', () => {
		const { text, removed } = scrubTip('  Ik zou Sam en trainer mo samen laten praten, zegt Fatima.  ', SAMS_MAP);
		expect(text).toBe(`Ik zou ${NAME_MARK} en trainer ${NAME_MARK} samen laten praten, zegt ${NAME_MARK}.`);
		expect(removed.sort()).toEqual(['Fatima', 'Mo', 'Sam']);
	});

	it.each([
		['tante', 'een tante'],
		['Oudere broer', 'een oudere broer'],
		['mijn oom', 'een oom'],
		['de buurman', 'de buurman'],
		['Tante Nora', 'een tante'],
		['Nora', ''],
		['  ', '']
	])('says the relation "%s" as "%s"', (relation, phrase) => {
		expect(relationPhrase(relation, SAMS_MAP)).toBe(phrase);
	});

	it('keeps the relation within the limit', () => {
		expect(Array.from(relationPhrase('achter'.repeat(20))).length).toBeLessThanOrEqual(TIP_RELATION_MAX);
	});

	it('refuses careless input with a reason', () => {
		const ok = { text: 'Bel samen de school.', theme: 'school', relation: 'een tante' };
		expect(checkTipInput(ok)).toBeUndefined();
		expect(checkTipInput({ ...ok, text: '  ' })).toBe('text-missing');
		expect(checkTipInput({ ...ok, text: 'a'.repeat(TIP_TEXT_MAX + 1) })).toBe('text-too-long');
		expect(checkTipInput({ ...ok, text: 'é'.repeat(TIP_TEXT_MAX) })).toBeUndefined();
		expect(checkTipInput({ ...ok, theme: 'drugs' })).toBe('theme-unknown');
		expect(checkTipInput({ ...ok, theme: '' })).toBe('theme-unknown');
		expect(checkTipInput({ ...ok, relation: 'r'.repeat(TIP_RELATION_MAX + 1) })).toBe('relation-too-long');
	});
});

describe('the names left in a tip', () => {
	const names = ['Sam de Vries', 'Trainer Mo', 'Nora Bakker'];

	it('finds each name once, in the words and in the relation, in any case, spelled as on the map', () => {
		expect(namesLeft({ text: 'Vraag mo en MO of Sam meegaat.', relation: 'tante Nora' }, names).sort()).toEqual(['Mo', 'Nora', 'Sam']);
	});

	it('finds nothing in words that were scrubbed, or in words that only hold a name', () => {
		const text = scrubTip('Sam en trainer Mo gaan voetballen, Samuel ook.', names).text;
		expect(namesLeft({ text, relation: 'een tante' }, names)).toEqual([]);
		expect(namesLeft({ text: 'Momenten met Samira', relation: '' }, names)).toEqual([]);
	});
});
