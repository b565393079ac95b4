import { changeMarks, compareMaps, groupOf, type Change, type ChangeGroup, type PersonMark } from '../../../../lib/doc/compare.ts';
import { METRICS_VERSION, metricsOf, type Metrics } from '../../../../lib/doc/metrics.ts';
import type { MapJson } from '../../../../lib/doc/schema.ts';
import type { JimStatus } from '../../../../lib/doc/jim.ts';

/** One version of a map as the history page shows it (never its Yjs state). */
export interface VersionView {
	id: string;
	kind: 'auto' | 'evaluation';
	note: string;
	/** When it was kept (ISO). */
	takenAt: string;
	/** The day of an evaluation moment (YYYY-MM-DD), else the day it was kept. */
	day: string;
	/** Who made an evaluation moment or a restore, by name; '' when Kring kept it on its own. */
	madeBy: string;
	/** The time it was kept ("14:05", Dutch time) when another version shares its day; else ''. */
	time: string;
	metrics: Metrics;
}

/** PocketBase writes dates as "2025-03-12 10:00:00.000Z". */
const isoOf = (value: unknown) => (typeof value === 'string' ? value.replace(' ', 'T') : '');

export function isProjection(value: unknown): value is MapJson {
	const v = value as MapJson | null;
	return !!v && typeof v === 'object' && Array.isArray(v.people) && (v.ties === undefined || Array.isArray(v.ties));
}

/** Whether a stored metrics value is of this kind (older ones are worked out again from the projection). */
export function metricsAreCurrent(stored: unknown): stored is Metrics {
	const m = stored as Metrics | null;
	return !!m && typeof m === 'object' && m.version === METRICS_VERSION;
}

/**
 * A `map_versions` row as the page lists it (its projection comes separately, see
 * projection-wire.ts), or null when it cannot be read. `projection` is only needed for a row
 * whose stored metrics are missing or of an older kind.
 */
export function versionFrom(row: Record<string, unknown>, projection?: unknown): VersionView | null {
	const takenAt = isoOf(row.taken_at);
	if (Number.isNaN(Date.parse(takenAt))) return null;
	let metrics: Metrics;
	if (metricsAreCurrent(row.metrics)) metrics = row.metrics;
	else if (isProjection(projection)) metrics = metricsOf(projection);
	else return null;
	const kind = row.kind === 'evaluation' ? 'evaluation' : 'auto';
	const evaluatedOn = isoOf(row.evaluated_on).slice(0, 10);
	return {
		id: String(row.id),
		kind,
		note: typeof row.note === 'string' ? row.note : '',
		takenAt,
		day: kind === 'evaluation' && /^\d{4}-\d{2}-\d{2}$/.test(evaluatedOn) ? evaluatedOn : dayOf(takenAt),
		madeBy: typeof row.made_by_name === 'string' ? row.made_by_name : '',
		time: '',
		metrics
	};
}

/** The time of day in the Netherlands of a moment: "14:05". */
export function timeOf(iso: string): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(iso)
	);
}

/**
 * Versions with the time they were kept wherever two or more share a day, so "12 maart, 10:15"
 * and "12 maart, 16:40" can be told apart; a day with one version keeps its plain date.
 */
export function withSameDayTimes(versions: readonly VersionView[]): VersionView[] {
	const perDay = new Map<string, number>();
	for (const v of versions) perDay.set(v.day, (perDay.get(v.day) ?? 0) + 1);
	return versions.map((v) => ({ ...v, time: (perDay.get(v.day) ?? 0) > 1 ? timeOf(v.takenAt) : '' }));
}

/**
 * The JIM's status as the versions saw it, once per change (null: no JIM chosen), oldest first:
 * "is the JIM still active?" read at a glance, beside the charts.
 */
export function jimChanges(versions: readonly VersionView[]): { day: string; status: JimStatus | null }[] {
	const changes: { day: string; status: JimStatus | null }[] = [];
	for (const v of versions) {
		const status = v.metrics.jim?.status ?? null;
		if (changes.length === 0 || changes[changes.length - 1].status !== status) changes.push({ day: v.day, status });
	}
	return changes;
}

/** The calendar day in the Netherlands of a moment (a version kept at 00:30 belongs to that day there). */
export function dayOf(iso: string): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));
}

/** A symbol per mark, written before its word on the circle and in the legend (never colour alone). */
export const MARK_SYMBOLS: Record<PersonMark, string> = {
	new: '+',
	gone: '×',
	closer: '↑',
	further: '↓',
	moved: '→',
	'tie-changed': '~'
};

export interface Comparison {
	changes: Change[];
	groups: { group: ChangeGroup; changes: Change[] }[];
	marks: Record<string, PersonMark>;
	/** The newer version, plus the people who left the circle, where they stood before. */
	scene: MapJson;
}

const GROUPS: ChangeGroup[] = ['people', 'ties', 'jim', 'plan'];

/** What changed from `before` to `after`, grouped for the list and marked for the circle. */
export function compareVersions(before: MapJson, after: MapJson): Comparison {
	const changes = compareMaps(before, after);
	const marks = changeMarks(changes);
	const groups = GROUPS.map((group) => ({ group, changes: changes.filter((c) => groupOf(c) === group) })).filter(
		(g) => g.changes.length > 0
	);
	// Someone gone is drawn where they stood, so the mark sits at the place they left.
	const old = new Map(before.people.filter((p) => p.sector !== null && p.ring !== null).map((p) => [p.id, p]));
	const people = after.people.map((p) =>
		marks[p.id] === 'gone' && old.has(p.id)
			? { ...p, sector: old.get(p.id)!.sector, ring: old.get(p.id)!.ring, angle: old.get(p.id)!.angle }
			: p
	);
	const here = new Set(after.people.map((p) => p.id));
	for (const p of old.values()) if (!here.has(p.id)) people.push(p);
	return { changes, groups, marks, scene: { ...after, people } };
}
