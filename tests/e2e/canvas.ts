import type { Page } from '@playwright/test';
import { positionOf } from '../../src/lib/canvas/layout.ts';
import type { Ring, Sector } from '../../src/lib/doc/schema.ts';

type Point = { x: number; y: number };

// The page functions below find the canvas where Cytoscape registers itself on its container:
// `document.querySelector('[data-testid=map-canvas]')._cyreg.cy`.

/** Where a person's circle is on the screen. */
export function personOnScreen(page: Page, name: string): Promise<Point> {
	return page.evaluate((name) => {
		const el = document.querySelector('[data-testid=map-canvas]') as any;
		const node = el._cyreg.cy.nodes('.person').filter((n: any) => n.data('name') === name)[0];
		if (!node) throw new Error(`no node for ${name}`);
		const p = node.renderedPosition();
		const box = el.getBoundingClientRect();
		return { x: box.left + p.x, y: box.top + p.y };
	}, name);
}

/** Where the middle of a slot (sector, ring) is on the screen. */
export function slotOnScreen(page: Page, sector: Sector, ring: Ring, angle = 0.5): Promise<Point> {
	return page.evaluate(
		(model) => {
			const el = document.querySelector('[data-testid=map-canvas]') as any;
			const pan = el._cyreg.cy.pan();
			const zoom = el._cyreg.cy.zoom();
			// On an upright phone the circle is drawn as an oval this much taller than wide.
			const stretch = el._cyreg.cy.scratch('kringScale')?.stretch ?? 1;
			const box = el.getBoundingClientRect();
			return { x: box.left + pan.x + model.x * zoom, y: box.top + pan.y + model.y * stretch * zoom };
		},
		positionOf(sector, ring, angle)
	);
}

/** The canvas's zoom level. */
export function canvasZoom(page: Page): Promise<number> {
	return page.evaluate(() => (document.querySelector('[data-testid=map-canvas]') as any)._cyreg.cy.zoom() as number);
}

/** Drags with the mouse in small steps, as a person would. */
export async function dragMouse(page: Page, from: Point, to: Point): Promise<void> {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 12 });
	await page.mouse.up();
}
