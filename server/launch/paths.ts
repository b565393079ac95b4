import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root, whatever the working directory. */
export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Build outputs that are cheap to throw away (git-ignored). */
export const cacheDir = join(root, '.cache');
export const pocketbaseBinary = join(cacheDir, 'bin', 'kring-pocketbase');
