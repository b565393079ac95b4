import {
	CENTRE,
	RINGS,
	SECTORS,
	SUPPORT_KINDS,
	TIE_QUALITIES,
	type MapJson,
	type Ring,
	type Sector,
	type SupportKind,
	type TieQuality
} from './schema.ts';
import { isJimEntry, jimState, statusOf, type JimStatus } from './jim.ts';
import { normalizeProjection } from './diff.ts';

/**
 * A few numbers per version, stored with it, so a team sees at a glance whether the network grows
 * and grows stronger without loading a single map. Plain JSON, a few hundred bytes. Raise
 * METRICS_VERSION when a field changes meaning; readers of stored metrics check it (trend() reads
 * older or partial metrics as zeros).
 */
export const METRICS_VERSION = 1;

export interface Metrics {
	version: number;
	/** Everyone on the map, placed or still in the tray. */
	people: number;
	/** People on the circle (with a sector and a ring). */
	placed: number;
	/** Placed people only. */
	perSector: Record<Sector, number>;
	/** Placed people only; ring 1 is the closest. JSON keys "1" … "4". */
	perRing: Record<Ring, number>;
	/** The youth's own ties by quality (ties between other people are not counted). */
	tiesWithYouth: Record<TieQuality, number>;
	/** People giving each kind of support, placed or not. */
	support: Record<SupportKind, number>;
	jim: {
		/** The chosen JIM's current status ('kandidaat' until a step is recorded); null: no JIM chosen. */
		status: JimStatus | null;
		/** Whether a backup (reserve) is chosen. */
		reserve: boolean;
	};
	agreements: {
		total: number;
		/** gelukt */
		done: number;
		/** niet gelukt */
		notDone: number;
		/** afgesproken or bezig */
		open: number;
	};
	goals: number;
}

const zeros = <K extends string | number>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** The metrics of one projection. Pure; handles projections made before the JIM record and the plan. */
export function metricsOf(map: MapJson): Metrics {
	const n = normalizeProjection(map);
	const perSector = zeros(SECTORS);
	const perRing = zeros(RINGS);
	const support = zeros(SUPPORT_KINDS);
	const tiesWithYouth = zeros(TIE_QUALITIES);
	const ids = new Set<string>();
	let placed = 0;
	for (const p of n.people) {
		if (ids.has(p.id)) continue;
		ids.add(p.id);
		if (p.sector !== null && p.ring !== null && p.sector in perSector && p.ring in perRing) {
			placed++;
			perSector[p.sector]++;
			perRing[p.ring]++;
		}
		for (const kind of new Set(p.support)) if (kind in support) support[kind]++;
	}
	const counted = new Set<string>();
	for (const t of n.ties) {
		const other = t.from === CENTRE ? t.to : t.to === CENTRE ? t.from : null;
		// A tie to someone no longer on the map is not part of it.
		if (other === null || !ids.has(other) || counted.has(other) || !(t.quality in tiesWithYouth)) continue;
		counted.add(other);
		tiesWithYouth[t.quality]++;
	}
	const jim = jimState((map.jim ?? []).filter(isJimEntry));
	const agreements = map.plan?.agreements ?? [];
	const done = agreements.filter((a) => a.status === 'gelukt').length;
	const notDone = agreements.filter((a) => a.status === 'niet-gelukt').length;
	return {
		version: METRICS_VERSION,
		people: ids.size,
		placed,
		perSector,
		perRing,
		tiesWithYouth,
		support,
		jim: { status: jim.jim ? statusOf(jim, jim.jim.personId) : null, reserve: jim.reserve !== null },
		agreements: { total: agreements.length, done, notDone, open: agreements.length - done - notDone },
		goals: map.plan?.goals.length ?? 0
	};
}

/** People in the two inner rings (heel dichtbij, dichtbij). */
export function closeCount(metrics: Metrics): number {
	return (metrics.perRing?.[1] ?? 0) + (metrics.perRing?.[2] ?? 0);
}

/** The youth's ties that are gespannen or verbroken. */
export function strainedCount(metrics: Metrics): number {
	return (metrics.tiesWithYouth?.gespannen ?? 0) + (metrics.tiesWithYouth?.verbroken ?? 0);
}

export interface TrendLine {
	/** One value per version, oldest first. */
	values: number[];
	/** Last minus first; 0 with fewer than two versions. */
	change: number;
}

/** The lines for a small sparkline: does the network grow, and does it grow stronger? */
export interface Trend {
	/** People in rings 1 and 2. */
	close: TrendLine;
	placed: TrendLine;
	strongTies: TrendLine;
	/** Ties with the youth that are gespannen or verbroken. */
	strainedTies: TrendLine;
	agreementsDone: TrendLine;
}

/** Lines over a series of metrics, oldest first. Tolerates metrics stored by older versions. */
export function trend(series: readonly Metrics[]): Trend {
	const line = (pick: (x: Metrics) => number): TrendLine => {
		const values = series.map((x) => pick(x) || 0);
		return { values, change: values.length < 2 ? 0 : values[values.length - 1] - values[0] };
	};
	return {
		close: line(closeCount),
		placed: line((x) => x.placed),
		strongTies: line((x) => x.tiesWithYouth?.sterk),
		strainedTies: line(strainedCount),
		agreementsDone: line((x) => x.agreements?.done)
	};
}
