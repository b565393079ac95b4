import { describe, expect, it } from 'vitest';
import { looksLikeName, NAME_MARK, nameWords, namesToRemove, scrubNames } from './scrub.ts';

// The names on the demo map of Sam, as people would type them.
const SAMS_MAP = [
	'Sam',
	'Oma',
	'Moeder',
	'Vader',
	'Jayden',
	'Fatima',
	'Tante Nora',
	'Trainer Mo',
	'Oom Rob',
	'Lina',
	'Mentor Els',
	'Daan',
	'Noah',
	'Dokter Van Dijk'
];

describe('the name scrubber', () => {
	it('removes every name on the map, in any case, and leaves the relation words', () => {
		const tip =
			'Toen SAM weer geld pakte, heb ik (tante nora) met hem en jayden gepraat. Vraag Mo of Dokter van Dijk mee te denken; oma weet ervan.';
		const { text, removed } = scrubNames(tip, SAMS_MAP);
		for (const name of ['Sam', 'SAM', 'nora', 'Nora', 'jayden', 'Mo', 'Dijk']) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
		expect(text).toContain('tante');
		expect(text).toContain('oma');
		expect(text).toContain(NAME_MARK);
		expect(removed.length).toBeGreaterThan(3);
	});

	it('matches whole words only, with a possessive', () => {
		const { text } = scrubNames('Samen met Sams moeder en Nora’s buurman; Elsa is iemand anders dan Els.', SAMS_MAP);
		expect(text).toBe(`Samen met ${NAME_MARK} moeder en ${NAME_MARK} buurman; Elsa is iemand anders dan ${NAME_MARK}.`);
	});

	it('handles accents, names with a hyphen, and names that look like patterns', () => {
		const { text } = scrubNames('Zoë en Jean-Luc en (Mo)+ zijn er.', ['Zoë', 'Jean-Luc', '(Mo)+']);
		expect(text).not.toMatch(/Zoë|Jean|Luc|Mo\b/);
	});

	it('never treats a relation word alone as a name', () => {
		expect(namesToRemove(['Oma', 'Tante', 'de buurman'])).toEqual([]);
		expect(scrubNames('Oma helpt.', ['Oma']).text).toBe('Oma helpt.');
	});

	it('keeps the small words of a description used as a name, and still removes a surname in it', () => {
		expect(namesToRemove(['Baas bij de bakker', 'Vriend van de club'])).toEqual(['bakker']);
		expect(scrubNames('Ze mag altijd bij mij slapen.', ['Baas bij de bakker']).text).toBe('Ze mag altijd bij mij slapen.');
		expect(scrubNames('Nora Bakker belde.', ['Baas bij de bakker', 'Nora Bakker']).text).toBe('[naam] belde.');
	});
});

describe('which names look like names (proposed for an erasure)', () => {
	it('says which words a name takes out of every text', () => {
		expect(nameWords('Kees de Vries')).toEqual(['Kees', 'Vries']);
		expect(nameWords('tante Nora')).toEqual(['Nora']);
		expect(nameWords('is wil school ik')).toEqual(['is', 'wil', 'ik']);
	});

	it.each([
		['Kees', true],
		['kees verhoef', true],
		['tante Nora', true],
		['Jean-Luc', true],
		['is wil school ik', false],
		['Ik wil dat niet', false],
		['de buurvrouw', false],
		['', false]
	])('%s: %s', (name, expected) => {
		expect(looksLikeName(name)).toBe(expected);
	});
});
