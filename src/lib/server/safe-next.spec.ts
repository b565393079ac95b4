import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
	it.each([
		['//evil.example'],
		['/\\evil.example'],
		['/\t/evil.example'], // `?next=/%09/evil.example` after the query string is decoded
		['/%09/evil.example'],
		['/\n'],
		['/%0A'],
		['/%0d%0aSet-Cookie:x=1'],
		// Dot segments that the URL parser folds into a path starting `//` (issue 14).
		['/.//evil.example'],
		['/a/..//evil.example'],
		['/%2e//evil.example'],
		['/%2E%2E//evil.example'],
		['https://evil.example'],
		['javascript:alert(1)'],
		['kaarten'],
		[''],
		[null]
	])('sends %j to the maps overview', (next) => {
		expect(safeNext(next)).toBe('/kaarten');
	});

	it.each([['/kaarten?x=1'], ['/kaarten/abc'], ['/kaarten/abc#plan']])('keeps the same-site path %j', (next) => {
		expect(safeNext(next)).toBe(next);
	});
});
