import type { Page } from '@playwright/test';
import { localChanges } from '../helpers/local-copy.ts';
import { expect, logIn, peopleList, test, userPage } from './fixtures.ts';

// The map page asks for the map itself while its scripts load (GET /sync-api/maps/<map>/state),
// so a slow or stuck live connection no longer leaves the circle and the list empty.
test('the map shows its people even while its live connection gets nothing through', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	// The socket opens, and nothing comes or goes through it (never connected to the server).
	await page.routeWebSocket(/\/sync\//, () => {});
	await page.getByRole('link', { name: 'Kaart van Sam openen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();
	await expect(peopleList(page)).toContainText('Oma');
	await expect(peopleList(page)).toContainText('Tante Nora');
	// On the circle too.
	await expect.poll(() => namesOnCircle(page)).toContain('Oma');
	await page.context().close();
});

// A youth on a phone with bad mobile data: the map was opened on this device before, so its copy
// (IndexedDB) is on the circle at once, before the server answers at all.
test('a map opened on this device before shows its people before the server answers', async ({ browser, baseURL }) => {
	// No service worker: the page and its requests go straight to the network, where the test holds them.
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', serviceWorkers: 'block' });
	const page = await context.newPage();
	await logIn(page, 'sam@demo.local');
	await page.getByRole('link', { name: 'Kaart van Sam openen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await expect.poll(() => namesOnCircle(page)).toContain('Oma');
	const mapId = new URL(page.url()).pathname.split('/').pop()!;
	// The device's copy is written (y-indexeddb keeps each change as it comes).
	await expect.poll(() => page.evaluate(localChanges, `kring-map-${mapId}`)).toBeGreaterThan(0);

	// Now the server answers nothing: the state request is held, the socket never gets through.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/sync-api\/maps\/[a-z0-9]+\/state$/, async (route) => {
		await held;
		await route.abort().catch(() => {});
	});
	await page.routeWebSocket(/\/sync\//, () => {});
	// Time stands still on the page: no waiting time runs out (the page's own fallback shows the
	// workspace after 1.5 s), so only the device's copy can bring the people.
	const now = Date.now();
	await page.clock.install({ time: now });
	await page.clock.pauseAt(now + 1000);
	await page.reload({ waitUntil: 'commit' });
	await expect.poll(() => namesOnCircle(page)).toContain('Oma');
	expect(await namesOnCircle(page)).toContain('Tante Nora');
	release();
	await context.close();
});

/** The names of the people on the page's circle (its Cytoscape instance), as the canvas holds them. */
function namesOnCircle(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: any } }) | null;
		const cy = el?._cyreg?.cy;
		return cy ? (cy.nodes('.person').map((n: any) => String(n.data('name'))) as string[]) : [];
	});
}
