import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, logIn, test } from './fixtures.ts';

// Every page Kring has, on a phone and on a wide screen, for whoever uses it: axe (WCAG 2.0, 2.1
// and 2.2, A and AA) finds nothing. The map page itself, in each view and state, is in
// phone-shell.spec.ts.
const SIZES = [
	{ name: 'phone', viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true },
	{ name: 'wide', viewport: { width: 1280, height: 800 }, hasTouch: false, isMobile: false }
] as const;

async function pageAt(browser: Browser, baseURL: string, size: (typeof SIZES)[number], email?: string): Promise<Page> {
	const context = await browser.newContext({
		baseURL,
		locale: 'nl-NL',
		viewport: size.viewport,
		hasTouch: size.hasTouch,
		isMobile: size.isMobile
	});
	const page = await context.newPage();
	if (email) await logIn(page, email);
	return page;
}

async function samsMapPath(page: Page): Promise<string> {
	await page.goto('/kaarten');
	const href = await page.getByRole('link', { name: 'Kaart van Sam openen' }).getAttribute('href');
	expect(href).toMatch(/^\/kaarten\/\w+$/);
	return href!;
}

/** Opens path, waits for its main heading, and runs axe. */
async function noViolations(page: Page, path: string): Promise<void> {
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
	expect({ path, violations: await axeViolations(page) }).toEqual({ path, violations: [] });
}

for (const size of SIZES) {
	test(`axe finds no violations on any page (${size.name}, ${size.viewport.width} px): guest, professional, youth and reviewer`, async ({
		browser,
		baseURL
	}) => {
		const guest = await pageAt(browser, baseURL!, size);
		await noViolations(guest, '/login');
		await noViolations(guest, '/uitnodiging');
		await guest.context().close();

		const pro = await pageAt(browser, baseURL!, size, 'hulpverlener@demo.local');
		const map = await samsMapPath(pro);
		for (const path of ['/kaarten', `${map}/wie`, `${map}/geschiedenis`, '/tips', '/team']) await noViolations(pro, path);
		await pro.context().close();

		const youth = await pageAt(browser, baseURL!, size, 'sam@demo.local');
		for (const path of ['/kaarten', `${map}/wie`]) await noViolations(youth, path);
		await youth.context().close();

		const reviewer = await pageAt(browser, baseURL!, size, 'team@demo.local');
		for (const path of ['/kaarten', '/team', `${map}/geschiedenis`]) await noViolations(reviewer, path);
		await reviewer.context().close();
	});
}
