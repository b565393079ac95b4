/**
 * What a member may write where in a map's document, key by key: the sync server holds every
 * update to these rules before it applies it (server/sync/write-guard.ts), so types, allowed
 * values, limits and authorship hold whatever a client sends. The model's own writers (people.ts,
 * ties.ts, plan.ts, jim.ts, meta.ts) write only what passes here; the server's own writes
 * (upgrades, evaluation moments, restores, erasures) are not held to them.
 */
import { isDay } from './days.ts';
import { isJimEntry, JIM_RECORDER_ROLES } from './jim.ts';
import { AGREEMENT_STATUSES, DOMAINS, TEXT_MAX } from './plan.ts';
import {
	CONTACT_FREQUENCIES,
	KNOWN_FOR,
	META,
	NAME_MAX,
	NOTE_MAX,
	PERSON,
	RELATION_MAX,
	RINGS,
	ROOT,
	SECTORS,
	SUPPORT_KINDS,
	TIE,
	TIE_QUALITIES,
	TIE_SUPPORT,
	supportKey
} from './schema.ts';

/** The account that sends an update, as the server knows it (never as the client says). */
export interface Writer {
	userId: string;
	/** The account's name as authors and recorders carry it (accountName). */
	name: string;
	role: string;
}

/** Why a value may not be written, or null when it may. */
export type Rule = (value: unknown, writer: Writer, now: number) => string | null;

/** Where a root keeps what it holds. */
export type RootRules =
	/** Keyed entries, each a Y.Map (a person, a tie, a goal…) with these fields. */
	| { kind: 'records'; fields: (key: string) => Rule | undefined; requiredOnCreate: readonly string[] }
	/** Keyed plain values (meta, plan). */
	| { kind: 'values'; fields: (key: string) => Rule | undefined }
	/** A list of plain entries, never deleted from (the JIM record). */
	| { kind: 'log'; entry: Rule };

/** Longest key of an entry in a root (ids are uuids; a tie's id joins two of them). */
export const KEY_MAX = 100;
/** A record's timestamps: not before Kring existed, not more than a day ahead of the server's clock. */
const EARLIEST = Date.UTC(2024, 0, 1);
const AHEAD_MS = 24 * 60 * 60 * 1000;

/** The name an account signs with in the map: its name, else its e-mail, as the app shows it. */
export function accountName(account: { name?: unknown; email?: unknown }): string {
	const name = typeof account.name === 'string' ? account.name.trim() : '';
	const email = typeof account.email === 'string' ? account.email : '';
	return (name || email).slice(0, 120);
}

/** Control characters but the line break, which notes keep. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

const text =
	(max: number, required = false): Rule =>
	(v) => {
		if (typeof v !== 'string') return 'is not text';
		if (v.length > max) return `is longer than ${max}`;
		// The model cleans them out (input.ts); JSON would write each as six bytes in a version.
		if (CONTROL.test(v)) return 'holds control characters';
		if (required && !v.trim()) return 'is empty';
		return null;
	};

const oneOf =
	(list: readonly unknown[], orNull = false): Rule =>
	(v) =>
		(orNull && v === null) || list.includes(v) ? null : 'is not an allowed value';

const bool: Rule = (v) => (typeof v === 'boolean' ? null : 'is not true or false');
/** Only `true`: an option that is off is an absent key. */
const on: Rule = (v) => (v === true ? null : 'is not true');
const isId = (v: unknown): boolean => typeof v === 'string' && v.length > 0 && v.length <= KEY_MAX;
const id: Rule = (v) => (isId(v) ? null : 'is not an id');
const idOrEmpty: Rule = (v) => (v === '' || isId(v) ? null : 'is not an id');
const dayOrEmpty: Rule = (v) => (v === '' || isDay(v) ? null : 'is not a day');
const day: Rule = (v) => (isDay(v) ? null : 'is not a day');

const between =
	(min: number, max: number, integer = false): Rule =>
	(v) =>
		typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? null : 'is out of range';

const time: Rule = (v, _w, now) =>
	typeof v === 'number' && Number.isFinite(v) && v >= EARLIEST && v <= now + AHEAD_MS ? null : 'is not a time the server believes';

/** Authorship (writtenBy, askedBy, answeredBy) is the writer's own account, exactly. */
const signedByWriter: Rule = (v, writer) => {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return 'is not an author';
	const a = v as Record<string, unknown>;
	if (Object.keys(a).length !== 3) return 'is not an author';
	return a.userId === writer.userId && a.name === writer.name && a.role === writer.role ? null : 'names someone other than the writer';
};

const serverOnly: Rule = () => 'is written by the server only';

/**
 * Keys only the server writes (or deletes): the schema versions it upgrades to, the day of the last
 * evaluation moment it held, the note of its last erasure. A client that set them could put every
 * device in the "newer version" alert for good, or make an evaluation look held.
 */
export const SERVER_KEYS: Readonly<Record<string, readonly string[]>> = {
	[ROOT.meta]: [META.schemaVersion, META.erasedAt],
	[ROOT.plan]: ['schemaVersion', 'lastHeldOn']
};

/** "", youth, jim, professional, or person:<id>. */
const carrier: Rule = (v) => {
	if (v === '' || v === 'youth' || v === 'jim' || v === 'professional') return null;
	return typeof v === 'string' && v.startsWith('person:') && isId(v.slice('person:'.length))
		? null
		: 'is not someone who carries an agreement';
};

const table =
	(rules: Record<string, Rule>, more: (key: string) => Rule | undefined = () => undefined) =>
	(key: string): Rule | undefined =>
		Object.hasOwn(rules, key) ? rules[key] : more(key);

export function isServerKey(root: string, key: string): boolean {
	return Object.hasOwn(SERVER_KEYS, root) && SERVER_KEYS[root].includes(key);
}

const serverKey = (root: string) => (key: string) => (isServerKey(root, key) ? serverOnly : undefined);

const SUPPORT_KEYS = new Set(SUPPORT_KINDS.map(supportKey));

const PERSON_RULES: Record<string, Rule> = {
	[PERSON.id]: id,
	[PERSON.name]: text(NAME_MAX, true),
	[PERSON.relation]: text(RELATION_MAX),
	[PERSON.sector]: oneOf(SECTORS, true),
	[PERSON.ring]: oneOf(RINGS, true),
	[PERSON.angle]: between(0, 1),
	[PERSON.createdAt]: time,
	[PERSON.contact]: oneOf(CONTACT_FREQUENCIES, true),
	[PERSON.knownFor]: oneOf(KNOWN_FOR, true),
	[PERSON.jimCandidate]: bool,
	[PERSON.note]: text(NOTE_MAX)
};

const TIE_RULES: Record<string, Rule> = {
	[TIE.id]: id,
	[TIE.from]: id,
	[TIE.to]: id,
	[TIE.quality]: oneOf(TIE_QUALITIES),
	[TIE.support]: oneOf(TIE_SUPPORT),
	[TIE.createdAt]: time
};

/** A JIM entry: well formed, from the youth or the professional, recorded in their own name. */
const jimEntry: Rule = (v, writer, now) => {
	if (!(JIM_RECORDER_ROLES as readonly string[]).includes(writer.role)) return `is written by role ${writer.role}`;
	if (!isJimEntry(v)) return 'is not a well-formed JIM entry';
	if (time(v.recordedAt, writer, now)) return 'is recorded at a time the server does not believe';
	const by = v.recordedBy;
	if (by.userId !== writer.userId || by.role !== writer.role || by.name !== writer.name) return 'is recorded in someone else’s name';
	return null;
};

/** Every root of the document and what a member may write in it. */
export const WRITE_RULES: Record<string, RootRules> = {
	[ROOT.meta]: {
		kind: 'values',
		fields: table({ [META.centreName]: text(NAME_MAX) }, serverKey(ROOT.meta))
	},
	[ROOT.people]: {
		kind: 'records',
		fields: table(PERSON_RULES, (key) => (SUPPORT_KEYS.has(key) ? on : undefined)),
		requiredOnCreate: [PERSON.name]
	},
	[ROOT.ties]: { kind: 'records', fields: table(TIE_RULES), requiredOnCreate: [TIE.from, TIE.to] },
	[ROOT.jim]: { kind: 'log', entry: jimEntry },
	[ROOT.plan]: {
		kind: 'values',
		fields: table({ startOn: day, everyWeeks: between(1, 52, true), nextOn: dayOrEmpty }, serverKey(ROOT.plan))
	},
	[ROOT.goals]: {
		kind: 'records',
		fields: table({
			domain: oneOf(DOMAINS),
			text: text(TEXT_MAX, true),
			writtenBy: signedByWriter,
			createdAt: time
		}),
		requiredOnCreate: ['writtenBy']
	},
	[ROOT.agreements]: {
		kind: 'records',
		fields: table({
			what: text(TEXT_MAX, true),
			who: carrier,
			due: dayOrEmpty,
			status: oneOf(AGREEMENT_STATUSES),
			goalId: idOrEmpty,
			createdAt: time
		}),
		requiredOnCreate: []
	},
	[ROOT.questions]: {
		kind: 'records',
		fields: table({
			text: text(NOTE_MAX, true),
			goalId: idOrEmpty,
			askedBy: signedByWriter,
			askedAt: time,
			answer: text(NOTE_MAX),
			answeredBy: signedByWriter,
			answeredAt: time
		}),
		requiredOnCreate: ['askedBy']
	}
};

/** Fields that may be written only together with another, so an answer always carries who gave it. */
export const WRITTEN_WITH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	[ROOT.questions]: { answer: 'answeredBy' }
};
