/**
 * A map read from an export file ("Download mijn gegevens") into a new map, for a youth who moves
 * to another organisation. The file is checked as strictly as a member's edit: every field against
 * the write rules (write-rules.ts: types, allowed values, limits, no control characters), the keys
 * of every record against the schema, the map's invariants (projection.ts), and nothing else may be
 * in it. One problem refuses the whole file, with where it is. The checked map is then written by
 * the server (IMPORT_ORIGIN), like a restore, so authorship from the old organisation is kept as
 * it was written there.
 */
import * as Y from 'yjs';
import { JIM_RECORDER_ROLES, isJimEntry, jimLogOf, type JimEntry } from './jim.ts';
import { PLAN_SCHEMA_VERSION, type PlanJson } from './plan.ts';
import { invariantViolations } from './projection.ts';
import { restoreContent } from './restore.ts';
import { peopleOf, tiesOf } from './roots.ts';
import { CENTRE, META, PERSON, ROOT, SCHEMA_VERSION, SUPPORT_KINDS, TIE, type MapJson, type Person, type Tie } from './schema.ts';
import { AGREEMENT_FIELDS, GOAL_FIELDS, PERSON_FIELDS, QUESTION_FIELDS, TIE_FIELDS } from './records.ts';
import { keysWith, type Table } from './fields.ts';
import { IMPORT_ORIGIN, transact } from './origin.ts';
import { KEY_MAX, WRITE_RULES, type Rule, type Writer } from './write-rules.ts';

/** A file that cannot be read in: `where` in the file (a path such as people[3].ring), and why. */
export class ImportError extends Error {
	constructor(
		readonly where: string,
		readonly why: string
	) {
		super(`${where}: ${why}`);
	}
}

/** As many people, ties and plan entries as a map of 4 MiB could hold, and then some. */
const MAX_ENTRIES = 10_000;
/** The import is written by the server: the writer only matters to authorship rules, which are checked by shape here. */
const SERVER: Writer = { userId: '', name: '', role: 'import' };

const PERSON_KEYS = Object.keys(PERSON_FIELDS) as (keyof typeof PERSON_FIELDS)[];
/** Fields added after the export format was fixed: an older export reads them as their defaults. */
const PERSON_OPTIONAL = keysWith(PERSON_FIELDS, 'optional');
const TIE_KEYS = Object.keys(TIE_FIELDS) as (keyof typeof TIE_FIELDS)[];
const PLAN_KEYS = ['schemaVersion', 'startOn', 'everyWeeks', 'nextOn', 'lastHeldOn', 'goals', 'agreements', 'questions'] as const;
// The plan's records as projected: an id, and the fields of their tables under the same names.
const GOAL_KEYS = ['id', ...Object.keys(GOAL_FIELDS)];
const AGREEMENT_KEYS = ['id', ...Object.keys(AGREEMENT_FIELDS)];
const QUESTION_KEYS = ['id', ...Object.keys(QUESTION_FIELDS)];
const AUTHOR_ROLES = ['youth', 'professional', 'jim', 'parent'];

function object(value: unknown, where: string, keys: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ImportError(where, 'is not an object');
	const o = value as Record<string, unknown>;
	for (const k of Object.keys(o)) if (!keys.includes(k)) throw new ImportError(`${where}.${k}`, 'is not a field of the schema');
	for (const k of keys) if (!(k in o) && !optional.includes(k)) throw new ImportError(`${where}.${k}`, 'is missing');
	return o;
}

function list(value: unknown, where: string): unknown[] {
	if (!Array.isArray(value)) throw new ImportError(where, 'is not a list');
	if (value.length > MAX_ENTRIES) throw new ImportError(where, `has more than ${MAX_ENTRIES} entries`);
	return value;
}

function check(rule: Rule | undefined, value: unknown, where: string, now: number): void {
	if (!rule) throw new ImportError(where, 'is not a field of the schema');
	const why = rule(value, SERVER, now);
	if (why) throw new ImportError(where, why);
}

function recordField(root: string, field: string, value: unknown, where: string, now: number): void {
	const rules = WRITE_RULES[root];
	if (rules.kind !== 'records') throw new Error(`${root} holds no records`);
	check(rules.fields(field), value, where, now);
}

function uniqueId(seen: Set<string>, id: unknown, where: string): string {
	if (typeof id !== 'string' || id.length === 0 || id.length > KEY_MAX) throw new ImportError(where, 'is not an id');
	if (seen.has(id)) throw new ImportError(where, 'is used twice');
	seen.add(id);
	return id;
}

function author(value: unknown, where: string): void {
	const a = object(value, where, ['userId', 'name', 'role']);
	if (typeof a.userId !== 'string' || !a.userId || a.userId.length > 40) throw new ImportError(`${where}.userId`, 'is not an id');
	if (typeof a.name !== 'string' || a.name.length > 120) throw new ImportError(`${where}.name`, 'is not a name');
	if (!AUTHOR_ROLES.includes(a.role as string)) throw new ImportError(`${where}.role`, 'is not a role');
}

function nullOr(value: unknown, where: string, fn: (v: unknown, where: string) => void): void {
	if (value !== null) fn(value, where);
}

function checkPerson(value: unknown, where: string, ids: Set<string>, now: number): void {
	const p = object(value, where, PERSON_KEYS, PERSON_OPTIONAL);
	const id = uniqueId(ids, p.id, `${where}.id`);
	if (id === CENTRE) throw new ImportError(`${where}.id`, 'is the centre');
	for (const key of PERSON_KEYS) {
		if (key === 'support' || (p[key] === undefined && (PERSON_OPTIONAL as string[]).includes(key))) continue;
		recordField(ROOT.people, PERSON[key], p[key], `${where}.${key}`, now);
	}
	const support = list(p.support, `${where}.support`);
	if (!support.every((k, i) => SUPPORT_KINDS.includes(k as never) && support.indexOf(k) === i)) {
		throw new ImportError(`${where}.support`, 'is not a list of kinds of support');
	}
	if ((p.sector === null) !== (p.ring === null)) throw new ImportError(`${where}.ring`, 'is set without a sector, or the other way round');
}

function checkTie(value: unknown, where: string, ids: Set<string>, now: number): void {
	const t = object(value, where, TIE_KEYS);
	uniqueId(ids, t.id, `${where}.id`);
	for (const key of TIE_KEYS) recordField(ROOT.ties, TIE[key], t[key], `${where}.${key}`, now);
}

function checkPlan(value: unknown, people: Set<string>, now: number): void {
	const p = object(value, 'plan', PLAN_KEYS);
	if (
		typeof p.schemaVersion !== 'number' ||
		!Number.isInteger(p.schemaVersion) ||
		p.schemaVersion < 0 ||
		p.schemaVersion > PLAN_SCHEMA_VERSION
	) {
		throw new ImportError('plan.schemaVersion', 'is not a plan version this Kring knows');
	}
	const planRules = WRITE_RULES[ROOT.plan];
	if (planRules.kind !== 'values') throw new Error('plan holds values');
	for (const key of ['startOn', 'nextOn', 'lastHeldOn'] as const)
		nullOr(p[key], `plan.${key}`, (v, w) => check(planRules.fields(key === 'lastHeldOn' ? 'startOn' : key), v, w, now));
	check(planRules.fields('everyWeeks'), p.everyWeeks, 'plan.everyWeeks', now);
	const goals = new Set<string>();
	list(p.goals, 'plan.goals').forEach((value, i) => {
		const where = `plan.goals[${i}]`;
		const g = object(value, where, GOAL_KEYS);
		uniqueId(goals, g.id, `${where}.id`);
		for (const key of ['domain', 'text', 'createdAt'] as const) recordField(ROOT.goals, key, g[key], `${where}.${key}`, now);
		author(g.writtenBy, `${where}.writtenBy`);
	});
	const goalRef = (v: unknown, where: string) => {
		if (typeof v !== 'string' || !goals.has(v)) throw new ImportError(where, 'names no goal of the plan');
	};
	const agreements = new Set<string>();
	list(p.agreements, 'plan.agreements').forEach((value, i) => {
		const where = `plan.agreements[${i}]`;
		const a = object(value, where, AGREEMENT_KEYS);
		uniqueId(agreements, a.id, `${where}.id`);
		for (const key of ['what', 'status', 'createdAt'] as const) recordField(ROOT.agreements, key, a[key], `${where}.${key}`, now);
		nullOr(a.due, `${where}.due`, (v, w) => recordField(ROOT.agreements, 'due', v, w, now));
		nullOr(a.goalId, `${where}.goalId`, goalRef);
		nullOr(a.who, `${where}.who`, (v, w) => {
			const who = object(v, w, ['kind', 'personId'], ['personId']);
			if (who.kind === 'person') {
				if (typeof who.personId !== 'string' || !people.has(who.personId))
					throw new ImportError(`${w}.personId`, 'names nobody on the map');
			} else if (!['youth', 'jim', 'professional'].includes(who.kind as string) || 'personId' in who) {
				throw new ImportError(w, 'is not someone who carries an agreement');
			}
		});
	});
	const questions = new Set<string>();
	list(p.questions, 'plan.questions').forEach((value, i) => {
		const where = `plan.questions[${i}]`;
		const q = object(value, where, QUESTION_KEYS);
		uniqueId(questions, q.id, `${where}.id`);
		for (const key of ['text', 'askedAt', 'answer'] as const) recordField(ROOT.questions, key, q[key], `${where}.${key}`, now);
		nullOr(q.goalId, `${where}.goalId`, goalRef);
		author(q.askedBy, `${where}.askedBy`);
		if (q.answer !== '' && q.answeredBy === null) throw new ImportError(`${where}.answeredBy`, 'is missing for an answer');
		nullOr(q.answeredBy, `${where}.answeredBy`, author);
		nullOr(q.answeredAt, `${where}.answeredAt`, (v, w) => recordField(ROOT.questions, 'answeredAt', v, w, now));
	});
}

function checkJim(value: unknown, now: number): void {
	const ids = new Set<string>();
	list(value, 'jim').forEach((entry, i) => {
		const where = `jim[${i}]`;
		if (!isJimEntry(entry)) throw new ImportError(where, 'is not a well-formed JIM entry');
		uniqueId(ids, entry.id, `${where}.id`);
		if (!(JIM_RECORDER_ROLES as readonly string[]).includes(entry.recordedBy.role))
			throw new ImportError(`${where}.recordedBy`, 'is not a youth or professional');
		recordField(ROOT.people, PERSON.createdAt, entry.recordedAt, `${where}.recordedAt`, now);
	});
}

/**
 * The map of an export file (its `current`), checked whole; throws ImportError at the first thing
 * the schema does not allow. `now`: the server's clock (no timestamp more than a day ahead of it).
 */
export function checkImportedMap(value: unknown, now = Date.now()): MapJson {
	const map = object(value, 'map', ['schemaVersion', 'centreName', 'people', 'ties', 'jim', 'plan'], ['jim', 'plan']);
	if (typeof map.schemaVersion !== 'number' || !Number.isInteger(map.schemaVersion) || map.schemaVersion < 1) {
		throw new ImportError('map.schemaVersion', 'is not a map version');
	}
	if (map.schemaVersion > SCHEMA_VERSION) throw new ImportError('map.schemaVersion', 'is from a newer Kring');
	const metaRules = WRITE_RULES[ROOT.meta];
	if (metaRules.kind !== 'values') throw new Error('meta holds values');
	check(metaRules.fields(META.centreName), map.centreName, 'map.centreName', now);
	const people = new Set<string>();
	list(map.people, 'map.people').forEach((p, i) => checkPerson(p, `people[${i}]`, people, now));
	const ties = new Set<string>();
	list(map.ties, 'map.ties').forEach((t, i) => checkTie(t, `ties[${i}]`, ties, now));
	if (map.jim !== undefined) checkJim(map.jim, now);
	if (map.plan !== undefined) checkPlan(map.plan, people, now);
	const checked = map as unknown as MapJson;
	const broken = invariantViolations(checked);
	if (broken.length > 0) throw new ImportError('map', broken[0]);
	return checked;
}

function writePerson(p: Person): Y.Map<unknown> {
	const entry = new Y.Map<unknown>();
	for (const [key, field] of Object.entries(PERSON_FIELDS as Table)) {
		const value: unknown = p[key as keyof Person] ?? field.default;
		// Details at their default are left out, as addPerson leaves them (readers fill them in).
		if (field.options.sparse) field.write(entry, key, value);
		else entry.set(key, value);
	}
	return entry;
}

function writeTie(t: Tie): Y.Map<unknown> {
	const entry = new Y.Map<unknown>();
	for (const key of ['id', 'from', 'to', 'quality', 'support', 'createdAt'] as const) entry.set(TIE[key], t[key]);
	return entry;
}

function entryOf(fields: Record<string, unknown>): Y.Map<unknown> {
	const entry = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) entry.set(key, value);
	return entry;
}

function writePlan(doc: Y.Doc, plan: PlanJson): void {
	const values = doc.getMap<unknown>(ROOT.plan);
	values.set('schemaVersion', PLAN_SCHEMA_VERSION);
	values.set('everyWeeks', plan.everyWeeks);
	for (const key of ['startOn', 'nextOn', 'lastHeldOn'] as const) if (plan[key] !== null) values.set(key, plan[key]);
	for (const g of plan.goals) doc.getMap(ROOT.goals).set(g.id, entryOf({ ...g, id: undefined }));
	for (const a of plan.agreements) {
		const who = a.who === null ? '' : a.who.kind === 'person' ? `person:${a.who.personId}` : a.who.kind;
		doc.getMap(ROOT.agreements).set(a.id, entryOf({ ...a, id: undefined, who, due: a.due ?? '', goalId: a.goalId ?? '' }));
	}
	for (const q of plan.questions) {
		doc.getMap(ROOT.questions).set(
			q.id,
			entryOf({
				...q,
				id: undefined,
				goalId: q.goalId ?? '',
				answeredBy: q.answeredBy ?? undefined,
				answeredAt: q.answeredAt ?? undefined
			})
		);
	}
}

/** A document holding exactly the checked map (project() of it gives the map back). */
export function docFromMap(map: MapJson): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	transact(
		doc,
		() => {
			const meta = doc.getMap<unknown>(ROOT.meta);
			meta.set(META.schemaVersion, SCHEMA_VERSION);
			meta.set(META.centreName, map.centreName);
			for (const p of map.people) peopleOf(doc).set(p.id, writePerson(p));
			for (const t of map.ties) tiesOf(doc).set(t.id, writeTie(t));
			if (map.jim?.length) jimLogOf(doc).push(map.jim as JimEntry[]);
			if (map.plan) writePlan(doc, map.plan);
		},
		IMPORT_ORIGIN
	);
	return doc;
}

/** Whether a live map is still new: nobody on it, no plan, no JIM record (an import goes only into such a map). */
export function isEmptyMap(map: MapJson): boolean {
	const plan = map.plan;
	return (
		map.people.length === 0 &&
		(map.jim?.length ?? 0) === 0 &&
		(!plan || plan.goals.length + plan.agreements.length + plan.questions.length === 0)
	);
}

/** Writes the imported map's content into `doc` (a new map's live document), JIM record included, in one transaction. */
export function writeImported(doc: Y.Doc, imported: Y.Doc): void {
	transact(
		doc,
		() => {
			restoreContent(doc, imported, IMPORT_ORIGIN);
			const entries = jimLogOf(imported).toArray();
			if (entries.length) jimLogOf(doc).push(entries);
		},
		IMPORT_ORIGIN
	);
}
