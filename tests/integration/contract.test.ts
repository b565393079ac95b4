// The contract of ../shared/ARCHITECTURE.md, checked against the whole system as `npm start` runs
// it, with clients Kring did not write: the PocketBase JS SDK and y-websocket's WebsocketProvider.
import PocketBase from 'pocketbase';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKring, type KringSystem } from '../helpers/system.ts';
import { markPerson, personName, rawConnect, waitForDoc, waitSynced } from './sync-harness.ts';
import { evaluationDue, openAgreementsOf, readPlan } from '../../src/lib/doc/plan.ts';
import { readPeople } from '../../src/lib/doc/people.ts';
import { namesOnMap } from '../../src/lib/doc/map-names.ts';
import { namesToRemove } from '../../src/lib/doc/scrub.ts';

const PASSWORD = 'jim-demo-1234';
let kring: KringSystem;
const tokens: Record<string, string> = {};
let samsMap: string;
const providers: WebsocketProvider[] = [];

async function logIn(email: string): Promise<string> {
	const pb = new PocketBase(kring.pocketbaseUrl);
	return (await pb.collection('users').authWithPassword(email, PASSWORD)).token;
}

function provider(token: string, doc = new Y.Doc()): WebsocketProvider {
	const p = new WebsocketProvider(`ws://localhost:${kring.port}/sync`, samsMap, doc, {
		params: { token },
		// Providers in one process would otherwise share updates over BroadcastChannel, past the server.
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	providers.push(p);
	return p;
}

const names = (doc: Y.Doc) => [...doc.getMap<Y.Map<unknown>>('people').values()].map((p) => p.get('name'));

beforeAll(async () => {
	kring = await startKring();
	for (const who of ['hulpverlener', 'sam', 'jim', 'team', 'buiten', 'karim']) tokens[who] = await logIn(`${who}@demo.local`);
	const sam = new PocketBase(kring.pocketbaseUrl);
	sam.authStore.save(tokens.sam);
	const maps = await sam.collection('maps').getFullList();
	expect(maps).toHaveLength(1);
	samsMap = maps[0].id;
}, 180_000);

afterAll(async () => {
	for (const p of providers) p.destroy();
	await kring?.destroy();
});

describe('the demo organisation', () => {
	it('lets every demo account log in with the PocketBase SDK, and shows Sam’s map to the right people', async () => {
		const visible: Record<string, number> = {};
		for (const [who, token] of Object.entries(tokens)) {
			const pb = new PocketBase(kring.pocketbaseUrl);
			pb.authStore.save(token);
			visible[who] = (await pb.collection('maps').getFullList()).length;
		}
		// Fatima coaches Sam and seven more youths, Karim five; the team's reviewer sees all thirteen.
		expect(visible).toEqual({ hulpverlener: 8, sam: 1, jim: 1, team: 13, buiten: 0, karim: 5 });
		expect(await new PocketBase(kring.pocketbaseUrl).collection('maps').getFullList()).toEqual([]);
	});

	it('gives Sam’s map a dozen people, several versions over months, and a JIM', async () => {
		const pb = new PocketBase(kring.pocketbaseUrl);
		pb.authStore.save(tokens.hulpverlener);
		const versions = await pb
			.collection('map_versions')
			.getFullList({ sort: 'taken_at', filter: pb.filter('map = {:map}', { map: samsMap }) });
		expect(versions.length).toBeGreaterThanOrEqual(6);
		expect(versions.filter((v) => v.kind === 'evaluation' && v.evaluated_on)).toHaveLength(3);
		// The team's charts read each version's metrics: the network grew from the first to the last.
		expect(versions.at(-1)!.metrics.people).toBeGreaterThan(versions[0].metrics.people);
		const spanDays = (Date.parse(versions.at(-1)!.taken_at) - Date.parse(versions[0].taken_at)) / 86_400_000;
		expect(spanDays).toBeGreaterThan(150);
		const jim = await pb.collection('map_members').getFullList({ filter: `map = "${samsMap}" && role = "jim"` });
		expect(jim).toHaveLength(1);

		const p = provider(tokens.hulpverlener);
		await waitSynced(p);
		expect(names(p.doc).length).toBeGreaterThanOrEqual(12);
		expect(names(p.doc)).toContain('Oma');
	});

	it('gives Sam a support plan: three goals, five agreements (two done, one with tante Nora), two answered questions', async () => {
		const p = provider(tokens.jim);
		await waitSynced(p);
		const plan = readPlan(p.doc);
		expect(plan.goals).toHaveLength(3);
		expect(plan.agreements.map((a) => a.status).sort()).toEqual(['afgesproken', 'afgesproken', 'bezig', 'gelukt', 'gelukt']);
		const nora = readPeople(p.doc).find((person) => person.name === 'Tante Nora')!;
		expect(openAgreementsOf(plan, nora.id)).toHaveLength(1);
		expect(plan.questions.filter((q) => q.answer && q.answeredBy?.role === 'jim')).toHaveLength(2);
		// The last evaluation moment was two weeks ago; the next is one rhythm (8 weeks) after it.
		expect(plan.lastHeldOn).toBe(new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10));
		expect(evaluationDue(plan, plan.lastHeldOn)).toMatchObject({ daysLate: 0 });
	});

	it('has published JIM-tips on several themes that another team finds, without any name from Sam’s map', async () => {
		const pb = new PocketBase(kring.pocketbaseUrl);
		pb.authStore.save(tokens.buiten);
		const tips = await pb.collection('jim_tips').getFullList();
		expect(tips.length).toBeGreaterThanOrEqual(5);
		expect(new Set(tips.map((t) => t.theme)).size).toBeGreaterThanOrEqual(5);
		expect(tips.every((t) => t.status === 'published' && t.map === undefined && t.offered_by === undefined)).toBe(true);
		const p = provider(tokens.hulpverlener);
		await waitSynced(p);
		const text = tips
			.map((t) => `${t.text} ${t.relation}`)
			.join(' ')
			.toLocaleLowerCase('nl');
		// Names, not the relation words they contain ("Tante Nora" → Nora): a tip says "een tante".
		for (const name of namesToRemove(namesOnMap(p.doc))) expect(text).not.toMatch(new RegExp(`\\b${name.toLocaleLowerCase('nl')}\\b`, 'u'));
		expect(tips.map((t) => t.relation)).toContain('een tante');
	});

	it('shows who invited whom, one open invitation for a parent and one that expired', async () => {
		const get = async (path: string) => {
			const res = await fetch(`${kring.pocketbaseUrl}${path}`, { headers: { authorization: tokens.hulpverlener } });
			expect(res.status).toBe(200);
			return res.json();
		};
		const access = await get(`/api/kring/maps/${samsMap}/access`);
		const members = Object.fromEntries(access.members.map((m: { role: string; invited_by_name: string }) => [m.role, m.invited_by_name]));
		expect(members).toEqual({ professional: '', youth: 'Fatima Yilmaz', jim: 'Sam' });
		const { items } = await get(`/api/kring/maps/${samsMap}/invitations`);
		expect(items.map((i: { role: string; state: string }) => `${i.role}:${i.state}`).sort()).toEqual(['parent:expired', 'parent:open']);
	});
});

describe('the sync endpoint on the app’s port', () => {
	it('refuses no token with 401 and a user of another team with 403', async () => {
		const url = `ws://localhost:${kring.port}/sync/${samsMap}`;
		expect(await rawConnect(url)).toEqual({ kind: 'refused', status: 401 });
		expect(await rawConnect(`${url}?token=${tokens.buiten}`)).toEqual({ kind: 'refused', status: 403 });
	});

	it('lets two members converge, and drops what the team reviewer writes', async () => {
		const pro = provider(tokens.hulpverlener);
		const youth = provider(tokens.sam);
		const reviewer = provider(tokens.team);
		await Promise.all([waitSynced(pro), waitSynced(youth), waitSynced(reviewer)]);

		// People as the map has them (a record with a name): what a member may write.
		markPerson(pro.doc, 'contract-from-professional', 'Van de professional');
		markPerson(youth.doc, 'contract-from-youth', 'Van Sam');
		markPerson(reviewer.doc, 'contract-from-reviewer', 'Van de reviewer');
		await waitForDoc(pro.doc, (d) => personName(d, 'contract-from-youth') === 'Van Sam');
		await waitForDoc(youth.doc, (d) => personName(d, 'contract-from-professional') === 'Van de professional');
		await waitForDoc(reviewer.doc, (d) => personName(d, 'contract-from-youth') === 'Van Sam');
		// Sent after the reviewer's edit over the same server: when it arrives, the reviewer's would have.
		markPerson(youth.doc, 'contract-marker', 'Marker');
		await waitForDoc(pro.doc, (d) => personName(d, 'contract-marker') === 'Marker');
		expect(pro.doc.getMap('people').has('contract-from-reviewer')).toBe(false);
	});

	it('keeps a change through a stop and a restart of the whole system', async () => {
		const p = provider(tokens.sam);
		await waitSynced(p);
		const person = new Y.Map<unknown>();
		p.doc.transact(() => {
			person.set('id', 'restart-check');
			person.set('name', 'Na de herstart');
			p.doc.getMap('people').set('restart-check', person);
		});
		// Stopping flushes open maps before the process exits.
		await kring.stop();
		for (const old of providers.splice(0)) old.destroy();
		kring = await startKring({ dataDir: kring.dataDir, port: kring.port });
		tokens.sam = await logIn('sam@demo.local');
		const fresh = provider(tokens.sam);
		await waitSynced(fresh);
		expect(names(fresh.doc)).toContain('Na de herstart');
		// A restart checks the build and starts PocketBase and the app again: room for a slow machine.
	}, 120_000);
});
