import { closeSync, openSync, readFileSync, write } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineWriter } from './log.ts';

describe('lineWriter', () => {
	it('writes every line, in order, without writing in the caller’s turn', async () => {
		const path = join(mkdtempSync(join(tmpdir(), 'kring-log-')), 'out.log');
		const fd = openSync(path, 'w');
		const out = lineWriter(fd);
		for (let i = 0; i < 1000; i++) out.line(`{"n":${i}}`);
		expect(readFileSync(path, 'utf8')).toBe(''); // nothing blocked the caller
		await out.flushed();
		closeSync(fd);
		const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
		expect(lines).toHaveLength(1000);
		expect(lines.map((l) => JSON.parse(l).n)).toEqual([...Array(1000).keys()]);
	});

	it('a reader that falls behind costs bounded memory: lines past the bound are dropped and counted', async () => {
		let release: () => void = () => {};
		const chunks: string[] = [];
		// A pipe nobody reads: the first write hangs until released.
		const slow = ((fd: number, buf: Buffer, off: number, len: number, _pos: null, cb: (e: null, n: number) => void) => {
			chunks.push(buf.subarray(off, off + len).toString());
			if (chunks.length === 1) release = () => cb(null, len);
			else cb(null, len);
		}) as unknown as typeof write;
		const out = lineWriter(99, slow);
		out.line('first');
		await new Promise((r) => setImmediate(r));
		const big = 'x'.repeat(1 << 20);
		for (let i = 0; i < 20; i++) out.line(big); // 20 MiB offered while the reader is stuck
		out.line('after');
		release();
		await out.flushed();
		const text = chunks.join('');
		const kept = text.split('\n').filter((l) => l === big).length;
		expect(kept).toBeLessThanOrEqual(8);
		expect(text).toContain('"msg":"log lines dropped"');
		expect(text.trimEnd().endsWith('after')).toBe(true);
	});

	it('a reader that is gone does not stop the server', async () => {
		const failing = ((_fd: number, _b: Buffer, _o: number, _l: number, _p: null, cb: (e: NodeJS.ErrnoException) => void) =>
			cb(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }))) as unknown as typeof write;
		const out = lineWriter(99, failing);
		out.line('lost');
		await out.flushed();
		out.line('also lost');
		await out.flushed();
	});
});
