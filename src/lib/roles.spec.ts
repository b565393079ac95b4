import { describe, expect, it } from 'vitest';
import { canWrite, roleOnMap } from './roles.ts';

describe('the role a user acts in on a map', () => {
	it('is a writing role when they hold one, whatever the order of their rows', () => {
		expect(roleOnMap(['parent', 'jim'])).toBe('jim');
		expect(roleOnMap(['professional'])).toBe('professional');
		expect(canWrite(roleOnMap(['parent']))).toBe(false);
	});

	it('is reviewer for someone who sees the map without being on it, and none for anyone else', () => {
		expect(roleOnMap([])).toBe('reviewer');
		expect(roleOnMap([], false)).toBeNull();
		expect(canWrite(roleOnMap([]))).toBe(false);
	});
});
