import { createSyncServer, type SyncServer } from './sync/index.ts';
import { consoleLog, type Log } from './sync/log.ts';

/** Where PocketBase listens unless POCKETBASE_URL says otherwise (loopback only). */
export const DEFAULT_POCKETBASE_URL = 'http://127.0.0.1:8090';

export class ConfigError extends Error {}

function required(env: NodeJS.ProcessEnv, name: string): string {
	const value = env[name];
	if (!value) throw new ConfigError(`${name} is not set: start Kring with \`npm start\`, or see README.md`);
	return value;
}

/** The sync server as configured by the environment (see README.md, "Environment variables"). */
export function syncServerFromEnv(env: NodeJS.ProcessEnv): SyncServer {
	return createSyncServer({
		pocketbaseUrl: env.POCKETBASE_URL || DEFAULT_POCKETBASE_URL,
		superuser: { email: required(env, 'PB_SUPERUSER_EMAIL'), password: required(env, 'PB_SUPERUSER_PASSWORD') },
		allowedOrigins: env.ORIGIN ? [env.ORIGIN] : undefined,
		proxySecret: env.KRING_PROXY_SECRET || undefined,
		log: workerLog(env.KRING_WORKER_ID)
	});
}

/** In cluster mode (KRING_WORKER_ID, server/launch/cluster.ts) each line names its worker. */
function workerLog(worker: string | undefined): Log {
	if (!worker) return consoleLog;
	return (level, msg, fields) => consoleLog(level, msg, { worker, ...fields });
}
