// Who opened a map and what they did with it (NEN 7513): PocketBase writes a row when it lets a
// user view a map or the app says it was printed, the sync server one for an evaluation moment, a
// restore and an erasure; with the user, their role and where they came from. The youth and the
// map's professional read them; nobody changes or deletes one through the API.
import PocketBase, { type RecordModel } from 'pocketbase';
import { expect, it } from 'vitest';
import { adminClient, createUser, type FixtureUser } from '../helpers/fixtures.ts';
import { forwardedFor } from '../helpers/pocketbase.ts';
import { rawConnect, syncApi, useSyncStack } from './sync-harness.ts';

const ctx = useSyncStack();

function as(user: FixtureUser, address?: string): PocketBase {
	const client = new PocketBase(ctx.pb.url);
	client.autoCancellation(false);
	client.authStore.save(user.token, null);
	if (address)
		client.beforeSend = (url, options) => ({
			url,
			options: { ...options, headers: { ...options.headers, ...forwardedFor(ctx.pb, address) } }
		});
	return client;
}

/** A caller who reaches PocketBase directly and claims an address, without the proxy secret. */
function spoofing(user: FixtureUser, address: string, secret = ''): PocketBase {
	const client = as(user);
	const headers = { 'x-forwarded-for': address, ...(secret ? { 'x-kring-proxy': secret } : {}) };
	client.beforeSend = (url, options) => ({ url, options: { ...options, headers: { ...options.headers, ...headers } } });
	return client;
}

async function logOf(mapId: string): Promise<RecordModel[]> {
	const admin = await adminClient(ctx.pb);
	return admin.collection('access_log').getFullList({ filter: admin.filter('map = {:m}', { m: mapId }), sort: 'created' });
}

it('opening a map is logged once per visit with who, their role and where from; a refused look is not', async () => {
	const { mapId, users } = ctx.fx;
	await as(users.professional, '203.0.113.7').collection('maps').getOne(mapId);
	// The same visit: the page and its live connection, a reload.
	await as(users.professional, '203.0.113.7').collection('maps').getOne(mapId);
	await as(users.reviewer, '198.51.100.2').collection('maps').getOne(mapId);
	await expect(as(users.outsider).collection('maps').getOne(mapId)).rejects.toMatchObject({ status: 404 });

	const rows = await logOf(mapId);
	expect(rows.map((r) => [r.user, r.role, r.action, r.address])).toEqual([
		[users.professional.id, 'professional', 'view', '203.0.113.7'],
		[users.reviewer.id, 'reviewer', 'view', '198.51.100.2']
	]);
	expect(rows[0].user_name).toBe('professional');
	expect(rows.some((r) => r.user === users.outsider.id)).toBe(false);
});

it('opening the live map is logged too, with the address the sync server saw', async () => {
	const { mapId, users } = ctx.fx;
	// From another loopback address than the sync server's own, so the two can be told apart.
	const opened = await rawConnect(`${ctx.sync.wsBase}/${mapId}?token=${users.jim.token}`, {}, '127.0.0.2');
	if (opened.kind !== 'open') throw new Error(`refused: ${opened.status}`);
	opened.ws.terminate();
	const row = (await logOf(mapId)).find((r) => r.user === users.jim.id);
	expect(row).toMatchObject({ role: 'jim', action: 'view', address: '127.0.0.2' });
});

it('the youth and the professional read the log of their map; the JIM, a reviewer and others do not', async () => {
	const { mapId, users } = ctx.fx;
	const filter = `map = "${mapId}"`;
	for (const who of [users.youth, users.professional]) {
		const rows = await as(who).collection('access_log').getFullList({ filter });
		expect(rows.length).toBeGreaterThanOrEqual(3);
	}
	for (const who of [users.jim, users.reviewer, users.outsider]) {
		expect(await as(who).collection('access_log').getFullList({ filter })).toEqual([]);
	}
	await expect(new PocketBase(ctx.pb.url).collection('access_log').getFullList({ filter })).resolves.toEqual([]);
});

it('nobody writes, changes or deletes a line of the log through the API', async () => {
	const { mapId, users } = ctx.fx;
	const [row] = await logOf(mapId);
	for (const who of [users.youth, users.professional]) {
		const client = as(who);
		await expect(client.collection('access_log').create({ map: mapId, user: who.id, action: 'view' })).rejects.toMatchObject({
			status: 403
		});
		await expect(client.collection('access_log').update(row.id, { user_name: 'niemand' })).rejects.toMatchObject({ status: 403 });
		await expect(client.collection('access_log').delete(row.id)).rejects.toMatchObject({ status: 403 });
	}
	expect((await logOf(mapId))[0]).toMatchObject({ id: row.id, user_name: row.user_name });
});

it('printing, an evaluation moment, a restore and an erasure are logged as what they are', async () => {
	const { mapId, users } = ctx.fx;
	const printed = (who: FixtureUser) => as(who, '192.0.2.44').send(`/api/kring/maps/${mapId}/printed`, { method: 'POST' });
	await printed(users.youth);
	await expect(printed(users.outsider)).rejects.toMatchObject({ status: 404 });
	await expect(new PocketBase(ctx.pb.url).send(`/api/kring/maps/${mapId}/printed`, { method: 'POST' })).rejects.toMatchObject({
		status: 401
	});

	const evaluation = await syncApi(ctx.sync, `/sync-api/maps/${mapId}/evaluations`, users.professional.token, { note: 'Evaluatie' });
	expect(evaluation.status).toBe(201);
	const restored = await syncApi(
		ctx.sync,
		`/sync-api/maps/${mapId}/versions/${evaluation.body.version.id}/restore`,
		users.professional.token,
		{}
	);
	expect(restored.status).toBe(200);
	// Refused: nothing happened, so nothing is logged as done.
	expect((await syncApi(ctx.sync, `/sync-api/maps/${mapId}/people/nobody/erase`, users.professional.token, {})).status).toBe(404);

	const rows = await logOf(mapId);
	expect(rows.filter((r) => r.action !== 'view').map((r) => [r.user, r.role, r.action])).toEqual([
		[users.youth.id, 'youth', 'print'],
		[users.professional.id, 'professional', 'evaluation'],
		[users.professional.id, 'professional', 'restore']
	]);
	expect(rows.find((r) => r.action === 'print')?.address).toBe('192.0.2.44');
	expect(rows.find((r) => r.action === 'evaluation')?.address).toBe('127.0.0.1');
	expect(rows.some((r) => r.user === users.outsider.id)).toBe(false);
});

it('an address claimed without the proxy secret is not believed: the log keeps where the request came from', async () => {
	const { mapId } = ctx.fx;
	const admin = await adminClient(ctx.pb);
	const [oma, opa] = await Promise.all([createUser(ctx.pb, 'oma'), createUser(ctx.pb, 'opa')]);
	for (const u of [oma, opa]) await admin.collection('map_members').create({ map: mapId, user: u.id, role: 'parent' });
	await spoofing(oma, '192.0.2.99').collection('maps').getOne(mapId);
	await spoofing(opa, '192.0.2.98', 'not-the-secret').collection('maps').getOne(mapId);
	const rows = await logOf(mapId);
	expect(rows.filter((r) => r.user === oma.id || r.user === opa.id).map((r) => r.address)).toEqual(['127.0.0.1', '127.0.0.1']);
});

it('reading a map’s versions is logged as reading its history, once per visit; a refused read is not', async () => {
	const { mapId, users } = ctx.fx;
	const made = await syncApi(ctx.sync, `/sync-api/maps/${mapId}/evaluations`, users.professional.token, { note: 'Voor de geschiedenis' });
	expect(made.status).toBe(201);
	const reviewer = as(users.reviewer, '192.0.2.61');
	const listed = await reviewer
		.collection('map_versions')
		.getFullList({ filter: reviewer.filter('map = {:m}', { m: mapId }), fields: 'id,projection' });
	expect(listed.length).toBeGreaterThan(0);
	await reviewer.collection('map_versions').getOne(made.body.version.id, { fields: 'id,projection' });
	// Someone outside the team gets nothing, and nothing is logged for them.
	expect(
		await as(users.outsider)
			.collection('map_versions')
			.getFullList({ filter: `map = "${mapId}"` })
	).toEqual([]);

	const history = (await logOf(mapId)).filter((r) => r.action === 'history');
	expect(history.map((r) => [r.user, r.role, r.address])).toEqual([[users.reviewer.id, 'reviewer', '192.0.2.61']]);
});
