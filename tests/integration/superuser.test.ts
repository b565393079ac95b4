// The superuser the servers use is saved before PocketBase serves, whatever its password looks
// like. A generated password is base64url, so one in 64 begins with '-': PocketBase read it as
// flags, said so, saved nothing and still exited 0, and Kring stopped at its first sign-in with
// "could not start: Failed to authenticate."
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPocketBase } from '../../server/launch/build.ts';
import { startPocketBase, upsertSuperuser } from '../../server/launch/pocketbase.ts';
import { superuserClient } from '../../server/sync/service.ts';
import { freePort } from '../helpers/ports.ts';

let parent: string;

beforeAll(async () => {
	await buildPocketBase(() => {});
	parent = await mkdtemp(join(tmpdir(), 'kring-superuser-'));
});

afterAll(async () => {
	if (parent) await rm(parent, { recursive: true, force: true });
});

it('a password that begins with "-" is saved, and the servers sign in with it', async () => {
	const dataDir = join(parent, 'dash');
	const superuser = { email: 'kring-service@localhost.local', password: '-hX9_pQ2-vLr8sT4wY6zB1nC3mD5fG7j' };
	await upsertSuperuser(dataDir, superuser);
	const pb = await startPocketBase({ dataDir, host: '127.0.0.1', port: await freePort() });
	try {
		const client = await superuserClient(pb.url, superuser);
		expect(client.authStore.isSuperuser).toBe(true);
	} finally {
		await pb.stop();
	}
});

it('a password PocketBase refuses stops the start with its reason, not later at the first sign-in', async () => {
	const superuser = { email: 'kring-service@localhost.local', password: 'kort7' };
	const refused = await upsertSuperuser(join(parent, 'short'), superuser).then(
		() => null,
		(err: Error) => err.message
	);
	expect(refused).toMatch(/could not save the superuser.*at least 8/s);
	// PocketBase's reason, without the password it refused.
	expect(refused).not.toContain('kort7');
});
