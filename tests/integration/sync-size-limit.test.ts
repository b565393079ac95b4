// A map may not outgrow what PocketBase can store: the change that would is refused, its writer
// is told, and everything before it stays stored and editable for everyone else.
import { expect, it } from 'vitest';
import { connectProvider, destroyProvider, eventually, storedDoc, usePocketBaseFixture, waitForDoc, waitSynced } from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';

const ctx = usePocketBaseFixture();
const MAX = 50 * 1024;
const chunk = (fill: string) => fill.repeat(20 * 1024);

it('refuses the change that would pass the size limit and tells its writer; the rest is stored', async () => {
	const stack = await ctx.start({ maxDocBytes: MAX });
	const writer = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const reader = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	try {
		await Promise.all([waitSynced(writer.provider), waitSynced(reader)]);
		const notes = writer.doc.getMap('people');
		notes.set('a', chunk('a'));
		notes.set('b', chunk('b'));
		await waitForDoc(reader.doc, (d) => d.getMap('people').has('b'));
		expect(await writer.save.whenStored(10_000)).toBe(true);

		notes.set('c', chunk('c')); // 40 KiB in, 20 more: past the 50 KiB limit
		await eventually(() => (writer.save.state === 'too-large' ? true : undefined));
		await stack.waitForLog((e) => e.msg === 'refused update: map too large');

		// Not on the server, not with the others, not stored; what came before is.
		const stored = await storedDoc(ctx.pb, ctx.fx.mapId);
		expect(stored?.getMap('people').get('b')).toBe(chunk('b'));
		expect(stored?.getMap('people').has('c')).toBe(false);
		expect(reader.doc.getMap('people').has('c')).toBe(false);

		// Another client can still change the map (here: make room).
		reader.doc.getMap('people').delete('a');
		reader.doc.getMap('people').set('small', 'ok');
		await eventually(async () => ((await storedDoc(ctx.pb, ctx.fx.mapId))?.getMap('people').get('small') === 'ok' ? true : undefined));
	} finally {
		writer.destroy();
		destroyProvider(reader);
	}
});
