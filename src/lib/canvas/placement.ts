import type { Ring, Sector } from '../doc/schema.ts';
import { ringBand, sectorStart, thetaOf, type Point } from './layout.ts';

/** An axis-aligned box in model units. */
export interface Box {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

export function boxAt(cx: number, cy: number, w: number, h: number): Box {
	return { x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2 };
}

/** Whether two boxes share any area (touching edges do not count). */
export function overlaps(a: Box, b: Box): boolean {
	return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

function circlesMeet(a: Box, b: Box): boolean {
	const r = (a.x2 - a.x1 + b.x2 - b.x1) / 2;
	return Math.hypot((a.x1 + a.x2 - b.x1 - b.x2) / 2, (a.y1 + a.y2 - b.y1 - b.y2) / 2) < r;
}

function inside(inner: Box, outer: Box): boolean {
	return inner.x1 >= outer.x1 && inner.y1 >= outer.y1 && inner.x2 <= outer.x2 && inner.y2 <= outer.y2;
}

/**
 * Boxes hashed into a uniform grid, so asking "does this box hit anything" looks only at its
 * neighbours: placing n people costs about n·(candidates tried), not n².
 */
class BoxIndex {
	#cells = new Map<number, Box[]>();
	/** Circles (a person's, the youth's) by their bounding box; two circles meet by distance, not by box. */
	#circles = new Set<Box>();
	#size: number;

	constructor(cellSize: number) {
		this.#size = Math.max(1, cellSize);
	}

	/** Calls `visit` with the key of each cell `b` touches, until it returns true (no array made: hits() runs thousands of times a placement). */
	#eachKey(b: Box, visit: (key: number) => boolean | void): boolean {
		const i2 = Math.floor(b.x2 / this.#size);
		const j1 = Math.floor(b.y1 / this.#size);
		const j2 = Math.floor(b.y2 / this.#size);
		for (let i = Math.floor(b.x1 / this.#size); i <= i2; i++)
			for (let j = j1; j <= j2; j++) if (visit((i + 4096) * 8192 + (j + 4096))) return true;
		return false;
	}

	add(b: Box, circle = false): void {
		if (circle) this.#circles.add(b);
		this.#eachKey(b, (k) => {
			const cell = this.#cells.get(k);
			if (cell) cell.push(b);
			else this.#cells.set(k, [b]);
		});
	}

	/** Whether `b` overlaps anything; as a circle (`circle`), it meets other circles only where the circles meet. */
	hits(b: Box, circle = false, except?: Box, namesOnly = false): boolean {
		return this.#eachKey(b, (k) => {
			const cell = this.#cells.get(k);
			if (!cell) return false;
			for (const other of cell) {
				if (other === except || !overlaps(b, other)) continue;
				if (namesOnly && this.#circles.has(other)) continue;
				if (circle && this.#circles.has(other) && !circlesMeet(b, other)) continue;
				return true;
			}
			return false;
		});
	}

	remove(b: Box): void {
		this.#circles.delete(b);
		this.#eachKey(b, (k) => {
			const cell = this.#cells.get(k);
			if (cell)
				this.#cells.set(
					k,
					cell.filter((o) => o !== b)
				);
		});
	}
}

/** A person to draw: their slot, and the size of their name label (model units). */
export interface ToPlace {
	id: string;
	sector: Sector;
	ring: Ring;
	angle: number;
	labelW: number;
	labelH: number;
	/** A narrower shape of the same name (more lines), tried where the usual one finds no room. */
	narrow?: { w: number; h: number };
}

/** Where a person is drawn: the circle's centre, and the label's centre relative to it. */
export interface Spot {
	x: number;
	y: number;
	dx: number;
	dy: number;
	/** The name is drawn in its narrow shape. */
	narrow?: boolean;
}

export interface PlaceOptions {
	/** The people's circle, in model units. */
	node: number;
	/** Space kept between any two boxes. */
	gap: number;
	/** Everything must stay inside this box (what the canvas shows when fitted). */
	frame: Box;
	/** Boxes already taken: ring and sector names, the youth's name. */
	obstacles: Box[];
	/** The circle drawn as an oval this many times as high as wide (a phone held upright). */
	stretch?: number;
	/** Circles already there (their bounding boxes): the youth's disc. */
	circles?: Box[];
	/**
	 * Far more people than fit: each circle and name takes the nearest free place, without the
	 * longer searches (rearranging a slot, moving a circle for its name) that could not help much.
	 */
	express?: boolean;
}

export interface Placement {
	spots: Map<string, Spot>;
	/** How many names found no free place (circles without one count too). */
	misses: number;
	/** How many circles found no free place in their slot (and may meet another). */
	crowded: number;
	/** Who they are: their names are left off until there is room (zoomed in, or selected). */
	nameless: Set<string>;
}

/**
 * Label places around a circle, in order of preference: under, above, right, left, then under or
 * above but slid sideways (the name's edge in line with the circle's), then the corners. Each is
 * [side x, side y, slide]: the label's centre is side · (half circle + gap + half label) away,
 * then slid by slide · (half label − half circle) along the side (x under or above, y beside).
 */
const LABEL_SIDES: [number, number, number][] = [
	[0, 1, 0],
	[0, -1, 0],
	[1, 0, 0],
	[-1, 0, 0],
	[0, 1, 1],
	[0, 1, -1],
	[0, -1, 1],
	[0, -1, -1],
	[1, 0, 1],
	[1, 0, -1],
	[-1, 0, 1],
	[-1, 0, -1],
	[1, 1, 0],
	[-1, 1, 0],
	[1, -1, 0],
	[-1, -1, 0]
];

/** The angles (radians, clockwise from the left) a circle of `half` at `radius` may take in a sector. */
function angleRange(sector: Sector, radius: number, half: number): [number, number] {
	const start = sectorStart(sector);
	const pad = Math.min(Math.PI / 4, Math.asin(Math.min(1, half / radius)) + 0.02);
	return [start + pad, start + Math.PI / 2 - pad];
}

/**
 * Places every person's circle in their own slot (sector and ring) and their name beside it, so
 * that no name overlaps a circle, another name or an obstacle, no two circles meet, and all stays
 * inside the frame. First the circles: people sharing a slot keep the order of their stored
 * angles and start evenly spread; each takes the free place nearest to that (along the ring,
 * then inwards or outwards within it). Then the names, beside their circle (under, above, right,
 * left, slid, at a corner); a name that finds no room moves its circle to a place where both fit.
 * Greedy, with a grid index: about O(n · candidates).
 */
export function placePeople(people: ToPlace[], opts: PlaceOptions): Placement {
	// Who found no room goes first in the next round (a few rounds at most: each is cheap).
	let first = new Set<string>();
	let best = placeRound(people, opts, first);
	// More rounds only where they are cheap: a map of a few dozen people.
	for (let round = 0; round < (people.length <= 60 && !opts.express ? 3 : 0) && best.misses > 0; round++) {
		first = new Set([...first, ...best.failed]);
		const next = placeRound(people, opts, first);
		if (next.crowded < best.crowded || (next.crowded === best.crowded && next.misses < best.misses)) best = next;
	}
	return { spots: best.spots, misses: best.misses, crowded: best.crowded, nameless: best.failed };
}

function placeRound(people: ToPlace[], opts: PlaceOptions, first: Set<string>): Omit<Placement, 'nameless'> & { failed: Set<string> } {
	let crowded = 0;
	const { node, gap, frame } = opts;
	const stretch = opts.stretch ?? 1;
	const half = node / 2;
	const cell = Math.max(node * 2, ...people.map((p) => p.labelW));
	// Circles and names must not meet: the circles are placed first, then the names among them.
	const taken = new BoxIndex(cell);
	for (const o of opts.obstacles) taken.add(o);
	for (const c of opts.circles ?? []) taken.add(c, true);
	const spots = new Map<string, Spot>();
	const failed = new Set<string>();
	const circles = new Map<string, Box>();
	const candidatesOf = new Map<string, readonly { x: number; y: number }[]>();
	let misses = 0;

	const slots = new Map<string, ToPlace[]>();
	for (const p of people) {
		const key = `${p.ring}:${p.sector}`;
		const group = slots.get(key);
		if (group) group.push(p);
		else slots.set(key, [p]);
	}
	const ordered = [...slots.values()].sort((a, b) => a[0].ring - b[0].ring || a[0].sector.localeCompare(b[0].sector));

	// 1. Circles.
	for (const group of ordered) {
		group.sort((a, b) => a.angle - b.angle || a.id.localeCompare(b.id));
		const { sector, ring } = group[0];
		const [inner, outer] = ringBand(ring);
		const width = outer - inner;
		// The circle's centre stays well inside its ring, so reading the slot back gives the same ring.
		const margin = Math.min(width * 0.3, 12 + Math.max(0, (width - node) / 2) * 0.3);
		const radii = radialSteps(inner + margin, outer - margin, node);
		const mid = (inner + outer) / 2;
		const [from, to] = angleRange(sector, mid, half + gap);
		const wantedOf = (i: number) =>
			group.length === 1 ? thetaOf(sector, group[i].angle) : from + ((i + 0.5) / group.length) * (to - from);
		const candidates = group.map((p, i) => candidatesFor(p, wantedOf(i), radii, mid));
		group.forEach((p, i) => candidatesOf.set(p.id, candidates[i]));
		// More people than could fit even packed tight: no long search (a big map stays quick).
		const hopeless = opts.express || group.length > 1.5 * capacity(sector, inner, outer);
		// One by one, each nearest to where they want to be; a slot too crowded for that: the whole
		// group side by side on one arc of the ring, or staggered on two, where all fit.
		const arranged = hopeless ? null : (oneByOne(candidates) ?? arrange(group, inner, outer));
		group.forEach((p, i) => {
			const wanted = wantedOf(i);
			let free =
				(arranged?.[i] && circleFree(arranged[i]!) ? arranged[i] : undefined) ??
				candidates[i].find((c) => circleFree(c)) ??
				// Crowded: anywhere in the ring, in finer steps.
				(hopeless ? undefined : candidatesFor(p, wanted, radialSteps(inner + 4, outer - 4, node / 2), mid).find((c) => circleFree(c)));
			if (!free) {
				// No room for the circle in its slot at this size: counted, so a smaller size is tried.
				misses++;
				crowded++;
				failed.add(p.id);
				// At least off every name: circles may then meet.
				free =
					candidates[i].find(
						(c) =>
							inside(boxAt(c.x, c.y, node + gap, node + gap), frame) &&
							!taken.hits(boxAt(c.x, c.y, node + gap, node + gap), true, undefined, true)
					) ?? candidates[i][0];
			}
			const box = boxAt(free.x, free.y, node + gap, node + gap);
			taken.add(box, true);
			circles.set(p.id, box);
			spots.set(p.id, { x: free.x, y: free.y, dx: 0, dy: 0 });
		});
	}

	// 2. Names beside their circles (who failed before first); 3. a name without room moves its circle.
	const byRing = ordered.flat();
	const labelOrder = [...byRing.filter((p) => first.has(p.id)), ...byRing.filter((p) => !first.has(p.id))];
	for (const p of labelOrder) {
		{
			const spot = spots.get(p.id)!;
			if (failed.has(p.id)) {
				spots.set(p.id, { ...spot, dy: half + gap + p.labelH / 2 });
				continue;
			}
			const label = labelBeside(p, spot.x, spot.y, circles.get(p.id)!);
			if (label) {
				taken.add(label.box);
				spots.set(p.id, { ...spot, dx: label.dx, dy: label.dy, narrow: label.narrow });
				continue;
			}
			const moved = !opts.express && moveCircle(p);
			if (moved) continue;
			misses++;
			failed.add(p.id);
			// Nowhere free: the name is left off (it takes no room); shown under the circle when selected.
			spots.set(p.id, { ...spot, dx: 0, dy: half + gap + p.labelH / 2 });
		}
	}
	return { spots, misses, crowded, failed };

	function circleFree(c: { x: number; y: number }, except?: Box): boolean {
		const box = boxAt(c.x, c.y, node + gap, node + gap);
		return inside(box, frame) && !taken.hits(box, true, except);
	}

	function labelBeside(p: ToPlace, x: number, y: number, circle: Box): { dx: number; dy: number; box: Box; narrow: boolean } | null {
		const shapes = p.narrow
			? [
					{ w: p.labelW, h: p.labelH, narrow: false },
					{ ...p.narrow, narrow: true }
				]
			: [{ w: p.labelW, h: p.labelH, narrow: false }];
		for (const { w, h, narrow } of shapes)
			for (const [sx, sy, slide] of LABEL_SIDES) {
				// A little over a gap away, so the name's box and the circle's never touch by a rounding error.
				const along = sy !== 0 && sx === 0;
				const dx = sx * (half + gap * 1.1 + w / 2) + (along ? slide * Math.max(0, w / 2 - half) : 0);
				const dy = sy * (half + gap * 1.1 + h / 2) + (!along && sy === 0 ? slide * Math.max(0, h / 2 - half) : 0);
				const box = boxAt(x + dx, y + dy, w + gap, h + gap);
				if (inside(box, frame) && !overlaps(box, circle) && !taken.hits(box, false, circle)) return { dx, dy, box, narrow };
			}
		return null;
	}

	function moveCircle(p: ToPlace): boolean {
		const old = circles.get(p.id)!;
		// On a big map the nearest places only (it stays quick); on others anywhere in the slot.
		for (const c of candidatesOf.get(p.id)!.slice(0, people.length > 60 ? 32 : undefined)) {
			if (!circleFree(c, old)) continue;
			const box = boxAt(c.x, c.y, node + gap, node + gap);
			// The circle must not land on a name already placed either.
			if (taken.hits(box, false, old)) continue;
			const label = labelBeside(p, c.x, c.y, box);
			if (!label) continue;
			taken.remove(old);
			taken.add(box, true);
			taken.add(label.box);
			circles.set(p.id, box);
			spots.set(p.id, { x: c.x, y: c.y, dx: label.dx, dy: label.dy, narrow: label.narrow });
			return true;
		}
		return false;
	}

	/** Each circle at its nearest free place, in turn; null as soon as one finds none. */
	function oneByOne(candidates: (readonly { x: number; y: number }[])[]): { x: number; y: number }[] | null {
		const added: Box[] = [];
		const spots: { x: number; y: number }[] = [];
		for (const list of candidates) {
			const c = list.find((c) => circleFree(c));
			if (!c) break;
			const box = boxAt(c.x, c.y, node + gap, node + gap);
			taken.add(box, true);
			added.push(box);
			spots.push(c);
		}
		for (const box of added) taken.remove(box);
		return spots.length === candidates.length ? spots : null;
	}

	/** About how many circles fit side by side in a slot, on two arcs. */
	function capacity(sector: Sector, inner: number, outer: number): number {
		const onArc = (r: number) => {
			if (r < inner) return 0;
			const [lo, hi] = angleRange(sector, r, half + gap);
			return Math.max(0, Math.floor(((hi - lo) * r) / (node + gap)) + 1);
		};
		const r1 = outer - 4;
		return onArc(r1) + onArc(r1 - (node + gap) * 0.87);
	}

	/**
	 * The group's circles on one arc of their ring (outermost first: it is longest), evenly from one
	 * end of the sector to the other, or on two arcs, staggered; in the order of their angles.
	 * Null when no such arrangement is free.
	 */
	function arrange(group: ToPlace[], inner: number, outer: number): ({ x: number; y: number } | undefined)[] | null {
		const sector = group[0].sector;
		const radii = radialSteps(inner + 4, outer - 4, node / 2).sort((a, b) => b - a);
		// The whole sector's width, or part of it where the frame or the sector's names take one end.
		const trims: [number, number][] = [
			[0, 1],
			[0.15, 1],
			[0, 0.85],
			[0.3, 1],
			[0, 0.7],
			[0.15, 0.85]
		];
		const spread = (r: number, count: number, offset: number, [a, b]: [number, number]): { x: number; y: number }[] => {
			const [lo, hi] = angleRange(sector, r, half + gap);
			return Array.from({ length: count }, (_, i) => {
				const t = count === 1 ? 0.5 : (i + offset) / (count - 1 + 2 * offset);
				const theta = lo + (a + t * (b - a)) * (hi - lo);
				return { x: r * Math.cos(theta), y: stretch * r * Math.sin(theta) };
			});
		};
		const allFree = (spots: { x: number; y: number }[]) => {
			const added: Box[] = [];
			let ok = true;
			for (const c of spots) {
				if (!circleFree(c)) {
					ok = false;
					break;
				}
				const box = boxAt(c.x, c.y, node + gap, node + gap);
				taken.add(box, true);
				added.push(box);
			}
			for (const box of added) taken.remove(box);
			return ok;
		};
		for (const trim of trims)
			for (const r of radii) {
				const spots = spread(r, group.length, 0, trim);
				if (allFree(spots)) return spots;
			}
		// Two arcs, the outer one holding the odd places: 1st, 3rd, … on it, 2nd, 4th, … between them further in.
		const outerCount = Math.ceil(group.length / 2);
		for (const trim of trims)
			for (const r1 of radii)
				for (const r2 of radii) {
					if (r2 >= r1 - (node + gap) * 0.5) continue;
					const a = spread(r1, outerCount, 0, trim);
					const b = spread(r2, group.length - outerCount, 0.5, trim);
					const spots = group.map((_, i) => (i % 2 === 0 ? a[i / 2] : b[(i - 1) / 2]));
					if (allFree(spots)) return spots;
				}
		return null;
	}

	function candidatesFor(p: ToPlace, wanted: number, radii: number[], mid: number): readonly { x: number; y: number }[] {
		const key = `${p.sector} ${wanted} ${mid} ${node} ${gap} ${stretch} ${radii.join(' ')}`;
		const known = candidateCache.get(key);
		if (known) return known;
		const candidates: { x: number; y: number; cost: number }[] = [];
		for (const r of radii) {
			const [lo, hi] = angleRange(p.sector, r, half + gap);
			const step = (node * 0.35) / r;
			const start = Math.min(hi, Math.max(lo, wanted));
			const add = (theta: number) =>
				candidates.push({
					x: r * Math.cos(theta),
					y: stretch * r * Math.sin(theta),
					cost: Math.abs(theta - wanted) * mid + Math.abs(r - mid) * 1.5
				});
			add(start);
			for (let k = 1; start - k * step >= lo || start + k * step <= hi; k++) {
				if (start - k * step >= lo) add(start - k * step);
				if (start + k * step <= hi) add(start + k * step);
			}
		}
		candidates.sort((a, b) => a.cost - b.cost);
		if (candidateCache.size >= CANDIDATE_CACHE_SIZE) candidateCache.clear();
		candidateCache.set(key, candidates);
		return candidates;
	}
}

/**
 * Each person's places to try, in order, by everything they are made from: a change redraws the
 * whole circle, and most people's slots, angles and sizes are as they were. Kept across
 * placements (a 200-person map makes some 600 lists a placement), dropped when full.
 */
const candidateCache = new Map<string, readonly { x: number; y: number }[]>();
const CANDIDATE_CACHE_SIZE = 4000;

/** Radii from the middle of [lo, hi] outwards, a third of a circle apart. */
function radialSteps(lo: number, hi: number, node: number): number[] {
	const mid = (lo + hi) / 2;
	if (hi <= lo) return [mid];
	const step = Math.max(node / 3, 1);
	const out = [mid];
	for (let d = step; mid - d >= lo || mid + d <= hi; d += step) {
		if (mid - d >= lo) out.push(mid - d);
		if (mid + d <= hi) out.push(mid + d);
	}
	return out;
}

export type { Point };
