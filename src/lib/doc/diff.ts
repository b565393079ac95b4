import type { MapJson, Person, Tie } from './schema.ts';
import { PERSON_FIELDS } from './records.ts';
import { withDefaults } from './fields.ts';

/**
 * A projection stored by an older app (schema 1 had no ties and fewer person fields) with the
 * defaults the document readers give, so old versions diff cleanly against new ones.
 */
export function normalizeProjection(map: MapJson): MapJson {
	return {
		...map,
		people: map.people.map((p) => withDefaults(PERSON_FIELDS, p)),
		ties: map.ties ?? []
	};
}

export interface Changed<T> {
	id: string;
	before: T;
	after: T;
	/** The fields that differ, in the record's own key order. */
	fields: (keyof T)[];
}

export interface ListDiff<T> {
	added: T[];
	removed: T[];
	changed: Changed<T>[];
}

export interface ProjectionDiff {
	centreName: { before: string; after: string } | null;
	people: ListDiff<Person>;
	ties: ListDiff<Tie>;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

function diffList<T extends { id: string }>(before: T[], after: T[], ignore: (keyof T)[]): ListDiff<T> {
	const old = new Map(before.map((x) => [x.id, x]));
	const now = new Map(after.map((x) => [x.id, x]));
	const changed: Changed<T>[] = [];
	for (const [id, b] of old) {
		const a = now.get(id);
		if (!a) continue;
		const fields = (Object.keys(a) as (keyof T)[]).filter((k) => !ignore.includes(k) && !same(a[k], b[k]));
		if (fields.length) changed.push({ id, before: b, after: a, fields });
	}
	return {
		added: after.filter((x) => !old.has(x.id)),
		removed: before.filter((x) => !now.has(x.id)),
		changed
	};
}

/** What changed between two projections (for the timeline and the team's review). Pure. */
export function diffProjections(before: MapJson, after: MapJson): ProjectionDiff {
	const a = normalizeProjection(before);
	const b = normalizeProjection(after);
	return {
		centreName: a.centreName === b.centreName ? null : { before: a.centreName, after: b.centreName },
		people: diffList(a.people, b.people, ['id', 'createdAt']),
		ties: diffList(a.ties, b.ties, ['id', 'createdAt'])
	};
}
