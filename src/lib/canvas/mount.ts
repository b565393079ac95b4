import cytoscape, { type Core } from 'cytoscape';
import { rescale, SCALE, scaleOf, styleCircle } from './draw.ts';
import { FIT_PADDING, scaleFor } from './scale.ts';
import type { Box } from './placement.ts';

export { FIT_PADDING };

export interface Circle {
	cy: Core;
	/** Stops following the container's size and destroys the instance (the caller unbinds first). */
	destroy: () => void;
}

/** Shows the whole circle with its names, as it opened (the zoom buttons' "fit" does the same). */
export function fitCircle(cy: Core): void {
	cy.fit(cy.nodes('.frame'), FIT_PADDING);
}

/**
 * A netwerkcirkel in `container`: Cytoscape with the canvas style, fitted to the container and
 * kept fitted when it resizes. Names and circles are sized for the container (scale.ts), so they
 * are as legible on a phone as on a desktop; pinching zooms and dragging the background pans.
 * `draw` puts the content on it before the first fit.
 */
export function mountCircle(
	container: HTMLElement,
	opts: {
		readOnly: boolean;
		/** Boxes (pixels from the container's top left) of buttons that float over the canvas: the circle keeps clear of them. */
		overlays?: () => Box[];
	},
	draw: (cy: Core) => void
): Circle {
	const fitFor = () => scaleFor(container.clientWidth, container.clientHeight, opts.overlays?.() ?? []);
	// No stylesheet yet: it is made for the fit (styleCircle), not parsed twice. No layout either
	// (Cytoscape runs its grid layout by default): draw.ts places every node itself.
	const cy = cytoscape({
		container,
		layout: { name: 'null' },
		minZoom: 0.1,
		maxZoom: 4,
		boxSelectionEnabled: false,
		autoungrabify: opts.readOnly
	});
	let fitted = fitFor();
	cy.scratch(SCALE, fitted);
	styleCircle(cy);
	draw(cy);
	fitCircle(cy);
	let size = `${container.clientWidth}x${container.clientHeight}`;
	// Zoomed in, names and circles keep their size on the screen, so there is room for names a
	// crowded circle had to leave off: placed again once the pinch or wheel stops.
	let settle: ReturnType<typeof setTimeout> | undefined;
	const onZoom = () => {
		clearTimeout(settle);
		settle = setTimeout(() => {
			const zoom = Math.max(cy.zoom(), fitted.zoom);
			if (Math.abs(zoom / scaleOf(cy).zoom - 1) < 0.08) return;
			rescale(cy, { ...fitted, zoom, unit: 1 / zoom });
		}, 150);
	};
	cy.on('zoom', onZoom);
	const refit = () => {
		const now = `${container.clientWidth}x${container.clientHeight}`;
		if (now === size || container.clientWidth === 0) return;
		// Not under a finger: a person held (a sheet opening as they were picked up) is refitted once let go.
		if (cy.nodes(':grabbed').nonempty()) {
			cy.one('free', () => setTimeout(refit, 0));
			return;
		}
		size = now;
		cy.resize();
		fitted = fitFor();
		rescale(cy, fitted);
		fitCircle(cy);
	};
	const observer = new ResizeObserver(refit);
	observer.observe(container);
	return {
		cy,
		destroy: () => {
			observer.disconnect();
			clearTimeout(settle);
			cy.destroy();
		}
	};
}
