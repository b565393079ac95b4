// The live map stops growing before it outgrows what a version can store: a map just under the
// cap, full of the text that grows most in JSON, still gets its evaluation moment and its version.
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { NAME_MAX, NOTE_MAX, PERSON } from '../../src/lib/doc/schema.ts';
import { STATUS_PARAM } from '../../src/lib/protocol/sync.ts';
import { collect, refusalsIn, roundTrip, updateFrame } from './sync-frames.ts';
import { rawConnect, syncApi, usePocketBaseFixture } from './sync-harness.ts';
import { adminClient } from '../helpers/fixtures.ts';

const ctx = usePocketBaseFixture();

it('a map filled up to its size limit with text that doubles in JSON still gets an evaluation moment and a version', async () => {
	const stack = await ctx.start();
	const r = await rawConnect(`${stack.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users.professional.token}&${STATUS_PARAM}=1`);
	if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
	const got = collect(r.ws);
	await roundTrip(r.ws, got);

	// Quotes and backslashes: one byte each in the map, two in JSON.
	const source = new Y.Doc();
	let count = 0;
	const batch = (size: number): Uint8Array => {
		const before = Y.encodeStateVector(source);
		source.transact(() => {
			for (let i = 0; i < size; i++) {
				const person = new Y.Map<unknown>();
				const id = `p${++count}`;
				person.set(PERSON.id, id);
				person.set(PERSON.name, '\\'.repeat(NAME_MAX));
				person.set(PERSON.note, '"'.repeat(NOTE_MAX));
				person.set(PERSON.createdAt, Date.now());
				source.getMap('people').set(id, person);
			}
		});
		return Y.encodeStateAsUpdate(source, before);
	};
	// Batches of about 750 KiB until the server says the map is full.
	for (;;) {
		r.ws.send(updateFrame(batch(1200)));
		const reasons = refusalsIn(await roundTrip(r.ws, got));
		if (reasons.includes('too-large')) break;
		expect(reasons).toEqual([]);
	}
	count -= 1200; // the last batch was refused

	const made = await syncApi(stack, `/sync-api/maps/${ctx.fx.mapId}/evaluations`, ctx.fx.users.professional.token, { note: 'Vol' });
	expect(made.status).toBe(201);
	expect(made.body.version.metrics).toMatchObject({ people: count });
	const admin = await adminClient(ctx.pb);
	const stored = await admin.collection('map_versions').getOne(made.body.version.id, { fields: 'projection' });
	expect(JSON.stringify(stored.projection).length).toBeGreaterThan(4 << 20); // more than a version could hold before
	r.ws.terminate();
});
