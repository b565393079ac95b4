import { expect, it } from 'vitest';
import { JIM_MARK, personLabel, wrapName } from './person-label.ts';

it('marks a possible JIM with ☆ after the name', () => {
	expect(personLabel('Oma', true)).toBe(`Oma ${JIM_MARK}`);
	expect(personLabel('Oma', false)).toBe('Oma');
});

it('wraps a long name to two lines and never cuts its first 14 characters', () => {
	expect(wrapName('Meneer Visser')).toEqual(['Meneer Visser']);
	expect(wrapName('Dokter Jansen (huisarts)')).toEqual(['Dokter Jansen', '(huisarts)']);
	expect(wrapName('Mentor op school mevrouw El Amrani')).toEqual(['Mentor op', 'school mevrouw…']);
	expect(wrapName('Wilhelminaschoolbegeleider')).toEqual(['Wilhelminascho-', 'olbegeleider']);
	for (const name of [
		'Oom Hendrik-Jan',
		'Mentor op school mevrouw El Amrani',
		'Wilhelminaschoolbegeleider',
		'Buurvrouw Anneke van der Berg'
	]) {
		const lines = wrapName(name);
		expect(lines.length).toBeLessThanOrEqual(2);
		const shown = lines.length === 2 && lines[0].endsWith('-') ? lines[0].slice(0, -1) + lines[1] : lines.join(' ');
		expect(shown.startsWith(Array.from(name).slice(0, 14).join(''))).toBe(true);
	}
});

it('keeps the ☆ after a long name', () => {
	const label = personLabel('Mentor op school mevrouw El Amrani', true);
	expect(label.endsWith(`… ${JIM_MARK}`)).toBe(true);
	expect(label.split('\n')).toHaveLength(2);
});

it('puts the word for the chosen JIM or backup on a line of its own, instead of the ☆', () => {
	expect(personLabel('Tante Nora', true, 'JIM')).toBe('Tante Nora\nJIM');
	expect(personLabel('Trainer Mo', false, 'reserve')).toBe('Trainer Mo\nreserve');
});

it('puts the count of open agreements on the last line, after the JIM word if any', () => {
	expect(personLabel('Oma', true, undefined, '2 afspraken')).toBe(`Oma ${JIM_MARK}\n2 afspraken`);
	expect(personLabel('Tante Nora', true, 'JIM', '1 afspraak')).toBe('Tante Nora\nJIM · 1 afspraak');
	expect(personLabel('Vader', false, undefined, '')).toBe('Vader');
});
