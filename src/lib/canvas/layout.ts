import { RINGS, SECTORS, type Ring, type Sector } from '../doc/schema.ts';

/**
 * The netwerkcirkel's geometry, in model units (Cytoscape zooms it to fit any screen).
 * Sectors are quadrants, clockwise from the top left: familie, vrienden, school, hulpverleners.
 * Ring n spans radii (RING_EDGES[n-1], RING_EDGES[n]]. Inner rings are wider than outer ones
 * (each ring's area grows less than its radius would give): the closest people, who matter
 * most, get as much room for their names as those far away.
 */
export const CENTRE_RADIUS = 100;
export const OUTER_RADIUS = 680;
export const RING_EDGES: readonly number[] = [0, ...RINGS].map(
	(k) => CENTRE_RADIUS + (OUTER_RADIUS - CENTRE_RADIUS) * (k / RINGS.length) ** 0.7
);

/** The inner and outer radius of a ring. */
export function ringBand(ring: Ring): [number, number] {
	return [RING_EDGES[ring - 1], RING_EDGES[ring]];
}
/** Keep people off the sector borders. */
const ANGLE_PADDING = 0.1;

export interface Point {
	x: number;
	y: number;
}

/** Start of a sector in radians (screen coordinates, y down, clockwise). */
export function sectorStart(sector: Sector): number {
	return Math.PI + (SECTORS.indexOf(sector) * Math.PI) / 2;
}

/** The middle of a ring. */
export function ringRadius(ring: Ring): number {
	const [inner, outer] = ringBand(ring);
	return (inner + outer) / 2;
}

/** The ring a distance from the centre falls in (the innermost or outermost beyond the rings). */
export function ringAt(radius: number): Ring {
	const index = RING_EDGES.findIndex((edge, i) => i > 0 && radius <= edge);
	return RINGS[(index < 0 ? RINGS.length : index) - 1];
}

/** Where a placed person is drawn (the middle of their slot's ring), on an upright oval `stretch` times as tall as wide. */
export function positionOf(sector: Sector, ring: Ring, angle: number, stretch = 1): Point {
	const p = polar(sector, ringRadius(ring), angle);
	return { x: p.x, y: p.y * stretch };
}

/**
 * The slot (sector, ring, angle) under a point: the inverse of positionOf, for dragging. On a
 * canvas where the circle is drawn as an upright oval, `stretch` is how much taller than wide.
 */
export function slotAt(at: Point, stretch = 1): { sector: Sector; ring: Ring; angle: number } {
	const point = { x: at.x, y: at.y / stretch };
	const r = Math.hypot(point.x, point.y);
	let theta = Math.atan2(point.y, point.x) - Math.PI; // 0 at the left, clockwise
	while (theta < 0) theta += 2 * Math.PI;
	const quarter = Math.min(3, Math.floor(theta / (Math.PI / 2)));
	const within = (theta - (quarter * Math.PI) / 2) / (Math.PI / 2);
	const angle = Math.min(1, Math.max(0, (within - ANGLE_PADDING) / (1 - 2 * ANGLE_PADDING)));
	return { sector: SECTORS[quarter], ring: ringAt(r), angle };
}

/** A placed person, as far as drawing needs. */
export interface Placed {
	id: string;
	sector: Sector;
	ring: Ring;
	angle: number;
}

/** The direction (radians, screen coordinates) of a stored angle within its sector. */
export function thetaOf(sector: Sector, angle: number): number {
	const a = ANGLE_PADDING + angle * (1 - 2 * ANGLE_PADDING);
	return sectorStart(sector) + (a * Math.PI) / 2;
}

function polar(sector: Sector, radius: number, angle: number): Point {
	const theta = thetaOf(sector, angle);
	return { x: radius * Math.cos(theta), y: radius * Math.sin(theta) };
}
