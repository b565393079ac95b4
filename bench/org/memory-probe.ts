/**
 * Loaded into the app process by the organisation bench only (node --expose-gc --import this):
 * on SIGUSR2 it prints one line of JSON with the process's memory before and after a full
 * garbage collection, so the bench can read heap as well as RSS. The app itself reports none.
 * With KRING_BENCH_HEAP_DIR set, it also writes a heap snapshot there at each reading (to see
 * what a map leaves behind: compare the first and the last in Chromium's DevTools).
 */
import { join } from 'node:path';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';

let readings = 0;

process.on('SIGUSR2', () => {
	const before = process.memoryUsage();
	(globalThis as { gc?: () => void }).gc?.();
	const after = process.memoryUsage();
	// Where V8's heap is, by space: what it keeps from the OS and what of that is used.
	const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
	const dir = process.env.KRING_BENCH_HEAP_DIR;
	if (dir) writeHeapSnapshot(join(dir, `app-${process.pid}-${++readings}.heapsnapshot`));
	console.log(JSON.stringify({ level: 'info', msg: 'bench memory', before, after, spaces }));
});
