import { describe, expect, it } from 'vitest';
import { carrierChoices } from './carrier-options.ts';

const people = [{ id: 'oma' }, { id: 'nora' }, { id: 'mo' }];

describe('"Wie doet het?"', () => {
	it('offers the JIM on the map once, as the JIM, not again among the people', () => {
		expect(carrierChoices(people, 'nora', '')).toEqual({ roles: ['youth', 'jim', 'professional'], people: ['oma', 'mo'] });
		expect(carrierChoices(people, 'nora', 'jim')).toEqual({ roles: ['youth', 'jim', 'professional'], people: ['oma', 'mo'] });
	});

	it('an agreement that names the JIM as a person shows her so, and then not the role', () => {
		expect(carrierChoices(people, 'nora', 'person:nora')).toEqual({ roles: ['youth', 'professional'], people: ['oma', 'nora', 'mo'] });
	});

	it('without a JIM, or with one not on the map, everyone is listed', () => {
		expect(carrierChoices(people, null, '').people).toEqual(['oma', 'nora', 'mo']);
		expect(carrierChoices(people, 'gone', '').people).toEqual(['oma', 'nora', 'mo']);
	});

	it('a person being removed is not offered to take over their own agreements', () => {
		expect(carrierChoices(people, 'nora', '', 'nora')).toEqual({ roles: ['youth', 'jim', 'professional'], people: ['oma', 'mo'] });
	});
});
