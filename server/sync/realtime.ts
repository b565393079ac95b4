// PocketBase's realtime events, as the sync server's service identity receives them: a
// server-sent event stream (GET /api/realtime) whose first event names the client, then a
// subscription (POST /api/realtime) to the topics wanted. Node 20 has no EventSource, and the
// SDK needs one, so this reads the stream with fetch.
//
// A stream can drop (PocketBase restarts, a network hiccup). Events sent meanwhile are lost, so
// `onSubscribed` runs after every (re)subscription: the caller then checks what it follows.
import type { ServiceClient } from './service.ts';
import { errorSummary, type Log } from './log.ts';

export interface RealtimeEvent {
	/** The collection, from the topic ("map_members/*" → "map_members"). */
	collection: string;
	action: 'create' | 'update' | 'delete';
	record: Record<string, unknown>;
}

export interface RealtimeOptions {
	service: ServiceClient;
	/** Collections whose every record event is wanted. */
	collections: string[];
	onEvent(event: RealtimeEvent): void;
	/** After each (re)subscription; events before it may have been missed. */
	onSubscribed(): void;
	log: Log;
	/** Reconnect delays: full jitter between 0 and min(maxMs, baseMs · 2^attempt). */
	retry?: { baseMs: number; maxMs: number };
}

export interface Realtime {
	stop(): void;
}

interface SseMessage {
	event: string;
	data: string;
}

/** Splits a server-sent event stream into messages (the fields Kring needs: event and data). */
export function sseParser(onMessage: (m: SseMessage) => void): (chunk: string) => void {
	let buffer = '';
	return (chunk) => {
		buffer += chunk.replace(/\r\n?/g, '\n');
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			let event = 'message';
			const data: string[] = [];
			for (const line of block.split('\n')) {
				if (line.startsWith(':')) continue;
				const colon = line.indexOf(':');
				const field = colon < 0 ? line : line.slice(0, colon);
				const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
				if (field === 'event') event = value;
				else if (field === 'data') data.push(value);
			}
			if (data.length > 0 || event !== 'message') onMessage({ event, data: data.join('\n') });
		}
	};
}

export function subscribeRealtime(opts: RealtimeOptions): Realtime {
	const { service, log } = opts;
	const retry = opts.retry ?? { baseMs: 250, maxMs: 15_000 };
	const topics = opts.collections.map((c) => `${c}/*`);
	let stopped = false;
	let current: AbortController | null = null;
	let attempt = 0;
	let timer: NodeJS.Timeout | null = null;

	async function connect(): Promise<void> {
		const abort = new AbortController();
		current = abort;
		// The service identity signs in first, so that PocketBase sees a superuser connecting
		// (hooks/sync_access.go keeps its stream open longer than a browser's).
		await service.authed(() => service.pb.collection('_superusers').authRefresh(service.opts()));
		const response = await fetch(service.pb.buildURL('/api/realtime'), {
			headers: { Accept: 'text/event-stream', Authorization: service.pb.authStore.token },
			signal: abort.signal
		});
		if (!response.ok || !response.body) throw new Error(`realtime answered ${response.status}`);
		const decoder = new TextDecoder();
		let subscribed = false;
		const parse = sseParser((message) => {
			if (message.event === 'PB_CONNECT') {
				const clientId = (JSON.parse(message.data) as { clientId?: unknown }).clientId;
				if (typeof clientId !== 'string') throw new Error('realtime: no client id');
				void subscribe(clientId).then(
					() => {
						subscribed = true;
						attempt = 0;
						log('info', 'realtime subscribed', { topics: topics.length });
						opts.onSubscribed();
					},
					(err: unknown) => {
						log('warn', 'realtime subscription failed', errorSummary(err));
						abort.abort();
					}
				);
				return;
			}
			if (!subscribed) return;
			const collection = message.event.replace(/\/\*$/, '');
			let parsed: { action?: unknown; record?: unknown };
			try {
				parsed = JSON.parse(message.data) as typeof parsed;
			} catch {
				return;
			}
			const { action, record } = parsed;
			if ((action === 'create' || action === 'update' || action === 'delete') && record && typeof record === 'object') {
				opts.onEvent({ collection, action, record: record as Record<string, unknown> });
			}
		});
		const reader = response.body.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			parse(decoder.decode(value, { stream: true }));
		}
	}

	function subscribe(clientId: string): Promise<unknown> {
		return service.authed(() =>
			service.pb.send('/api/realtime', { method: 'POST', body: { clientId, subscriptions: topics }, ...service.opts() })
		);
	}

	function run(): void {
		if (stopped) return;
		connect().then(
			() => reconnect('stream ended'),
			(err: unknown) => reconnect(String(errorSummary(err).reason || 'stream failed'))
		);
	}

	function reconnect(why: string): void {
		current = null;
		if (stopped) return;
		const delay = Math.random() * Math.min(retry.maxMs, retry.baseMs * 2 ** attempt);
		attempt = Math.min(attempt + 1, 16);
		log('warn', 'realtime disconnected, reconnecting', { why, delayMs: Math.round(delay) });
		timer = setTimeout(run, delay);
		timer.unref();
	}

	run();
	return {
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			current?.abort();
		}
	};
}
