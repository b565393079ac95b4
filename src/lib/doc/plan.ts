import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { ROOT } from './schema.ts';
import {
	AGREEMENT_FIELDS,
	AGREEMENT_STATUSES,
	DOMAINS,
	GOAL_FIELDS,
	isAuthor,
	QUESTION_FIELDS,
	type AgreementStatus,
	type Author,
	type Domain
} from './records.ts';
import { cleanNote, InvalidInputError } from './input.ts';
import { isDay } from './days.ts';
import { DEFAULT_EVERY_WEEKS } from './evaluation-due.ts';
import { peopleOf } from './roots.ts';
import { removePerson } from './people.ts';
import { transact, type Origin } from './origin.ts';

export { DEFAULT_EVERY_WEEKS, evaluationDue, type EvaluationDue, type PlanDates } from './evaluation-due.ts';

/**
 * The support plan (steunplan), in the map's own document so it is edited live, offline and
 * merged exactly like the map. Its roots:
 *   plan        Y.Map  { schemaVersion, startOn, everyWeeks, nextOn?, lastHeldOn? }
 *   goals       Y.Map<id, Y.Map>  the youth's goals per life domain, in their own words
 *   agreements  Y.Map<id, Y.Map>  what, who, by when, status; tied to a person on the map or a role
 *   questions   Y.Map<id, Y.Map>  "Wat zou JIM doen?": a situation put to the JIM, and their answer
 * One Y.Map per entry with a key per field, so concurrent edits of different fields merge.
 * The plan has its own schema version (upgradePlan), apart from the map's.
 */

export const PLAN_SCHEMA_VERSION = 1;

export const PLAN_ROOT = { plan: ROOT.plan, goals: ROOT.goals, agreements: ROOT.agreements, questions: ROOT.questions } as const;

export { AGREEMENT_STATUSES, DOMAINS, TEXT_MAX, type AgreementStatus, type Domain } from './records.ts';

/** Who carries an agreement: a person on the map, or one of the roles around the youth. */
export type Carrier = { kind: 'person'; personId: string } | { kind: 'youth' } | { kind: 'jim' } | { kind: 'professional' } | null;

export type { Author } from './records.ts';

export interface Goal {
	id: string;
	domain: Domain;
	text: string;
	writtenBy: Author;
	createdAt: number;
}

export interface Agreement {
	id: string;
	what: string;
	who: Carrier;
	due: string | null;
	status: AgreementStatus;
	goalId: string | null;
	createdAt: number;
}

export interface Question {
	id: string;
	text: string;
	goalId: string | null;
	askedBy: Author;
	askedAt: number;
	answer: string;
	answeredBy: Author | null;
	answeredAt: number | null;
}

export interface PlanJson {
	schemaVersion: number;
	startOn: string | null;
	everyWeeks: number;
	nextOn: string | null;
	/** The day of the last evaluation moment held (kept by the sync server); null before the first. */
	lastHeldOn: string | null;
	goals: Goal[];
	agreements: Agreement[];
	questions: Question[];
}

const isOneOf =
	<T extends string>(list: readonly T[]) =>
	(v: unknown): v is T =>
		typeof v === 'string' && (list as readonly string[]).includes(v);
export const isDomain = isOneOf(DOMAINS);
export const isAgreementStatus = isOneOf(AGREEMENT_STATUSES);

const planOf = (doc: Y.Doc) => doc.getMap<unknown>(PLAN_ROOT.plan);
const goalsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(PLAN_ROOT.goals);
const agreementsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(PLAN_ROOT.agreements);
const questionsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>(PLAN_ROOT.questions);

/** Brings the plan up to PLAN_SCHEMA_VERSION; safe on every client (writes converge). */
export function upgradePlan(doc: Y.Doc, origin: Origin): void {
	const plan = planOf(doc);
	const v = plan.get('schemaVersion');
	if (typeof v === 'number' && v >= PLAN_SCHEMA_VERSION) return;
	transact(
		doc,
		() => {
			// Roots need no creation; only the version is written (the start date is set by people).
			goalsOf(doc);
			agreementsOf(doc);
			questionsOf(doc);
			plan.set('schemaVersion', PLAN_SCHEMA_VERSION);
		},
		origin
	);
}

function cleanAuthor(a: Author): Author {
	if (!isAuthor(a) || !a.userId) throw new InvalidInputError('author', 'invalid');
	return { userId: a.userId.slice(0, 40), name: a.name.slice(0, 120), role: a.role.slice(0, 20) };
}

function readCarrier(v: unknown): Carrier {
	if (typeof v !== 'string' || !v) return null;
	if (v.startsWith('person:')) return { kind: 'person', personId: v.slice('person:'.length) };
	return v === 'youth' || v === 'jim' || v === 'professional' ? { kind: v } : null;
}

function writeCarrier(c: Carrier): string {
	if (c === null) return '';
	if (c.kind === 'person') return `person:${c.personId}`;
	return c.kind;
}

function cleanCarrier(doc: Y.Doc, c: unknown): Carrier {
	if (c === null || c === undefined) return null;
	if (typeof c !== 'object') throw new InvalidInputError('who', 'invalid');
	const carrier = c as Carrier & object;
	if (carrier.kind === 'person') {
		if (typeof carrier.personId !== 'string' || !(peopleOf(doc).get(carrier.personId) instanceof Y.Map)) {
			throw new InvalidInputError('who', 'missing');
		}
		return { kind: 'person', personId: carrier.personId };
	}
	if (carrier.kind === 'youth' || carrier.kind === 'jim' || carrier.kind === 'professional') return { kind: carrier.kind };
	throw new InvalidInputError('who', 'invalid');
}

function cleanDue(due: unknown): string | null {
	if (due === null || due === undefined || due === '') return null;
	if (!isDay(due)) throw new InvalidInputError('due', 'invalid');
	return due;
}

export function readPlan(doc: Y.Doc): PlanJson {
	const plan = planOf(doc);
	const v = plan.get('schemaVersion');
	const startOn = plan.get('startOn');
	const every = plan.get('everyWeeks');
	const nextOn = plan.get('nextOn');
	const lastHeldOn = plan.get('lastHeldOn');
	const goals: Goal[] = [];
	goalsOf(doc).forEach((g, id) => {
		if (!(g instanceof Y.Map)) return;
		const domain = g.get('domain');
		const text = g.get('text');
		const writtenBy = g.get('writtenBy');
		if (!isDomain(domain) || typeof text !== 'string' || !isAuthor(writtenBy)) return;
		goals.push({ id, domain, text, writtenBy, createdAt: numberOr(g.get('createdAt'), 0) });
	});
	const agreements: Agreement[] = [];
	agreementsOf(doc).forEach((a, id) => {
		if (!(a instanceof Y.Map)) return;
		const what = a.get('what');
		const status = a.get('status');
		if (typeof what !== 'string') return;
		const due = a.get('due');
		const goalId = a.get('goalId');
		agreements.push({
			id,
			what,
			who: readCarrier(a.get('who')),
			due: isDay(due) ? due : null,
			status: isAgreementStatus(status) ? status : 'afgesproken',
			goalId: typeof goalId === 'string' && goalId ? goalId : null,
			createdAt: numberOr(a.get('createdAt'), 0)
		});
	});
	const questions: Question[] = [];
	questionsOf(doc).forEach((q, id) => {
		if (!(q instanceof Y.Map)) return;
		const text = q.get('text');
		const askedBy = q.get('askedBy');
		if (typeof text !== 'string' || !isAuthor(askedBy)) return;
		const answer = q.get('answer');
		const answeredBy = q.get('answeredBy');
		const goalId = q.get('goalId');
		questions.push({
			id,
			text,
			goalId: typeof goalId === 'string' && goalId ? goalId : null,
			askedBy,
			askedAt: numberOr(q.get('askedAt'), 0),
			answer: typeof answer === 'string' ? answer : '',
			answeredBy: isAuthor(answeredBy) ? answeredBy : null,
			answeredAt: typeof q.get('answeredAt') === 'number' ? (q.get('answeredAt') as number) : null
		});
	});
	const byCreated = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
	return {
		schemaVersion: typeof v === 'number' ? v : 0,
		startOn: isDay(startOn) ? startOn : null,
		everyWeeks: typeof every === 'number' && Number.isInteger(every) && every >= 1 && every <= 52 ? every : DEFAULT_EVERY_WEEKS,
		nextOn: isDay(nextOn) ? nextOn : null,
		lastHeldOn: isDay(lastHeldOn) ? lastHeldOn : null,
		goals: goals.sort(byCreated),
		agreements: agreements.sort(byCreated),
		questions: questions.sort((a, b) => a.askedAt - b.askedAt || a.id.localeCompare(b.id))
	};
}

function numberOr(v: unknown, fallback: number): number {
	return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/**
 * Notes in the plan that an evaluation was held on `on`, so the next date counts from it. The
 * sync server does this when a professional keeps an evaluation moment; an earlier day than the
 * one noted already changes nothing.
 */
export function recordEvaluationHeld(doc: Y.Doc, on: string, origin: Origin): void {
	if (!isDay(on)) throw new InvalidInputError('lastHeldOn', 'invalid');
	transact(
		doc,
		() => {
			const plan = planOf(doc);
			const noted = plan.get('lastHeldOn');
			if (!(isDay(noted) && noted >= on)) plan.set('lastHeldOn', on);
		},
		origin
	);
}

/**
 * A plan without a start day starts on `on`: the sync server does this when it loads a map (the
 * day a new map is first opened), so every map has a next evaluation, one rhythm
 * (DEFAULT_EVERY_WEEKS, 8 weeks) later, and shows as late when that day passes unheld. A start
 * day set by people is kept. True when it wrote.
 */
export function startPlanOn(doc: Y.Doc, on: string, origin: Origin): boolean {
	if (!isDay(on)) throw new InvalidInputError('startOn', 'invalid');
	const plan = planOf(doc);
	if (isDay(plan.get('startOn'))) return false;
	transact(doc, () => plan.set('startOn', on), origin);
	return true;
}

export function setPlanDates(doc: Y.Doc, input: { startOn?: string; everyWeeks?: number; nextOn?: string | null }, origin: Origin): void {
	if (input.startOn !== undefined && !isDay(input.startOn)) throw new InvalidInputError('startOn', 'invalid');
	if (input.everyWeeks !== undefined && !(Number.isInteger(input.everyWeeks) && input.everyWeeks >= 1 && input.everyWeeks <= 52)) {
		throw new InvalidInputError('everyWeeks', 'invalid');
	}
	const nextOn = input.nextOn === undefined ? undefined : cleanDue(input.nextOn);
	transact(
		doc,
		() => {
			const plan = planOf(doc);
			if (input.startOn !== undefined) plan.set('startOn', input.startOn);
			if (input.everyWeeks !== undefined) plan.set('everyWeeks', input.everyWeeks);
			if (nextOn !== undefined) plan.set('nextOn', nextOn ?? '');
		},
		origin
	);
}

export function addGoal(doc: Y.Doc, input: { domain: Domain; text: string }, author: Author, origin: Origin): string {
	if (!isDomain(input.domain)) throw new InvalidInputError('domain', 'invalid');
	const text = GOAL_FIELDS.text.clean(input.text, 'text');
	const by = cleanAuthor(author);
	const id = uuidv4();
	transact(
		doc,
		() => {
			const goal = new Y.Map<unknown>();
			goal.set('domain', input.domain);
			goal.set('text', text);
			goal.set('writtenBy', by);
			goal.set('createdAt', Date.now());
			goalsOf(doc).set(id, goal);
		},
		origin
	);
	return id;
}

export function updateGoal(doc: Y.Doc, id: string, patch: { domain?: Domain; text?: string }, origin: Origin): void {
	const goal = goalsOf(doc).get(id);
	if (!(goal instanceof Y.Map)) throw new InvalidInputError('goal', 'missing');
	if (patch.domain !== undefined && !isDomain(patch.domain)) throw new InvalidInputError('domain', 'invalid');
	const text = patch.text === undefined ? undefined : GOAL_FIELDS.text.clean(patch.text, 'text');
	transact(
		doc,
		() => {
			if (patch.domain !== undefined && goal.get('domain') !== patch.domain) goal.set('domain', patch.domain);
			if (text !== undefined && goal.get('text') !== text) goal.set('text', text);
		},
		origin
	);
}

/** Removes a goal; its agreements and questions stay, no longer tied to it. */
export function removeGoal(doc: Y.Doc, id: string, origin: Origin): void {
	transact(
		doc,
		() => {
			for (const root of [agreementsOf(doc), questionsOf(doc)]) {
				root.forEach((entry) => {
					if (entry instanceof Y.Map && entry.get('goalId') === id) entry.set('goalId', '');
				});
			}
			goalsOf(doc).delete(id);
		},
		origin
	);
}

export interface AgreementInput {
	what: string;
	who?: Carrier;
	due?: string | null;
	status?: AgreementStatus;
	goalId?: string | null;
}

export function addAgreement(doc: Y.Doc, input: AgreementInput, origin: Origin): string {
	const what = AGREEMENT_FIELDS.what.clean(input.what, 'what');
	const who = cleanCarrier(doc, input.who);
	const due = cleanDue(input.due);
	const status = input.status ?? 'afgesproken';
	if (!isAgreementStatus(status)) throw new InvalidInputError('status', 'invalid');
	const goalId = cleanGoalId(doc, input.goalId);
	const id = uuidv4();
	transact(
		doc,
		() => {
			const a = new Y.Map<unknown>();
			a.set('what', what);
			a.set('who', writeCarrier(who));
			a.set('due', due ?? '');
			a.set('status', status);
			a.set('goalId', goalId ?? '');
			a.set('createdAt', Date.now());
			agreementsOf(doc).set(id, a);
		},
		origin
	);
	return id;
}

function cleanGoalId(doc: Y.Doc, goalId: unknown): string | null {
	if (goalId === null || goalId === undefined || goalId === '') return null;
	if (typeof goalId !== 'string' || !(goalsOf(doc).get(goalId) instanceof Y.Map)) throw new InvalidInputError('goal', 'missing');
	return goalId;
}

export function updateAgreement(doc: Y.Doc, id: string, patch: AgreementInput | Partial<AgreementInput>, origin: Origin): void {
	const a = agreementsOf(doc).get(id);
	if (!(a instanceof Y.Map)) throw new InvalidInputError('agreement', 'missing');
	const fields: [string, unknown][] = [];
	if (patch.what !== undefined) fields.push(['what', AGREEMENT_FIELDS.what.clean(patch.what, 'what')]);
	if (patch.who !== undefined) fields.push(['who', writeCarrier(cleanCarrier(doc, patch.who))]);
	if (patch.due !== undefined) fields.push(['due', cleanDue(patch.due) ?? '']);
	if (patch.status !== undefined) {
		if (!isAgreementStatus(patch.status)) throw new InvalidInputError('status', 'invalid');
		fields.push(['status', patch.status]);
	}
	if (patch.goalId !== undefined) fields.push(['goalId', cleanGoalId(doc, patch.goalId) ?? '']);
	transact(
		doc,
		() => {
			for (const [key, value] of fields) if (a.get(key) !== value) a.set(key, value);
		},
		origin
	);
}

export function removeAgreement(doc: Y.Doc, id: string, origin: Origin): void {
	transact(doc, () => agreementsOf(doc).delete(id), origin);
}

/** Agreements carried by a person on the map that are not finished yet. */
export function openAgreementsOf(plan: PlanJson, personId: string): Agreement[] {
	return plan.agreements.filter(
		(a) => a.who?.kind === 'person' && a.who.personId === personId && (a.status === 'afgesproken' || a.status === 'bezig')
	);
}

/**
 * Whether an agreement is this person's to keep: it names them, or it goes to "de JIM" while they
 * are the JIM the youth chose (`jimPersonId`). Nobody ('') carries nothing.
 */
export function isCarriedBy(a: Agreement, personId: string, jimPersonId: string | null): boolean {
	if (!personId || !a.who) return false;
	if (a.who.kind === 'person') return a.who.personId === personId;
	return a.who.kind === 'jim' && jimPersonId === personId;
}

/**
 * Removes a person with their ties and, in the same transaction (one undo step), moves their
 * agreements to someone else (`moveTo`) or keeps them without a person (null).
 */
export function removePersonWithAgreements(doc: Y.Doc, personId: string, moveTo: Carrier, origin: Origin): void {
	if (moveTo?.kind === 'person' && moveTo.personId === personId) throw new InvalidInputError('who', 'invalid');
	const target = writeCarrier(cleanCarrier(doc, moveTo));
	transact(
		doc,
		() => {
			agreementsOf(doc).forEach((a) => {
				if (a instanceof Y.Map && a.get('who') === `person:${personId}`) a.set('who', target);
			});
			removePerson(doc, personId, origin);
		},
		origin
	);
}

export function askQuestion(doc: Y.Doc, input: { text: string; goalId?: string | null }, author: Author, origin: Origin): string {
	const text = cleanNote(input.text, QUESTION_FIELDS.text.max, 'note');
	if (!text) throw new InvalidInputError('text', 'required');
	const by = cleanAuthor(author);
	const goalId = cleanGoalId(doc, input.goalId);
	const id = uuidv4();
	transact(
		doc,
		() => {
			const q = new Y.Map<unknown>();
			q.set('text', text);
			q.set('goalId', goalId ?? '');
			q.set('askedBy', by);
			q.set('askedAt', Date.now());
			questionsOf(doc).set(id, q);
		},
		origin
	);
	return id;
}

export function answerQuestion(doc: Y.Doc, id: string, answer: string, author: Author, origin: Origin): void {
	const q = questionsOf(doc).get(id);
	if (!(q instanceof Y.Map)) throw new InvalidInputError('question', 'missing');
	const text = cleanNote(answer, QUESTION_FIELDS.answer.max, 'note');
	if (!text) throw new InvalidInputError('answer', 'required');
	const by = cleanAuthor(author);
	transact(
		doc,
		() => {
			q.set('answer', text);
			q.set('answeredBy', by);
			q.set('answeredAt', Date.now());
		},
		origin
	);
}
