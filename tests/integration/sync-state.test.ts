// GET /sync-api/maps/<map>/state: the map for a page that opens it, before its websocket is up
// (server/sync/state-api.ts). The same access as the socket, decided by PocketBase as the user.
import * as Y from 'yjs';
import { expect, it } from 'vitest';
import { adminClient, createUser } from '../helpers/fixtures.ts';
import { connectProvider, destroyProvider, usePocketBaseFixture, waitSynced, type SyncStack } from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';
import { addPerson, readPeople } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';

const ctx = usePocketBaseFixture();
const origin = localOrigin('test');

function getState(stack: SyncStack, mapId: string, token: string | null, init: RequestInit = {}) {
	const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) };
	return fetch(`${stack.httpBase}/sync-api/maps/${mapId}/state`, { ...init, headers });
}

/** Writes Oma onto the map as the youth, stored, so a fresh room loads her from PocketBase. */
async function mapWithOma(stack: SyncStack): Promise<void> {
	const youth = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	try {
		await waitSynced(youth.provider);
		if (!readPeople(youth.doc).some((p) => p.name === 'Oma')) {
			addPerson(youth.doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
			expect(await youth.save.whenStored(10_000)).toBe(true);
		}
	} finally {
		youth.destroy();
	}
}

it("gives a member the whole map as one Yjs update, never cached, and keeps the room loaded for the page's socket", async () => {
	await mapWithOma(await ctx.start());
	// A server of its own: the room is cold, as when a page opens a map nobody has open.
	const stack = await ctx.start();
	const res = await getState(stack, ctx.fx.mapId, ctx.fx.users.professional.token);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('application/octet-stream');
	expect(res.headers.get('cache-control')).toBe('no-store');
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
	expect(readPeople(doc).map((p) => p.name)).toContain('Oma');
	// The room stays loaded for the page's socket, but at rest: only its encoding is kept.
	expect(stack.server.roomCount).toBe(1);
	expect(stack.server.restingCount).toBe(1);
	const sent = await stack.waitForLog((e) => e.msg === 'map state sent');
	// Ids only in the log: no names.
	expect(JSON.stringify(sent.fields)).not.toContain('Oma');

	// The page's socket comes next: it finds the room loaded (loaded once, not twice) and has
	// nothing to catch up on.
	const provider = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token, doc);
	try {
		await waitSynced(provider);
		expect(stack.logs.filter((e) => e.msg === 'room loaded')).toHaveLength(1);
		expect(readPeople(doc).filter((p) => p.name === 'Oma')).toHaveLength(1);

		// Someone on the map changes it, so it wakes. Another page opening it does not put it
		// back to rest while people are on it.
		const youth = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
		try {
			await waitSynced(youth.provider);
			addPerson(youth.doc, { name: 'Buurman', sector: 'familie', ring: 3 }, origin);
			expect(await youth.save.whenStored(10_000)).toBe(true);
			expect(stack.server.restingCount).toBe(0);
			expect((await getState(stack, ctx.fx.mapId, ctx.fx.users.professional.token)).status).toBe(200);
			expect(stack.server.restingCount).toBe(0);
		} finally {
			youth.destroy();
		}
	} finally {
		destroyProvider(provider);
	}
});

it('a reviewer reads it too, and taking it as the socket would sends nothing back', async () => {
	const stack = await ctx.start();
	await mapWithOma(stack);
	const res = await getState(stack, ctx.fx.mapId, ctx.fx.users.reviewer.token);
	expect(res.status).toBe(200);
	const state = new Uint8Array(await res.arrayBuffer());
	const doc = new Y.Doc();
	const provider = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.reviewer.token, doc);
	// The state may come in when the socket is open but not yet synced (a map open elsewhere
	// answers fast): taken as the page takes it (loadServerState), from the provider, it is not
	// sent on as a write of the reviewer's.
	provider.on('status', ({ status }: { status: string }) => {
		if (status === 'connected') Y.applyUpdate(doc, state, provider);
	});
	try {
		await waitSynced(provider);
		expect(readPeople(doc).map((p) => p.name)).toContain('Oma');
	} finally {
		destroyProvider(provider);
	}
	// A write of a reviewer's is dropped and counted; the count is logged when their socket closes.
	await stack.waitForLog((e) => e.msg === 'connection closed' && e.fields.userId === ctx.fx.users.reviewer.id);
	expect(stack.logs.filter((e) => e.msg === 'dropped messages')).toEqual([]);
});

it('refuses whoever the socket refuses, with nothing of the map', async () => {
	const stack = await ctx.start({ allowedOrigins: ['http://kring.test'] });
	await mapWithOma(stack);
	const refusals: [Response, number, string][] = [
		[await getState(stack, ctx.fx.mapId, null), 401, 'unauthorized'],
		[await getState(stack, ctx.fx.mapId, 'not-a-token-at-all'), 401, 'unauthorized'],
		[await getState(stack, ctx.fx.mapId, ctx.fx.users.outsider.token), 404, 'map-not-found'],
		[await getState(stack, 'aaaaaaaaaaaaaaa', ctx.fx.users.professional.token), 404, 'map-not-found'],
		[await getState(stack, ctx.fx.mapId, ctx.fx.users.professional.token, { method: 'POST' }), 405, 'method-not-allowed'],
		[
			await getState(stack, ctx.fx.mapId, ctx.fx.users.professional.token, { headers: { origin: 'https://elders.example' } }),
			403,
			'foreign-origin'
		]
	];
	for (const [res, status, code] of refusals) {
		expect(res.status).toBe(status);
		expect(res.headers.get('content-type')).toContain('application/json');
		const text = await res.text();
		expect(JSON.parse(text).code).toBe(code);
		expect(text).not.toContain('Oma');
	}
	// The app's own origin is let through.
	const own = await getState(stack, ctx.fx.mapId, ctx.fx.users.professional.token, { headers: { origin: 'http://kring.test' } });
	expect(own.status).toBe(200);
});

it('gives a JIM the youth has not said yes to nothing of the map, as the socket does', async () => {
	const stack = await ctx.start();
	const youth = startWriter(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	try {
		await waitSynced(youth.provider);
		const kevinNode = addPerson(youth.doc, { name: 'Kevin', sector: 'vrienden', ring: 1 }, origin);
		expect(await youth.save.whenStored(10_000)).toBe(true);
		const account = await createUser(ctx.pb, 'kevin-state');
		const admin = await adminClient(ctx.pb);
		await admin.collection('map_members').create({ map: ctx.fx.mapId, user: account.id, role: 'jim', person: kevinNode });

		const res = await getState(stack, ctx.fx.mapId, account.token);
		expect(res.status).toBe(409);
		const text = await res.text();
		expect(JSON.parse(text).code).toBe('awaiting-consent');
		expect(text).not.toContain('Kevin');
	} finally {
		youth.destroy();
	}
});
