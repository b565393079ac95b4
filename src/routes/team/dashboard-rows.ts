import { isJimEntry, jimState, JIM_STATUSES, statusOf, type JimStatus } from '../../lib/doc/jim.ts';
import { trend, type Metrics } from '../../lib/doc/metrics.ts';
import { compareNames } from '../../lib/collate.ts';
import type { DashboardMap } from '$lib/server/dashboard';
import { evaluationDue } from '../../lib/doc/evaluation-due.ts';

/**
 * The team's dashboard as the page shows it: one row per map with only what the page needs,
 * and the sorting and filtering that run in the browser on those rows. Pure functions.
 */

/** 'none': no JIM chosen; 'unknown': the map has no version yet, so nothing is known. */
export type JimColumn = JimStatus | 'none' | 'unknown';

export interface TeamMapRow {
	id: string;
	name: string;
	jim: JimColumn;
	/** YYYY-MM-DD or null. */
	lastEvaluation: string | null;
	nextEvaluation: string | null;
	/** Days the next evaluation is late; 0 when it is not. */
	daysLate: number;
	/** People in the two inner rings per version, oldest first (at most the last eight). */
	close: number[];
	lastActivity: string;
}

/** The JIM's status in the newest version: from its metrics, else from its JIM record. */
export function jimOf(map: Pick<DashboardMap, 'versions' | 'jim_log'>): JimColumn {
	const newest = map.versions.at(-1);
	if (!newest) return 'unknown';
	const jim = newest.metrics?.jim;
	if (jim) return jim.status ?? 'none';
	const state = jimState((map.jim_log ?? []).filter(isJimEntry));
	return (state.jim && statusOf(state, state.jim.personId)) || 'none';
}

export function toRow(map: DashboardMap, today: string): TeamMapRow {
	const due = evaluationDue(map.plan, map.last_evaluation || null, today);
	const series = map.versions.map((v) => (v.metrics ?? {}) as Metrics);
	return {
		id: map.id,
		name: map.youth_name,
		jim: jimOf(map),
		lastEvaluation: map.last_evaluation || null,
		nextEvaluation: due.on,
		daysLate: due.daysLate,
		close: trend(series).close.values,
		lastActivity: map.last_activity
	};
}

export const SORTS = ['naam', 'evaluatie', 'activiteit'] as const;
export type SortKey = (typeof SORTS)[number];
export const isSortKey = (v: unknown): v is SortKey => typeof v === 'string' && (SORTS as readonly string[]).includes(v);

export const JIM_FILTERS = [...JIM_STATUSES, 'none'] as const;
export type JimFilter = (typeof JIM_FILTERS)[number];
export const isJimFilter = (v: unknown): v is JimFilter => typeof v === 'string' && (JIM_FILTERS as readonly string[]).includes(v);

export interface RowFilter {
	/** Typed by the user; never leaves the browser. */
	name: string;
	lateOnly: boolean;
	jim: JimFilter | null;
}

const folded = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');

const byName = (a: TeamMapRow, b: TeamMapRow) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Rows that pass the filter, in the chosen order. */
export function visibleRows(rows: readonly TeamMapRow[], filter: RowFilter, sort: SortKey): TeamMapRow[] {
	const words = folded(filter.name.trim());
	const shown = rows.filter(
		(row) =>
			(!words || folded(row.name).includes(words)) && (!filter.lateOnly || row.daysLate > 0) && (!filter.jim || row.jim === filter.jim)
	);
	const compare: Record<SortKey, (a: TeamMapRow, b: TeamMapRow) => number> = {
		naam: byName,
		// Soonest (or latest overdue) first; maps without a date last.
		evaluatie: (a, b) =>
			a.nextEvaluation === b.nextEvaluation
				? byName(a, b)
				: a.nextEvaluation === null
					? 1
					: b.nextEvaluation === null
						? -1
						: a.nextEvaluation < b.nextEvaluation
							? -1
							: 1,
		// Most recent first.
		activiteit: (a, b) => (a.lastActivity === b.lastActivity ? byName(a, b) : a.lastActivity < b.lastActivity ? 1 : -1)
	};
	return shown.sort(compare[sort]);
}

export type TrendWord = 'grows' | 'shrinks' | 'same' | 'one' | 'none';

/** How the close circle changed over the shown versions. */
export function trendWord(close: readonly number[]): TrendWord {
	if (close.length === 0) return 'none';
	if (close.length === 1) return 'one';
	const change = close[close.length - 1] - close[0];
	return change > 0 ? 'grows' : change < 0 ? 'shrinks' : 'same';
}
