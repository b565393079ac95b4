// What a member writes inside the map, held by the sync server whatever their client sends: a delete
// set for changes not made yet, the schema version, a goal in someone else's name, or a field value
// the record tables forbid is refused,
// reaches nobody and is not stored, and the writer is told.
import * as encoding from 'lib0/encoding';
import { expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { addGoal, readPlan } from '../../src/lib/doc/plan.ts';
import { ROOT, SCHEMA_VERSION } from '../../src/lib/doc/schema.ts';
import { PERSON_FIELDS } from '../../src/lib/doc/records.ts';
import { schemaVersionOf } from '../../src/lib/doc/upgrade.ts';
import { STATUS_PARAM } from '../../src/lib/protocol/sync.ts';
import { collect, refusalsIn, roundTrip, updateFrame } from './sync-frames.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	rawConnect,
	storedDoc,
	usePocketBaseFixture,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');

async function openRaw(wsBase: string, who: 'jim' | 'youth'): Promise<{ ws: WebSocket; got: Uint8Array[] }> {
	const r = await rawConnect(`${wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users[who].token}&${STATUS_PARAM}=1`);
	if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
	const got = collect(r.ws);
	await roundTrip(r.ws, got);
	return { ws: r.ws, got };
}

/** Sends an update and resolves with the refusals the server answered it with. */
async function send(raw: { ws: WebSocket; got: Uint8Array[] }, update: Uint8Array): Promise<string[]> {
	raw.ws.send(updateFrame(update));
	return refusalsIn(await roundTrip(raw.ws, raw.got));
}

/** An update with no structs and one delete range (V1), as a hostile client crafts it. */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
	const e = encoding.createEncoder();
	for (const n of [0, 1, client, 1, clock, len]) encoding.writeVarUint(e, n);
	return encoding.toUint8Array(e);
}

it('a JIM cannot delete the professional’s future edits with a delete set for clocks not seen yet', async () => {
	const stack = await ctx.start();
	const professional = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	const reader = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	try {
		await Promise.all([waitSynced(professional), waitSynced(reader)]);
		const jim = await openRaw(stack.wsBase, 'jim');
		// The professional's client id is in presence for everyone to see.
		expect(await send(jim, deleteOnly(professional.doc.clientID, 0, 1_000_000))).toEqual(['invalid']);
		jim.ws.terminate();

		const id = addPerson(professional.doc, { name: 'Buurvrouw Els', sector: 'familie', ring: 2 }, origin);
		await waitForDoc(reader.doc, (d) => readPeople(d).some((p) => p.id === id));
		const stored = await eventually(async () => {
			const doc = await storedDoc(ctx.pb, ctx.fx.mapId);
			return doc && readPeople(doc).some((p) => p.id === id) ? doc : undefined;
		});
		expect(readPeople(stored).find((p) => p.id === id)?.name).toBe('Buurvrouw Els');
	} finally {
		destroyProvider(professional);
		destroyProvider(reader);
	}
});

it('only the server writes the schema version, and a goal is signed by whoever writes it', async () => {
	const stack = await ctx.start();
	const reader = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	try {
		await waitSynced(reader);
		// The server brought the map to its schema when it loaded it.
		expect(schemaVersionOf(reader.doc)).toBe(SCHEMA_VERSION);
		const jim = await openRaw(stack.wsBase, 'jim');
		const client = new Y.Doc();
		Y.applyUpdate(client, Y.encodeStateAsUpdate(reader.doc));
		const change = (fn: (doc: Y.Doc) => void) => {
			const before = Y.encodeStateVector(client);
			fn(client);
			return Y.encodeStateAsUpdate(client, before);
		};
		const professional = { userId: ctx.fx.users.professional.id, name: 'professional', role: 'professional' };
		const forgedGoal = change((doc) => addGoal(doc, { domain: 'thuis', text: 'Geschreven door de hulpverlener?' }, professional, origin));
		expect(await send(jim, forgedGoal)).toEqual(['invalid']);

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(reader.doc));
		const before = Y.encodeStateVector(other);
		other.getMap(ROOT.meta).set('schemaVersion', 99);
		expect(await send(jim, Y.encodeStateAsUpdate(other, before))).toEqual(['invalid']);

		// The JIM's own goal, in her own name, goes through.
		const own = new Y.Doc();
		Y.applyUpdate(own, Y.encodeStateAsUpdate(reader.doc));
		const ownBefore = Y.encodeStateVector(own);
		addGoal(own, { domain: 'vrienden', text: 'Samen naar de voetbal' }, { userId: ctx.fx.users.jim.id, name: 'jim', role: 'jim' }, origin);
		expect(await send(jim, Y.encodeStateAsUpdate(own, ownBefore))).toEqual([]);
		await waitForDoc(reader.doc, (d) => readPlan(d).goals.some((g) => g.text === 'Samen naar de voetbal'));
		expect(readPlan(reader.doc).goals.map((g) => g.writtenBy.name)).not.toContain('professional');
		expect(schemaVersionOf(reader.doc)).toBe(SCHEMA_VERSION);
		jim.ws.terminate();
	} finally {
		destroyProvider(reader);
	}
});

it('a field value the person table forbids (too long, not text) is refused and reaches nobody; a good one goes through', async () => {
	const stack = await ctx.start();
	const reader = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	try {
		await waitSynced(reader);
		const oma = readPeople(reader.doc)[0];
		expect(oma).toBeDefined();
		const youth = await openRaw(stack.wsBase, 'youth');
		/** A change to Oma's entry, made on a copy of the map as the server has it now. */
		const change = (fn: (person: Y.Map<unknown>) => void) => {
			const copy = new Y.Doc();
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(reader.doc));
			const before = Y.encodeStateVector(copy);
			fn(copy.getMap(ROOT.people).get(oma.id) as Y.Map<unknown>);
			return Y.encodeStateAsUpdate(copy, before);
		};
		const refused: [string, unknown][] = [
			['knownSince', 'x'.repeat(PERSON_FIELDS.knownSince.max + 1)],
			['knownSince', 2019],
			['name', 'x'.repeat(PERSON_FIELDS.name.max + 1)]
		];
		for (const [key, value] of refused) {
			const bad = change((p) => p.set(key, value));
			expect(await send(youth, bad), key).toEqual(['invalid']);
		}
		const good = change((p) => p.set('knownSince', 'sinds 2019'));
		expect(await send(youth, good)).toEqual([]);
		await waitForDoc(reader.doc, (d) => readPeople(d).find((p) => p.id === oma.id)?.knownSince === 'sinds 2019');
		expect(readPeople(reader.doc).find((p) => p.id === oma.id)?.name).toBe(oma.name);
		youth.ws.terminate();
	} finally {
		destroyProvider(reader);
	}
});

it('a device that sends its whole copy back (its IndexedDB loaded after the socket opened) is not refused', async () => {
	const stack = await ctx.start();
	const jim = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.jim.token);
	try {
		await waitSynced(jim);
		// The whole map as this device holds it: the schema version the server wrote among it.
		expect(schemaVersionOf(jim.doc)).toBe(SCHEMA_VERSION);
		const raw = await openRaw(stack.wsBase, 'jim');
		expect(await send(raw, Y.encodeStateAsUpdate(jim.doc))).toEqual([]);
		raw.ws.terminate();
	} finally {
		destroyProvider(jim);
	}
});
