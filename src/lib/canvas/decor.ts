import type { ElementDefinition } from 'cytoscape';
import { RINGS, SECTORS, type Sector } from '../doc/schema.ts';
import { OUTER_RADIUS, RING_EDGES } from './layout.ts';
import { boxAt, type Box } from './placement.ts';
import { PX, textBox, type Scale } from './scale.ts';

export interface CanvasLabels {
	/** Ring names from the centre outwards. */
	rings: readonly string[];
	sectors: Record<Sector, string>;
	/** The words under the chosen JIM and the backup. */
	jim: string;
	reserve: string;
	/** The words under a person with open agreements ("2 afspraken"). */
	agreements: (count: number) => string;
}

/** Calm tints, one per sector; the sector's name is written in it too, so colour never carries the meaning alone. */
export const SECTOR_TINT: Record<Sector, { fill: string; name: string }> = {
	familie: { fill: '#fcf1e4', name: '#f5dcbf' },
	vrienden: { fill: '#e9f5ec', name: '#cfe8d6' },
	school: { fill: '#e8f1fb', name: '#cfe0f4' },
	hulpverleners: { fill: '#f2edf8', name: '#e1d6f0' }
};

/** Which way a sector lies from the centre. */
const SECTOR_SIDE: Record<Sector, [number, number]> = {
	familie: [-1, -1],
	vrienden: [1, -1],
	school: [1, 1],
	hulpverleners: [-1, 1]
};

/** A quarter disc as polygon points in a node's own [-1, 1] box, the circle's centre at corner (cx, cy). */
function quarterDisc(sx: number, sy: number): number[] {
	const points = [-sx, -sy];
	const steps = 24;
	for (let i = 0; i <= steps; i++) {
		const t = (i / steps) * (Math.PI / 2);
		points.push(-sx + sx * 2 * Math.cos(t), -sy + sy * 2 * Math.sin(t));
	}
	return points;
}

/** Sector names wrap at about half the circle's width. */
const SECTOR_NAME_WIDTH = 0.8;

/** A sector's name split over at most two lines, to fit beside the middle of the circle. */
export function sectorLines(name: string, maxPx: number): string {
	const words = name.split(/\s+/);
	const lines: string[] = [];
	for (const word of words) {
		const last = lines.length ? `${lines[lines.length - 1]} ${word}` : word;
		if (lines.length && textBox(last, PX.sector, true).w <= maxPx) lines[lines.length - 1] = last;
		else lines.push(word);
	}
	return lines.length > 2 ? `${lines[0]}\n${lines.slice(1).join(' ')}` : lines.join('\n');
}

/** Where the ring and sector names sit (label centres) and how large they are, in model units. */
export function decorLabels(
	labels: CanvasLabels,
	scale: Scale
): { id: string; text: string; box: Box; classes: string; sector?: Sector }[] {
	const u = scale.unit;
	const out: { id: string; text: string; box: Box; classes: string; sector?: Sector }[] = [];
	RINGS.forEach((ring, i) => {
		const oneLine = labels.rings[i] ?? '';
		// Two lines where the ring is deep enough: the name then takes less of the ring's width.
		const twoLines = oneLine.replace(/ (?=\S+$)/, '\n');
		const band = ((RING_EDGES[ring] - RING_EDGES[ring - 1]) * scale.stretch) / u - 6;
		const text = twoLines !== oneLine && textBox(twoLines, PX.ring).h <= band ? twoLines : oneLine;
		const { w, h } = textBox(text, PX.ring);
		const edge = RING_EDGES[ring];
		// On the lower vertical axis at the outer edge of its ring, where the axis keeps people away
		// anyway; below, not above, the youth: the closest family and friends need the room more.
		out.push({
			id: `ring-label-${ring}`,
			text,
			box: boxAt(0, edge * scale.stretch - (h * u) / 2 - 2 * u, w * u, h * u),
			classes: 'label ring-name'
		});
	});
	const maxPx = (OUTER_RADIUS / u) * SECTOR_NAME_WIDTH;
	for (const sector of SECTORS) {
		const [sx, sy] = SECTOR_SIDE[sector];
		const text = sectorLines(labels.sectors[sector], maxPx);
		const { w, h } = textBox(text, PX.sector, true);
		const pad = 4;
		const bw = (w + 2 * pad) * u;
		const bh = (h + 2 * pad) * u;
		// Beside the vertical axis, just outside the outer ring: in its own quadrant, away from the corners (and the zoom buttons).
		const cx = sx * (12 * u + bw / 2);
		const cy = sy * (OUTER_RADIUS * scale.stretch + 6 * u + bh / 2);
		out.push({ id: `sector-${sector}`, text, box: boxAt(cx, cy, bw, bh), classes: 'label sector', sector });
	}
	return out;
}

/** The drawing behind the people: tints, rings, the two axes, ring and sector names, the frame. Not interactive. */
export function decorElements(labels: CanvasLabels, scale: Scale): ElementDefinition[] {
	const els: ElementDefinition[] = [];
	const base = { selectable: false, grabbable: false, locked: true, pannable: true };
	for (const sector of SECTORS) {
		const [sx, sy] = SECTOR_SIDE[sector];
		els.push({
			data: {
				id: `tint-${sector}`,
				tint: SECTOR_TINT[sector].fill,
				points: quarterDisc(sx, sy),
				width: OUTER_RADIUS,
				height: OUTER_RADIUS * scale.stretch
			},
			position: { x: (sx * OUTER_RADIUS) / 2, y: (sy * OUTER_RADIUS * scale.stretch) / 2 },
			classes: 'tint',
			...base
		});
	}
	RINGS.forEach((ring) => {
		const radius = RING_EDGES[ring];
		els.push({
			data: { id: `ring-${ring}`, width: radius * 2, height: radius * 2 * scale.stretch },
			position: { x: 0, y: 0 },
			classes: ring === RINGS.length ? 'ring outer' : 'ring',
			...base
		});
	});
	const reach = OUTER_RADIUS;
	const down = OUTER_RADIUS * scale.stretch;
	for (const [a, b] of [
		[
			[-reach, 0],
			[reach, 0]
		],
		[
			[0, -down],
			[0, down]
		]
	] as const) {
		const id = `axis-${a[0]}-${a[1]}`;
		els.push({ data: { id: `${id}-a` }, position: { x: a[0], y: a[1] }, classes: 'axis', ...base });
		els.push({ data: { id: `${id}-b` }, position: { x: b[0], y: b[1] }, classes: 'axis', ...base });
		els.push({ data: { id, source: `${id}-a`, target: `${id}-b` }, classes: 'axis', selectable: false });
	}
	for (const l of decorLabels(labels, scale)) {
		els.push({
			data: { id: l.id, label: l.text, ...(l.sector ? { tint: SECTOR_TINT[l.sector].name } : {}) },
			position: { x: (l.box.x1 + l.box.x2) / 2, y: (l.box.y1 + l.box.y2) / 2 },
			classes: l.classes,
			...base
		});
	}
	// The frame's corners: "fit" (also the zoom buttons' fit) shows exactly the frame the names were placed in.
	const f = scale.frame;
	for (const [i, [x, y]] of [
		[f.x1, f.y1],
		[f.x2, f.y2]
	].entries())
		els.push({ data: { id: `frame-${i}` }, position: { x, y }, classes: 'frame', ...base });
	return els;
}
