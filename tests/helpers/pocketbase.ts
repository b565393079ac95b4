import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPocketBase } from '../../server/launch/build.ts';
import { startPocketBase as spawnPocketBase, upsertSuperuser, type Superuser } from '../../server/launch/pocketbase.ts';
import { freePort } from './ports.ts';

export interface PocketBaseInstance {
	url: string;
	superuser: Superuser;
	dataDir: string;
	/** KRING_PROXY_SECRET of this PocketBase: with it, X-Forwarded-For is trusted (see forwardedFor). */
	proxySecret?: string;
	stop(): Promise<void>;
}

/**
 * The real PocketBase (built from Go) on a free port with a temporary data folder; `env` is added
 * to its environment (for example KRING_INVITES_PER_HOUR for a test that invites a lot).
 */
export async function startPocketBase(opts: { env?: NodeJS.ProcessEnv } = {}): Promise<PocketBaseInstance> {
	await buildPocketBase(() => {});
	const dataDir = await mkdtemp(join(tmpdir(), 'kring-pb-'));
	const superuser = { email: 'sync@kring.test', password: `test-${Math.random().toString(36).slice(2)}-pw` };
	await upsertSuperuser(dataDir, superuser);
	const proxySecret = randomBytes(16).toString('hex');
	const env = { KRING_PROXY_SECRET: proxySecret, ...opts.env };
	const pb = await spawnPocketBase({ dataDir, host: '127.0.0.1', port: await freePort(), env });
	return {
		url: pb.url,
		superuser,
		dataDir,
		proxySecret,
		async stop() {
			await pb.stop();
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

/** Headers with which the Node server passes a browser's address to PocketBase `pb`. */
export function forwardedFor(pb: PocketBaseInstance, address: string): Record<string, string> {
	return { 'x-forwarded-for': address, ...(pb.proxySecret ? { 'x-kring-proxy': pb.proxySecret } : {}) };
}
