import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core in the page with the WCAG 2.2 AA tag sets (2.0, 2.1 and 2.2, A and AA) and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
	// Evaluated through the DevTools protocol: the page's Content-Security-Policy refuses inline
	// <script> tags, which is what addScriptTag would add.
	await page.evaluate(`${axeSource}\n;true`);
	return page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
		const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
		return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
	});
}

/** Presses Tab until the focused element matches, as a keyboard user would (bounded). */
export async function tabTo(
	page: Page,
	matches: (el: { role: string | null; name: string; tag: string }) => boolean,
	max = 200
): Promise<void> {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		const el = await page.evaluate(() => {
			const a = document.activeElement as HTMLElement | null;
			if (!a) return { role: null, name: '', tag: '' };
			const labels = (a as HTMLInputElement).labels;
			const label = labels && labels.length > 0 ? labels[0].textContent : null;
			return {
				role: a.getAttribute('role'),
				name: (a.getAttribute('aria-label') ?? label ?? a.textContent ?? '').replace(/\s+/g, ' ').trim(),
				tag: a.tagName.toLowerCase()
			};
		});
		if (matches(el)) return;
	}
	throw new Error('the element was never reached with Tab');
}
