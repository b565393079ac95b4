/**
 * A counting HTTP proxy between the app and PocketBase, run as its own process (so the bench's
 * clients never slow it down): the app is given this proxy's address as POCKETBASE_URL.
 * It forwards every request unchanged (streams, keep-alive, server-sent events) and answers the
 * parent over IPC: {type: 'read'} → the count so far and, while recording, each request's time,
 * method, path and which account's token it carried.
 *
 *   PROXY_TARGET=http://127.0.0.1:8090 node --import tsx bench/org/proxy.ts   (prints "proxy listening <port>")
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
	at: number;
	method: string;
	path: string;
	/** The record id in the request's token (`id` claim), or '' without one. */
	auth: string;
}

export type ProxyCommand = { type: 'read'; id: number } | { type: 'record'; id: number; on: boolean };
export interface ProxyReply {
	id: number;
	total: number;
	recorded: ProxiedRequest[];
}

const target = new URL(process.env.PROXY_TARGET ?? 'http://127.0.0.1:8090');
const agent = new Agent({ keepAlive: true, maxSockets: 256 });
let total = 0;
let recording = false;
let recorded: ProxiedRequest[] = [];

function authOf(header: string | undefined): string {
	const token = header?.replace(/^Bearer\s+/i, '') ?? '';
	try {
		const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { id?: string };
		return payload.id ?? '';
	} catch {
		return '';
	}
}

const server = createServer((req, res) => {
	total++;
	if (recording)
		recorded.push({
			at: Date.now(),
			method: req.method ?? '',
			path: (req.url ?? '').split('?')[0],
			auth: authOf(req.headers.authorization)
		});
	const upstream = request(
		{ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
		(up) => {
			res.writeHead(up.statusCode ?? 502, up.statusMessage, up.rawHeaders);
			up.pipe(res);
		}
	);
	upstream.on('error', () => {
		if (!res.headersSent) res.writeHead(502).end();
		else res.destroy();
	});
	// A client that hangs up mid-answer (an SSE stream, say) ends the upstream request too.
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
	});
	req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
	console.log(`proxy listening ${(server.address() as AddressInfo).port}`);
});

process.on('message', (cmd: ProxyCommand) => {
	if (cmd.type === 'record') {
		recording = cmd.on;
		if (cmd.on) recorded = [];
	}
	// Turning recording off answers with what was recorded.
	const reply: ProxyReply = { id: cmd.id, total, recorded: cmd.type === 'read' || !cmd.on ? recorded : [] };
	process.send?.(reply);
});
process.on('disconnect', () => process.exit(0));
