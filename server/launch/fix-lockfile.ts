/**
 * `npm run lock:platforms`: the registry this project installs from serves only some platform
 * builds of packages such as rollup (android, darwin, win32 … answer 404), so `npm install`
 * leaves them out of package-lock.json, and then `npm ci` refuses the lockfile as out of sync.
 * This adds each missing optional platform package with its os/cpu/libc, so `npm ci` skips it as
 * foreign to the machine instead of asking for it. Run it after every `npm install`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './paths.ts';

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'sunos', 'aix', 'netbsd'];
const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 's390x', 'riscv64', 'mips64el', 'wasm32'];

interface LockEntry {
	version?: string;
	optional?: boolean;
	dev?: boolean;
	os?: string[];
	cpu?: string[];
	libc?: string[];
	optionalDependencies?: Record<string, string>;
}

/** os, cpu and libc read off a platform package's name, e.g. rollup-linux-arm64-musl. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | null {
	const parts = name.split('/').pop()!.split('-');
	const os = parts.find((p) => OS.includes(p)) ?? (parts.includes('windows') ? 'win32' : undefined);
	const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('arm') || parts.includes('gnueabihf') ? 'arm' : undefined);
	if (!os || !cpu) return null;
	const libc = parts.includes('musl') || parts.includes('musleabihf') ? 'musl' : parts.includes('gnu') ? 'glibc' : undefined;
	return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) };
}

const file = join(root, 'package-lock.json');
const lock = JSON.parse(await readFile(file, 'utf8')) as { packages: Record<string, LockEntry> };
let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const nested = `${path}/node_modules/${dep}`;
		const top = `node_modules/${dep}`;
		if (lock.packages[nested] || lock.packages[top]) continue;
		const platform = platformOf(dep);
		if (!platform) throw new Error(`${dep} (optional for ${path}) is missing and is no platform package: run npm install`);
		lock.packages[top] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
		added++;
	}
}
await writeFile(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} platform packages this registry does not serve`);
