// Raw y-websocket frames for tests that play a misbehaving client on a plain `ws` socket.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type WebSocket from 'ws';
import { decodeStatus, type RefusalReason } from '../../src/lib/protocol/sync.ts';

export const MSG = { sync: 0, awareness: 1, queryAwareness: 3, status: 100 } as const;

/** Builds a frame from varuints, length-prefixed byte arrays and strings, in order. */
export function frame(...parts: (number | Uint8Array | string)[]): Uint8Array {
	const e = encoding.createEncoder();
	for (const part of parts) {
		if (typeof part === 'number') encoding.writeVarUint(e, part);
		else if (typeof part === 'string') encoding.writeVarString(e, part);
		else encoding.writeVarUint8Array(e, part);
	}
	return encoding.toUint8Array(e);
}

/** An awareness message with these entries (client id, clock, state). */
export function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
	const update = frame(entries.length, ...entries.flatMap((e) => [e.clientId, e.clock, JSON.stringify(e.state)]));
	return frame(MSG.awareness, update);
}

/** A sync update message carrying a Yjs update. */
export function updateFrame(update: Uint8Array): Uint8Array {
	return frame(MSG.sync, 2, update);
}

/** Sync step 1 with an empty state vector: the server answers with step 2 after everything sent before. */
export const STEP1 = frame(MSG.sync, 0, new Uint8Array([0]));

/** Every frame the socket receives from now on, in order. */
export function collect(ws: WebSocket): Uint8Array[] {
	const got: Uint8Array[] = [];
	ws.on('message', (data) => got.push(new Uint8Array(data as Buffer)));
	return got;
}

/** Sends STEP1 and resolves once its answer (sync step 2) is among `got`, with the frames before it. */
export async function roundTrip(ws: WebSocket, got: Uint8Array[]): Promise<Uint8Array[]> {
	const from = got.length;
	ws.send(STEP1);
	for (;;) {
		const at = got.findIndex((m, i) => i >= from && m[0] === MSG.sync && m[1] === 1);
		if (at >= 0) return got.slice(from, at);
		await new Promise((resolve) => ws.once('message', resolve));
	}
}

/** The reasons of the refusals (Kring's status messages) among frames received, in order. */
export function refusalsIn(frames: Uint8Array[]): RefusalReason[] {
	return frames
		.filter((m) => m[0] === MSG.status)
		.map((m) => {
			const d = decoding.createDecoder(m);
			decoding.readVarUint(d);
			return decodeStatus(d);
		})
		.flatMap((s) => (s.kind === 'refused' ? [s.reason] : []));
}
