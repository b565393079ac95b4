/**
 * Production entry: one Node process serves the SvelteKit app (adapter-node build), the
 * sync endpoint (/sync/<map id>) and its HTTP side (/sync-api/) on one port. Started by `npm start`; reads its settings from
 * the environment (README.md).
 */
import { createServer, type Server } from 'node:http';
import { syncServerFromEnv } from './config.ts';
import { logsWritten } from './sync/log.ts';

const { handler } = await import(new URL('../build/handler.js', import.meta.url).href);
const sync = syncServerFromEnv(process.env);

const port = Number(process.env.PORT || 3000);
// Cluster mode (server/launch/cluster.ts): which worker this is, on every HTTP answer and log line.
const worker = process.env.KRING_WORKER_ID || undefined;
// Loopback by default; HOST=0.0.0.0 (or an address) to serve a network.
const hosts = process.env.HOST ? [process.env.HOST] : ['127.0.0.1', '::1'];

/**
 * Connections the kernel may hold for us before we accept them (Linux caps it at
 * net.core.somaxconn, 4096 on current kernels). Node's 511 overflowed when an organisation's
 * clients all came at once (after a restart, or a Monday morning) and the app was busy: the
 * kernel dropped their handshakes, and 236 of 4,000 clients saw their connection reset
 * (npm run bench:org -- --maps 20000 --only load; TcpExtListenOverflows in `nstat`).
 */
const LISTEN_BACKLOG = 4096;

function listen(host: string): Promise<Server | null> {
	// /sync-api/ (evaluation moments, restore) is the sync server's; everything else is the app's.
	const server = createServer((req, res) => {
		if (worker) res.setHeader('X-Kring-Worker', worker);
		if (!sync.handleRequest(req, res)) handler(req, res);
	});
	server.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
	});
	return new Promise((resolve, reject) => {
		server.once('error', (err: NodeJS.ErrnoException) => {
			// A machine without IPv6 loopback still serves on 127.0.0.1.
			if (host === '::1' && (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT')) resolve(null);
			else reject(err);
		});
		server.listen({ port, host, backlog: LISTEN_BACKLOG }, () => resolve(server));
	});
}

const servers = (await Promise.all(hosts.map(listen))).filter((s): s is Server => s !== null);
console.log(JSON.stringify({ level: 'info', msg: 'kring listening', port, hosts, worker }));

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	console.log(JSON.stringify({ level: 'info', msg: 'kring stopping', signal }));
	for (const s of servers) s.close();
	// Flush every open map to PocketBase before exiting.
	await sync.close();
	for (const s of servers) s.closeAllConnections();
	await logsWritten();
	process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
