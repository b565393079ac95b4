import cytoscape, { type Core } from 'cytoscape';
import { canvasStyle, zoomedStyle } from './style.ts';

/** Same margin everywhere, so "fit" looks like the circle did when it opened. */
export const FIT_PADDING = 10;

export interface Circle {
	cy: Core;
	/** Stops following the container's size and destroys the instance (the caller unbinds first). */
	destroy: () => void;
}

/**
 * A netwerkcirkel in `container`: Cytoscape with the canvas style, fitted to the container and
 * kept fitted when it resizes, with names and people that stay readable when zoomed out to fit a
 * phone. `draw` puts the content on it before the first fit.
 */
export function mountCircle(container: HTMLElement, opts: { readOnly: boolean }, draw: (cy: Core) => void): Circle {
	const cy = cytoscape({
		container,
		style: canvasStyle,
		minZoom: 0.2,
		maxZoom: 3,
		boxSelectionEnabled: false,
		autoungrabify: opts.readOnly
	});
	draw(cy);
	const fit = () => cy.fit(undefined, FIT_PADDING);
	// Zoomed out to fit a phone, names and people grow in model units to stay readable.
	let applied = '';
	const resize = () => {
		const zoomed = zoomedStyle(cy.zoom());
		const key = JSON.stringify(zoomed);
		if (applied === key) return; // sizes are rounded: most zoom steps change nothing
		applied = key;
		cy.style().fromJson([...canvasStyle, ...zoomed]).update();
	};
	cy.on('zoom', resize);
	// Sizes depend on the zoom and the zoom on the sizes: settle them, then fit once more.
	fit();
	resize();
	fit();
	const observer = new ResizeObserver(() => {
		cy.resize();
		fit();
	});
	observer.observe(container);
	return {
		cy,
		destroy: () => {
			observer.disconnect();
			cy.destroy();
		}
	};
}
