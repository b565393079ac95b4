// Each invitation can mint an account: one user makes at most 30 an hour (issue 14: 200 in
// 0.5 s went through). Refused invitations (no right, bad input) do not count.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixture, type Fixture } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { kringApi } from './kring-api.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let api: ReturnType<typeof kringApi>;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	api = kringApi(pb);
});
afterAll(() => pb?.stop());

it('one user makes at most 30 invitations an hour, even all at once; another user is not held up', async () => {
	const { professional, youth } = fx.users;
	expect((await api.invite(professional, fx.mapId, { role: 'jim', label: '' })).status).toBe(400);
	const replies = await Promise.all(
		Array.from({ length: 40 }, (_, i) => api.invite(professional, fx.mapId, { role: 'jim', label: `gast ${i}` }))
	);
	const statuses = replies.map((r) => r.status);
	expect(statuses.filter((s) => s === 201)).toHaveLength(30);
	expect(statuses.filter((s) => s === 429)).toHaveLength(10);
	expect(replies.find((r) => r.status === 429)?.body.message).toMatch(/uitnodigingen/);
	expect((await api.invite(youth, fx.mapId, { role: 'jim', label: 'tante' })).status).toBe(201);
});
