// A map nobody changes for a while rests on the sync server: its live document is dropped and
// only its encoding kept (a map with a year of history is some 15 KB encoded and 200 KiB live).
// Clients that join meanwhile are answered from the encoding; the first change wakes it; nothing
// stored, sent or kept as a version may differ from a map that never rested.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { adminClient, newFixtureMap } from '../helpers/fixtures.ts';
import { connectProvider, destroyProvider, eventually, storedDoc, usePocketBaseFixture, waitForDoc, waitSynced } from './sync-harness.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');
const namesIn = (doc: Y.Doc) =>
	readPeople(doc)
		.map((p) => p.name)
		.sort();

it('a quiet map rests; newcomers and returning clients sync from it; a change wakes it; stored and versioned as ever', async () => {
	const mapId = await newFixtureMap(ctx.pb, ctx.fx, []);
	const stack = await ctx.start({ restAfterMs: 100 });
	const { professional, youth, reviewer } = ctx.fx.users;
	const writer = connectProvider(stack.wsBase, mapId, professional.token);
	const sam = connectProvider(stack.wsBase, mapId, youth.token);
	await Promise.all([waitSynced(writer), waitSynced(sam)]);
	addPerson(writer.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	await waitForDoc(sam.doc, (d) => namesIn(d).includes('Oma'));

	// Quiet: the map rests, its clients stay connected.
	await eventually(() => (stack.server.restingCount === 1 ? true : undefined));

	// A newcomer with nothing, and a client that comes back with what it had, both sync from the rest.
	const newcomer = connectProvider(stack.wsBase, mapId, reviewer.token);
	await waitSynced(newcomer);
	expect(namesIn(newcomer.doc)).toEqual(['Oma']);
	const returning = connectProvider(stack.wsBase, mapId, youth.token, cloneDoc(sam.doc));
	await waitSynced(returning);
	expect(stack.server.restingCount).toBe(1); // answering and empty answers do not wake it

	// A change wakes it and reaches everyone, and is stored.
	addPerson(sam.doc, { name: 'Trainer Mo', sector: 'vrienden', ring: 2 }, origin);
	for (const c of [writer, newcomer, returning]) await waitForDoc(c.doc, (d) => namesIn(d).includes('Trainer Mo'));
	expect(stack.server.restingCount).toBe(0);
	await eventually(async () => ((await storedDoc(ctx.pb, mapId))?.getMap('people').size === 2 ? true : undefined));

	// It rests again; everyone leaves; the session's version holds both, as does the stored map.
	await eventually(() => (stack.server.restingCount === 1 ? true : undefined));
	for (const c of [writer, sam, newcomer, returning]) destroyProvider(c);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));
	const admin = await adminClient(ctx.pb);
	const versions = await admin.collection('map_versions').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }) });
	expect(versions.map((v) => (v.projection as { people: { name: string }[] }).people.map((p) => p.name).sort())).toEqual([
		['Oma', 'Trainer Mo']
	]);
	expect(namesIn((await storedDoc(ctx.pb, mapId))!)).toEqual(['Oma', 'Trainer Mo']);
});

it('a stored map that needs nothing written rests as soon as it is loaded; a reader syncs from the encoding, a change wakes it', async () => {
	const mapId = await newFixtureMap(ctx.pb, ctx.fx, []);
	// Never quiet long enough for the sweep: only resting at load can rest this map.
	const stack = await ctx.start({ restAfterMs: 600_000 });
	const { professional, reviewer } = ctx.fx.users;
	// A first session stores the map (and brings it up to the schema), then everyone leaves.
	const first = connectProvider(stack.wsBase, mapId, professional.token);
	await waitSynced(first);
	addPerson(first.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	await eventually(async () => ((await storedDoc(ctx.pb, mapId))?.getMap('people').size === 1 ? true : undefined));
	expect(stack.server.restingCount).toBe(0); // changed in this session: live
	destroyProvider(first);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));

	// Opened again: loaded, and at rest at once.
	const reader = connectProvider(stack.wsBase, mapId, reviewer.token);
	await waitSynced(reader);
	expect(namesIn(reader.doc)).toEqual(['Oma']);
	await eventually(() => (stack.server.restingCount === 1 ? true : undefined));

	// The professional's change wakes it and reaches the reader.
	const writer = connectProvider(stack.wsBase, mapId, professional.token);
	await waitSynced(writer);
	addPerson(writer.doc, { name: 'Trainer Mo', sector: 'vrienden', ring: 2 }, origin);
	await waitForDoc(reader.doc, (d) => namesIn(d).includes('Trainer Mo'));
	expect(stack.server.restingCount).toBe(0);
	for (const c of [reader, writer]) destroyProvider(c);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));
	expect(namesIn((await storedDoc(ctx.pb, mapId))!)).toEqual(['Oma', 'Trainer Mo']);
});

function cloneDoc(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}
