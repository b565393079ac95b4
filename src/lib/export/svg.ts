/**
 * The netwerkcirkel as SVG, drawn from a projection with the canvas' own geometry (layout.ts): the
 * rings and sectors with their names, the ties in Hartman's line kinds (strong solid and bold, weak
 * dashed, stressful jagged, broken cut), the people with their names and the youth at the centre.
 * Meaning is carried by line shape and words, never colour alone, as on screen.
 */
import { CENTRE, RINGS, SECTORS, type MapJson, type Sector } from '../doc/schema.ts';
import { OUTER_RADIUS, positionOf, RING_EDGES, ringBand, ringRadius, type Placed, type Point } from '../canvas/layout.ts';

/** A person's circle and the youth's, in the layout's model units. */
const NODE_SIZE = 56;
const CENTRE_NODE_SIZE = 120;

/**
 * Where each placed person is drawn: on the middle of their ring, a slot's people spread evenly
 * over its sector in the order of their stored angles, and a crowded slot staggered over two
 * arcs. A still picture has room for every name, so this needs none of the canvas' measuring.
 */
function layoutPeople(people: readonly Placed[]): Map<string, Point> {
	const slots = new Map<string, Placed[]>();
	for (const p of people) slots.set(`${p.sector}:${p.ring}`, [...(slots.get(`${p.sector}:${p.ring}`) ?? []), p]);
	const positions = new Map<string, Point>();
	for (const group of slots.values()) {
		group.sort((a, b) => a.angle - b.angle || a.id.localeCompare(b.id));
		const { sector, ring } = group[0];
		const [inner, outer] = ringBand(ring);
		const crowded = group.length > 1 && (ringRadius(ring) * Math.PI * 0.4) / group.length < NODE_SIZE * 1.3;
		group.forEach((p, i) => {
			const angle = group.length === 1 ? p.angle : (i + 0.5) / group.length;
			const at = positionOf(sector, ring, angle);
			const shift = crowded ? ((i % 2 === 0 ? -1 : 1) * (outer - inner) * 0.22) / ringRadius(ring) : 0;
			positions.set(p.id, { x: at.x * (1 + shift), y: at.y * (1 + shift) });
		});
	}
	return positions;
}

export interface SvgLabels {
	title: string;
	rings: readonly string[];
	sectors: Record<Sector, string>;
	youth: string;
}

const INK = '#1f2a37';
const MUTED = '#5b6675';
const LINE = '#9aa3ad';
const CORNERS: Record<Sector, [number, number]> = { familie: [-1, -1], vrienden: [1, -1], school: [1, 1], hulpverleners: [-1, 1] };

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => x.toFixed(1);

function tiePath(a: Point, b: Point, quality: string): string {
	const dx = b.x - a.x;
	const dy = b.y - a.y;
	const len = Math.hypot(dx, dy) || 1;
	const [ux, uy] = [dx / len, dy / len];
	const [px, py] = [-uy, ux];
	if (quality === 'gespannen') {
		const points = [`${n(a.x)},${n(a.y)}`];
		const steps = Math.max(4, Math.floor(len / 16));
		for (let i = 1; i < steps; i++) {
			const t = i / steps;
			const side = i % 2 === 0 ? 6 : -6;
			points.push(`${n(a.x + dx * t + px * side)},${n(a.y + dy * t + py * side)}`);
		}
		points.push(`${n(b.x)},${n(b.y)}`);
		return `<polyline points="${points.join(' ')}" fill="none" stroke="${INK}" stroke-width="2"/>`;
	}
	if (quality === 'verbroken') {
		const mid = { x: a.x + dx / 2, y: a.y + dy / 2 };
		const cut = (o: number) =>
			`<line x1="${n(mid.x + ux * o + px * 10 - ux * 4)}" y1="${n(mid.y + uy * o + py * 10 - uy * 4)}" x2="${n(mid.x + ux * o - px * 10 + ux * 4)}" y2="${n(mid.y + uy * o - py * 10 + uy * 4)}" stroke="${INK}" stroke-width="2"/>`;
		return `<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(b.x)}" y2="${n(b.y)}" stroke="${INK}" stroke-width="2"/>${cut(-5)}${cut(5)}`;
	}
	const style = quality === 'zwak' ? 'stroke-width="2" stroke-dasharray="10 6"' : 'stroke-width="5"';
	return `<line x1="${n(a.x)}" y1="${n(a.y)}" x2="${n(b.x)}" y2="${n(b.y)}" stroke="${INK}" ${style}/>`;
}

export function circleSvg(map: MapJson, labels: SvgLabels): string {
	const size = OUTER_RADIUS + 40;
	const placed = map.people.filter((p) => p.sector !== null && p.ring !== null) as (MapJson['people'][number] & {
		sector: Sector;
		ring: 1 | 2 | 3 | 4;
	})[];
	const at = layoutPeople(placed);
	const pointOf = (id: string) => (id === CENTRE ? { x: 0, y: 0 } : at.get(id));
	const out: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="${-size} ${-size} ${2 * size} ${2 * size}" width="${2 * size}" height="${2 * size}" role="img" aria-labelledby="title" font-family="Helvetica, Arial, sans-serif">`,
		`<title id="title">${escape(labels.title)}</title>`,
		`<rect x="${-size}" y="${-size}" width="${2 * size}" height="${2 * size}" fill="#ffffff"/>`
	];
	for (const ring of [...RINGS].reverse()) {
		const r = RING_EDGES[ring];
		out.push(`<circle r="${r}" fill="none" stroke="${LINE}" stroke-width="2"${ring === RINGS.length ? ' stroke-dasharray="8 6"' : ''}/>`);
		out.push(`<text x="6" y="${-(r - 16)}" font-size="14" fill="${MUTED}">${escape(labels.rings[ring - 1] ?? '')}</text>`);
	}
	out.push(`<line x1="${-OUTER_RADIUS}" y1="0" x2="${OUTER_RADIUS}" y2="0" stroke="${LINE}" stroke-width="2"/>`);
	out.push(`<line x1="0" y1="${-OUTER_RADIUS}" x2="0" y2="${OUTER_RADIUS}" stroke="${LINE}" stroke-width="2"/>`);
	for (const sector of SECTORS) {
		const [sx, sy] = CORNERS[sector];
		const d = OUTER_RADIUS * 0.78;
		out.push(
			`<text x="${n(sx * d)}" y="${n(sy * d)}" font-size="22" font-weight="bold" fill="${MUTED}" text-anchor="${sx < 0 ? 'start' : 'end'}">${escape(labels.sectors[sector])}</text>`
		);
	}
	for (const tie of map.ties) {
		const a = pointOf(tie.from);
		const b = pointOf(tie.to);
		if (a && b) out.push(tiePath(a, b, tie.quality));
	}
	out.push(`<circle r="${CENTRE_NODE_SIZE / 2}" fill="#ffffff" stroke="${INK}" stroke-width="3"/>`);
	out.push(`<text y="6" font-size="18" font-weight="bold" text-anchor="middle" fill="${INK}">${escape(labels.youth)}</text>`);
	for (const person of placed) {
		const p = at.get(person.id)!;
		out.push(`<g><circle cx="${n(p.x)}" cy="${n(p.y)}" r="${NODE_SIZE / 2}" fill="#ffffff" stroke="${INK}" stroke-width="2"/>`);
		out.push(
			`<text x="${n(p.x)}" y="${n(p.y + NODE_SIZE / 2 + 18)}" font-size="16" text-anchor="middle" fill="${INK}">${escape(person.name)}</text></g>`
		);
	}
	out.push('</svg>');
	return out.join('\n');
}
