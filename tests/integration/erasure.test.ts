// Erasing a person (the right to erasure) leaves nothing of their name behind, anywhere PocketBase
// keeps bytes: not in the map, its versions, the JIM's tips, the invitations' labels, the WAL or
// free pages (a canary name, searched for in every file of the data folder). And it scrubs only
// the names the professional chose: an old "name" that is really a few words stays in the texts.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminClient, newFixtureMap } from '../helpers/fixtures.ts';
import { kringApi } from './kring-api.ts';
import {
	connectProvider,
	destroyProvider,
	syncApi,
	syncGet,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced,
	type SyncStack
} from './sync-harness.ts';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin, transact } from '../../src/lib/doc/origin.ts';
import { PERSON, ROOT } from '../../src/lib/doc/schema.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');
let admin: PocketBase;

beforeAll(async () => {
	admin = await adminClient(ctx.pb);
});

/** A map of its own per test, so what it gathers is the test's own. */
function newMap(): Promise<string> {
	return newFixtureMap(ctx.pb, ctx.fx);
}

/** The map's professional on the map live; `leave` takes them off again. */
async function professionalOn(stack: SyncStack, mapId: string) {
	const pro = connectProvider(stack.wsBase, mapId, ctx.fx.users.professional.token);
	await waitSynced(pro).catch((err) => (destroyProvider(pro), Promise.reject(err)));
	return { doc: pro.doc, leave: () => destroyProvider(pro) };
}

function rename(doc: Y.Doc, personId: string, name: string): void {
	transact(doc, () => (doc.getMap<Y.Map<unknown>>(ROOT.people).get(personId) as Y.Map<unknown>).set(PERSON.name, name), origin);
}

/** Every file under `dir`, with its bytes: the databases, their -wal and -shm, whatever else is there. */
async function everyFile(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
	const out: { path: string; bytes: Buffer }[] = [];
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		out.push({ path, bytes: await readFile(path) });
	}
	return out;
}

/**
 * The ways a text can be stored: as UTF-8 and UTF-16, and (the map's states are base64 text in
 * PocketBase) as base64 at each of the three byte offsets it can start at.
 */
function encodingsOf(text: string): Buffer[] {
	const raw = Buffer.from(text, 'utf8');
	const out = [raw, Buffer.from(text, 'utf16le')];
	for (let offset = 0; offset < 3; offset++) {
		const b64 = Buffer.concat([Buffer.alloc(offset), raw]).toString('base64');
		// Only the characters made of the text's own bits, not of the bytes before or after it.
		out.push(Buffer.from(b64.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + raw.length) * 8) / 6))));
	}
	return out;
}

async function filesHolding(dir: string, text: string): Promise<string[]> {
	const needles = encodingsOf(text);
	return (await everyFile(dir)).filter(({ bytes }) => needles.some((n) => bytes.includes(n))).map(({ path }) => path.slice(dir.length + 1));
}

describe('erasing a person', () => {
	it('leaves no byte of their name in any file PocketBase keeps: map, versions, tips, invitations, WAL, free pages', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional, jim } = ctx.fx.users;
		// A name that occurs nowhere else, so finding it anywhere means it was left behind.
		const canary = `Quiribelle${Math.random()
			.toString(36)
			.replace(/[^a-z]/g, '')
			.slice(0, 8)}`;
		const { doc, leave } = await professionalOn(stack, mapId);
		try {
			const person = addPerson(doc, { name: canary, sector: 'familie', ring: 2 }, origin);
			addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1, note: `Woont naast ${canary}` }, origin);
			expect(
				(await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: `${canary} helpt veel` })).status
			).toBe(201);
			const api = kringApi(ctx.pb);
			const tip = await api.call(jim, 'POST', `/api/kring/maps/${mapId}/tips`, {
				text: `Vraag hulp aan iemand als ${canary}, dat werkt.`,
				theme: 'vrienden',
				relation: 'een tante'
			});
			expect(tip.status).toBe(200);
			const invitation = await api.invite(professional, mapId, { role: 'parent', label: `${canary} (oom)` });
			expect(invitation.status).toBe(201);
			// The search finds it before: stored, in one encoding or another.
			expect(await filesHolding(ctx.pb.dataDir, canary)).not.toEqual([]);

			const erased = await syncApi(stack, `/sync-api/maps/${mapId}/people/${person}/erase`, professional.token, {});
			expect(erased.status).toBe(200);

			expect(await filesHolding(ctx.pb.dataDir, canary)).toEqual([]);
			expect(erased.body).toMatchObject({ names: [canary] });
			// What people see instead: the mark where the name was.
			const tips = await admin.collection('jim_tips').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }) });
			expect(tips.map((t) => t.text)).toEqual(['Vraag hulp aan iemand als [naam], dat werkt.']);
			const invitations = await admin.collection('invitations').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }) });
			expect(invitations.map((i) => i.label)).toEqual(['[naam] (oom)']);
			expect(readPeople(doc).map((p) => [p.name, p.note])).toEqual([['Oma', 'Woont naast [naam]']]);
			// Nor did the sync server write it into its log.
			expect(JSON.stringify(stack.logs)).not.toContain(canary);
		} finally {
			leave();
		}
	});

	it('only a superuser (the sync server) empties the WAL', async () => {
		const api = kringApi(ctx.pb);
		expect((await api.call(null, 'POST', '/api/kring/checkpoint')).status).toBe(401);
		expect((await api.call(ctx.fx.users.professional, 'POST', '/api/kring/checkpoint')).status).toBe(403);
		expect(await admin.send('/api/kring/checkpoint', { method: 'POST' })).toEqual({ complete: true });
	});

	it('shows every name the person had, and scrubs only the chosen ones: words of an old non-name stay', async () => {
		const mapId = await newMap();
		const stack = await ctx.start();
		const { professional, youth } = ctx.fx.users;
		const { doc, leave } = await professionalOn(stack, mapId);
		const plan = 'Ik wil mijn diploma halen, dat is wat ik wil.';
		try {
			const kees = addPerson(doc, { name: 'Kees', sector: 'familie', ring: 2 }, origin);
			addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1, note: `${plan} Kees helpt.` }, origin);
			// Once, a JIM typed the wrong words into Kees' name; a version kept them.
			rename(doc, kees, 'is wil school ik');
			expect((await syncApi(stack, `/sync-api/maps/${mapId}/evaluations`, professional.token, { note: 'Ik wil naar school' })).status).toBe(
				201
			);
			rename(doc, kees, 'Kees');

			const path = `/sync-api/maps/${mapId}/people/${kees}`;
			expect((await syncGet(stack, `${path}/names`, youth.token)).status).toBe(403);
			const wrongMethod = await fetch(`${stack.httpBase}${path}/erase`, { headers: { authorization: `Bearer ${professional.token}` } });
			expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
			await wrongMethod.body?.cancel();
			expect((await syncGet(stack, `/sync-api/maps/${mapId}/people/nobody-here/names`, professional.token)).body.code).toBe(
				'person-not-found'
			);
			const names = await syncGet(stack, `${path}/names`, professional.token);
			expect(names.status).toBe(200);
			expect(names.body.names).toEqual([
				{ name: 'Kees', current: true, likely: true, words: ['Kees'] },
				{ name: 'is wil school ik', current: false, likely: false, words: ['is', 'wil', 'ik'] }
			]);

			// Only names the person had, and always the one they have now.
			for (const [body, status, code] of [
				[{ names: ['Kees', 'Piet'] }, 400, 'unknown-name'],
				[{ names: ['is wil school ik'] }, 400, 'current-name-missing'],
				[{ names: 'Kees' }, 400, 'invalid-names'],
				[{ names: ['Kees'], extra: 1 }, 400, 'unknown-field']
			] as const) {
				const res = await syncApi(stack, `${path}/erase`, professional.token, body);
				expect({ status: res.status, code: res.body.code, shape: Object.keys(res.body).sort() }).toEqual({
					status,
					code,
					shape: ['code', 'data', 'message', 'status']
				});
			}
			expect(
				readPeople(doc)
					.map((p) => p.name)
					.sort()
			).toEqual(['Kees', 'Oma']);

			const erased = await syncApi(stack, `${path}/erase`, professional.token, { names: ['Kees'] });
			expect(erased.status).toBe(200);
			expect(erased.body).toEqual({ versions: 1, unreadable: 0, names: ['Kees'] });
			await waitForDoc(doc, (d) => readPeople(d).length === 1);
			expect(readPeople(doc)[0].note).toBe(`${plan} [naam] helpt.`);
			const [version] = await admin.collection('map_versions').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }) });
			expect(version.note).toBe('Ik wil naar school');
			expect(version.projection.people.map((p: { name: string; note: string }) => [p.name, p.note])).toEqual([
				['Oma', `${plan} [naam] helpt.`]
			]);
		} finally {
			leave();
		}
	});
});
