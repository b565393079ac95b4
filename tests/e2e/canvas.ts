import type { Page } from '@playwright/test';
import { positionOf } from '../../src/lib/canvas/layout.ts';
import type { Ring, Sector } from '../../src/lib/doc/schema.ts';

/** Cytoscape registers itself on its container; the tests read node positions from there. */
const CY = `document.querySelector('[data-testid=map-canvas]')._cyreg.cy`;

/** Where a person's circle is on the screen. */
export async function personOnScreen(page: Page, name: string): Promise<{ x: number; y: number }> {
	return page.evaluate(
		([cyExpr, name]) => {
			const el = document.querySelector('[data-testid=map-canvas]')!;
			// eslint-disable-next-line no-eval
			const cy = (0, eval)(cyExpr);
			const node = cy.nodes('.person').filter((n: { data(k: string): unknown }) => n.data('name') === name || n.data('label') === name)[0];
			if (!node) throw new Error(`no node for ${name}`);
			const p = node.renderedPosition();
			const box = el.getBoundingClientRect();
			return { x: box.left + p.x, y: box.top + p.y };
		},
		[CY, name] as const
	);
}

/** Where the middle of a slot (sector, ring) is on the screen. */
export async function slotOnScreen(page: Page, sector: Sector, ring: Ring, angle = 0.5): Promise<{ x: number; y: number }> {
	const model = positionOf(sector, ring, angle);
	return page.evaluate(
		([cyExpr, mx, my]) => {
			const el = document.querySelector('[data-testid=map-canvas]')!;
			const cy = (0, eval)(cyExpr as string);
			const pan = cy.pan();
			const zoom = cy.zoom();
			const box = el.getBoundingClientRect();
			return { x: box.left + pan.x + (mx as number) * zoom, y: box.top + pan.y + (my as number) * zoom };
		},
		[CY, model.x, model.y] as const
	);
}

/** Drags with the mouse in small steps, as a person would. */
export async function dragMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
	await page.mouse.move(from.x, from.y);
	await page.mouse.down();
	await page.mouse.move(to.x, to.y, { steps: 12 });
	await page.mouse.up();
}
