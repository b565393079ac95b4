/**
 * The shape of a Kring network map (one Yjs document per map).
 *
 * Root keys:
 *   meta   Y.Map  { schemaVersion: number, centreName: string }
 *   people Y.Map<id, Y.Map>  one Y.Map per person, so concurrent edits of different fields merge
 *   ties   Y.Map<id, Y.Map>  one Y.Map per tie (drawn in issue 2/4)
 *
 * Position is meaning: a person's place is their sector, ring and angle within the sector,
 * never pixels; the canvas derives x/y.
 */

export const SCHEMA_VERSION = 1;

export const ROOT = { meta: 'meta', people: 'people', ties: 'ties' } as const;

export const META = { schemaVersion: 'schemaVersion', centreName: 'centreName' } as const;

/** The four life areas of the netwerkcirkel, in drawing order (clockwise from the top left). */
export const SECTORS = ['familie', 'vrienden', 'school', 'hulpverleners'] as const;
export type Sector = (typeof SECTORS)[number];

/** Closeness rings from the centre outwards: 1 = heel dichtbij … 4 = bekend maar ver weg. */
export const RINGS = [1, 2, 3, 4] as const;
export type Ring = (typeof RINGS)[number];

export const PERSON = {
	id: 'id',
	name: 'name',
	relation: 'relation',
	sector: 'sector',
	ring: 'ring',
	angle: 'angle',
	createdAt: 'createdAt'
} as const;

export const NAME_MAX = 60;
export const RELATION_MAX = 60;

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
}

export interface MapJson {
	schemaVersion: number;
	centreName: string;
	people: Person[];
}

export function isSector(value: unknown): value is Sector {
	return typeof value === 'string' && (SECTORS as readonly string[]).includes(value);
}

export function isRing(value: unknown): value is Ring {
	return typeof value === 'number' && (RINGS as readonly number[]).includes(value);
}
