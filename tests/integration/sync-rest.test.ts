// A map nobody changes for a while rests on the sync server: its live document is dropped and
// only its encoding kept (a map with a year of history is some 15 KB encoded and 200 KiB live).
// Clients that join meanwhile are answered from the encoding; the first change wakes it; nothing
// stored, sent or kept as a version may differ from a map that never rested.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { recordChoice, recordConsent } from '../../src/lib/doc/jim.ts';
import { adminClient, createUser, newFixtureMap } from '../helpers/fixtures.ts';
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

it('a JIM joining a resting map is checked against what it read before it rested: let in without waking it, or held back', async () => {
	const mapId = await newFixtureMap(ctx.pb, ctx.fx, []);
	const stack = await ctx.start({ restAfterMs: 600_000 });
	const { youth, reviewer } = ctx.fx.users;
	// Sam puts Kevin and Oma on his map and says yes to Kevin as his JIM.
	const sam = connectProvider(stack.wsBase, mapId, youth.token);
	await waitSynced(sam);
	const kevinNode = addPerson(sam.doc, { name: 'Kevin', sector: 'vrienden', ring: 1 }, origin);
	const omaNode = addPerson(sam.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	const by = { userId: youth.id, name: 'youth', role: 'youth' as const };
	recordChoice(sam.doc, { personId: kevinNode, personName: 'Kevin', pick: 'jim', chosenBy: 'Sam' }, by, origin);
	recordConsent(sam.doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, by, origin);
	await eventually(async () => ((await storedDoc(ctx.pb, mapId))?.getMap('people').size === 2 ? true : undefined));
	destroyProvider(sam);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));

	const admin = await adminClient(ctx.pb);
	const kevin = await createUser(ctx.pb, 'kevin');
	const oma = await createUser(ctx.pb, 'oma');
	await admin.collection('map_members').create({ map: mapId, user: kevin.id, role: 'jim', person: kevinNode });
	await admin.collection('map_members').create({ map: mapId, user: oma.id, role: 'jim', person: omaNode });

	// The reviewer opens it: loaded, and at rest.
	const reader = connectProvider(stack.wsBase, mapId, reviewer.token);
	await waitSynced(reader);
	await eventually(() => (stack.server.restingCount === 1 ? true : undefined));

	// Kevin, whom Sam said yes to, gets the map; the map stays at rest.
	const kevinClient = connectProvider(stack.wsBase, mapId, kevin.token);
	await waitSynced(kevinClient);
	expect(namesIn(kevinClient.doc)).toEqual(['Kevin', 'Oma']);
	expect(stack.server.restingCount).toBe(1);

	// Oma, whom Sam did not say yes to as a JIM, is held back, as on a live map.
	const omaClient = connectProvider(stack.wsBase, mapId, oma.token);
	await stack.waitForLog((e) => e.msg === 'jim awaits consent');
	expect(omaClient.synced).toBe(false);
	expect(omaClient.doc.getMap('people').size).toBe(0);
	for (const c of [reader, kevinClient, omaClient]) destroyProvider(c);
});

function cloneDoc(doc: Y.Doc): Y.Doc {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return copy;
}
