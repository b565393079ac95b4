/**
 * The shape of a Kring network map (one Yjs document per map).
 *
 * Root keys (root types, so no client ever has to create them and no two clients can race to):
 *   meta   Y.Map  { schemaVersion: number, centreName: string, erasedAt?: number (ms; the last erasure, erase.ts) }
 *   people Y.Map<id, Y.Map>  one Y.Map per person, one key per field, so concurrent edits of
 *                            different fields merge
 *   ties   Y.Map<id, Y.Map>  one Y.Map per tie, keyed by a deterministic id (see tieId)
 *   jim    Y.Array<entry>    the JIM record: an append-only log of plain entries (see jim.ts)
 *
 * The centre is the youth, named in meta: exactly one, and never a person entry.
 * Position is meaning: a person's place is their sector, ring and angle within the sector,
 * never pixels; the canvas derives x/y.
 */

import type { JimEntry } from './jim.ts';
import type { PlanJson } from './plan.ts';

export const SCHEMA_VERSION = 3;

export const ROOT = {
	meta: 'meta',
	people: 'people',
	ties: 'ties',
	jim: 'jim',
	// The support plan (see plan.ts), with its own schema version.
	plan: 'plan',
	goals: 'goals',
	agreements: 'agreements',
	questions: 'questions'
} as const;

export const META = { schemaVersion: 'schemaVersion', centreName: 'centreName', erasedAt: 'erasedAt' } as const;

// The vocabularies and the record tables live in records.ts (each record defined once); the
// names everyone imports from here stay here.
export {
	ACCOUNT_NAME_MAX,
	AGREEMENT_STATUSES,
	CONTACT_FREQUENCIES,
	DOMAINS,
	KNOWN_FOR,
	NAME_MAX,
	NOTE_MAX,
	PERSON,
	RELATION_MAX,
	RINGS,
	SECTORS,
	SUPPORT_KINDS,
	TEXT_MAX,
	TIE,
	TIE_QUALITIES,
	TIE_SUPPORT,
	YOUTH_NAME_MAX,
	supportKey,
	type AgreementStatus,
	type ContactFrequency,
	type Domain,
	type KnownFor,
	type Person,
	type Ring,
	type Sector,
	type SupportKind,
	type Tie,
	type TieQuality,
	type TieSupport
} from './records.ts';
import {
	CONTACT_FREQUENCIES,
	KNOWN_FOR,
	RINGS,
	SECTORS,
	SUPPORT_KINDS,
	TIE_QUALITIES,
	TIE_SUPPORT,
	type Person,
	type Ring,
	type Sector,
	type Tie
} from './records.ts';

/** The youth at the centre, as a tie end. */
export const CENTRE = 'centre';

export interface MapJson {
	schemaVersion: number;
	centreName: string;
	people: Person[];
	/** Sorted by id; never a tie with a missing end. */
	ties: Tie[];
	/** The JIM record's log in order (see jim.ts); absent in projections made before schema 3. */
	jim?: JimEntry[];
	/** The support plan (see plan.ts); absent in projections made before the plan existed. */
	plan?: PlanJson;
}

export function isSector(value: unknown): value is Sector {
	return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

export function isRing(value: unknown): value is Ring {
	return typeof value === 'number' && (RINGS as readonly number[]).includes(value);
}

function isOneOf<T extends string>(list: readonly T[]) {
	return (value: unknown): value is T => typeof value === 'string' && (list as readonly string[]).includes(value);
}

export const isSupportKind = isOneOf(SUPPORT_KINDS);
export const isContactFrequency = isOneOf(CONTACT_FREQUENCIES);
export const isKnownFor = isOneOf(KNOWN_FOR);
export const isTieQuality = isOneOf(TIE_QUALITIES);
export const isTieSupport = isOneOf(TIE_SUPPORT);
