import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hashPaths } from './hash.ts';
import { cacheDir, pocketbaseBinary, root } from './paths.ts';

type Log = (msg: string) => void;

/**
 * Runs `build` only when the digest of `inputs` differs from the one recorded after the last
 * successful build (or the output is missing).
 */
async function cached(name: string, inputs: string[], output: string, build: () => Promise<void>, log: Log): Promise<boolean> {
	const stampFile = join(cacheDir, `${name}.stamp`);
	// Outside a git checkout, skip what builds write under src/ (Paraglide's output, the inlang cache).
	const digest = await hashPaths(root, inputs, ['node_modules', '.svelte-kit', 'paraglide', 'cache', '.lix']);
	const previous = await readFile(stampFile, 'utf8').catch(() => '');
	if (previous === digest && existsSync(output)) return false;
	log(`building ${name}…`);
	const started = Date.now();
	await build();
	await mkdir(cacheDir, { recursive: true });
	await writeFile(stampFile, digest);
	log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return true;
}

export function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: 'inherit' });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolvePromise() : reject(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? code})`))
		);
	});
}

/** Builds PocketBase with Kring's migrations from its Go module when its sources changed. */
export function buildPocketBase(log: Log = console.log): Promise<boolean> {
	return cached(
		'pocketbase',
		['server/pocketbase'],
		pocketbaseBinary,
		() => run('go', ['build', '-trimpath', '-o', pocketbaseBinary, '.'], join(root, 'server/pocketbase')),
		log
	);
}

/** Builds the SvelteKit app (adapter-node, into build/) when its sources changed. */
export function buildApp(log: Log = console.log): Promise<boolean> {
	return cached(
		'app',
		['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json', 'tsconfig.json'],
		join(root, 'build', 'handler.js'),
		() => run(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], root),
		log
	);
}

/** Where the compiled app process lives: beside build/, whose handler.js it loads (../build/). */
export const serverEntry = join(root, 'build-server', 'index.js');

/**
 * Compiles the app process (server/index.ts: the HTTP server, the sync server and what they use
 * of src/lib) into one ES module, so production runs plain JavaScript rather than TypeScript
 * through tsx. Packages stay imports of node_modules.
 */
export function buildServer(log: Log = console.log): Promise<boolean> {
	return cached(
		'server',
		['server/index.ts', 'server/config.ts', 'server/sync', 'src/lib', 'package-lock.json', 'tsconfig.json'],
		serverEntry,
		async () => {
			const { build } = await import('esbuild');
			await build({
				entryPoints: [join(root, 'server/index.ts')],
				outfile: serverEntry,
				bundle: true,
				packages: 'external',
				platform: 'node',
				format: 'esm',
				target: 'node20',
				sourcemap: true,
				logLevel: 'warning'
			});
		},
		log
	);
}

// `tsx server/launch/build.ts` builds all three (used by `npm test` and CI).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const what = process.argv.slice(2);
	const steps = what.length ? what : ['pocketbase', 'app', 'server'];
	for (const step of steps) {
		if (step === 'pocketbase') await buildPocketBase();
		else if (step === 'app') await buildApp();
		else if (step === 'server') await buildServer();
		else throw new Error(`unknown build step: ${step}`);
	}
}
