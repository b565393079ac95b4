/**
 * `npm run retention`: lists the youth files (maps) closed 20 years ago or longer, past the
 * Jeugdwet's retention; deletes nothing. The work is PocketBase's binary's
 * (`kring-pocketbase retention`, server/pocketbase/retention/); it only reads, so Kring may run.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildPocketBase } from './build.ts';
import { dataDirFrom, pocketbaseDataDir } from './data-dir.ts';
import { pocketbaseCommand } from './paths.ts';

const env = process.env;
const pbData = pocketbaseDataDir(dataDirFrom(env));
if (!existsSync(join(pbData, 'data.db'))) {
	console.error(`[kring] no Kring data in ${pbData} (KRING_DATA_DIR)`);
	process.exit(1);
}
await buildPocketBase((msg) => console.error(`[kring] ${msg}`));
const child = spawn(pocketbaseCommand(env), ['retention', '--dir', pbData, '--dev=false'], { stdio: 'inherit' });
child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
