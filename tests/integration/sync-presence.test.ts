// Presence (awareness) is bounded per connection, and one connection cannot take over another's.
import * as decoding from 'lib0/decoding';
import { expect, it } from 'vitest';
import type WebSocket from 'ws';
import { connectProvider, destroyProvider, rawConnect, useSyncStack, waitForAwareness, waitSynced } from './sync-harness.ts';
import { MSG, awarenessFrame, collect, roundTrip } from './sync-frames.ts';
import { sendOwnPresenceOnly } from '../../src/lib/sync/own-presence.ts';

const ctx = useSyncStack();

async function raw(who: 'professional' | 'youth' | 'jim' | 'reviewer'): Promise<WebSocket> {
	const r = await rawConnect(`${ctx.sync.wsBase}/${ctx.fx.mapId}?token=${ctx.fx.users[who].token}`);
	if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
	return r.ws;
}

function observer() {
	return connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
}

it('a presence state above 8 KiB is dropped; a normal one from the same reviewer is shown with their name', async () => {
	const watcher = observer();
	await waitSynced(watcher);
	const seenBig: unknown[] = [];
	watcher.awareness.on('change', () => {
		const s = watcher.awareness.getStates().get(7001) as { cursor?: string } | undefined;
		if (s?.cursor && s.cursor.length > 1000) seenBig.push(s);
	});
	const reviewer = await raw('reviewer');
	reviewer.send(awarenessFrame([{ clientId: 7001, clock: 1, state: { user: { name: 'fake' }, cursor: 'x'.repeat(10_000) } }]));
	reviewer.send(awarenessFrame([{ clientId: 7001, clock: 2, state: { user: { name: 'fake' }, cursor: 'small' } }]));
	const shown = await waitForAwareness(watcher, (states) => (states.get(7001)?.cursor === 'small' ? states.get(7001) : undefined));
	expect(seenBig).toEqual([]);
	// Read-only, and still present, under the name the server knows (not the one it sent).
	expect((shown.user as { name: string; role: string }).name).not.toBe('fake');
	reviewer.terminate();
	destroyProvider(watcher);
});

it('a socket announces at most 4 presence client ids', async () => {
	const watcher = observer();
	await waitSynced(watcher);
	const jim = await raw('jim');
	const ids = [7101, 7102, 7103, 7104, 7105];
	jim.send(awarenessFrame(ids.map((clientId) => ({ clientId, clock: 1, state: { user: {}, n: clientId } }))));
	// Sent after the five, so shown after whatever the server did with them.
	jim.send(awarenessFrame([{ clientId: 7101, clock: 2, state: { user: {}, marker: true } }]));
	const states = await waitForAwareness(watcher, (s) => (s.get(7101)?.marker ? s : undefined));
	expect(ids.filter((id) => states.has(id))).toEqual([7101, 7102, 7103, 7104]);
	jim.terminate();
	destroyProvider(watcher);
});

it('another connection cannot overwrite a member’s presence by using their client id', async () => {
	const professional = observer();
	const watcher = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.jim.token);
	await Promise.all([waitSynced(professional), waitSynced(watcher)]);
	const victim = professional.awareness.clientID;
	professional.awareness.setLocalStateField('cursor', 'mine');
	await waitForAwareness(watcher, (s) => (s.get(victim)?.cursor === 'mine' ? true : undefined));

	const youth = await raw('youth');
	youth.send(awarenessFrame([{ clientId: victim, clock: 10_000, state: { user: {}, cursor: 'stolen' } }]));
	youth.send(awarenessFrame([{ clientId: victim, clock: 10_001, state: null }]));
	youth.send(awarenessFrame([{ clientId: 7201, clock: 1, state: { user: {}, marker: true } }]));
	const states = await waitForAwareness(watcher, (s) => (s.get(7201)?.marker ? s : undefined));
	expect(states.get(victim)?.cursor).toBe('mine');
	// When the thief leaves, only its own presence goes.
	youth.close();
	const after = await waitForAwareness(watcher, (s) => (s.has(7201) ? undefined : s));
	expect(after.get(victim)?.cursor).toBe('mine');
	destroyProvider(professional);
	destroyProvider(watcher);
});

it('a flood of presence queries is answered once, not once per query', async () => {
	const professional = observer();
	await waitSynced(professional);
	professional.awareness.setLocalStateField('cursor', 'here');
	const reviewer = await raw('reviewer');
	const got = collect(reviewer);
	await roundTrip(reviewer, got); // past the greeting (which carries presence too)
	for (let i = 0; i < 50; i++) reviewer.send(new Uint8Array([MSG.queryAwareness]));
	const between = await roundTrip(reviewer, got);
	const answers = between.filter((m) => m[0] === MSG.awareness).length;
	expect(answers).toBeGreaterThanOrEqual(1);
	// One answer; a second only if the client's own presence renewal happened to come in between.
	expect(answers).toBeLessThanOrEqual(2);
	reviewer.terminate();
	destroyProvider(professional);
});

it('a page sends only its own presence: what it hears of a partner does not go back to the server', async () => {
	const partner = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	const page = observer();
	const stop = sendOwnPresenceOnly(page);
	try {
		await Promise.all([waitSynced(partner), waitSynced(page)]);
		// Every awareness message the page sends, by the client ids it carries.
		const sentFor: number[][] = [];
		const ws = page.ws!;
		const send = ws.send.bind(ws);
		ws.send = (data: Parameters<typeof ws.send>[0]) => {
			const bytes = new Uint8Array(data as ArrayBuffer);
			const decoder = decoding.createDecoder(bytes);
			if (decoding.readVarUint(decoder) === MSG.awareness) {
				const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
				const ids: number[] = [];
				for (let n = decoding.readVarUint(update); n > 0; n--) {
					ids.push(decoding.readVarUint(update));
					decoding.readVarUint(update);
					decoding.readVarString(update);
				}
				sentFor.push(ids);
			}
			send(data);
		};
		page.awareness.setLocalStateField('selection', 'oma');
		for (const step of ['a', 'b', 'c']) partner.awareness.setLocalStateField('dragging', step);
		await waitForAwareness(page, (states) => (states.get(partner.doc.clientID)?.dragging === 'c' ? true : undefined));
		page.awareness.setLocalStateField('selection', 'opa');
		await waitForAwareness(partner, (states) => (states.get(page.doc.clientID)?.selection === 'opa' ? true : undefined));
		expect(sentFor.length).toBeGreaterThan(0);
		expect(sentFor.flat().filter((id) => id !== page.doc.clientID)).toEqual([]);
	} finally {
		stop();
		destroyProvider(page);
		destroyProvider(partner);
	}
});
