// The HTTP client the server's PocketBase SDK clients use (the pages' and the sync server's): a
// plain node:http request over kept-alive sockets instead of the global fetch. Every page view
// and every map opened asks PocketBase something, and the global fetch (undici, with web streams
// around each body) cost the sync server more CPU than the answers themselves: a node that opened
// 4,000 connections at once spent 8.6 s in it (npm run bench:org -- --maps 5000 --only load).
// Only what the SDK uses is offered: method, headers, a string body, a signal; the answer's
// status, url and json(). Anything else (a FormData body, a file) goes to the global fetch.
import http from 'node:http';
import https from 'node:https';
import type PocketBase from 'pocketbase';
import type { SendOptions } from 'pocketbase';

/** What the SDK reads of an answer (pocketbase's Client.send). */
export interface PocketBaseResponse {
	readonly status: number;
	readonly ok: boolean;
	readonly url: string;
	json(): Promise<unknown>;
	text(): Promise<string>;
}

/** Sockets kept open to PocketBase per process; more requests than this wait for a free one. */
const MAX_SOCKETS = 64;
/** An idle socket is closed well before PocketBase closes it (its idle timeout is 5 minutes). */
const IDLE_MS = 60_000;
const agents = {
	'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_MS }),
	'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_MS })
};

function abortError(signal: AbortSignal): unknown {
	return signal.reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

function headersOf(init: RequestInit): Record<string, string> {
	const out: Record<string, string> = {};
	const h = init.headers;
	if (!h) return out;
	if (h instanceof Headers || Array.isArray(h)) for (const [k, v] of new Headers(h)) out[k] = v;
	else for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = String(v);
	return out;
}

/** A fetch for PocketBase's SDK (pass as the `fetch` send option). */
export function pocketbaseFetch(input: string | URL | Request, init: RequestInit = {}): Promise<PocketBaseResponse | Response> {
	const body = init.body;
	if (input instanceof Request || (body !== undefined && body !== null && typeof body !== 'string')) return fetch(input, init);
	const url = new URL(input);
	const agent = agents[url.protocol as keyof typeof agents];
	if (!agent) return fetch(input, init);
	const { signal } = init;
	return new Promise((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortError(signal));
			return;
		}
		const headers = headersOf(init);
		if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
		const request = (url.protocol === 'https:' ? https : http).request(url, { method: init.method ?? 'GET', headers, agent }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', fail);
			res.on('end', () => {
				signal?.removeEventListener('abort', onAbort);
				const text = Buffer.concat(chunks).toString('utf8');
				const status = res.statusCode ?? 0;
				resolve({
					status,
					ok: status >= 200 && status < 300,
					url: url.href,
					json: async () => JSON.parse(text) as unknown,
					text: async () => text
				});
			});
		});
		function fail(err: unknown) {
			signal?.removeEventListener('abort', onAbort);
			reject(err);
		}
		function onAbort() {
			const reason = abortError(signal!);
			request.destroy(reason instanceof Error ? reason : undefined);
			reject(reason);
		}
		signal?.addEventListener('abort', onAbort, { once: true });
		request.on('error', fail);
		request.end(typeof body === 'string' ? body : undefined);
	});
}

/** Makes an SDK client send through pocketbaseFetch, after any beforeSend it already has. */
export function useFastFetch<C extends PocketBase>(pb: C): C {
	const before = pb.beforeSend;
	pb.beforeSend = async (url: string, options: SendOptions) => {
		const changed = before ? await before(url, options) : {};
		const opts: SendOptions = changed.options ?? options;
		return { url: changed.url ?? url, options: { ...opts, fetch: opts.fetch ?? (pocketbaseFetch as unknown as typeof fetch) } };
	};
	return pb;
}
