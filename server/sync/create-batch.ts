// Creates made at the same moment, sent to PocketBase as one batch request (one transaction):
// when a node stops, every open map's session ends at once and keeps a version, and 2,000 single
// requests cost more than the writes themselves. A batch PocketBase refuses (one bad record fails
// the whole transaction) is sent again record by record, so one bad record fails only itself.
import { ClientResponseError } from 'pocketbase';

export interface CreateBatchOptions<T, R> {
	/** Most records in one batch (PocketBase allows 200 requests, server/pocketbase/migrations). */
	max: number;
	/** Sends the records as one batch; the answers in the same order. */
	sendBatch(items: T[]): Promise<R[]>;
	/** Sends one record on its own. */
	sendOne(item: T): Promise<R>;
}

interface Waiting<T, R> {
	item: T;
	resolve(result: R): void;
	reject(err: unknown): void;
}

/** A create function that gathers the calls of one turn of the event loop into batches. */
export function createBatcher<T, R>(opts: CreateBatchOptions<T, R>): (item: T) => Promise<R> {
	let queue: Waiting<T, R>[] = [];
	let scheduled = false;

	async function send(batch: Waiting<T, R>[]): Promise<void> {
		if (batch.length === 1) {
			const [one] = batch;
			await opts.sendOne(one.item).then(one.resolve, one.reject);
			return;
		}
		try {
			const results = await opts.sendBatch(batch.map((w) => w.item));
			batch.forEach((w, i) => w.resolve(results[i]));
		} catch (err) {
			// PocketBase refused a record: each on its own, so only the bad one fails.
			if (err instanceof ClientResponseError && err.status === 400) {
				await Promise.all(batch.map((w) => opts.sendOne(w.item).then(w.resolve, w.reject)));
				return;
			}
			for (const w of batch) w.reject(err);
		}
	}

	function flush(): void {
		scheduled = false;
		const all = queue;
		queue = [];
		for (let i = 0; i < all.length; i += opts.max) void send(all.slice(i, i + opts.max));
	}

	return (item) =>
		new Promise<R>((resolve, reject) => {
			queue.push({ item, resolve, reject });
			if (!scheduled) {
				scheduled = true;
				setImmediate(flush);
			}
		});
}
