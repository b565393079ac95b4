// A list of maps through the SDK (maps.getList(), getFullList()) is decided by the maps rule; PocketBase
// is helped to find the user's maps by index (server/pocketbase/hooks/maps_list.go). What each user
// gets must be exactly what the rule gives: their maps, their team's maps when they review it,
// with their own filter, sort, page and count, and also when they are on too many maps to be helped.
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { eventually } from './sync-harness.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let admin: PocketBase;
/** The maps of team Noord (the fixture's team) and of the other team, by youth name. */
const noord = new Map<string, string>();
let elsewhere = '';

function as(user: FixtureUser): PocketBase {
	const client = new PocketBase(pb.url);
	client.autoCancellation(false);
	client.authStore.save(user.token);
	return client;
}

async function newMap(team: string, youth: string, members: [FixtureUser, string][]): Promise<string> {
	const map = await admin.collection('maps').create({ team, youth_name: youth });
	for (const [user, role] of members) await admin.collection('map_members').create({ map: map.id, user: user.id, role });
	return map.id;
}

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	admin = await adminClient(pb);
	noord.set('Sam', fx.mapId);
	for (const youth of ['Noor', 'Ayoub', 'Lina'])
		noord.set(youth, await newMap(fx.teamId, youth, [[fx.users.professional, 'professional']]));
	// A map of the team the professional is not on, and one of another team he is on.
	noord.set('Mees', await newMap(fx.teamId, 'Mees', []));
	elsewhere = await newMap(fx.otherTeamId, 'Zuid', [
		[fx.users.outsider, 'professional'],
		[fx.users.professional, 'professional']
	]);
});
afterAll(() => pb?.stop());

it('gives each user exactly the maps the rule lets them see', async () => {
	const mine = ['Sam', 'Noor', 'Ayoub', 'Lina'].map((y) => noord.get(y)!);
	expect(ids(await as(fx.users.professional).collection('maps').getFullList())).toEqual([...mine, elsewhere].sort());
	// The reviewer reads every map of the team, the one nobody is on too, and nothing of the other team.
	expect(ids(await as(fx.users.reviewer).collection('maps').getFullList())).toEqual([...noord.values()].sort());
	expect(ids(await as(fx.users.outsider).collection('maps').getFullList())).toEqual([elsewhere]);
	expect(ids(await as(fx.users.youth).collection('maps').getFullList())).toEqual([fx.mapId]);
	const stranger = await createUser(pb, 'stranger-list');
	expect(await as(stranger).collection('maps').getFullList()).toEqual([]);
});

it('lets PocketBase start from the maps the user is on (the request it runs names them)', async () => {
	// Kring's PocketBase logs failed requests only (migrations/1765400000_request_logs.go): here
	// every request is logged, as an operator may set it, to read the one PocketBase ran.
	await admin.settings.update({ logs: { minLevel: 0 } });
	await as(fx.users.youth).collection('maps').getList(1, 10, { filter: 'youth_name != ""' });
	// PocketBase logs each request as it ran it (written in batches, within a few seconds).
	const url = await eventually(async () => {
		const logs = await admin.logs.getList(1, 1, { filter: 'data.url ~ "/api/collections/maps/records" && data.url ~ "youth_name"' });
		return logs.items[0] ? String(logs.items[0].data?.url) : undefined;
	});
	expect(decodeURIComponent(url.replaceAll('+', ' '))).toContain(`(youth_name != "") && id != "" && (id = "${fx.mapId}")`);
});

it("keeps the user's own filter, sort, page and count", async () => {
	const pro = as(fx.users.professional);
	const page = await pro.collection('maps').getList(1, 2, { sort: 'youth_name' });
	expect(page.totalItems).toBe(5);
	expect(page.totalPages).toBe(3);
	expect(page.items.map((m) => m.youth_name)).toEqual(['Ayoub', 'Lina']);
	const byName = await pro.collection('maps').getList(1, 50, { filter: 'youth_name = "Noor" || youth_name = "Mees"' });
	// Mees is of his team, but he is not on it: his filter does not widen what he sees.
	expect(byName.items.map((m) => m.youth_name)).toEqual(['Noor']);
	expect(byName.totalItems).toBe(1);
	// A filter that is not one whole expression is refused as before, not stitched into the addition.
	await expect(pro.collection('maps').getList(1, 50, { filter: 'id != "") || (id != ""' })).rejects.toMatchObject({ status: 400 });
	// By the collection's id as well as its name.
	const collection = await admin.collections.getOne('maps');
	const byId = await pro.send(`/api/collections/${collection.id}/records`, { query: { perPage: 50 } });
	expect(ids(byId.items)).toEqual(ids(await pro.collection('maps').getFullList()));
});

it('gives someone on very many maps all of them, the slow way', async () => {
	const busy = await createUser(pb, 'busy-list');
	const many: string[] = [];
	for (let i = 0; i < 62; i++) many.push(await newMap(fx.teamId, `Jongere ${i}`, [[busy, 'professional']]));
	const list = await as(busy).collection('maps').getFullList({ batch: 25 });
	expect(ids(list)).toEqual(many.sort());
});
