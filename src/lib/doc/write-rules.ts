/**
 * What a member may write where in a map's document, key by key: the sync server holds every
 * update to these rules before it applies it (server/sync/write-guard.ts), so types, allowed
 * values, limits and authorship hold whatever a client sends. The model's own writers (people.ts,
 * ties.ts, plan.ts, jim.ts, meta.ts) write only what passes here; the server's own writes
 * (upgrades, evaluation moments, restores, erasures) are not held to them.
 */
import { isJimEntry, JIM_RECORDER_ROLES } from './jim.ts';
import { META, ROOT } from './schema.ts';
import { AGREEMENT_FIELDS, GOAL_FIELDS, META_FIELDS, PERSON_FIELDS, QUESTION_FIELDS, TIE_FIELDS } from './records.ts';
import { keysWith, rules, rulesOf, type Rule, type Table } from './fields.ts';

export { KEY_MAX, type Rule, type Writer } from './fields.ts';

/** Where a root keeps what it holds. */
export type RootRules =
	/** Keyed entries, each a Y.Map (a person, a tie, a goal…) with these fields. */
	| { kind: 'records'; fields: (key: string) => Rule | undefined; requiredOnCreate: readonly string[] }
	/** Keyed plain values (meta, plan). */
	| { kind: 'values'; fields: (key: string) => Rule | undefined }
	/** A list of plain entries, never deleted from (the JIM record). */
	| { kind: 'log'; entry: Rule };

/** The name an account signs with in the map: its name, else its e-mail, as the app shows it. */
export function accountName(account: { name?: unknown; email?: unknown }): string {
	const name = typeof account.name === 'string' ? account.name.trim() : '';
	const email = typeof account.email === 'string' ? account.email : '';
	return (name || email).slice(0, 120);
}

const { between, day, dayOrEmpty, time } = rules;

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

const table =
	(rules: Record<string, Rule>, more: (key: string) => Rule | undefined = () => undefined) =>
	(key: string): Rule | undefined =>
		Object.hasOwn(rules, key) ? rules[key] : more(key);

export function isServerKey(root: string, key: string): boolean {
	return Object.hasOwn(SERVER_KEYS, root) && SERVER_KEYS[root].includes(key);
}

const serverKey = (root: string) => (key: string) => (isServerKey(root, key) ? serverOnly : undefined);

/** A table's records: what may be written under each key, and what a new record must hold. */
function records(fields: Table): RootRules {
	return { kind: 'records', fields: rulesOf(fields), requiredOnCreate: keysWith(fields, 'create') };
}

const metaRules = rulesOf(META_FIELDS);

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
	[ROOT.meta]: { kind: 'values', fields: table({}, (key) => metaRules(key) ?? serverKey(ROOT.meta)(key)) },
	[ROOT.people]: records(PERSON_FIELDS),
	[ROOT.ties]: records(TIE_FIELDS),
	[ROOT.jim]: { kind: 'log', entry: jimEntry },
	[ROOT.plan]: {
		kind: 'values',
		fields: table({ startOn: day, everyWeeks: between(1, 52, true), nextOn: dayOrEmpty }, serverKey(ROOT.plan))
	},
	[ROOT.goals]: records(GOAL_FIELDS),
	[ROOT.agreements]: records(AGREEMENT_FIELDS),
	[ROOT.questions]: records(QUESTION_FIELDS)
};

/** Fields that may be written only together with another, so an answer always carries who gave it. */
export const WRITTEN_WITH: Readonly<Record<string, Readonly<Record<string, string>>>> = {
	[ROOT.questions]: { answer: 'answeredBy' }
};
