import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { connectProvider, destroyProvider, startSync, waitForDoc, waitSynced, type SyncStack } from './sync-harness.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let sync: SyncStack;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	sync = await startSync(pb);
});
afterAll(async () => {
	await sync?.close();
	await pb?.stop();
});

it('two members editing one map converge', async () => {
	const professional = connectProvider(sync.wsBase, fx.mapId, fx.users.professional.token);
	const youth = connectProvider(sync.wsBase, fx.mapId, fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);

	professional.doc.getMap('people').set('oma', 'close');
	await waitForDoc(youth.doc, (d) => d.getMap('people').get('oma') === 'close');

	// Concurrent edits of different keys and of one text both merge.
	youth.doc.getMap('people').set('coach', 'far');
	professional.doc.getText('note').insert(0, 'pro ');
	youth.doc.getText('note').insert(0, 'youth ');
	const converged = (d: typeof youth.doc) =>
		d.getMap('people').get('coach') === 'far' && d.getText('note').length === 'pro youth '.length;
	await Promise.all([waitForDoc(professional.doc, converged), waitForDoc(youth.doc, converged)]);
	expect(professional.doc.getText('note').toString()).toBe(youth.doc.getText('note').toString());
	expect(professional.doc.getMap('people').toJSON()).toEqual({ oma: 'close', coach: 'far' });

	destroyProvider(professional);
	destroyProvider(youth);
});

it('presence (awareness) reaches the other member and leaves with them', async () => {
	const professional = connectProvider(sync.wsBase, fx.mapId, fx.users.professional.token);
	const youth = connectProvider(sync.wsBase, fx.mapId, fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);
	const proId = professional.awareness.clientID;
	const seen = new Promise<void>((resolve) => {
		const check = () => {
			if (youth.awareness.getStates().get(proId)?.cursor === 'here') resolve();
		};
		youth.awareness.on('change', check);
		check();
	});
	professional.awareness.setLocalStateField('cursor', 'here');
	await seen;

	const gone = new Promise<void>((resolve) =>
		youth.awareness.on('change', () => {
			if (!youth.awareness.getStates().has(proId)) resolve();
		})
	);
	professional.disconnect();
	await gone;
	destroyProvider(professional);
	destroyProvider(youth);
});
