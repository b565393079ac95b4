/**
 * Loaded into the app process by the organisation bench only (node --expose-gc --import this):
 * on SIGUSR2 it prints one line of JSON with the process's memory before and after a full
 * garbage collection, so the bench can read heap as well as RSS. The app itself reports none.
 */
import { getHeapSpaceStatistics } from 'node:v8';

process.on('SIGUSR2', () => {
	const before = process.memoryUsage();
	(globalThis as { gc?: () => void }).gc?.();
	const after = process.memoryUsage();
	// Where V8's heap is, by space: what it keeps from the OS and what of that is used.
	const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]));
	console.log(JSON.stringify({ level: 'info', msg: 'bench memory', before, after, spaces }));
});
