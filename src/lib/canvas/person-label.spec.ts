import { expect, it } from 'vitest';
import { JIM_MARK, personLabel } from './person-label.ts';

it('marks a possible JIM with ☆ after the name', () => {
	expect(personLabel('Oma', true)).toBe(`Oma ${JIM_MARK}`);
	expect(personLabel('Oma', false)).toBe('Oma');
});

it('shortens a long name itself, so the ☆ is never cut off', () => {
	const label = personLabel('Mentor op school mevrouw El Amrani', true);
	expect(label.endsWith(`… ${JIM_MARK}`)).toBe(true);
	expect(Array.from(label).length).toBeLessThanOrEqual(18);
});

it('puts the word for the chosen JIM or backup on a line of its own, instead of the ☆', () => {
	expect(personLabel('Tante Nora', true, 'JIM')).toBe('Tante Nora\nJIM');
	expect(personLabel('Trainer Mo', false, 'reserve')).toBe('Trainer Mo\nreserve');
});

it('puts the count of open agreements on the second line, after the JIM word if any', () => {
	expect(personLabel('Oma', true, undefined, '2 afspraken')).toBe(`Oma ${JIM_MARK}\n2 afspraken`);
	expect(personLabel('Tante Nora', true, 'JIM', '1 afspraak')).toBe('Tante Nora\nJIM · 1 afspraak');
	expect(personLabel('Vader', false, undefined, '')).toBe('Vader');
});
