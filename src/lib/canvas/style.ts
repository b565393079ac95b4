import type { StylesheetJson } from 'cytoscape';
import { CENTRE_RADIUS } from './layout.ts';
import { DEFAULT_SCALE, FONT_FAMILY, LINE_HEIGHT, PX } from './scale.ts';

/** Colours pass WCAG AA contrast on white and on the sector tints; meaning is carried by shape, line and text too. */
export const INK = '#1f2a37';
export const MUTED = '#4b5563';
export const RING_LINE = '#8a94a0';
/** The youth in the centre: a dark disc, so it stands out from the people around. */
export const CENTRE_NODE_SIZE = CENTRE_RADIUS * 1.6;

/** The widest border a person's circle gets (the JIM's double ring): half of it lies outside the circle. */
export const BORDER_MAX = 5;

/**
 * The canvas style for one scale: every line width and font is given in screen pixels at the
 * default fit and turned into model units with `u` (model units per pixel), so a name is 15 px
 * and a person's circle `nodePx` on a phone and a desktop alike.
 */
export function circleStyle(u: number, nodePx: number = PX.nodes[0]): StylesheetJson {
	const px = (n: number) => n * u;
	const label = {
		'font-family': FONT_FAMILY,
		'line-height': LINE_HEIGHT,
		'text-wrap': 'wrap',
		'text-max-width': `${px(1000)}px`,
		'min-zoomed-font-size': 0
	} as const;
	return [
		// Drawn in the order of z-index, edges and nodes alike: the tints lie under the ties.
		{ selector: 'node, edge', style: { 'z-index-compare': 'manual' } },
		{
			selector: 'node.tint',
			style: {
				shape: 'polygon',
				'shape-polygon-points': 'data(points)',
				width: 'data(width)',
				height: 'data(height)',
				'background-color': 'data(tint)',
				'border-width': 0,
				events: 'no',
				'z-compound-depth': 'bottom',
				'z-index': 0
			}
		},
		{
			selector: 'node.person',
			style: {
				width: px(nodePx),
				height: px(nodePx),
				shape: 'ellipse',
				'background-color': '#ffffff',
				'background-image': 'data(initial)',
				'background-fit': 'contain',
				'border-width': px(2.5),
				'border-color': INK,
				label: 'data(label)',
				...label,
				'font-size': px(PX.name),
				color: INK,
				'text-halign': 'center',
				'text-valign': 'center',
				'text-margin-x': 'data(dx)' as unknown as number,
				'text-margin-y': 'data(dy)' as unknown as number,
				// A tap on the name is a tap on the person: a larger target than the circle alone.
				'text-events': 'yes',
				'text-background-color': '#ffffff',
				'text-background-opacity': 0.92,
				'text-background-shape': 'roundrectangle',
				'z-index': 10
			}
		},
		// A crowded circle leaves off the names that find no free place: the initial stays, the name
		// shows when the person is selected or the circle is zoomed in (and always in the list).
		{ selector: 'node.person.nameless', style: { label: '', 'text-events': 'no' } },
		{ selector: 'node.person.nameless:selected', style: { label: 'data(label)', 'z-index': 30 } },
		// The chosen JIM and the backup: a double ring and a line with the word (never colour alone).
		{ selector: 'node.person[jim = "jim"]', style: { 'border-style': 'double', 'border-width': px(BORDER_MAX), 'font-weight': 'bold' } },
		{ selector: 'node.person[jim = "reserve"]', style: { 'border-style': 'double', 'border-width': px(BORDER_MAX - 0.5) } },
		// Comparing versions: someone gone keeps a dashed outline.
		{ selector: 'node.person[mark = "gone"]', style: { 'border-style': 'dashed', 'background-opacity': 0.6 } },
		{
			selector: 'node.person:selected',
			style: {
				'border-width': px(BORDER_MAX),
				'underlay-color': INK,
				'underlay-opacity': 0.18,
				'underlay-padding': px(6),
				'underlay-shape': 'ellipse'
			}
		},
		{
			selector: 'node.person:grabbed',
			style: { 'underlay-color': INK, 'underlay-opacity': 0.12, 'underlay-padding': px(8), 'underlay-shape': 'ellipse' }
		},
		{
			// Someone else looks at or drags this person: a dashed ring in their colour and, drawn
			// outside the circle next to the initial, a badge with their own initial.
			selector: 'node.person.peer',
			style: {
				'outline-style': 'dashed',
				'outline-width': px(3),
				'outline-offset': px(3),
				'outline-color': 'data(peerColour)',
				'background-image': 'data(peerImages)',
				'background-width': 'data(peerWidths)',
				'background-height': 'data(peerHeights)',
				'background-fit': ['contain', 'none'],
				'background-clip': ['node', 'none'],
				'background-image-containment': ['inside', 'over'],
				'background-position-x': 'data(peerX)',
				'background-position-y': 'data(peerY)',
				'bounds-expansion': px(20)
			}
		},
		{
			selector: 'node.centre',
			style: {
				width: CENTRE_NODE_SIZE,
				height: CENTRE_NODE_SIZE,
				'background-color': INK,
				label: 'data(label)',
				...label,
				color: '#ffffff',
				'text-valign': 'center',
				'text-halign': 'center',
				'font-size': px(PX.centre),
				'font-weight': 'bold',
				'text-background-color': INK,
				'text-background-opacity': 1,
				'text-background-padding': `${px(3)}px`,
				'text-background-shape': 'roundrectangle',
				'z-index': 5
			}
		},
		{
			selector: 'node.ring',
			style: {
				shape: 'ellipse',
				'background-opacity': 0,
				'border-width': px(1.5),
				'border-color': RING_LINE,
				'border-style': 'solid',
				width: 'data(width)',
				height: 'data(height)',
				label: '',
				events: 'no',
				'z-index': 1
			}
		},
		{ selector: 'node.ring.outer', style: { 'border-style': 'dashed', 'border-dash-pattern': [px(6), px(4)] } },
		{
			selector: 'node.label',
			style: {
				width: 1,
				height: 1,
				'background-opacity': 0,
				label: 'data(label)',
				...label,
				color: MUTED,
				'font-size': px(PX.ring),
				'text-valign': 'center',
				'text-halign': 'center',
				'text-background-color': '#ffffff',
				'text-background-opacity': 0.85,
				events: 'no',
				'z-index': 2
			}
		},
		{
			selector: 'node.label.sector',
			style: {
				'font-size': px(PX.sector),
				'font-weight': 'bold',
				color: INK,
				'text-background-color': 'data(tint)',
				'text-background-opacity': 1,
				'text-background-padding': `${px(4)}px`,
				'text-background-shape': 'roundrectangle'
			}
		},
		{ selector: 'node.axis, node.frame', style: { width: 1, height: 1, 'background-opacity': 0, events: 'no' } },
		{ selector: 'edge.axis', style: { width: px(1.5), 'line-color': RING_LINE, events: 'no', 'z-index': 1 } },
		// Ties after Hartman: the line's shape carries the meaning, never its colour. A tap on a tie opens it.
		{
			selector: 'edge.tie',
			style: {
				width: px(2.5),
				'line-color': INK,
				'curve-style': 'straight',
				'source-arrow-color': INK,
				'target-arrow-color': INK,
				'arrow-scale': 1.3,
				'z-index': 3
			}
		},
		{ selector: 'edge.tie.sterk', style: { width: px(5), 'arrow-scale': 1.15 } },
		{ selector: 'edge.tie.zwak', style: { 'line-style': 'dashed', 'line-dash-pattern': [px(10), px(6)] } },
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
		{ selector: 'edge.tie.arrow-target', style: { 'target-arrow-shape': 'triangle' } },
		{ selector: 'edge.tie:selected', style: { 'underlay-color': INK, 'underlay-opacity': 0.2, 'underlay-padding': px(6) } },
		// Drawing a tie: the handle on the selected person, and the line that follows the finger.
		{
			selector: 'node.tie-handle',
			style: {
				width: px(30),
				height: px(30),
				shape: 'ellipse',
				'background-color': INK,
				'border-width': px(3),
				'border-color': '#ffffff',
				label: '+',
				color: '#ffffff',
				'font-size': px(22),
				'font-weight': 'bold',
				'text-valign': 'center',
				'text-halign': 'center',
				'font-family': FONT_FAMILY,
				'z-index': 20
			}
		},
		{ selector: 'node.tie-handle.away', style: { display: 'none' } },
		{
			selector: 'edge.tie-ghost',
			style: { width: px(3), 'line-color': INK, 'line-style': 'dashed', 'line-dash-pattern': [px(6), px(4)], events: 'no', 'z-index': 19 }
		},
		{
			selector: 'node.person.tie-target',
			style: {
				'border-width': px(BORDER_MAX),
				'underlay-color': INK,
				'underlay-opacity': 0.25,
				'underlay-padding': px(8),
				'underlay-shape': 'ellipse'
			}
		}
	];
}

/** The style at the default scale, for drawing before the canvas knows its size. */
export const canvasStyle: StylesheetJson = circleStyle(DEFAULT_SCALE.unit);
