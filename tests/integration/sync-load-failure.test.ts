import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { adminClient } from '../helpers/fixtures.ts';
import {
	closeCode,
	connectProvider,
	destroyProvider,
	eventually,
	usePocketBaseFixture,
	waitSynced,
	type SyncStack
} from './sync-harness.ts';

const ctx = usePocketBaseFixture();
const start = ctx.start;

/** A raw client that sends nothing: resolves with the code the server closes it with. */
async function closeCodeOf(stack: SyncStack, mapId: string): Promise<number> {
	const ws = new WebSocket(`${stack.wsBase}/${mapId}?token=${ctx.fx.users.professional.token}`);
	await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
	return closeCode(ws);
}

it('a map that cannot be loaded closes its connections with 1011 and unloads', async () => {
	const stack = await start({ superuser: { email: ctx.pb.superuser.email, password: 'wrong-password' } });
	expect(await closeCodeOf(stack, ctx.fx.mapId)).toBe(1011);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));
	const failure = await stack.waitForLog((e) => e.msg === 'loading map failed');
	expect(JSON.stringify(failure)).not.toContain('wrong-password');
});

it('a corrupt stored state is refused and never overwritten', async () => {
	const admin = await adminClient(ctx.pb);
	const corrupt = Buffer.from([1, 200, 9, 9, 9]).toString('base64');
	const existing = await admin.collection('map_docs').getList(1, 1, { filter: admin.filter('map = {:m}', { m: ctx.fx.mapId }) });
	const record = existing.items[0]
		? await admin.collection('map_docs').update(existing.items[0].id, { state: corrupt })
		: await admin.collection('map_docs').create({ map: ctx.fx.mapId, state: corrupt });

	const stack = await start();
	expect(await closeCodeOf(stack, ctx.fx.mapId)).toBe(1011);
	await eventually(() => (stack.server.roomCount === 0 ? true : undefined));
	expect((await admin.collection('map_docs').getOne(record.id)).state).toBe(corrupt);

	// Repaired (here: removed), the map opens again as an empty document.
	await admin.collection('map_docs').delete(record.id);
	const client = connectProvider(stack.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
	await waitSynced(client);
	destroyProvider(client);
});
