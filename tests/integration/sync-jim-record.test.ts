// The JIM record on the live map: the youth and the professional record, in their own name; the
// JIM draws the map but cannot touch the record; nobody erases it. Refused changes reach nobody,
// are not stored, and their writer is told.
import { expect, it } from 'vitest';
import { connectProvider, destroyProvider, eventually, storedDoc, usePocketBaseFixture, waitForDoc, waitSynced } from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';
import { addPerson } from '../../src/lib/doc/people.ts';
import { jimLogOf, readJimLog, recordStatus } from '../../src/lib/doc/jim.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');

it('takes JIM records from the youth in their own name, and refuses the JIM’s; the JIM still draws', async () => {
	const stack = await ctx.start();
	const youth = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const jim = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.jim.token);
	const professional = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	try {
		await Promise.all([waitSynced(youth.provider), waitSynced(jim.provider), waitSynced(professional)]);
		const oma = addPerson(youth.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		// Fixture accounts are named after their role (createUser): a record carries the account's name.
		const sam = { userId: ctx.fx.users.youth.id, name: 'youth', role: 'youth' as const };
		recordStatus(youth.doc, { personId: oma, personName: 'Oma', status: 'gevraagd' }, sam, origin);
		expect(await youth.save.whenStored(10_000)).toBe(true);
		await waitForDoc(jim.doc, (d) => readJimLog(d).length === 1);

		// The JIM draws: accepted.
		addPerson(jim.doc, { name: 'Buurvrouw', sector: 'familie', ring: 2 }, origin);
		expect(await jim.save.whenStored(10_000)).toBe(true);

		// The JIM writes a record in Sam's name: refused, told, and it reaches nobody.
		recordStatus(jim.doc, { personId: oma, personName: 'Oma', status: 'actief' }, sam, origin);
		await eventually(() => (jim.save.state === 'invalid' ? true : undefined));

		// A later change by the youth arrives after anything the server did with the JIM's.
		addPerson(youth.doc, { name: 'Trainer Mo', sector: 'school', ring: 3 }, origin);
		await waitForDoc(professional.doc, (d) => d.getMap('people').size === 3);
		expect(readJimLog(professional.doc).map((e) => e.kind === 'status' && e.status)).toEqual(['gevraagd']);
		const stored = await eventually(async () => {
			const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
			return doc?.getMap('people').size === 3 ? doc : undefined;
		});
		expect(readJimLog(stored)).toHaveLength(1);

		// Refusals are logged per kind with a count (roots and fields, never a value), at the latest
		// when the connection closes.
		jim.provider.disconnect();
		const refused = await stack.waitForLog(
			(e) =>
				e.msg === 'dropped messages' && String(e.fields.kind).startsWith('refused update: jim') && e.fields.userId === ctx.fx.users.jim.id
		);
		expect(refused.fields.count).toBe(1);
		expect(JSON.stringify(refused)).not.toContain('Oma');
	} finally {
		youth.destroy();
		jim.destroy();
		destroyProvider(professional);
	}
});

it('refuses erasing the record, even from the professional', async () => {
	const stack = await ctx.start();
	const professional = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	try {
		await Promise.all([waitSynced(professional.provider), waitSynced(youth)]);
		const fatima = { userId: ctx.fx.users.professional.id, name: 'professional', role: 'professional' as const };
		recordStatus(professional.doc, { personId: 'p1', personName: 'Oma', status: 'ja' }, fatima, origin);
		expect(await professional.save.whenStored(10_000)).toBe(true);
		const entries = readJimLog(professional.doc).length; // the map may hold earlier tests' records
		await waitForDoc(youth.doc, (d) => readJimLog(d).length === entries);

		jimLogOf(professional.doc).delete(0, entries);
		await eventually(() => (professional.save.state === 'invalid' ? true : undefined));
		const stored = await storedDoc(ctx.pb, ctx.fx.mapId);
		expect(readJimLog(stored!)).toHaveLength(entries);
		expect(readJimLog(youth.doc)).toHaveLength(entries);
	} finally {
		professional.destroy();
		destroyProvider(youth);
	}
});
