import { expect, peopleList, test, userPage } from './fixtures.ts';

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
	const onCircle = () =>
		page.evaluate(() => {
			const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: any } }) | null;
			const cy = el?._cyreg?.cy;
			return cy ? (cy.nodes('.person').map((n: any) => String(n.data('name'))) as string[]) : [];
		});
	await expect.poll(onCircle).toContain('Oma');
	await page.context().close();
});
