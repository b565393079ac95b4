// A socket outlives the check at its upgrade; access changes must still reach it. Removed
// members, changed roles and ended sessions lose their open connection as soon as PocketBase
// tells the sync server (realtime events), and only the connections concerned are checked.
import PocketBase from 'pocketbase';
import { expect, it } from 'vitest';
import { AccessCloseCode } from '../../src/lib/protocol/sync.ts';
import { adminClient, createUser } from '../helpers/fixtures.ts';
import { rawConnect, usePocketBaseFixture } from './sync-harness.ts';
import type WebSocket from 'ws';

const ctx = usePocketBaseFixture();

function closed(ws: WebSocket): Promise<number> {
	return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

async function openAs(wsBase: string, token: string): Promise<WebSocket> {
	const outcome = await rawConnect(`${wsBase}/${ctx.fx.mapId}?token=${token}`);
	if (outcome.kind !== 'open') throw new Error(`refused with ${outcome.status}`);
	return outcome.ws;
}

it('a member removed from the map loses the open connection, and cannot come back', async () => {
	const stack = await ctx.start();
	const admin = await adminClient(ctx.pb);
	const neighbour = await createUser(ctx.pb, 'buurvrouw');
	const row = await admin.collection('map_members').create({ map: ctx.fx.mapId, user: neighbour.id, role: 'jim' });
	const ws = await openAs(stack.wsBase, neighbour.token);
	const gone = closed(ws);
	await admin.collection('map_members').delete(row.id);
	expect(await gone).toBe(AccessCloseCode.accessEnded);
	const again = await rawConnect(`${stack.wsBase}/${ctx.fx.mapId}?token=${neighbour.token}`);
	expect(again).toMatchObject({ kind: 'refused', status: 403 });
});

it('a reviewer taken off the team loses the open connection', async () => {
	const stack = await ctx.start();
	const admin = await adminClient(ctx.pb);
	const reviewer = await createUser(ctx.pb, 'teamleider');
	const row = await admin.collection('team_members').create({ team: ctx.fx.teamId, user: reviewer.id, role: 'reviewer' });
	const ws = await openAs(stack.wsBase, reviewer.token);
	const gone = closed(ws);
	await admin.collection('team_members').delete(row.id);
	expect(await gone).toBe(AccessCloseCode.accessEnded);
});

it('a role change closes the connection so that the client reconnects with the new rights', async () => {
	const stack = await ctx.start();
	const admin = await adminClient(ctx.pb);
	const aunt = await createUser(ctx.pb, 'tante');
	const row = await admin.collection('map_members').create({ map: ctx.fx.mapId, user: aunt.id, role: 'jim' });
	const ws = await openAs(stack.wsBase, aunt.token);
	const gone = closed(ws);
	await admin.collection('map_members').update(row.id, { role: 'parent' });
	expect(await gone).toBe(AccessCloseCode.roleChanged);
	await openAs(stack.wsBase, aunt.token);
	await stack.waitForLog((e) => e.msg === 'connection opened' && e.fields.userId === aunt.id && e.fields.readOnly === true);
});

it('a change to one membership checks only the connection it concerns; the others stay connected', async () => {
	const stack = await ctx.start();
	await stack.waitForLog((e) => e.msg === 'realtime subscribed');
	const ws = await openAs(stack.wsBase, ctx.fx.users.jim.token);
	let closedCode: number | null = null;
	ws.once('close', (code) => (closedCode = code));
	const admin = await adminClient(ctx.pb);
	const other = await createUser(ctx.pb, 'oom');
	const row = await admin.collection('map_members').create({ map: ctx.fx.mapId, user: other.id, role: 'parent' });
	const otherWs = await openAs(stack.wsBase, other.token);
	const otherGone = closed(otherWs);
	await admin.collection('map_members').delete(row.id);
	expect(await otherGone).toBe(AccessCloseCode.accessEnded);
	expect(closedCode).toBeNull();
	// The creation concerned no open connection; the removal one: PocketBase was asked about one.
	const checks = stack.logs.filter((e) => e.msg === 'access checked');
	expect(checks.map((e) => e.fields.connections)).toEqual([1]);
	ws.close();
});

it('logging out closes the open connections of that session, and its token is refused after', async () => {
	const stack = await ctx.start();
	const client = new PocketBase(ctx.pb.url);
	const { token } = await client.collection('users').authWithPassword(ctx.fx.users.jim.email, ctx.fx.users.jim.password);
	const ws = await openAs(stack.wsBase, token);
	const gone = closed(ws);
	await client.send('/api/kring/logout', { method: 'POST' });
	expect(await gone).toBe(AccessCloseCode.sessionEnded);
	const again = await rawConnect(`${stack.wsBase}/${ctx.fx.mapId}?token=${token}`);
	expect(again).toMatchObject({ kind: 'refused', status: 401 });
});
