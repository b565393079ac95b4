/**
 * Environment for the app process (each worker in cluster mode), beside its configuration. glibc
 * gives each thread that allocates its own malloc arena and hands little of them back: after
 * 4,000 connections came and went, the app kept some 60 MiB more than before (npm run bench:org
 * -- --only memory). Two arenas are plenty for Node's few threads. A value set by the operator wins.
 */
export function appProcessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return { MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' };
}
