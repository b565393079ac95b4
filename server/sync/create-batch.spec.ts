import { ClientResponseError } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import { createBatcher } from './create-batch.ts';

function recorder(opts: { failBatch?: unknown; badItem?: number } = {}) {
	const batches: number[][] = [];
	const singles: number[] = [];
	const create = createBatcher<number, string>({
		max: 3,
		async sendBatch(items) {
			batches.push(items);
			if (opts.failBatch) throw opts.failBatch;
			return items.map((n) => `id${n}`);
		},
		async sendOne(n) {
			singles.push(n);
			if (n === opts.badItem) throw new ClientResponseError({ status: 400, data: { message: 'bad' } });
			return `id${n}`;
		}
	});
	return { create, batches, singles };
}

describe('createBatcher', () => {
	it('sends the creates of one moment as batches of at most max, each caller getting its own answer', async () => {
		const { create, batches, singles } = recorder();
		const results = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(create));
		expect(results).toEqual(['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'id7']);
		expect(batches).toEqual([
			[1, 2, 3],
			[4, 5, 6]
		]);
		expect(singles).toEqual([7]); // a batch of one is a plain request
	});

	it('a create on its own is sent on its own', async () => {
		const { create, batches, singles } = recorder();
		expect(await create(9)).toBe('id9');
		expect(await create(10)).toBe('id10');
		expect(batches).toEqual([]);
		expect(singles).toEqual([9, 10]);
	});

	it('a batch PocketBase refuses is sent again one by one: only the bad record fails', async () => {
		const { create, singles } = recorder({ failBatch: new ClientResponseError({ status: 400 }), badItem: 2 });
		const results = await Promise.allSettled([1, 2, 3].map(create));
		expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(singles).toEqual([1, 2, 3]);
	});

	it('when PocketBase is down, every create of the batch fails without being tried again one by one', async () => {
		const down = new ClientResponseError({ status: 0 });
		const { create, singles } = recorder({ failBatch: down });
		const results = await Promise.allSettled([1, 2].map(create));
		expect(results).toEqual([
			{ status: 'rejected', reason: down },
			{ status: 'rejected', reason: down }
		]);
		expect(singles).toEqual([]);
	});
});
