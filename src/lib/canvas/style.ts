import type { StylesheetJson } from 'cytoscape';

/** Colours pass WCAG AA contrast on white; meaning is carried by shape, line and text too. */
export const INK = '#1f2a37';
export const MUTED = '#5b6675';
export const RING_LINE = '#9aa3ad';

export const canvasStyle: StylesheetJson = [
	{
		selector: 'node.person',
		style: {
			width: 56,
			height: 56,
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
			'text-max-width': '120px'
		}
	},
	{ selector: 'node.person:selected', style: { 'border-width': 5 } },
	{
		selector: 'node.centre',
		style: {
			width: 90,
			height: 90,
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
	{ selector: 'node.axis', style: { width: 1, height: 1, 'background-opacity': 0, events: 'no' } },
	{ selector: 'edge.axis', style: { width: 1.5, 'line-color': RING_LINE, events: 'no' } }
];
