import { expect, it } from 'vitest';
import {
	connectProvider,
	destroyProvider,
	eventually,
	markPerson,
	personName,
	personNames,
	storedDoc,
	waitForDoc,
	waitSynced,
	useSyncStack
} from './sync-harness.ts';

const ctx = useSyncStack();

it('a team reviewer reads the map, but their edits go nowhere', async () => {
	const professional = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);
	markPerson(professional.doc, 'oma', 'Oma');

	const reviewer = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	await waitSynced(reviewer);
	await waitForDoc(reviewer.doc, (d) => personName(d, 'oma') === 'Oma');

	// A person the schema takes: dropped for being the reviewer's, not for what it is.
	markPerson(reviewer.doc, 'intruder', 'Indringer');

	// A writer's later edit is sent after anything the server did with the reviewer's edit,
	// so once it has arrived, the reviewer's edit would have arrived too.
	markPerson(youth.doc, 'juf', 'Juf');
	await waitForDoc(professional.doc, (d) => personName(d, 'juf') === 'Juf');
	await waitForDoc(reviewer.doc, (d) => personName(d, 'juf') === 'Juf');
	expect(professional.doc.getMap('people').has('intruder')).toBe(false);
	expect(youth.doc.getMap('people').has('intruder')).toBe(false);

	const stored = await eventually(async () => {
		const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
		return personName(doc, 'juf') === 'Juf' ? doc : undefined;
	});
	expect(personNames(stored)).toEqual({ oma: 'Oma', juf: 'Juf' });

	destroyProvider(reviewer);
	// The server logs the drops once per kind with a count (ids and sizes only), at the latest at close.
	const dropped = await ctx.sync.waitForLog(
		(e) =>
			e.msg === 'dropped messages' &&
			String(e.fields.kind).includes('read-only') &&
			e.fields.userId === ctx.fx.users.reviewer.id &&
			Number(e.fields.count) >= 1
	);
	expect(dropped.fields.mapId).toBe(ctx.fx.mapId);
	expect(JSON.stringify(dropped)).not.toContain('intruder');
	expect(JSON.stringify(dropped)).not.toContain('Indringer');
	expect(JSON.stringify(ctx.sync.logs)).not.toContain(ctx.fx.users.reviewer.token);
	destroyProvider(professional);
	destroyProvider(youth);
});
