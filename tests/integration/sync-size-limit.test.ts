// A map may not outgrow what PocketBase can store: the change that would is refused, its writer
// is told, and everything before it stays stored and editable for everyone else.
import { expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
	connectProvider,
	destroyProvider,
	eventually,
	markPerson,
	personField,
	personName,
	setPerson,
	storedDoc,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';

const ctx = usePocketBaseFixture();
const MAX = 50 * 1024;
/** A note as long as the schema allows. */
const NOTE = 500;
const PER_CHUNK = 41;
/** Keys of one chunk: 41 people with a full note each, some 20 KiB (no one value may be larger). */
const chunkKeys = (fill: string) => Array.from({ length: PER_CHUNK }, (_, i) => `${fill}${i}`);
/** Adds a chunk's people in one change. */
function addChunk(doc: Y.Doc, fill: string): void {
	doc.transact(() => {
		for (const key of chunkKeys(fill)) setPerson(doc, key, { name: key, note: fill.repeat(NOTE) });
	});
}
const hasChunk = (doc: Y.Doc | undefined, fill: string) =>
	chunkKeys(fill).every((key) => personField(doc, key, 'note') === fill.repeat(NOTE));
const hasAnyOf = (doc: Y.Doc | undefined, fill: string) => chunkKeys(fill).some((key) => personName(doc, key) !== undefined);

it('refuses the change that would pass the size limit and tells its writer; the rest is stored', async () => {
	const stack = await ctx.start({ maxDocBytes: MAX });
	const writer = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const reader = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	try {
		await Promise.all([waitSynced(writer.provider), waitSynced(reader)]);
		addChunk(writer.doc, 'a');
		addChunk(writer.doc, 'b');
		await waitForDoc(reader.doc, (d) => hasChunk(d, 'b'));
		expect(await writer.save.whenStored(10_000)).toBe(true);

		addChunk(writer.doc, 'c'); // 40 KiB in, 20 more: past the 50 KiB limit
		await eventually(() => (writer.save.state === 'too-large' ? true : undefined));
		await stack.waitForLog((e) => e.msg === 'refused update: map too large');

		// Not on the server, not with the others, not stored; what came before is.
		const stored = await storedDoc(ctx.pb, ctx.fx.mapId);
		expect(hasChunk(stored, 'a') && hasChunk(stored, 'b')).toBe(true);
		expect(hasAnyOf(stored, 'c')).toBe(false);
		expect(hasAnyOf(reader.doc, 'c')).toBe(false);

		// Another client can still change the map (here: make room).
		reader.doc.transact(() => {
			for (const key of chunkKeys('a')) reader.doc.getMap('people').delete(key);
		});
		markPerson(reader.doc, 'small', 'ok');
		await eventually(async () => (personName(await storedDoc(ctx.pb, ctx.fx.mapId), 'small') === 'ok' ? true : undefined));
	} finally {
		writer.destroy();
		destroyProvider(reader);
	}
});
