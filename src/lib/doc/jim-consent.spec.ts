import { describe, expect, it } from 'vitest';
import { hasJimConsent, jimState, type JimEntry } from './jim.ts';
import cases from './fixtures/jim-consent-cases.json' with { type: 'json' };

// The same cases as server/pocketbase/access/consent_test.go: PocketBase's gate on versions and
// the model decide the youth's yes alike.
describe('the youth said yes to this JIM', () => {
	it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
		expect(hasJimConsent(jimState(c.log as unknown as JimEntry[]), c.person)).toBe(c.consented);
	});
});
