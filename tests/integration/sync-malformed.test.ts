import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import {
	closeCode,
	connectProvider,
	destroyProvider,
	markPerson,
	personName,
	rawConnect,
	startSync,
	waitForDoc,
	waitSynced,
	type SyncStack
} from './sync-harness.ts';

const MAX_FRAME = 4096;

let pb: PocketBaseInstance;
let fx: Fixture;
let sync: SyncStack;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	sync = await startSync(pb, { maxFrameBytes: MAX_FRAME });
});
afterAll(async () => {
	await sync?.close();
	await pb?.stop();
});

/** Builds a frame from varuints, length-prefixed byte arrays and strings, in order. */
function frame(...parts: (number | Uint8Array | string)[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(e, part);
		else if (typeof part === 'string') encoding.writeVarString(e, part);
		else encoding.writeVarUint8Array(e, part);
	}
	return encoding.toUint8Array(e);
}

const SYNC = 0;
const AWARENESS = 1;
const SYNC_UPDATE = 2;

/** A sync update that announces 200 bytes of payload but carries 3. */
const truncated = new Uint8Array([SYNC, SYNC_UPDATE, 200, 1, 1, 2, 3]);
/** One awareness entry (client 5, clock 1) whose state is not JSON. */
const badAwareness = frame(AWARENESS, frame(1, 5, 1, '{nope'));

const frames: [string, Uint8Array | string, number[]][] = [
	['random bytes', new Uint8Array([0xff, 0xfe, 0x07, 0x13, 0x99, 0x01, 0xaa]), [1003, 1007]],
	['an unknown message type', frame(42), [1003]],
	['an unknown sync message type', frame(SYNC, 9, new Uint8Array([0])), [1003]],
	['a truncated sync update', truncated, [1007]],
	['an update Yjs cannot apply', frame(SYNC, SYNC_UPDATE, new Uint8Array([9, 200, 1, 7, 7, 7])), [1007]],
	['an awareness update that is not JSON', badAwareness, [1007]],
	['a text frame', 'hello', [1003]],
	['a frame above maxFrameBytes', new Uint8Array(MAX_FRAME + 1), [1009]]
];

it.each(frames)('%s closes only that connection', async (name, bytes, codes) => {
	const professional = connectProvider(sync.wsBase, fx.mapId, fx.users.professional.token);
	const youth = connectProvider(sync.wsBase, fx.mapId, fx.users.youth.token);
	await Promise.all([waitSynced(professional), waitSynced(youth)]);

	const raw = await rawConnect(`${sync.wsBase}/${fx.mapId}?token=${fx.users.jim.token}`);
	if (raw.kind !== 'open') throw new Error(`upgrade refused: ${raw.status}`);
	const closed = closeCode(raw.ws);
	raw.ws.send(bytes, { binary: typeof bytes !== 'string' });
	expect(codes).toContain(await closed);

	// The others on the map keep working...
	const key = name.replace(/\W+/g, '-');
	markPerson(professional.doc, key, name);
	await waitForDoc(youth.doc, (d) => personName(d, key) === name);

	// ...and the server still takes new connections.
	const late = connectProvider(sync.wsBase, fx.mapId, fx.users.jim.token);
	await waitSynced(late);
	await waitForDoc(late.doc, (d) => personName(d, key) === name);

	for (const p of [professional, youth, late]) destroyProvider(p);
	expect(raw.ws.readyState).toBe(WebSocket.CLOSED);
});
