/** What a phase of the organisation bench returns, and how a timing is taken. */
import { median, quantile } from '../stats.ts';

export type Phase = 'lists' | 'page' | 'upgrade' | 'create' | 'dashboard' | 'tips' | 'accesslog' | 'load' | 'restart' | 'idle' | 'memory';
export const PHASES: Phase[] = [
	'lists',
	'page',
	'upgrade',
	'create',
	'dashboard',
	'tips',
	'accesslog',
	'load',
	'restart',
	'idle',
	'memory'
];

export interface Figure {
	key: string;
	phase: Phase;
	label: string;
	/** 'ms' figures have samples, a median and a p95; others a single value. */
	unit: 'ms' | 's' | 'count' | 'req/s' | 'KiB' | 'MiB' | '%';
	median?: number;
	p95?: number;
	value?: number;
	samples?: number[];
	/** The bar, in words. */
	bar?: string;
	/** Whether the figure meets its bar, when that can be said. */
	meets?: boolean;
	note?: string;
}

export function timing(
	phase: Phase,
	key: string,
	label: string,
	samples: number[],
	bar?: { p95Below: number } | string,
	note?: string
): Figure {
	const p95 = quantile(samples, 0.95);
	const f: Figure = { key, phase, label, unit: 'ms', samples, median: median(samples), p95, note };
	if (typeof bar === 'string') f.bar = bar;
	else if (bar) {
		f.bar = `p95 < ${bar.p95Below} ms`;
		f.meets = p95 < bar.p95Below;
	}
	return f;
}

export function single(
	phase: Phase,
	key: string,
	label: string,
	unit: Figure['unit'],
	value: number,
	bar?: string,
	meets?: boolean,
	note?: string
): Figure {
	return { key, phase, label, unit, value, bar, meets, note };
}

/** `runs` timed calls of `fn` after `warmups` untimed ones (ms, from call to the awaited end). */
export async function timeRuns(runs: number, warmups: number, fn: (run: number) => Promise<void>): Promise<number[]> {
	for (let i = 0; i < warmups; i++) await fn(-1 - i);
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn(i);
		samples.push(performance.now() - t0);
	}
	return samples;
}
