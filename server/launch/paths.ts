import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root, whatever the working directory. */
export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Build outputs that are cheap to throw away (git-ignored). */
export const cacheDir = join(root, '.cache');
export const pocketbaseBinary = join(cacheDir, 'bin', 'kring-pocketbase');
/**
 * The PocketBase binary `npm start` runs: the one built above, or KRING_POCKETBASE_BIN (a copy
 * elsewhere, for example a prebuilt one an operator deploys).
 */
export function pocketbaseCommand(env: NodeJS.ProcessEnv = process.env): string {
	return env.KRING_POCKETBASE_BIN ? resolve(env.KRING_POCKETBASE_BIN) : pocketbaseBinary;
}
