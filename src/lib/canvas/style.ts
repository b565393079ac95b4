import type { StylesheetJson } from 'cytoscape';
import { BADGE_SIZE } from './presence.ts';
import { CENTRE_NODE_SIZE, NODE_SIZE } from './layout.ts';

/** Colours pass WCAG AA contrast on white; meaning is carried by shape, line and text too. */
export const INK = '#1f2a37';
export const MUTED = '#5b6675';
export const RING_LINE = '#9aa3ad';

export const canvasStyle: StylesheetJson = [
	{
		selector: 'node.person',
		style: {
			width: NODE_SIZE,
			height: NODE_SIZE,
			shape: 'ellipse',
			'background-color': '#ffffff',
			'border-width': 2,
			'border-color': INK,
			label: 'data(label)',
			'text-valign': 'bottom',
			'text-margin-y': 6,
			'font-size': 15,
			color: INK,
			'text-wrap': 'ellipsis',
			'text-max-width': '160px',
			// Lines may run under a name; a pale backing keeps it readable.
			'text-background-color': '#ffffff',
			'text-background-opacity': 0.85,
			'text-background-padding': '2px'
		}
	},
	// The chosen JIM and the backup: a double ring and a second line with the word (never colour alone).
	{ selector: 'node.person[jim = "jim"]', style: { 'border-style': 'double', 'border-width': 7, 'text-wrap': 'wrap', 'font-weight': 'bold' } },
	{ selector: 'node.person[jim = "reserve"]', style: { 'border-style': 'double', 'border-width': 5, 'text-wrap': 'wrap' } },
	// Open agreements: a second line with their count ("2 afspraken"), so the name must wrap, not be cut.
	{ selector: 'node.person[open > 0]', style: { 'text-wrap': 'wrap' } },
	// Comparing versions: a line under the name says what changed ("＋ nieuw"); someone gone keeps a dashed outline.
	{ selector: 'node.person[?mark]', style: { 'text-wrap': 'wrap' } },
	{ selector: 'node.person[mark = "gone"]', style: { 'border-style': 'dashed', 'background-opacity': 0.6 } },
	{ selector: 'node.person:selected', style: { 'border-width': 6 } },
	{
		// Someone else looks at or drags this person: a dashed ring in their colour and, as the
		// node's background image drawn outside the circle, a badge with their initial.
		selector: 'node.person.peer',
		style: {
			'outline-style': 'dashed',
			'outline-width': 3,
			'outline-offset': 4,
			'outline-color': 'data(peerColour)',
			'background-image': 'data(peerBadge)',
			'background-width': 'data(peerBadgeWidth)',
			'background-height': BADGE_SIZE,
			'background-fit': 'none',
			'background-clip': 'none',
			'background-image-containment': 'over',
			'background-position-x': -14,
			'background-position-y': -14,
			'bounds-expansion': 20
		}
	},
	{
		selector: 'node.centre',
		style: {
			width: CENTRE_NODE_SIZE,
			height: CENTRE_NODE_SIZE,
			'background-color': INK,
			label: 'data(label)',
			color: '#ffffff',
			'text-valign': 'center',
			'font-size': 18,
			'font-weight': 'bold',
			'text-wrap': 'ellipsis',
			'text-max-width': '80px'
		}
	},
	{
		selector: 'node.ring',
		style: {
			shape: 'ellipse',
			'background-opacity': 0,
			'border-width': 1.5,
			'border-color': RING_LINE,
			'border-style': 'solid',
			width: 'data(size)',
			height: 'data(size)',
			label: '',
			events: 'no',
			'z-compound-depth': 'bottom'
		}
	},
	{ selector: 'node.ring.outer', style: { 'border-style': 'dashed' } },
	{
		selector: 'node.label',
		style: {
			width: 1,
			height: 1,
			'background-opacity': 0,
			label: 'data(label)',
			color: MUTED,
			'font-size': 13,
			'text-valign': 'center',
			'text-halign': 'right',
			events: 'no'
		}
	},
	{ selector: 'node.label.sector', style: { 'font-size': 22, 'font-weight': 'bold', color: INK } },
	{ selector: 'node.label.sector.right', style: { 'text-halign': 'left' } },
	{ selector: 'node.axis', style: { width: 1, height: 1, 'background-opacity': 0, events: 'no' } },
	{ selector: 'edge.axis', style: { width: 1.5, 'line-color': RING_LINE, events: 'no', 'z-index': 0 } },
	// Ties after Hartman: the line's shape carries the meaning, never its colour.
	{
		selector: 'edge.tie',
		style: {
			width: 2.5,
			'line-color': INK,
			'curve-style': 'straight',
			'source-arrow-color': INK,
			'target-arrow-color': INK,
			'arrow-scale': 1.3,
			'z-index': 1,
			events: 'no'
		}
	},
	{ selector: 'edge.tie.sterk', style: { width: 5, 'arrow-scale': 1.15 } },
	{ selector: 'edge.tie.zwak', style: { 'line-style': 'dashed', 'line-dash-pattern': [10, 6] } },
	{
		// Jagged (gespannen) and cut (verbroken) lines are bent through points computed in ties.ts.
		selector: 'edge.tie[bendWeights]',
		style: {
			'curve-style': 'segments',
			'segment-weights': 'data(bendWeights)',
			'segment-distances': 'data(bendDistances)',
			'edge-distances': 'intersection'
		}
	},
	{ selector: 'edge.tie.arrow-source', style: { 'source-arrow-shape': 'triangle' } },
	{ selector: 'edge.tie.arrow-target', style: { 'target-arrow-shape': 'triangle' } }
];

/** On screen, a name stays at least this many pixels high and a person at least a 24 px target. */
const MIN_SCREEN_FONT = 11;
const MIN_SCREEN_TARGET = 24;

const clamp = (v: number, lo: number, hi: number) => Math.round(Math.min(hi, Math.max(lo, v)));

/**
 * Sizes (in model units) that keep names readable and people tappable when the whole circle is
 * zoomed out to fit a phone; capped so crowded slots do not grow into each other on large screens.
 */
export function personSizeAt(zoom: number): { fontSize: number; size: number } {
	return { fontSize: clamp(MIN_SCREEN_FONT / zoom, 15, 44), size: clamp(MIN_SCREEN_TARGET / zoom, NODE_SIZE, 100) };
}

/** The style rules that depend on the zoom: people, the centre, ring and sector names. */
export function zoomedStyle(zoom: number): StylesheetJson {
	const { fontSize, size } = personSizeAt(zoom);
	return [
		{ selector: 'node.person', style: { 'font-size': fontSize, width: size, height: size } },
		{ selector: 'node.centre', style: { 'font-size': clamp(13 / zoom, 18, 52) } },
		{ selector: 'node.label', style: { 'font-size': clamp(MIN_SCREEN_FONT / zoom, 13, 40) } },
		{ selector: 'node.label.sector', style: { 'font-size': clamp(14 / zoom, 22, 56) } }
	];
}
