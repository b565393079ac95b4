import { RINGS, SECTORS, type Ring, type Sector } from '../doc/schema.ts';

/**
 * The netwerkcirkel's geometry, in model units (Cytoscape zooms it to fit any screen).
 * Sectors are quadrants, clockwise from the top left: familie, vrienden, school, hulpverleners.
 * Ring n spans radii (CENTRE_RADIUS + (n-1)·RING_WIDTH, CENTRE_RADIUS + n·RING_WIDTH].
 */
export const CENTRE_RADIUS = 70;
export const RING_WIDTH = 150;
/** A person's circle on the canvas. */
export const NODE_SIZE = 56;
/** The youth's circle at the centre. */
export const CENTRE_NODE_SIZE = 90;
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
	return polar(sector, ringRadius(ring), angle);
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

/** A placed person, as far as drawing needs. */
export interface Placed {
	id: string;
	sector: Sector;
	ring: Ring;
	angle: number;
}

/**
 * Where each placed person is drawn. People sharing a slot keep the order of their stored angles
 * but are spread evenly over it, and a crowded slot staggers them inwards and outwards, so
 * circles do not overlap.
 */
export function layoutPeople(people: Placed[]): Map<string, Point> {
	const slots = new Map<string, Placed[]>();
	for (const p of people) {
		const key = `${p.sector}:${p.ring}`;
		slots.set(key, [...(slots.get(key) ?? []), p]);
	}
	const positions = new Map<string, Point>();
	for (const group of slots.values()) {
		group.sort((a, b) => a.angle - b.angle || a.id.localeCompare(b.id));
		const { sector, ring } = group[0];
		const arc = ringRadius(ring) * (Math.PI / 2) * (1 - 2 * ANGLE_PADDING);
		const crowded = group.length > 1 && arc / group.length < NODE_SIZE * 1.3;
		group.forEach((p, i) => {
			const angle = group.length === 1 ? p.angle : (i + 0.5) / group.length;
			const offset = crowded ? (i % 2 === 0 ? -1 : 1) * RING_WIDTH * 0.22 : 0;
			positions.set(p.id, polar(sector, ringRadius(ring) + offset, angle));
		});
	}
	return positions;
}

function polar(sector: Sector, radius: number, angle: number): Point {
	const a = ANGLE_PADDING + angle * (1 - 2 * ANGLE_PADDING);
	const theta = sectorStart(sector) + (a * Math.PI) / 2;
	return { x: radius * Math.cos(theta), y: radius * Math.sin(theta) };
}
