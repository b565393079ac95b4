import { describe, expect, it } from 'vitest';
import { formatCode, invitableRoles, isSixteenOrOlder, isWellFormedCode, mayRemove, normalizeCode } from './invitations';

describe('invitation codes as people type them', () => {
	it('ignores case, spaces and dashes', () => {
		expect(normalizeCode(' abcd-efgh 2345-6 ')).toBe('ABCDEFGH23456');
		expect(isWellFormedCode(normalizeCode('abcd-efgh-23456'))).toBe(true);
	});

	it('refuses letters and digits that are easy to mix up (0, O, 1, I, L)', () => {
		expect(isWellFormedCode('ABCDEFGH2345O')).toBe(false);
		expect(isWellFormedCode('ABCDEFGH23451')).toBe(false);
		expect(isWellFormedCode('ABCDEFGH2345')).toBe(false);
	});

	it('shows 13 characters as XXXX-XXXX-XXXXX', () => {
		expect(formatCode('ABCDEFGH23456')).toBe('ABCD-EFGH-23456');
	});
});

describe('who may invite and remove whom', () => {
	const today = new Date('2026-11-25T12:00:00Z');

	it('counts 16 years from the birthday itself', () => {
		expect(isSixteenOrOlder('2010-11-25 00:00:00.000Z', today)).toBe(true);
		expect(isSixteenOrOlder('2010-11-26', today)).toBe(false);
		expect(isSixteenOrOlder('', today)).toBe(false);
	});

	it('lets the professional invite any role and the youth a JIM, and parents from 16', () => {
		expect(invitableRoles('professional', '')).toEqual(['youth', 'jim', 'parent', 'professional']);
		expect(invitableRoles('youth', '')).toEqual(['jim']);
		expect(invitableRoles('youth', '2000-01-01')).toEqual(['jim', 'parent']);
		expect(invitableRoles('jim', '2000-01-01')).toEqual([]);
		expect(invitableRoles('reviewer', '')).toEqual([]);
	});

	it('lets nobody remove themselves, and the youth only JIMs and parents', () => {
		expect(mayRemove('professional', { role: 'youth', you: false })).toBe(true);
		expect(mayRemove('professional', { role: 'professional', you: true })).toBe(false);
		expect(mayRemove('youth', { role: 'jim', you: false })).toBe(true);
		expect(mayRemove('youth', { role: 'parent', you: false })).toBe(true);
		expect(mayRemove('youth', { role: 'professional', you: false })).toBe(false);
		expect(mayRemove('jim', { role: 'parent', you: false })).toBe(false);
	});
});
