// A JIM gets the youth's map only once the youth said yes to that JIM: consent is recorded per JIM
// in the map's document, and the sync server holds the map back until it is there (issue 16: a
// second JIM saw the whole map and plan with no consent recorded for him).
import { expect, it } from 'vitest';
import { adminClient, createUser } from '../helpers/fixtures.ts';
import { eventually, usePocketBaseFixture, waitForDoc, waitSynced } from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';
import { addPerson } from '../../src/lib/doc/people.ts';
import { recordChoice, recordConsent } from '../../src/lib/doc/jim.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');

it('holds the map back from a JIM the youth has not said yes to, and opens it live once the youth does', async () => {
	const stack = await ctx.start();
	const youth = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	let kevin: ReturnType<typeof startWriter> | null = null;
	try {
		await waitSynced(youth.provider);
		const kevinNode = addPerson(youth.doc, { name: 'Kevin', sector: 'vrienden', ring: 1 }, origin);
		addPerson(youth.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		expect(await youth.save.whenStored(10_000)).toBe(true);

		// Kevin joins as JIM for his node on the map (as an invitation for a person makes him).
		const account = await createUser(ctx.pb, 'kevin');
		const admin = await adminClient(ctx.pb);
		await admin.collection('map_members').create({ map: ctx.fx.mapId, user: account.id, role: 'jim', person: kevinNode });

		kevin = startWriter(stack.wsBase, ctx.fx.mapId, account.token);
		const waiting = kevin;
		await stack.waitForLog((e) => e.msg === 'jim awaits consent');
		// He was told why, and nothing of the map reached him.
		await eventually(() => (waiting.save.awaitingConsent ? true : undefined));
		// A later change does not reach him either.
		addPerson(youth.doc, { name: 'Trainer Mo', sector: 'school', ring: 3 }, origin);
		expect(await youth.save.whenStored(10_000)).toBe(true);
		expect(kevin.doc.getMap('people').size).toBe(0);
		expect(kevin.provider.synced).toBe(false);

		// Sam picks Kevin as his JIM and says yes: Kevin's map opens, live.
		const sam = { userId: ctx.fx.users.youth.id, name: 'youth', role: 'youth' as const };
		recordChoice(youth.doc, { personId: kevinNode, personName: 'Kevin', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		recordConsent(youth.doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		await waitSynced(kevin.provider);
		await waitForDoc(kevin.doc, (d) => d.getMap('people').size === 3);
	} finally {
		youth.destroy();
		kevin?.destroy();
	}
});
