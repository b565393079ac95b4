import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pocketbaseFetch, useFastFetch } from './pocketbase-fetch';

let server: Server;
let base: string;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];
/** Answers that never come, released by the tests. */
const hanging: (() => void)[] = [];

beforeAll(async () => {
	server = createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			seen.push({ method: req.method, url: req.url, headers: req.headers, body });
			if (req.url?.startsWith('/hang')) {
				hanging.push(() => res.end('{}'));
				return;
			}
			if (req.url?.startsWith('/api/missing')) {
				res.writeHead(404, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ status: 404, message: 'Niet gevonden', data: {} }));
				return;
			}
			if (req.url?.startsWith('/empty')) {
				res.writeHead(204);
				res.end();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ echo: body ? JSON.parse(body) : null, name: 'Zoë ✓' }));
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	for (const release of hanging) release();
	await new Promise((r) => server.close(r));
});

describe('pocketbaseFetch', () => {
	it('sends the method, headers and body, and reads status and JSON (UTF-8 intact)', async () => {
		const res = await pocketbaseFetch(`${base}/api/x?a=1`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: 'tok' },
			body: JSON.stringify({ naam: 'Ömer' })
		});
		expect(res.status).toBe(200);
		expect(res.ok).toBe(true);
		expect(await res.json()).toEqual({ echo: { naam: 'Ömer' }, name: 'Zoë ✓' });
		const last = seen.at(-1)!;
		expect(last).toMatchObject({ method: 'POST', url: '/api/x?a=1', body: '{"naam":"Ömer"}' });
		expect(last.headers.authorization).toBe('tok');
		expect(last.headers['content-length']).toBe(String(Buffer.byteLength('{"naam":"Ömer"}')));
	});

	it('rejects with the signal’s reason when it times out, and leaves no answer behind', async () => {
		const at = hanging.length;
		const err = await pocketbaseFetch(`${base}/hang`, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
		expect((err as Error).name).toBe('TimeoutError');
		expect(hanging.length).toBe(at + 1);
	});

	it('rejects at once for a signal already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(pocketbaseFetch(`${base}/api/x`, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
	});

	it('rejects when nothing listens', async () => {
		const closed = createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((r) => closed.close(r));
		await expect(pocketbaseFetch(`http://127.0.0.1:${port}/api/x`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	});
});

describe('useFastFetch with the PocketBase SDK', () => {
	it('keeps an earlier beforeSend, and the SDK reads answers and errors as with fetch', async () => {
		const pb = new PocketBase(base);
		pb.beforeSend = (url, options) => ({ url, options: { ...options, headers: { ...options.headers, 'x-extra': 'ja' } } });
		useFastFetch(pb);
		const answer = await pb.send('/api/ok', { method: 'POST', body: { a: 1 } });
		expect(answer).toEqual({ echo: { a: 1 }, name: 'Zoë ✓' });
		expect(seen.at(-1)!.headers['x-extra']).toBe('ja');

		const err = await pb.send('/api/missing', {}).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ClientResponseError);
		expect(err).toMatchObject({ status: 404, response: { message: 'Niet gevonden' } });

		expect(await pb.send('/empty', { method: 'DELETE' })).toEqual({});
	});
});
