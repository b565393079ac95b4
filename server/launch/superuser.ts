import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Superuser } from './pocketbase.ts';

/**
 * The superuser the servers use for persistence: from PB_SUPERUSER_EMAIL and
 * PB_SUPERUSER_PASSWORD, else generated once into the data folder (never committed).
 */
export async function resolveSuperuser(env: NodeJS.ProcessEnv, dataDir: string): Promise<Superuser> {
	if (env.PB_SUPERUSER_EMAIL && env.PB_SUPERUSER_PASSWORD) {
		return { email: env.PB_SUPERUSER_EMAIL, password: env.PB_SUPERUSER_PASSWORD };
	}
	const file = join(dataDir, 'superuser.json');
	const saved = await readFile(file, 'utf8')
		.then((text) => JSON.parse(text) as Superuser)
		.catch(() => null);
	if (saved?.email && saved.password) return saved;
	const generated = { email: 'kring-service@localhost.local', password: randomBytes(24).toString('base64url') };
	await writeFile(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
	return generated;
}
