import { RINGS, SECTORS, type Ring, type Sector } from '../doc/schema.ts';

/**
 * The netwerkcirkel's geometry, in model units (Cytoscape zooms it to fit any screen).
 * Sectors are quadrants, clockwise from the top left: familie, vrienden, school, hulpverleners.
 * Ring n spans radii (CENTRE_RADIUS + (n-1)·RING_WIDTH, CENTRE_RADIUS + n·RING_WIDTH].
 */
export const CENTRE_RADIUS = 60;
export const RING_WIDTH = 110;
export const OUTER_RADIUS = CENTRE_RADIUS + RINGS.length * RING_WIDTH;
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

export function ringRadius(ring: Ring): number {
	return CENTRE_RADIUS + (ring - 0.5) * RING_WIDTH;
}

/** Where a placed person is drawn. */
export function positionOf(sector: Sector, ring: Ring, angle: number): Point {
	const a = ANGLE_PADDING + angle * (1 - 2 * ANGLE_PADDING);
	const theta = sectorStart(sector) + (a * Math.PI) / 2;
	const r = ringRadius(ring);
	return { x: r * Math.cos(theta), y: r * Math.sin(theta) };
}

/** The slot (sector, ring, angle) under a point: the inverse of positionOf, for dragging. */
export function slotAt(point: Point): { sector: Sector; ring: Ring; angle: number } {
	const r = Math.hypot(point.x, point.y);
	const ringIndex = Math.min(RINGS.length, Math.max(1, Math.ceil((r - CENTRE_RADIUS) / RING_WIDTH)));
	let theta = Math.atan2(point.y, point.x) - Math.PI; // 0 at the left, clockwise
	while (theta < 0) theta += 2 * Math.PI;
	const quarter = Math.min(3, Math.floor(theta / (Math.PI / 2)));
	const within = (theta - (quarter * Math.PI) / 2) / (Math.PI / 2);
	const angle = Math.min(1, Math.max(0, (within - ANGLE_PADDING) / (1 - 2 * ANGLE_PADDING)));
	return { sector: SECTORS[quarter], ring: RINGS[ringIndex - 1], angle };
}
