import { expect, it } from 'vitest';
import {
	connectProvider,
	destroyProvider,
	eventually,
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
	professional.doc.getMap('people').set('oma', 'close');

	const reviewer = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	await waitSynced(reviewer);
	await waitForDoc(reviewer.doc, (d) => d.getMap('people').get('oma') === 'close');

	reviewer.doc.getMap('people').set('intruder', 'close');

	// A writer's later edit is sent after anything the server did with the reviewer's edit,
	// so once it has arrived, the reviewer's edit would have arrived too.
	youth.doc.getMap('people').set('juf', 'middle');
	await waitForDoc(professional.doc, (d) => d.getMap('people').get('juf') === 'middle');
	await waitForDoc(reviewer.doc, (d) => d.getMap('people').get('juf') === 'middle');
	expect(professional.doc.getMap('people').has('intruder')).toBe(false);
	expect(youth.doc.getMap('people').has('intruder')).toBe(false);

	const stored = await eventually(async () => {
		const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
		return doc?.getMap('people').get('juf') === 'middle' ? doc : undefined;
	});
	expect(stored.getMap('people').toJSON()).toEqual({ oma: 'close', juf: 'middle' });

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
	expect(JSON.stringify(ctx.sync.logs)).not.toContain(ctx.fx.users.reviewer.token);
	destroyProvider(professional);
	destroyProvider(youth);
});
