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
		const cy = el._cyreg.cy;
		const node = cy.nodes('.person').filter((n: any) => n.data('name') === name)[0];
		if (!node) throw new Error(`no node for ${name}`);
		const p = node.renderedPosition();
		const r = node.renderedWidth() / 2;
		// Where a person would take hold of the circle: a part of it that no other circle covers
		// (on a crowded map a neighbour's circle may lie over the middle; the mouse takes the top one).
		const others = cy.nodes('.person, .centre').filter((n: any) => n.id() !== node.id());
		const free = (x: number, y: number) =>
			others.every((n: any) => Math.hypot(n.renderedPosition().x - x, n.renderedPosition().y - y) > n.renderedWidth() / 2 + 1);
		const spots = [
			[0, 0],
			...Array.from({ length: 8 }, (_, i) => [Math.cos((i * Math.PI) / 4) * r * 0.6, Math.sin((i * Math.PI) / 4) * r * 0.6])
		];
		const [dx, dy] = spots.find(([dx, dy]) => free(p.x + dx, p.y + dy)) ?? [0, 0];
		const box = el.getBoundingClientRect();
		return { x: box.left + p.x + dx, y: box.top + p.y + dy };
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
