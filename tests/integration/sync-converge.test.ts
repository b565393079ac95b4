import { expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	connectProvider,
	destroyProvider,
	markPerson,
	personField,
	personName,
	personNames,
	setPerson,
	useSyncStack,
	waitForAwareness,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';

const ctx = useSyncStack();

it('two members editing one map converge', async () => {
	const professional = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);

	markPerson(professional.doc, 'oma', 'Oma');
	await waitForDoc(youth.doc, (d) => personName(d, 'oma') === 'Oma');

	// Concurrent edits, made before either hears of the other's: a new person, different fields of
	// one person, and the same field of that person. Each writer's edits go in one transaction, so
	// once one of them has arrived, all of them have.
	professional.doc.transact(() => {
		setPerson(professional.doc, 'oma', { note: 'belt op zondag' });
		setPerson(professional.doc, 'oma', { relation: 'oma' });
	});
	youth.doc.transact(() => {
		markPerson(youth.doc, 'coach', 'Coach');
		setPerson(youth.doc, 'oma', { name: 'Oma Jansen' });
		setPerson(youth.doc, 'oma', { relation: 'grootmoeder' });
	});
	const converged = (d: Y.Doc) =>
		personName(d, 'coach') === 'Coach' && personName(d, 'oma') === 'Oma Jansen' && personField(d, 'oma', 'note') === 'belt op zondag';
	await Promise.all([waitForDoc(professional.doc, converged), waitForDoc(youth.doc, converged)]);
	// The field both wrote holds one of the two values, the same one for both.
	expect(['oma', 'grootmoeder']).toContain(personField(professional.doc, 'oma', 'relation'));
	expect(professional.doc.getMap('people').toJSON()).toEqual(youth.doc.getMap('people').toJSON());
	expect(personNames(professional.doc)).toEqual({ oma: 'Oma Jansen', coach: 'Coach' });

	destroyProvider(professional);
	destroyProvider(youth);
});

it('presence (awareness) reaches the other member and leaves with them', async () => {
	const professional = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);
	const proId = professional.awareness.clientID;
	const seen = waitForAwareness(youth, (states) => (states.get(proId)?.cursor === 'here' ? true : undefined));
	professional.awareness.setLocalStateField('cursor', 'here');
	await seen;

	const gone = waitForAwareness(youth, (states) => (states.has(proId) ? undefined : true));
	professional.disconnect();
	await gone;
	destroyProvider(professional);
	destroyProvider(youth);
});

it('presence carries the account’s own name and role, whatever the client claims', async () => {
	const professional = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);
	const proId = professional.awareness.clientID;
	const seen = waitForAwareness(youth, (states) => {
		const state = states.get(proId);
		return state?.selection === 'oma' ? state.user : undefined;
	});
	professional.awareness.setLocalState({ user: { name: 'Iemand anders', role: 'youth', colour: '#1d4ed8' }, selection: 'oma' });
	// The fixture names each account after its role.
	expect(await seen).toEqual({ name: 'professional', role: 'professional', colour: '#1d4ed8' });
	destroyProvider(professional);
	destroyProvider(youth);
});

it('a client that joins with nothing gets the map as it is now, also right after a change', async () => {
	// The server answers clients that have nothing from one encoding of the map while it stays the
	// same: a change in between must reach the next newcomer.
	const { wsBase } = ctx.sync;
	const { mapId, users } = ctx.fx;
	const writer = connectProvider(wsBase, mapId, users.professional.token);
	await waitSynced(writer);
	markPerson(writer.doc, 'buur', 'Buurman');
	const first = connectProvider(wsBase, mapId, users.youth.token);
	await waitSynced(first);
	await waitForDoc(first.doc, (d) => personName(d, 'buur') === 'Buurman');
	markPerson(writer.doc, 'juf', 'Juf Anna');
	await waitForDoc(first.doc, (d) => personName(d, 'juf') === 'Juf Anna');
	const second = connectProvider(wsBase, mapId, users.reviewer.token);
	await waitSynced(second);
	expect([personName(second.doc, 'buur'), personName(second.doc, 'juf')]).toEqual(['Buurman', 'Juf Anna']);
	for (const p of [writer, first, second]) destroyProvider(p);
});
