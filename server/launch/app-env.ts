import { existsSync } from 'node:fs';

/** Debian's jemalloc (package libjemalloc2, installed by .ci/run) for this machine's architecture. */
export const JEMALLOC = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu/libjemalloc.so.2`;

/**
 * Environment for the app process (each worker in cluster mode), beside its configuration.
 *
 * glibc's malloc hands little of what it freed back to the system: after 4,000 connections came
 * and went, the app kept 50 MiB more than before (npm run bench:org -- --only memory). So the app
 * runs on jemalloc where it is installed, which gives back pages a few seconds after they are
 * freed (a thread of its own does that, also while the process is quiet). Without it, glibc with
 * two arenas (each thread that allocates would otherwise get its own). KRING_MALLOC=glibc keeps
 * glibc; a value the operator set for MALLOC_ARENA_MAX or MALLOC_CONF wins.
 */
export function appProcessEnv(env: NodeJS.ProcessEnv, jemalloc = JEMALLOC): NodeJS.ProcessEnv {
	// V8 grows its young generation to 2 × 16 MiB in a burst (4,000 clients at once) and keeps it.
	const own = env.NODE_OPTIONS ?? '';
	const nodeOptions = own.includes('--max-semi-space-size') ? own : [own, '--max-semi-space-size=4'].filter(Boolean).join(' ');
	const glibc = { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2', NODE_OPTIONS: nodeOptions };
	if (env.KRING_MALLOC === 'glibc' || !existsSync(jemalloc)) return glibc;
	const preload = [env.LD_PRELOAD, jemalloc].filter(Boolean).join(' ');
	return { ...glibc, LD_PRELOAD: preload, MALLOC_CONF: env.MALLOC_CONF ?? 'background_thread:true,narenas:1' };
}
