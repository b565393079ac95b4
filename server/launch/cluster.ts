/**
 * Cluster mode of `npm start` (KRING_WORKERS=N, N ≥ 2): N app processes (server/index.ts, each the
 * whole app with its sync server) on loopback ports, behind HAProxy on the app's public port.
 * HAProxy sends every request for one map (/sync/<map>, /sync-api/maps/<map>/…) to one worker by
 * consistent hashing on the map id, and keeps it there (a stick table) until that worker dies, so
 * two workers never hold one map live; pages go to any worker, by the client's address so that the
 * login limit (in each worker's memory) still counts per address. README: "Sizing and deployment".
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

export interface ClusterWorker {
	/** w1, w2, …: HAProxy's server name, the worker's KRING_WORKER_ID and its log field. */
	id: string;
	/** Where the worker listens, on 127.0.0.1 only. */
	port: number;
}

/** How many workers KRING_WORKERS asks for: 1 (today's single process) when unset. */
export function clusterSize(env: NodeJS.ProcessEnv): number {
	const raw = env.KRING_WORKERS?.trim();
	if (!raw) return 1;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`KRING_WORKERS must be a whole number from 1 to 64, not "${raw}"`);
	return n;
}

/**
 * The client-address settings of the workers behind HAProxy, which adds the client's address to
 * X-Forwarded-For: one more hop than what the operator set for a proxy in front (README,
 * ADDRESS_HEADER and XFF_DEPTH). A header other than X-Forwarded-For passes through as it is.
 */
export function workerAddressEnv(env: NodeJS.ProcessEnv): { ADDRESS_HEADER: string; XFF_DEPTH?: string } {
	const header = env.ADDRESS_HEADER?.toLowerCase();
	if (header && header !== 'x-forwarded-for') return { ADDRESS_HEADER: header };
	const outer = header ? Number(env.XFF_DEPTH) || 1 : 0;
	return { ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: String(outer + 1) };
}

export interface HaproxyConfigOptions {
	/** Public addresses, as `host` (IPv4 or IPv6, no brackets) and one port. */
	hosts: string[];
	port: number;
	workers: ClusterWorker[];
	/** The operator's own proxy settings (see workerAddressEnv), to hash pages on the client's address. */
	env: NodeJS.ProcessEnv;
}

/** Only a PocketBase record id is a key: a made-up path cannot fill the stick table with junk. */
const MAP_ID = '^[a-z0-9]{15}$';

export function haproxyConfig(opts: HaproxyConfigOptions): string {
	const bind = (host: string) => (host.includes(':') ? `ipv6@${host}:${opts.port}` : `${host}:${opts.port}`);
	const header = opts.env.ADDRESS_HEADER?.toLowerCase();
	// The client's address as the workers will read it: behind a proxy of the operator's, from its header.
	const appBalance = !header
		? 'source'
		: header === 'x-forwarded-for'
			? `hash req.hdr(x-forwarded-for,-${Number(opts.env.XFF_DEPTH) || 1})`
			: `hash req.hdr(${header})`;
	return [
		'# Written by `npm start` (server/launch/cluster.ts) at each start; edits are overwritten.',
		'global',
		'    # no log target: HAProxy prints alerts and server state changes (UP, DOWN) to stderr',
		'',
		'defaults',
		'    mode http',
		'    option forwardfor',
		'    timeout connect 2s',
		'    timeout http-request 10s',
		'    timeout client 60s',
		'    timeout server 60s',
		// A sync socket is pinged every 30 s (server/sync/protocol.ts): an open map stays well inside this.
		'    timeout tunnel 1h',
		'    timeout client-fin 5s',
		// Only a connection that failed is retried, each time on another worker: the request never
		// reached a worker, so nothing ran twice.
		'    retries 3',
		'    option redispatch 1',
		'',
		'frontend kring',
		...opts.hosts.map((host) => `    bind ${bind(host)}`),
		`    http-request set-var(txn.map) path,field(3,/) if { path_beg /sync/ } { path,field(3,/) -m reg ${MAP_ID} }`,
		`    http-request set-var(txn.map) path,field(4,/) if { path_beg /sync-api/maps/ } { path,field(4,/) -m reg ${MAP_ID} }`,
		'    use_backend sync if { path_beg /sync/ /sync-api/ }',
		'    default_backend app',
		'',
		'backend sync',
		// A map goes where its id hashes to, unless it is already open elsewhere (the table): after a
		// failover its clients stay on the worker that took it over, also once the first is back.
		'    balance hash var(txn.map)',
		'    hash-type consistent',
		'    stick-table type string len 15 size 200k expire 24h',
		'    stick on var(txn.map)',
		// A TCP check: a worker is taken out when it no longer accepts connections (it died), never
		// while it is alive and busy, which could leave it holding maps that open elsewhere too.
		...opts.workers.map((w) => `    server ${w.id} 127.0.0.1:${w.port} check inter 500ms fall 2 rise 2`),
		'',
		'backend app',
		`    balance ${appBalance}`,
		'    hash-type consistent',
		...opts.workers.map((w) => `    server ${w.id} 127.0.0.1:${w.port} track sync/${w.id}`),
		''
	].join('\n');
}

/** The HAProxy binary: KRING_HAPROXY_BIN, else `haproxy` on the PATH or Debian's /usr/sbin/haproxy. */
export function findHaproxy(env: NodeJS.ProcessEnv): string {
	const candidates = env.KRING_HAPROXY_BIN ? [env.KRING_HAPROXY_BIN] : ['haproxy', '/usr/sbin/haproxy'];
	for (const bin of candidates) {
		if (bin.includes('/') && !existsSync(bin)) continue;
		const probe = spawnSync(bin, ['-v'], { encoding: 'utf8' });
		if (probe.status === 0) return bin;
	}
	throw new Error(
		'KRING_WORKERS needs HAProxy (2.6 or newer) as its load balancer and none was found: install it ' +
			'(Debian: apt-get install -y haproxy) or set KRING_HAPROXY_BIN'
	);
}

/** A port that was free on 127.0.0.1 a moment ago (a worker keeps it across its restarts). */
export function freeLoopbackPort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether this machine has an IPv6 loopback to bind (HAProxy refuses to start on a missing one). */
export function hasIpv6Loopback(): Promise<boolean> {
	return new Promise((resolve) => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(0, '::1', () => server.close(() => resolve(true)));
	});
}

/**
 * Starts HAProxy in the foreground with `configPath` and resolves once `host:port` accepts
 * connections (HAProxy prints nothing when it is ready); rejects if it exits before.
 */
export function startHaproxy(
	bin: string,
	configPath: string,
	host: string,
	port: number,
	onLine: (line: string) => void
): Promise<ChildProcess> {
	const child = spawn(bin, ['-db', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
	const forward = (chunk: Buffer) => {
		for (const line of chunk.toString().split('\n')) if (line.trim()) onLine(line);
	};
	child.stdout!.on('data', forward);
	child.stderr!.on('data', forward);
	return new Promise((resolve, reject) => {
		let exited = false;
		child.once('error', reject);
		child.once('exit', (code, signal) => {
			exited = true;
			reject(new Error(`HAProxy exited before listening (${signal ?? code})`));
		});
		const deadline = Date.now() + 10_000;
		const probe = () => {
			if (exited) return;
			const socket = connect({ host, port });
			socket.once('connect', () => {
				socket.destroy();
				resolve(child);
			});
			socket.once('error', () => {
				socket.destroy();
				if (Date.now() > deadline) {
					child.kill('SIGTERM');
					reject(new Error(`HAProxy did not listen on ${host}:${port} within 10 s`));
				} else setTimeout(probe, 50);
			});
		};
		probe();
	});
}
