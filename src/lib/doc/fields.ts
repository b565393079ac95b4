/**
 * The kinds of field a record (a person, a tie, a goal…) is made of. A field knows its default,
 * its limit, how to read a stored value, how to clean a value a form gives, how to write it, and
 * what a member may write under its key (the rule the sync server's write guard holds every
 * update to). The tables in records.ts put fields together; everything else is derived from them.
 *
 * Reading never checks limits: a map that holds a value from before a limit keeps loading, and a
 * value that is sent unchanged is not checked again (see cleanPatch). Only new writes meet the
 * limits, in the browser (clean) and on the sync server (rule).
 */
import type * as Y from 'yjs';
import { isDay } from './days.ts';
import { InvalidInputError, cleanNote, cleanText } from './input.ts';

/** The account that sends an update, as the server knows it (never as the client says). */
export interface Writer {
	userId: string;
	/** The account's name as authors and recorders carry it (accountName). */
	name: string;
	role: string;
}

/** Why a value may not be written, or null when it may. */
export type Rule = (value: unknown, writer: Writer, now: number) => string | null;

/** Longest key of an entry in a root (ids are uuids; a tie's id joins two of them). */
export const KEY_MAX = 100;
/** A record's timestamps: not before Kring existed, not more than a day ahead of the server's clock. */
const EARLIEST = Date.UTC(2024, 0, 1);
const AHEAD_MS = 24 * 60 * 60 * 1000;

/** Control characters but the line break, which notes keep. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

export const rules = {
	text:
		(max: number, required = false): Rule =>
		(v) => {
			if (typeof v !== 'string') return 'is not text';
			if (v.length > max) return `is longer than ${max}`;
			// The model cleans them out (input.ts); JSON would write each as six bytes in a version.
			if (CONTROL.test(v)) return 'holds control characters';
			if (required && !v.trim()) return 'is empty';
			return null;
		},
	oneOf:
		(list: readonly unknown[], orNull = false): Rule =>
		(v) =>
			(orNull && v === null) || list.includes(v) ? null : 'is not an allowed value',
	bool: ((v) => (typeof v === 'boolean' ? null : 'is not true or false')) as Rule,
	/** Only `true`: an option that is off is an absent key. */
	on: ((v) => (v === true ? null : 'is not true')) as Rule,
	id: ((v) => (isId(v) ? null : 'is not an id')) as Rule,
	idOrEmpty: ((v) => (v === '' || isId(v) ? null : 'is not an id')) as Rule,
	day: ((v) => (isDay(v) ? null : 'is not a day')) as Rule,
	dayOrEmpty: ((v) => (v === '' || isDay(v) ? null : 'is not a day')) as Rule,
	between:
		(min: number, max: number, integer = false): Rule =>
		(v) =>
			typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v)) ? null : 'is out of range',
	time: ((v, _w, now) =>
		typeof v === 'number' && Number.isFinite(v) && v >= EARLIEST && v <= now + AHEAD_MS
			? null
			: 'is not a time the server believes') as Rule,
	/** Authorship (writtenBy, askedBy, answeredBy) is the writer's own account, exactly. */
	signedByWriter: ((v, writer) => {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return 'is not an author';
		const a = v as Record<string, unknown>;
		if (Object.keys(a).length !== 3) return 'is not an author';
		return a.userId === writer.userId && a.name === writer.name && a.role === writer.role ? null : 'names someone other than the writer';
	}) as Rule,
	/** "", youth, jim, professional, or person:<id>. */
	carrier: ((v) => {
		if (v === '' || v === 'youth' || v === 'jim' || v === 'professional') return null;
		return typeof v === 'string' && v.startsWith('person:') && isId(v.slice('person:'.length))
			? null
			: 'is not someone who carries an agreement';
	}) as Rule
};

function isId(v: unknown): boolean {
	return typeof v === 'string' && v.length > 0 && v.length <= KEY_MAX;
}

/** How a field takes part beyond reading and the write guard. */
export interface FieldOptions {
	/** People may change it with an update (updatePerson's patch), not only the model's own writers. */
	readonly edit?: boolean;
	/** Kept in the history's slimmed copy of a version (projection-wire.ts). */
	readonly history?: boolean;
	/** Written on creation only when it is not the default: an absent key reads as the default (a schema-1 person has none). */
	readonly sparse?: boolean;
	/** Added after the export format was fixed: an export without it reads as the default. */
	readonly optional?: boolean;
	/** Text that may not be empty. */
	readonly required?: boolean;
	/** Written when the record is created: the write guard refuses a new record without it. */
	readonly create?: boolean;
}

export interface Field<T, O extends FieldOptions = FieldOptions> {
	readonly default: T;
	/** Longest text, where the field is text: the forms' maxlength, the model's and the server's limit. */
	readonly max?: number;
	readonly options: O;
	/** The stored keys of the field: its own key, or keys of its own (a person's support.*). */
	keys(key: string): readonly string[];
	/** What a member may write under one of its stored keys. */
	readonly rule: Rule;
	/** What the entry holds, or the default for an absent or malformed value. */
	read(get: (key: string) => unknown, key: string): T;
	/** A value a form or caller gives, cleaned; throws InvalidInputError (field named by key). */
	clean(value: unknown, key: string): T;
	/** Writes a clean value: only the keys that read differently, so a concurrent edit of another survives. */
	write(entry: Y.Map<unknown>, key: string, value: T): void;
}

type Kind<T> = Omit<Field<T, FieldOptions>, 'options' | 'keys' | 'read' | 'write'> &
	Partial<Pick<Field<T>, 'keys' | 'write'>> & { is: (v: unknown) => boolean };

function field<T, O extends FieldOptions>(kind: Kind<T>, options: O): Field<T, O> {
	const { is, ...rest } = kind;
	const self: Field<T, O> = {
		keys: (key) => [key],
		read: (get, key) => {
			const v = get(key);
			return is(v) ? (v as T) : self.default;
		},
		write: (entry, key, value) => {
			if (self.read((k) => entry.get(k), key) !== value) entry.set(key, value);
		},
		...rest,
		options
	};
	return self;
}

const invalid = (key: string): never => {
	throw new InvalidInputError(key, 'invalid');
};

export type TextField<O extends FieldOptions> = Field<string, O> & { readonly max: number };

function textKind<O extends FieldOptions>(max: number, options: O, clean: (v: unknown, key: string) => string): TextField<O> {
	return field<string, O>(
		{ default: '', max, is: (v) => typeof v === 'string', rule: rules.text(max, options.required), clean },
		options
	) as TextField<O>;
}

/** One line of text (names, relations): whitespace folded, control characters out. */
export function text<const O extends FieldOptions = object>(max: number, options: O = {} as O): TextField<O> {
	return textKind(max, options, (v, key) => cleanText(key, v, max, options.required === true));
}

/** Text that keeps its line breaks (a note, read in a panel). */
export function note<const O extends FieldOptions = object>(max: number, options: O = {} as O): TextField<O> {
	return textKind(max, options, (v, key) => {
		const clean = cleanNote(v, max, key);
		if (options.required && !clean) throw new InvalidInputError(key, 'required');
		return clean;
	});
}

/** One value of a fixed list, or null (not known) when `fallback` is null. */
export function choice<
	const L extends readonly (string | number)[],
	const D extends L[number] | null,
	const O extends FieldOptions = object
>(list: L, fallback: D, options: O = {} as O): Field<L[number] | D, O> {
	const is = (v: unknown) => (list as readonly unknown[]).includes(v);
	return field<L[number] | D, O>(
		{
			default: fallback,
			is,
			rule: rules.oneOf(list, fallback === null),
			clean: (v, key) => (is(v) || (fallback === null && v === null) ? (v as L[number] | D) : invalid(key))
		},
		options
	);
}

/** Yes or no; absent reads as no. */
export function flag<const O extends FieldOptions = object>(options: O = {} as O): Field<boolean, O> {
	return field<boolean, O>(
		{
			default: false,
			is: (v) => v === true,
			rule: rules.bool,
			clean: (v, key) => (typeof v === 'boolean' ? v : invalid(key))
		},
		options
	);
}

/**
 * A set of options from a fixed list, each a flat key of its own on the record ("support.emotioneel":
 * true, absent when off) rather than a nested map or list: each option merges on its own under
 * concurrent toggles, and no nested map has to be created lazily (two clients could race to).
 */
export function options<const L extends readonly string[], const O extends FieldOptions = object>(
	list: L,
	keyOf: (option: L[number]) => string,
	options: O = {} as O
): Field<L[number][], O> {
	const keys = list.map(keyOf);
	return {
		default: [],
		options,
		keys: () => keys,
		rule: rules.on,
		read: (get) => list.filter((o) => get(keyOf(o)) === true),
		clean: (v, key) => {
			if (!Array.isArray(v) || !v.every((o) => (list as readonly unknown[]).includes(o))) invalid(key);
			const chosen = new Set<unknown>(v as unknown[]);
			return list.filter((o) => chosen.has(o));
		},
		write: (entry, _key, value) => {
			const want = new Set<string>(value);
			for (const o of list) {
				const on = entry.get(keyOf(o)) === true;
				if (want.has(o) && !on) entry.set(keyOf(o), true);
				// Off is an absent key: the map stays small and gc can drop the old value.
				if (!want.has(o) && on) entry.delete(keyOf(o));
			}
		}
	};
}

/** A value the model's own writers set (ids, times, places, authors): `is` tells a readable one, `rule` a writable one. */
export function fixed<T, O extends FieldOptions>(fallback: T, is: (v: unknown) => boolean, rule: Rule, options: O): Field<T, O> {
	return field<T, O>({ default: fallback, is, rule, clean: (v, key) => (is(v) ? (v as T) : invalid(key)) }, options);
}

export const id = <const O extends FieldOptions = object>(options: O = {} as O) =>
	fixed<string, O>('', (v) => typeof v === 'string', rules.id, options);

/** When the record was made (ms); 0 when unknown. */
export const time = <const O extends FieldOptions = object>(options: O = {} as O) =>
	fixed<number, O>(0, (v) => typeof v === 'number', rules.time, options);

/** A number from 0 to 1 (a person's angle within their slot); the middle when unknown. */
export const fraction = <const O extends FieldOptions = object>(options: O = {} as O) =>
	fixed<number, O>(0.5, (v) => typeof v === 'number' && v >= 0 && v <= 1, rules.between(0, 1), options);

/** Any field of any table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table mixes fields of every value type
export type AnyField = Field<any, FieldOptions>;
export type Table = Readonly<Record<string, AnyField>>;

type ValueOf<X> = X extends Field<infer T, FieldOptions> ? T : never;
type OptionalKeys<F extends Table> = { [K in keyof F]: F[K]['options']['optional'] extends true ? K : never }[keyof F];

/** The record a table describes, as plain data; a field added later (optional) may be absent. */
export type RecordOf<F extends Table> = {
	-readonly [K in Exclude<keyof F, OptionalKeys<F>>]: ValueOf<F[K]>;
} & { -readonly [K in OptionalKeys<F>]?: ValueOf<F[K]> };

/** The keys of a table whose fields carry an option. */
export type KeysWith<F extends Table, O extends keyof FieldOptions> = {
	[K in keyof F]: F[K]['options'][O] extends true ? K : never;
}[keyof F] &
	string;

/** Names of a table's fields that carry an option, in table order. */
export function keysWith<F extends Table, O extends keyof FieldOptions>(table: F, option: O): KeysWith<F, O>[] {
	return Object.keys(table).filter((k) => table[k].options[option] === true) as KeysWith<F, O>[];
}

/** Each key of a table by its own name (PERSON.name === 'name'), for code that reads an entry by key. */
export function keysOf<F extends Table>(table: F): { readonly [K in keyof F]: K } {
	return Object.fromEntries(Object.keys(table).map((k) => [k, k])) as { readonly [K in keyof F]: K };
}

/** A record with every field at its default (those added later left out, as readRecord leaves them). */
export function defaultsOf<F extends Table>(table: F): RecordOf<F> {
	return Object.fromEntries(Object.entries(table).flatMap(([k, f]) => (f.options.optional ? [] : [[k, f.default]]))) as RecordOf<F>;
}

/**
 * Every field of an entry (absent or malformed ones at their defaults), in table order. A field
 * added later (optional) is left out at its default, so the projection of a map that does not use
 * it stays as it was, and versions from before it compare the same.
 */
export function readRecord<F extends Table>(table: F, entry: Y.Map<unknown>): RecordOf<F> {
	const get = (k: string) => entry.get(k);
	const out: Record<string, unknown> = {};
	for (const [k, f, defaultJson] of columnsOf(table)) {
		const value: unknown = f.read(get, k);
		if (defaultJson === undefined || !isDefault(f, value, defaultJson)) out[k] = value;
	}
	return out as RecordOf<F>;
}

/**
 * A table's fields in order, each with its default as JSON when it is optional: worked out once
 * per table, not once per record read (a change to a 200-person map reads every person).
 */
const columns = new WeakMap<Table, [string, AnyField, string | undefined][]>();
function columnsOf(table: Table): [string, AnyField, string | undefined][] {
	let list = columns.get(table);
	if (!list) {
		list = Object.entries(table).map(([k, f]) => [k, f, f.options.optional ? JSON.stringify(f.default) : undefined]);
		columns.set(table, list);
	}
	return list;
}

const isDefault = (f: AnyField, value: unknown, defaultJson: string) => value === f.default || JSON.stringify(value) === defaultJson;

/** A record with the fields it lacks at their defaults (a projection stored by an older app). */
export function withDefaults<F extends Table, R extends Partial<RecordOf<F>>>(table: F, record: R): R & RecordOf<F> {
	const out: Record<string, unknown> = { ...record };
	for (const [k, f] of Object.entries(table)) out[k] ??= f.default;
	return out as R & RecordOf<F>;
}

/** Just the fields of `keys`, the others left out. */
export function pickFields<R extends object, K extends keyof R>(record: R, keys: readonly K[]): Pick<R, K> {
	return Object.fromEntries(keys.map((k) => [k, record[k]])) as Pick<R, K>;
}

/**
 * Cleans the fields of `patch` that `allowed` names, in table order (others: InvalidInputError 'invalid'), before
 * anything is written. A value the entry already holds is taken as it is, unchecked: a longer
 * name from before a limit stays as it is while the form sends it back with another change.
 */
export function cleanPatch<F extends Table, K extends keyof F & string>(
	table: F,
	allowed: readonly K[],
	patch: Record<string, unknown>,
	entry?: Y.Map<unknown> | null
): Partial<RecordOf<F>> {
	for (const key of Object.keys(patch)) if (!(allowed as readonly string[]).includes(key)) throw new InvalidInputError(key, 'invalid');
	const out: Record<string, unknown> = {};
	for (const key of allowed) {
		const value = patch[key];
		if (value === undefined) continue;
		const f = table[key];
		const now = entry ? f.read((k) => entry.get(k), key) : undefined;
		out[key] = entry && now === value ? now : f.clean(value, key);
	}
	return out as Partial<RecordOf<F>>;
}

/** Writes the given clean fields (only what reads differently). */
export function writeRecord<F extends Table>(table: F, entry: Y.Map<unknown>, values: Partial<RecordOf<F>>): void {
	for (const [key, value] of Object.entries(values)) if (value !== undefined) table[key].write(entry, key, value);
}

/** The write guard's rule for a stored key of a table's records (undefined: not a field of the schema). */
export function rulesOf(table: Table): (storedKey: string) => Rule | undefined {
	const byKey = new Map<string, Rule>();
	for (const [key, f] of Object.entries(table)) for (const k of f.keys(key)) byKey.set(k, f.rule);
	return (k) => byKey.get(k);
}
