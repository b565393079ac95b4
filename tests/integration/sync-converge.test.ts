import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectProvider, destroyProvider, useSyncStack, waitForAwareness, waitForDoc, waitSynced } from './sync-harness.ts';

const ctx = useSyncStack();

it('two members editing one map converge', async () => {
	const professional = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const youth = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);

	professional.doc.getMap('people').set('oma', 'close');
	await waitForDoc(youth.doc, (d) => d.getMap('people').get('oma') === 'close');

	// Concurrent edits of different keys and of one text both merge (a text inside a schema root:
	// the server refuses roots the schema does not have).
	professional.doc.getMap('meta').set('note', new Y.Text());
	await waitForDoc(youth.doc, (d) => d.getMap('meta').get('note') instanceof Y.Text);
	const note = (d: Y.Doc) => d.getMap('meta').get('note') as Y.Text;
	youth.doc.getMap('people').set('coach', 'far');
	note(professional.doc).insert(0, 'pro ');
	note(youth.doc).insert(0, 'youth ');
	const converged = (d: Y.Doc) => d.getMap('people').get('coach') === 'far' && note(d).length === 'pro youth '.length;
	await Promise.all([waitForDoc(professional.doc, converged), waitForDoc(youth.doc, converged)]);
	expect(note(professional.doc).toString()).toBe(note(youth.doc).toString());
	expect(professional.doc.getMap('people').toJSON()).toEqual({ oma: 'close', coach: 'far' });

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
