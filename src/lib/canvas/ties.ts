import type { ElementDefinition } from 'cytoscape';
import { CENTRE, type Tie } from '../doc/schema.ts';

/** The canvas id of a tie end: the youth's node, or a person's. */
export function nodeIdOf(end: string): string {
	return end === CENTRE ? 'centre' : `person-${end}`;
}

export function edgeIdOf(tieId: string): string {
	return `tie-${tieId}`;
}

/** Bends of a segments edge, as Cytoscape wants them: weights along the line (0..1), distances across it (px). */
export interface Bends {
	weights: number[];
	distances: number[];
}

const ZIG_AMPLITUDE = 6;
const ZIG_STEP = 12;
/** Straight run at each end, so arrowheads sit on a straight line and the zigzag reads as the line itself. */
const ZIG_LEAD = 18;

/** A jagged line (Hartman's "stress or conflict"): an even zigzag whatever the line's length. */
export function zigzag(length: number): Bends {
	const len = Math.max(length, 1);
	const lead = Math.min(ZIG_LEAD, len / 4);
	const run = len - 2 * lead;
	const count = Math.max(2, Math.floor(run / ZIG_STEP));
	const weights: number[] = [];
	const distances: number[] = [];
	for (let i = 0; i < count; i++) {
		weights.push((lead + ((i + 0.5) * run) / count) / len);
		distances.push(i % 2 === 0 ? ZIG_AMPLITUDE : -ZIG_AMPLITUDE);
	}
	return { weights, distances };
}

const CUT_HEIGHT = 9;
const CUT_SLANT = 4;
const CUT_GAP = 7;

/**
 * A broken tie: two slashes across the middle of the line, like "—//—" on paper. Each slash is
 * drawn by going out to one side, across, and back to the line, so the line itself stays whole.
 */
export function cutMarks(length: number): Bends {
	const len = Math.max(length, 1);
	const weights: number[] = [];
	const distances: number[] = [];
	for (const offset of [-CUT_GAP / 2, CUT_GAP / 2]) {
		const at = len / 2 + offset;
		for (const [along, across] of [
			[0, 0],
			[CUT_SLANT, -CUT_HEIGHT],
			[-CUT_SLANT, CUT_HEIGHT],
			[0, 0]
		]) {
			weights.push((at + along) / len);
			distances.push(across);
		}
	}
	return { weights, distances };
}

/**
 * Classes that draw a tie: its quality (line kind) and where the support arrows go. The tie's
 * source is always `from` (the centre for the youth's own ties), so "naar-jongere" points at the source.
 */
export function tieClasses(tie: Pick<Tie, 'quality' | 'support'>): string[] {
	const classes = ['tie', tie.quality];
	if (tie.support === 'naar-jongere' || tie.support === 'beide') classes.push('arrow-source');
	if (tie.support === 'van-jongere' || tie.support === 'beide') classes.push('arrow-target');
	return classes;
}

export interface TieElement extends ElementDefinition {
	data: ElementDefinition['data'] & { id: string; source: string; target: string; tieId: string };
	classes: string[];
}

/**
 * A tie as a Cytoscape edge; `length` is the drawn length between the two circles, for the jagged
 * and cut lines, whose zigzag and slashes keep their size on the screen: `unit` model units a pixel.
 */
export function tieElement(tie: Tie, length: number, unit = 1): TieElement {
	const raw = tie.quality === 'gespannen' ? zigzag(length / unit) : tie.quality === 'verbroken' ? cutMarks(length / unit) : null;
	const bends = raw ? { weights: raw.weights, distances: raw.distances.map((d) => d * unit) } : null;
	return {
		group: 'edges',
		data: {
			id: edgeIdOf(tie.id),
			source: nodeIdOf(tie.from),
			target: nodeIdOf(tie.to),
			tieId: tie.id,
			quality: tie.quality,
			support: tie.support,
			...(bends ? { bendWeights: bends.weights, bendDistances: bends.distances } : {})
		},
		classes: tieClasses(tie),
		selectable: false
	};
}

/** The length of a line between two circles' rims. */
export function rimDistance(a: { x: number; y: number }, b: { x: number; y: number }, radiusA: number, radiusB: number): number {
	return Math.max(1, Math.hypot(b.x - a.x, b.y - a.y) - radiusA - radiusB);
}
