import { OUTER_RADIUS } from './layout.ts';
import type { Box } from './placement.ts';

/** Same margin everywhere, so "fit" looks like the circle did when it opened. */
export const FIT_PADDING = 10;

/** The font the canvas draws and measures with. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Line height of labels, as a multiple of the font size (Cytoscape's `line-height`). */
export const LINE_HEIGHT = 1.2;

/**
 * Sizes on the screen (CSS pixels) when the whole circle is fitted, on any screen: a name is
 * 15 px on a phone and on a wall screen alike, and a person's circle is one of `nodes`, the
 * largest whose names all find a free place.
 */
export const PX = {
	name: 14,
	centre: 15,
	ring: 12,
	sector: 15,
	/** Space kept between any two circles or names. */
	gap: 3,
	nodes: [44, 40, 36, 32, 29],
	/** Room above and below the circle for the sector names (two lines). */
	sectorBand: 2 * 15 * LINE_HEIGHT + 10
} as const;

/** How the model maps to a canvas of a given size at the default fit. */
export interface Scale {
	zoom: number;
	/** Model units per CSS pixel at that zoom. */
	unit: number;
	/** What the fitted canvas shows, in model units: everything drawn stays inside. */
	frame: Box;
	/**
	 * On a canvas taller than wide (a phone held upright) the circle becomes an oval this many
	 * times as high as wide, to use the screen's height: rings and sectors keep their meaning and
	 * there is room for more names. 1 elsewhere.
	 */
	stretch: number;
	/** What lies over the canvas (the zoom and save buttons, the phone's floating buttons): no name goes there. */
	reserved: Box[];
}

/** The column of buttons over the canvas's top right corner: 4 buttons of 44 px, 6 px apart, 8 px in. */
const BUTTONS = { width: 44 + 8 + 4, height: 8 + 4 * 44 + 3 * 6 + 4 };

/** An oval no taller than this, so it still reads as the netwerkcirkel. */
const MAX_STRETCH = 1.5;

/**
 * The fit of a canvas `width` × `height`: the circle as large as it goes, with the sector names
 * above and below it. `overlays` are boxes (pixels from the canvas's top left) of what floats over
 * the canvas: those along its bottom edge shorten the room for the circle, the rest only keep names away.
 */
export function scaleFor(width: number, height: number, overlays: readonly Box[] = []): Scale {
	const w = Math.max(width, 160);
	const h = Math.max(height, 160);
	const bottom = Math.min(h / 4, Math.max(0, ...overlays.filter((o) => o.y1 > h * 0.6).map((o) => h - o.y1)));
	const room = h - bottom;
	const across = w - 2 * FIT_PADDING;
	const down = room - 2 * FIT_PADDING - 2 * PX.sectorBand;
	const zoom = Math.min(across, down) / (2 * OUTER_RADIUS);
	const stretch = Math.max(1, Math.min(MAX_STRETCH, down / across));
	const hw = (w / 2 - FIT_PADDING) / zoom;
	// The circle's centre is in the middle of the room above the bottom overlays.
	const toModel = (b: Box): Box => ({
		x1: (b.x1 - w / 2) / zoom,
		y1: (b.y1 - room / 2) / zoom,
		x2: (b.x2 - w / 2) / zoom,
		y2: (b.y2 - room / 2) / zoom
	});
	const reserved = [{ x1: w - BUTTONS.width, y1: 0, x2: w, y2: BUTTONS.height }, ...overlays].map(toModel);
	return {
		zoom,
		unit: 1 / zoom,
		frame: { x1: -hw, y1: -(room / 2 - FIT_PADDING) / zoom, x2: hw, y2: (room / 2 + bottom - FIT_PADDING) / zoom },
		stretch,
		reserved
	};
}

/** A square canvas of a phone's width: for drawing without a screen (tests, headless). */
export const DEFAULT_SCALE = scaleFor(360, 452);

let context: CanvasRenderingContext2D | null | undefined;
const widths = new Map<string, number>();
const REFERENCE = 100;

/**
 * The width of one line of text at `px` pixels, measured with the canvas's font (as Cytoscape
 * measures its labels); without a DOM (unit tests), a generous estimate.
 */
export function textWidth(line: string, px: number, bold = false): number {
	const key = `${bold ? 'b' : 'n'}${line}`;
	let w = widths.get(key);
	if (w === undefined) {
		if (context === undefined) context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
		if (context) {
			context.font = `normal ${bold ? 'bold' : 'normal'} ${REFERENCE}px ${FONT_FAMILY}`;
			w = context.measureText(line).width;
		} else w = Array.from(line).length * REFERENCE * (bold ? 0.6 : 0.55);
		if (widths.size > 5000) widths.clear();
		widths.set(key, w);
	}
	return (w * px) / REFERENCE;
}

/** The box a (multi-line) label takes at `px` pixels, in pixels. */
export function textBox(text: string, px: number, bold = false): { w: number; h: number } {
	const lines = text.split('\n');
	return { w: Math.ceil(Math.max(...lines.map((l) => textWidth(l, px, bold)))) + 2, h: lines.length * px * LINE_HEIGHT + 2 };
}
