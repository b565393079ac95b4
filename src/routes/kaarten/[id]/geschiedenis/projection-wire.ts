import type { JimEntry } from '../../../../lib/doc/jim.ts';
import type { PlanJson } from '../../../../lib/doc/plan.ts';
import type { MapJson, Person, Tie } from '../../../../lib/doc/schema.ts';
import { PERSON_FIELDS, PERSON_HISTORY_KEYS } from '../../../../lib/doc/records.ts';
import { defaultsOf, pickFields, withDefaults } from '../../../../lib/doc/fields.ts';

/**
 * The versions' projections as the history page fetches them after its first paint: slimmed to
 * what the circle, the list and the comparison read, and each version sent as what changed since
 * the one before (a week changes a handful of people, not 200).
 */

/** A person without what the history never shows (support, contact, how long known, notes): the table's history fields. */
export type WirePerson = Pick<Person, (typeof PERSON_HISTORY_KEYS)[number]>;

/** One version against the version before it (the first against an empty map). */
export interface VersionDelta {
	id: string;
	schemaVersion?: number;
	centreName?: string;
	/** People new or changed, and the ids of those gone; `order` only when the order changed. */
	people?: { put: WirePerson[]; drop: string[]; order?: string[] };
	ties?: { put: Tie[]; drop: string[]; order?: string[] };
	/** Replaced whole when it changed; null: absent in this version. */
	jim?: JimEntry[] | null;
	plan?: PlanJson | null;
}

export interface VersionProjections {
	versions: VersionDelta[];
}

// An older projection may lack a field the table has since gained (jimCandidate): it reads as the default.
const slimPerson = (p: Person): WirePerson => pickFields(withDefaults(PERSON_FIELDS, p), PERSON_HISTORY_KEYS);

const fullPerson = (p: WirePerson): Person => ({ ...defaultsOf(PERSON_FIELDS), ...p });

/** What the history page reads of a projection: no notes, no questions to the JIM, no support details. */
export function slimProjection(map: MapJson): MapJson {
	return {
		schemaVersion: map.schemaVersion,
		centreName: map.centreName,
		people: map.people.map((p) => fullPerson(slimPerson(p))),
		ties: map.ties ?? [],
		...(map.jim ? { jim: map.jim } : {}),
		...(map.plan ? { plan: { ...map.plan, questions: [] } } : {})
	};
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function diffKeyed<T extends { id: string }>(
	before: readonly T[],
	after: readonly T[]
): { put: T[]; drop: string[]; order?: string[] } | undefined {
	const old = new Map(before.map((x) => [x.id, JSON.stringify(x)]));
	const here = new Set(after.map((x) => x.id));
	const put = after.filter((x) => old.get(x.id) !== JSON.stringify(x));
	const drop = before.filter((x) => !here.has(x.id)).map((x) => x.id);
	// Applying put and drop keeps the old order and appends the new: say the order only when that is wrong.
	const applied = [...before.map((x) => x.id).filter((id) => here.has(id)), ...after.filter((x) => !old.has(x.id)).map((x) => x.id)];
	const ids = after.map((x) => x.id);
	const order = applied.every((id, i) => id === ids[i]) ? undefined : ids;
	if (put.length === 0 && drop.length === 0 && !order) return undefined;
	return { put, drop, ...(order ? { order } : {}) };
}

function applyKeyed<T extends { id: string }>(
	before: readonly T[],
	delta: { put: T[]; drop: string[]; order?: string[] } | undefined
): T[] {
	if (!delta) return before as T[];
	const byId = new Map(before.map((x) => [x.id, x]));
	for (const id of delta.drop) byId.delete(id);
	for (const x of delta.put) byId.set(x.id, x);
	if (!delta.order) return [...byId.values()];
	return delta.order.map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
}

const EMPTY = {
	schemaVersion: 0,
	centreName: '',
	people: [] as WirePerson[],
	ties: [] as Tie[],
	jim: undefined as JimEntry[] | undefined,
	plan: undefined as PlanJson | undefined
};
type WireMap = typeof EMPTY;

function wireOf(map: MapJson): WireMap {
	return {
		schemaVersion: map.schemaVersion,
		centreName: map.centreName,
		people: map.people.map(slimPerson),
		ties: map.ties ?? [],
		jim: map.jim,
		plan: map.plan ? { ...map.plan, questions: [] } : undefined
	};
}

/** Projections, oldest first, as deltas from one version to the next. */
export function encodeProjections(list: readonly { id: string; projection: MapJson }[]): VersionProjections {
	let before: WireMap = EMPTY;
	const versions = list.map(({ id, projection }) => {
		const after = wireOf(projection);
		const delta: VersionDelta = { id };
		if (after.schemaVersion !== before.schemaVersion) delta.schemaVersion = after.schemaVersion;
		if (after.centreName !== before.centreName) delta.centreName = after.centreName;
		const people = diffKeyed(before.people, after.people);
		if (people) delta.people = people;
		const ties = diffKeyed(before.ties, after.ties);
		if (ties) delta.ties = ties;
		if (!same(after.jim, before.jim)) delta.jim = after.jim ?? null;
		if (!same(after.plan, before.plan)) delta.plan = after.plan ?? null;
		before = after;
		return delta;
	});
	return { versions };
}

/**
 * The projections back, by version id. Someone unchanged from one version to the next is the same
 * object in both, so drawing can skip them.
 */
export function decodeProjections(wire: VersionProjections): Map<string, MapJson> {
	const out = new Map<string, MapJson>();
	let schemaVersion = 0;
	let centreName = '';
	let people: Person[] = [];
	let ties: Tie[] = [];
	let jim: JimEntry[] | undefined;
	let plan: PlanJson | undefined;
	for (const d of wire.versions) {
		if (d.schemaVersion !== undefined) schemaVersion = d.schemaVersion;
		if (d.centreName !== undefined) centreName = d.centreName;
		if (d.people) people = applyKeyed(people, { ...d.people, put: d.people.put.map(fullPerson) });
		if (d.ties) ties = applyKeyed(ties, d.ties);
		if (d.jim !== undefined) jim = d.jim ?? undefined;
		if (d.plan !== undefined) plan = d.plan ?? undefined;
		out.set(d.id, { schemaVersion, centreName, people, ties, ...(jim ? { jim } : {}), ...(plan ? { plan } : {}) });
	}
	return out;
}
