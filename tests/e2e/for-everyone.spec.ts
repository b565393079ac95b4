import { axeViolations, tabTo } from './a11y.ts';
import { expect, logIn, openSamsMap, peopleList, test, userPage } from './fixtures.ts';

test('axe finds no WCAG 2.2 AA violations on the map page: circle, list, and with the panel open', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(page);
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('radio', { name: 'Lijst' }).check();
	await expect(page.getByRole('heading', { name: /Mensen op de kaart/ })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Oma bewerken' }).click();
	await expect(page.getByTestId('person-panel')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await page.context().close();
});

test('axe finds no violations on the login page and the maps overview', async ({ page }) => {
	await page.goto('/login');
	expect(await axeViolations(page)).toEqual([]);
	await logIn(page, 'hulpverlener@demo.local');
	expect(await axeViolations(page)).toEqual([]);
});

test('keyboard only: through the list view, a person is added, placed, tied and removed', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(page);
	const name = `Toetsenbord Tess ${Date.now() % 1000}`;
	const kb = page.keyboard;

	// Choose the list view with the arrow keys of the radio group.
	await tabTo(page, (el) => el.tag === 'input' && el.name === 'Cirkel');
	await kb.press('ArrowRight');
	await expect(page.getByRole('radio', { name: 'Lijst' })).toBeChecked();

	// Add through the groslijst.
	await tabTo(page, (el) => el.tag === 'input' && el.name === 'Naam');
	await kb.type(name);
	await kb.press('Enter');
	await expect(page.getByTestId('tray')).toContainText(name);

	// Open the person, place them, draw the tie.
	await tabTo(page, (el) => el.tag === 'button' && el.name === `${name} plaatsen`);
	await kb.press('Enter');
	await expect(page.getByTestId('person-panel')).toBeVisible();
	await tabTo(page, (el) => el.tag === 'select' && el.name === 'Groep');
	// A closed select steps through its options with the arrow keys: not placed → Familie → Vrienden.
	await kb.press('ArrowDown');
	await kb.press('ArrowDown');
	await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Vrienden, dichtbij');
	await tabTo(page, (el) => el.tag === 'button' && el.name === 'Band tekenen');
	await kb.press('Enter');
	await expect(peopleList(page).getByRole('listitem').filter({ hasText: name })).toContainText('Band met Sam: sterk');

	// Remove, confirming in the dialog with the keyboard.
	await tabTo(page, (el) => el.tag === 'button' && el.name === `${name} verwijderen`);
	await kb.press('Enter');
	await expect(page.getByRole('dialog')).toBeVisible();
	await tabTo(page, (el) => el.tag === 'button' && el.name === 'Ja, verwijderen', 5);
	await kb.press('Enter');
	await expect(peopleList(page).getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
	await page.context().close();
});

test('on a phone (360 px) the map opens, names go on the list, and the panel is a sheet', async ({ browser, baseURL }) => {
	const context = await browser.newContext({
		baseURL,
		locale: 'nl-NL',
		viewport: { width: 360, height: 740 },
		hasTouch: true,
		isMobile: true
	});
	const page = await context.newPage();
	await logIn(page, 'sam@demo.local');
	await openSamsMap(page);
	await expect(page.getByTestId('map-canvas')).toBeVisible();
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(360);

	const name = `Telefoon Tom ${Date.now() % 1000}`;
	// On a phone the groslijst is in the list view, a tab of the bottom bar.
	await page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Lijst' }).tap();
	await page.getByLabel('Naam', { exact: true }).fill(name);
	await page.getByRole('button', { name: 'Op de lijst' }).tap();
	await page.getByRole('button', { name: `${name} plaatsen` }).tap();
	const panel = page.getByTestId('person-panel');
	await expect(panel).toBeVisible();
	const box = (await panel.boundingBox())!;
	expect(box.x).toBe(0);
	expect(box.width).toBeGreaterThanOrEqual(359);
	await panel.getByLabel('Hoe dichtbij?', { exact: true }).selectOption({ label: 'heel dichtbij' });
	await expect(peopleList(page).getByRole('listitem').filter({ hasText: name })).toContainText('Familie, heel dichtbij');
	await context.close();
});
