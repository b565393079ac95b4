// The roles are listed once per language: src/lib/roles.ts for the app and the sync server, the
// migrations for PocketBase. This holds the two to each other through the real PocketBase.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAP_ROLES, TEAM_ROLES } from '../../src/lib/roles.ts';
import { adminClient } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';

let pb: PocketBaseInstance;
beforeAll(async () => {
	pb = await startPocketBase();
});
afterAll(() => pb?.stop());

async function selectValues(collection: string, field: string): Promise<string[]> {
	const admin = await adminClient(pb);
	const c = await admin.collections.getOne(collection);
	const f = c.fields.find((x: { name: string }) => x.name === field) as { values?: string[] } | undefined;
	return [...(f?.values ?? [])].sort();
}

it('PocketBase knows the same map roles and team roles as the app and the sync server', async () => {
	expect(await selectValues('map_members', 'role')).toEqual([...MAP_ROLES].sort());
	expect(await selectValues('team_members', 'role')).toEqual([...TEAM_ROLES].sort());
	expect(await selectValues('invitations', 'role')).toEqual([...MAP_ROLES].sort());
});
