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

/** The four life areas of the netwerkcirkel, in drawing order (clockwise from the top left). */
export const SECTORS = ['familie', 'vrienden', 'school', 'hulpverleners'] as const;
export type Sector = (typeof SECTORS)[number];

/** Closeness rings from the centre outwards: 1 = heel dichtbij … 4 = bekend maar ver weg. */
export const RINGS = [1, 2, 3, 4] as const;
export type Ring = (typeof RINGS)[number];

/** Kinds of support (steun), after the Dutch social-support scale, in display order. */
export const SUPPORT_KINDS = ['emotioneel', 'praktisch', 'informatie', 'gezelschap', 'waardering'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const CONTACT_FREQUENCIES = ['dagelijks', 'wekelijks', 'maandelijks', 'paar-keer-per-jaar'] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

export const KNOWN_FOR = ['minder-dan-jaar', 'een-tot-vijf-jaar', 'meer-dan-vijf-jaar'] as const;
export type KnownFor = (typeof KNOWN_FOR)[number];

export const PERSON = {
	id: 'id',
	name: 'name',
	relation: 'relation',
	sector: 'sector',
	ring: 'ring',
	angle: 'angle',
	createdAt: 'createdAt',
	contact: 'contact',
	knownFor: 'knownFor',
	jimCandidate: 'jimCandidate',
	note: 'note'
} as const;

/**
 * Support kinds are flat keys on the person's own Y.Map ("support.emotioneel": true, absent when
 * off) rather than a nested Y.Map or Y.Array: each kind merges on its own under concurrent toggles,
 * and a person from schema 1 needs no nested map created lazily, which two clients could race to
 * create (the loser's toggles would vanish).
 */
export function supportKey(kind: SupportKind): string {
	return `support.${kind}`;
}

export const NAME_MAX = 60;
export const RELATION_MAX = 60;
export const NOTE_MAX = 500;

export interface Person {
	id: string;
	name: string;
	relation: string;
	/** null while the person waits in the tray (named but not placed yet). */
	sector: Sector | null;
	ring: Ring | null;
	/** 0..1 within the sector, so people in one slot do not overlap. */
	angle: number;
	createdAt: number;
	/** In SUPPORT_KINDS order, no duplicates. */
	support: SupportKind[];
	contact: ContactFrequency | null;
	knownFor: KnownFor | null;
	/** "Kan misschien helpen": a possible JIM. */
	jimCandidate: boolean;
	note: string;
}

/** The youth at the centre, as a tie end. */
export const CENTRE = 'centre';

/** Hartman's line kinds: solid/bold, dashed, jagged, cut. */
export const TIE_QUALITIES = ['sterk', 'zwak', 'gespannen', 'verbroken'] as const;
export type TieQuality = (typeof TIE_QUALITIES)[number];

/** Which way support flows, seen from the youth. Between two other people only 'beide' or 'geen'. */
export const TIE_SUPPORT = ['naar-jongere', 'van-jongere', 'beide', 'geen'] as const;
export type TieSupport = (typeof TIE_SUPPORT)[number];

export const TIE = {
	id: 'id',
	from: 'from',
	to: 'to',
	quality: 'quality',
	support: 'support',
	createdAt: 'createdAt'
} as const;

export interface Tie {
	/** Deterministic from the ends (tieId), so concurrent creators converge on one tie. */
	id: string;
	/** CENTRE for the youth's own tie; between two people the smaller id. */
	from: string;
	to: string;
	quality: TieQuality;
	support: TieSupport;
	createdAt: number;
}

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
