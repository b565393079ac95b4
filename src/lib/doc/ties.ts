import * as Y from 'yjs';
import { CENTRE, isTieQuality, isTieSupport } from './schema.ts';
import { TIE, TIE_FIELDS, type Tie, type TieQuality, type TieSupport } from './records.ts';
import { readRecord } from './fields.ts';
import { InvalidInputError, isPlainObject } from './input.ts';
import { readPeople, readPerson } from './people.ts';
import { peopleOf, tiesOf } from './roots.ts';
import { transact, type Origin } from './origin.ts';

export { tiesOf } from './roots.ts';

/** A new tie is a plain line (Hartman's ordinary connection) without arrows until someone says more. */
export const TIE_DEFAULTS = { quality: TIE_FIELDS.quality.default, support: TIE_FIELDS.support.default } as const satisfies Pick<
	Tie,
	'quality' | 'support'
>;

/**
 * The ends of a tie in their one canonical order: the centre first, else the smaller id first
 * (by code unit, not locale, so every client agrees). A tie has no direction of its own;
 * direction of support is its `support` field.
 */
export function tieEnds(a: string, b: string): { from: string; to: string } {
	if (b === CENTRE) [a, b] = [b, a];
	if (a !== CENTRE && b < a) [a, b] = [b, a];
	return { from: a, to: b };
}

/** Deterministic, so two clients creating the same tie at once converge on one tie. */
export function tieId(a: string, b: string): string {
	const { from, to } = tieEnds(a, b);
	return `${from}:${to}`;
}

/** Directions make sense only seen from the youth; between two others support is mutual or absent. */
function supportFits(support: TieSupport, from: string): boolean {
	return from === CENTRE || support === 'beide' || support === 'geen';
}

/** A tie as plain data, or null when the entry is malformed. Does not check that its ends exist. */
export function readTie(id: string, entry: unknown): Tie | null {
	if (!(entry instanceof Y.Map)) return null;
	const from = entry.get(TIE.from);
	const to = entry.get(TIE.to);
	if (typeof from !== 'string' || typeof to !== 'string' || from === to || to === CENTRE) return null;
	if (tieId(from, to) !== id || tieEnds(from, to).from !== from) return null;
	const tie = readRecord(TIE_FIELDS, entry);
	return { ...tie, id, support: supportFits(tie.support, from) ? tie.support : TIE_DEFAULTS.support };
}

/**
 * Every well-formed tie whose ends are on the map, sorted by id. A concurrent delete and tie
 * can leave a tie to a missing person in the document; it is left out here, never shown.
 */
export function readTies(doc: Y.Doc, people: ReadonlySet<string> = new Set(readPeople(doc).map((p) => p.id))): Tie[] {
	const ties: Tie[] = [];
	tiesOf(doc).forEach((entry, id) => {
		const tie = readTie(id, entry);
		if (tie) ties.push(tie);
	});
	return tiesOnMap(ties, people);
}

/** The ties whose ends are among `people` (or the youth), in readTies's order. */
export function tiesOnMap(ties: readonly Tie[], people: ReadonlySet<string>): Tie[] {
	return ties
		.filter((tie) => (tie.from === CENTRE || people.has(tie.from)) && people.has(tie.to))
		.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function isOnMap(doc: Y.Doc, id: string): boolean {
	return id === CENTRE || readPerson(id, peopleOf(doc).get(id)) !== null;
}

/** The tie between two ends (either order), or null. */
export function tieBetween(doc: Y.Doc, a: string, b: string): Tie | null {
	if (typeof a !== 'string' || typeof b !== 'string' || a === b) return null;
	if (!isOnMap(doc, a) || !isOnMap(doc, b)) return null;
	const id = tieId(a, b);
	return readTie(id, tiesOf(doc).get(id));
}

export interface TieProps {
	quality?: TieQuality;
	support?: TieSupport;
}

function checkEnds(a: unknown, b: unknown): { from: string; to: string } {
	// ':' separates the ends in a tie id; person ids are uuids and never hold one.
	if (typeof a !== 'string' || !a || a.includes(':')) throw new InvalidInputError('from', 'invalid');
	if (typeof b !== 'string' || !b || b.includes(':')) throw new InvalidInputError('to', 'invalid');
	if (a === b) throw new InvalidInputError('to', 'invalid');
	return tieEnds(a, b);
}

/**
 * Creates or changes the tie between two ends (CENTRE for the youth). Refuses a self-tie, a
 * missing person and invalid values before writing. Writes only the fields that change, so a
 * concurrent change of the other field survives. Returns the tie's id.
 */
export function setTie(doc: Y.Doc, from: string, to: string, props: TieProps, origin: Origin): string {
	const ends = checkEnds(from, to);
	if (props === undefined) props = {};
	if (!isPlainObject(props)) throw new InvalidInputError('tie', 'invalid');
	for (const key of Object.keys(props)) {
		if (key !== 'quality' && key !== 'support') throw new InvalidInputError(key, 'invalid');
	}
	const { quality, support } = props;
	if (quality !== undefined && !isTieQuality(quality)) throw new InvalidInputError('quality', 'invalid');
	if (support !== undefined && !(isTieSupport(support) && supportFits(support, ends.from))) {
		throw new InvalidInputError('support', 'invalid');
	}
	// Named as the caller named them, before the ends were put in order.
	if (!isOnMap(doc, from)) throw new InvalidInputError('from', 'missing');
	if (!isOnMap(doc, to)) throw new InvalidInputError('to', 'missing');
	const id = tieId(ends.from, ends.to);
	return transact(
		doc,
		() => {
			const ties = tiesOf(doc);
			const entry = ties.get(id);
			const current = readTie(id, entry);
			if (!current || !(entry instanceof Y.Map)) {
				const tie = new Y.Map<unknown>();
				tie.set(TIE.id, id);
				tie.set(TIE.from, ends.from);
				tie.set(TIE.to, ends.to);
				tie.set(TIE.quality, quality ?? TIE_DEFAULTS.quality);
				tie.set(TIE.support, support ?? TIE_DEFAULTS.support);
				tie.set(TIE.createdAt, Date.now());
				ties.set(id, tie);
				return id;
			}
			if (quality !== undefined && quality !== current.quality) entry.set(TIE.quality, quality);
			if (support !== undefined && support !== current.support) entry.set(TIE.support, support);
			return id;
		},
		origin
	);
}

/** Removes the tie between two ends (either order). Returns whether there was one. */
export function removeTie(doc: Y.Doc, from: string, to: string, origin: Origin): boolean {
	if (typeof from !== 'string') throw new InvalidInputError('from', 'invalid');
	if (typeof to !== 'string') throw new InvalidInputError('to', 'invalid');
	if (from === to) return false;
	const id = tieId(from, to);
	return transact(
		doc,
		() => {
			const ties = tiesOf(doc);
			if (!ties.has(id)) return false;
			ties.delete(id);
			return true;
		},
		origin
	);
}
