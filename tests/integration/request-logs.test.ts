// PocketBase's own log keeps failed requests (for whoever runs Kring) but no row for a request that
// succeeded: such a row held the request's whole address, and with it what a user searched for
// (migrations/1765400000_request_logs.go). Kring's access log is the record of who opened what.
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, createFixture, type Fixture } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { eventually } from './sync-harness.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let admin: PocketBase;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	admin = await adminClient(pb);
});
afterAll(() => pb?.stop());

it('logs a failed request but not what a user searched for', async () => {
	const professional = new PocketBase(pb.url);
	professional.authStore.save(fx.users.professional.token);
	const found = await professional
		.collection('maps')
		.getList(1, 10, { filter: professional.filter('youth_name ~ {:q}', { q: 'Zoekwoord-Sam' }) });
	expect(found.items).toEqual([]);

	// Then a request that fails: its row shows that the log has been written up to here.
	const stranger = new PocketBase(pb.url);
	await expect(stranger.collection('map_members').getOne('nietbestaand123')).rejects.toMatchObject({ status: 404 });
	const failed = await eventually(async () => {
		const page = await admin.logs.getList(1, 50, { filter: 'data.url ~ "nietbestaand123"' });
		return page.items[0];
	});
	expect(failed.data.status).toBe(404);

	const { items: all, totalItems } = await admin.logs.getList(1, 500);
	expect(all.length).toBe(totalItems);
	expect(JSON.stringify(all)).not.toContain('Zoekwoord');
	expect(all.filter((row) => row.data.type === 'request' && Number(row.data.status) < 400)).toEqual([]);
});
