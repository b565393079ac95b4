import type { ElementDefinition } from 'cytoscape';
import { RINGS, SECTORS, type Sector } from '../doc/schema.ts';
import { CENTRE_RADIUS, OUTER_RADIUS, RING_WIDTH } from './layout.ts';

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

const SECTOR_CORNERS: Record<Sector, [number, number]> = {
	familie: [-1, -1],
	vrienden: [1, -1],
	school: [1, 1],
	hulpverleners: [-1, 1]
};

/** The drawing behind the people: rings, the two axes, ring and sector names. Not interactive. */
export function decorElements(labels: CanvasLabels): ElementDefinition[] {
	const els: ElementDefinition[] = [];
	const base = { selectable: false, grabbable: false, locked: true, pannable: true };
	RINGS.forEach((ring, i) => {
		const radius = CENTRE_RADIUS + ring * RING_WIDTH;
		els.push({
			data: { id: `ring-${ring}`, size: radius * 2 },
			position: { x: 0, y: 0 },
			classes: ring === RINGS.length ? 'ring outer' : 'ring',
			...base
		});
		els.push({
			data: { id: `ring-label-${ring}`, label: labels.rings[i] ?? '' },
			position: { x: 6, y: -(radius - 12) },
			classes: 'label',
			...base
		});
	});
	const reach = OUTER_RADIUS + 20;
	for (const [a, b] of [
		[
			[-reach, 0],
			[reach, 0]
		],
		[
			[0, -reach],
			[0, reach]
		]
	] as const) {
		const id = `axis-${a[0]}-${a[1]}`;
		els.push({ data: { id: `${id}-a` }, position: { x: a[0], y: a[1] }, classes: 'axis', ...base });
		els.push({ data: { id: `${id}-b` }, position: { x: b[0], y: b[1] }, classes: 'axis', ...base });
		els.push({ data: { id, source: `${id}-a`, target: `${id}-b` }, classes: 'axis', selectable: false });
	}
	for (const sector of SECTORS) {
		const [sx, sy] = SECTOR_CORNERS[sector];
		// Anchored at the corner: names on the right end there, so any font size stays in the corner.
		els.push({
			data: { id: `sector-${sector}`, label: labels.sectors[sector] },
			position: { x: sx * (OUTER_RADIUS + 20), y: sy * (OUTER_RADIUS + 10) },
			classes: sx < 0 ? 'label sector' : 'label sector right',
			...base
		});
	}
	return els;
}
