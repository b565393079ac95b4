import * as Y from 'yjs';
import { uuidv4 } from 'lib0/random';
import { ROOT } from './schema.ts';
import { JIM_TEXT_MAX } from './records.ts';
import { cleanText, InvalidInputError } from './input.ts';
import { transact, type Origin } from './origin.ts';
import { isDay, today } from './days.ts';

export { isDay, today } from './days.ts';

/**
 * The JIM record: who the youth chose (and a backup), each step of the JIM's status, and the
 * consent given, kept as an append-only log of plain entries in the root Y.Array `jim`.
 *
 * Append-only, so the history (who, what, when) survives and concurrent records never overwrite
 * each other: a correction is a new entry. The current state is a fold of the log in array order,
 * which every client sees the same. The sync server accepts entries only from the youth and the
 * professional, each recorded in their own name, and refuses any deletion here.
 */

/** The JIM's status, in the order the steps usually happen. */
export const JIM_STATUSES = ['kandidaat', 'gevraagd', 'ja', 'nee', 'actief', 'gestopt'] as const;
export type JimStatus = (typeof JIM_STATUSES)[number];

/** Whose consent: the youth's (to share map and plan with the JIM), or the parents' (youth under 16). */
export const CONSENT_SUBJECTS = ['jongere', 'ouders'] as const;
export type ConsentSubject = (typeof CONSENT_SUBJECTS)[number];

export const CONSENT_WAYS = ['persoonlijk', 'telefoon', 'schriftelijk'] as const;
export type ConsentWay = (typeof CONSENT_WAYS)[number];

/** Who may record JIM entries (the youth chooses; the professional may record it for them). */
export const JIM_RECORDER_ROLES = ['youth', 'professional'] as const;
export type JimRecorderRole = (typeof JIM_RECORDER_ROLES)[number];

export interface Recorder {
	userId: string;
	name: string;
	role: JimRecorderRole;
}

interface EntryBase {
	id: string;
	/** The day the step happened (YYYY-MM-DD), which may be earlier than the day it was recorded. */
	on: string;
	/** When it was recorded (ms since epoch). */
	recordedAt: number;
	recordedBy: Recorder;
}

/** The youth picks a person as JIM or backup, or takes a pick back ('geen'). */
export interface ChoiceEntry extends EntryBase {
	kind: 'choice';
	personId: string;
	personName: string;
	pick: 'jim' | 'reserve' | 'geen';
	/** The youth, who always chooses; the recorder may be their professional. */
	chosenBy: string;
}

export interface StatusEntry extends EntryBase {
	kind: 'status';
	personId: string;
	personName: string;
	status: JimStatus;
}

export interface ConsentEntry extends EntryBase {
	kind: 'consent';
	subject: ConsentSubject;
	/** Who gave (or refused or withdrew) it, in words: "Sam", "moeder Anja". */
	givenBy: string;
	way: ConsentWay;
	given: boolean;
}

export type JimEntry = ChoiceEntry | StatusEntry | ConsentEntry;

export { JIM_TEXT_MAX } from './records.ts';
const ENTRY_ID = /^[0-9a-f-]{36}$/;

export function jimLogOf(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray(ROOT.jim);
}

const isOneOf =
	<T extends string>(list: readonly T[]) =>
	(v: unknown): v is T =>
		typeof v === 'string' && (list as readonly string[]).includes(v);
const isStatus = isOneOf(JIM_STATUSES);
const isSubject = isOneOf(CONSENT_SUBJECTS);
const isWay = isOneOf(CONSENT_WAYS);
const isRecorderRole = isOneOf(JIM_RECORDER_ROLES);

function isText(v: unknown, max = JIM_TEXT_MAX): v is string {
	return typeof v === 'string' && v.length <= max;
}

function isRecorder(v: unknown): v is Recorder {
	if (!v || typeof v !== 'object') return false;
	const r = v as Record<string, unknown>;
	return isText(r.userId, 40) && !!r.userId && isText(r.name, 120) && isRecorderRole(r.role);
}

/** Whether a value read from the log (or sent by a client) is a well-formed entry. */
export function isJimEntry(v: unknown): v is JimEntry {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
	const e = v as Record<string, unknown>;
	if (!isText(e.id, 36) || !ENTRY_ID.test(e.id as string)) return false;
	if (!isDay(e.on) || typeof e.recordedAt !== 'number' || !Number.isFinite(e.recordedAt)) return false;
	if (!isRecorder(e.recordedBy)) return false;
	switch (e.kind) {
		case 'choice':
			return isText(e.personId, 40) && isText(e.personName) && isOneOf(['jim', 'reserve', 'geen'] as const)(e.pick) && isText(e.chosenBy);
		case 'status':
			return isText(e.personId, 40) && isText(e.personName) && isStatus(e.status);
		case 'consent':
			return isSubject(e.subject) && isText(e.givenBy) && !!e.givenBy && isWay(e.way) && typeof e.given === 'boolean';
		default:
			return false;
	}
}

/** The log as recorded, malformed entries skipped. */
export function readJimLog(doc: Y.Doc): JimEntry[] {
	return jimLogOf(doc).toArray().filter(isJimEntry);
}

export interface PersonRef {
	personId: string;
	personName: string;
}

export interface Pick extends PersonRef {
	on: string;
	chosenBy: string;
	recordedBy: Recorder;
}

export interface Step {
	status: JimStatus;
	on: string;
	recordedBy: Recorder;
}

export interface JimState {
	jim: Pick | null;
	reserve: Pick | null;
	/** Status steps per person, in the order recorded. */
	steps: Map<string, Step[]>;
	/** The latest consent of each subject (given, refused or withdrawn), if any. */
	consent: Partial<Record<ConsentSubject, ConsentEntry>>;
	/**
	 * The latest consent of each subject per JIM: an entry counts for the person who was the
	 * chosen JIM when it was recorded (consent to share with Nora is not consent for Kevin).
	 */
	consentFor: Map<string, Partial<Record<ConsentSubject, ConsentEntry>>>;
}

/** Folds the log into the current state: the same on every client, since the log's order is. */
export function jimState(entries: readonly JimEntry[]): JimState {
	const state: JimState = { jim: null, reserve: null, steps: new Map(), consent: {}, consentFor: new Map() };
	for (const e of entries) {
		if (e.kind === 'choice') {
			const pick: Pick = { personId: e.personId, personName: e.personName, on: e.on, chosenBy: e.chosenBy, recordedBy: e.recordedBy };
			if (e.pick === 'jim') {
				if (state.reserve?.personId === e.personId) state.reserve = null;
				state.jim = pick;
			} else if (e.pick === 'reserve') {
				if (state.jim?.personId === e.personId) state.jim = null;
				state.reserve = pick;
			} else {
				if (state.jim?.personId === e.personId) state.jim = null;
				if (state.reserve?.personId === e.personId) state.reserve = null;
			}
		} else if (e.kind === 'status') {
			const list = state.steps.get(e.personId) ?? [];
			list.push({ status: e.status, on: e.on, recordedBy: e.recordedBy });
			state.steps.set(e.personId, list);
		} else {
			state.consent[e.subject] = e;
			if (state.jim) state.consentFor.set(state.jim.personId, { ...state.consentFor.get(state.jim.personId), [e.subject]: e });
		}
	}
	return state;
}

/**
 * Whether the youth has said yes to sharing their map and plan with this person as JIM: the
 * youth decides who sees their file (the parents' consent is recorded beside it, not asked here).
 */
export function hasJimConsent(state: JimState, personId: string): boolean {
	return !!personId && state.consentFor.get(personId)?.jongere?.given === true;
}

/** A person's current JIM status: their last recorded step, else 'kandidaat' once picked. */
export function statusOf(state: JimState, personId: string): JimStatus | null {
	const steps = state.steps.get(personId);
	if (steps?.length) return steps[steps.length - 1].status;
	return state.jim?.personId === personId || state.reserve?.personId === personId ? 'kandidaat' : null;
}

/** What each person is in the JIM record, for badges on the circle and in the list. */
export function jimRoleOf(state: JimState, personId: string): 'jim' | 'reserve' | null {
	if (state.jim?.personId === personId) return 'jim';
	if (state.reserve?.personId === personId) return 'reserve';
	return null;
}

function cleanDay(on: unknown): string {
	if (on === undefined || on === '') return today();
	if (!isDay(on)) throw new InvalidInputError('on', 'invalid');
	// A step cannot happen in the future; a typo of a year would otherwise sort wrongly.
	if (on > today()) throw new InvalidInputError('on', 'invalid');
	return on;
}

function cleanRecorder(r: Recorder): Recorder {
	if (!isRecorder(r)) throw new InvalidInputError('recordedBy', 'invalid');
	return { userId: r.userId, name: r.name, role: r.role };
}

function append(doc: Y.Doc, entry: JimEntry, origin: Origin): JimEntry {
	if (!isJimEntry(entry)) throw new InvalidInputError('jim', 'invalid');
	transact(doc, () => jimLogOf(doc).push([entry]), origin);
	return entry;
}

function base(on: unknown, recordedBy: Recorder) {
	return { id: uuidv4(), on: cleanDay(on), recordedAt: Date.now(), recordedBy: cleanRecorder(recordedBy) };
}

export interface ChoiceInput extends PersonRef {
	pick: ChoiceEntry['pick'];
	chosenBy: string;
	on?: string;
}

/** Records the youth's pick of a JIM or backup (or takes it back). */
export function recordChoice(doc: Y.Doc, input: ChoiceInput, recordedBy: Recorder, origin: Origin): JimEntry {
	if (!['jim', 'reserve', 'geen'].includes(input.pick)) throw new InvalidInputError('pick', 'invalid');
	return append(
		doc,
		{
			kind: 'choice',
			...base(input.on, recordedBy),
			personId: cleanText('personId', input.personId, 40, true),
			personName: cleanText('personName', input.personName, JIM_TEXT_MAX, true),
			pick: input.pick,
			chosenBy: cleanText('chosenBy', input.chosenBy, JIM_TEXT_MAX, false)
		},
		origin
	);
}

export interface StatusInput extends PersonRef {
	status: JimStatus;
	on?: string;
}

/** Records a step of a (possible) JIM's status. */
export function recordStatus(doc: Y.Doc, input: StatusInput, recordedBy: Recorder, origin: Origin): JimEntry {
	if (!isStatus(input.status)) throw new InvalidInputError('status', 'invalid');
	return append(
		doc,
		{
			kind: 'status',
			...base(input.on, recordedBy),
			personId: cleanText('personId', input.personId, 40, true),
			personName: cleanText('personName', input.personName, JIM_TEXT_MAX, true),
			status: input.status
		},
		origin
	);
}

export interface ConsentInput {
	subject: ConsentSubject;
	givenBy: string;
	way: ConsentWay;
	given: boolean;
	on?: string;
}

/** Records consent given, refused or withdrawn, with who and how. */
export function recordConsent(doc: Y.Doc, input: ConsentInput, recordedBy: Recorder, origin: Origin): JimEntry {
	if (!isSubject(input.subject)) throw new InvalidInputError('subject', 'invalid');
	if (!isWay(input.way)) throw new InvalidInputError('way', 'invalid');
	if (typeof input.given !== 'boolean') throw new InvalidInputError('given', 'invalid');
	return append(
		doc,
		{
			kind: 'consent',
			...base(input.on, recordedBy),
			subject: input.subject,
			givenBy: cleanText('givenBy', input.givenBy, JIM_TEXT_MAX, true),
			way: input.way,
			given: input.given
		},
		origin
	);
}
