import type { Browser, Locator, Page } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import { axeViolations } from './a11y.ts';
import { expect, logIn, openSamsMap, peopleList, test, userPage } from './fixtures.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

/** A phone: 360 × 740, touch, as a youth or a JIM holds it. */
async function phonePage(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: PHONE, hasTouch: true, isMobile: true });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

async function box(locator: Locator) {
	const b = await locator.boundingBox();
	if (!b) throw new Error('not on screen');
	return b;
}

const tabs = (page: Page) => page.getByRole('navigation', { name: 'Weergave' });
const tab = (page: Page, name: string) => tabs(page).getByRole('link', { name, exact: true });

/** A finger dragged across the screen in small steps (Playwright's touchscreen only taps). */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
	const cdp = await page.context().newCDPSession(page);
	const at = (p: { x: number; y: number }) => [{ x: p.x, y: p.y, id: 1 }];
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from) });
	for (let i = 1; i <= 8; i++) {
		const p = { x: from.x + ((to.x - from.x) * i) / 8, y: from.y + ((to.y - from.y) * i) / 8 };
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
	}
	await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await cdp.detach();
}

async function expectNoAxeViolations(page: Page, state: string) {
	expect(await axeViolations(page), state).toEqual([]);
}

test('on a phone the map opens on the circle: it fills the screen below a compact bar, and the page does not scroll', async ({
	browser,
	baseURL
}) => {
	const page = await phonePage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);
	const canvas = page.getByTestId('map-canvas');
	await expect(canvas).toBeVisible();

	const bar = await box(page.getByTestId('map-bar'));
	const circle = await box(canvas);
	// The circle starts right under the bar and lies wholly in the first screen.
	expect(bar.y).toBe(0);
	expect(bar.height).toBeLessThanOrEqual(56);
	expect(circle.y).toBeGreaterThanOrEqual(bar.y + bar.height - 1);
	expect(circle.y + circle.height).toBeLessThanOrEqual(PHONE.height);
	const below = PHONE.width * (PHONE.height - (bar.y + bar.height));
	expect((circle.width * circle.height) / below).toBeGreaterThanOrEqual(0.85);
	expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

	// The bar: the map's name, the connection dot with its words for screen readers, the menu.
	await expect(page.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeInViewport();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Menu', exact: true })).toBeInViewport();
	// The page's own header (logo, language, logout) is in the menu now, not above the map.
	await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeHidden();

	// The views at the bottom: links with an icon and a word, 44 px or more, the current one marked.
	await expect(tabs(page).getByRole('link')).toHaveText(['Cirkel', 'Lijst', 'Steunplan']);
	await expect(tab(page, 'Cirkel')).toHaveAttribute('aria-current', 'page');
	for (const link of await tabs(page).getByRole('link').all()) {
		const b = await box(link);
		expect(b.height).toBeGreaterThanOrEqual(44);
		expect(b.width).toBeGreaterThanOrEqual(44);
		await expect(link.locator('svg')).toBeVisible();
	}
	// Undo and redo float over the circle as icons, with their names.
	for (const name of ['Ongedaan maken', 'Opnieuw doen']) {
		const button = page.getByTestId('circle-stage').getByRole('button', { name });
		await expect(button).toBeVisible();
		const b = await box(button);
		expect(b.width).toBeGreaterThanOrEqual(44);
		expect(b.height).toBeGreaterThanOrEqual(44);
	}
	await page.context().close();
});

test('on a phone the bottom bar switches views, and a reload keeps the view', async ({ browser, baseURL }) => {
	const page = await phonePage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);

	await tab(page, 'Lijst').tap();
	await expect(tab(page, 'Lijst')).toHaveAttribute('aria-current', 'page');
	await expect(tab(page, 'Cirkel')).not.toHaveAttribute('aria-current', 'page');
	await expect(peopleList(page)).toContainText('Oma');
	await expect(page.getByTestId('map-canvas')).toHaveCount(0);
	// The groslijst is here on a phone: a name typed goes on the list.
	await expect(page.getByLabel('Naam', { exact: true })).toBeVisible();

	await tab(page, 'Steunplan').tap();
	await expect(page.getByRole('heading', { level: 2, name: 'Steunplan van Sam' })).toBeVisible();
	await expect(page).toHaveURL(/weergave=steunplan/);
	await page.reload();
	await expect(page.getByRole('heading', { level: 2, name: 'Steunplan van Sam' })).toBeVisible();
	await expect(tab(page, 'Steunplan')).toHaveAttribute('aria-current', 'page');

	await tab(page, 'Cirkel').tap();
	await expect(page.getByTestId('map-canvas')).toBeVisible();

	// "Iemand toevoegen" on the circle opens the groslijst, ready to type.
	await page.getByRole('button', { name: 'Iemand toevoegen' }).tap();
	await expect(page.getByLabel('Naam', { exact: true })).toBeFocused();
	await expect(tab(page, 'Lijst')).toHaveAttribute('aria-current', 'page');
	await page.context().close();
});

test('on a phone the menu holds print, who can see the map, the timeline, language and logout, and each works', async ({
	browser,
	baseURL
}) => {
	const page = await phonePage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);
	const mapUrl = page.url();
	const menu = page.getByRole('dialog', { name: 'Menu' });
	const openMenu = async () => {
		await page.getByRole('button', { name: 'Menu', exact: true }).tap();
		await expect(menu).toBeVisible();
	};

	await openMenu();
	await expect(page.getByRole('button', { name: 'Menu', exact: true })).toHaveAttribute('aria-expanded', 'true');
	await expect(menu.getByRole('button', { name: 'Printen / PDF' })).toBeVisible();
	await expect(menu.getByRole('link', { name: 'Wie kan deze kaart zien?' })).toBeVisible();
	await expect(menu.getByRole('link', { name: 'Tijdlijn' })).toBeVisible();
	await expect(menu.getByRole('combobox', { name: 'Taal' })).toBeVisible();
	await expect(menu.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
	// Escape closes it, and so does its close button.
	await page.keyboard.press('Escape');
	await expect(menu).toBeHidden();
	await openMenu();
	await menu.getByRole('button', { name: 'Menu sluiten' }).tap();
	await expect(menu).toBeHidden();

	// Print: the sheet is built and the browser's print dialog is asked for (a stand-in here).
	await page.evaluate(() => {
		window.print = () => document.body.setAttribute('data-printed', 'yes');
	});
	await openMenu();
	await menu.getByRole('button', { name: 'Printen / PDF' }).tap();
	await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
	await expect(menu).toBeHidden();
	await expect(page.getByTestId('print-sheet')).toBeAttached();

	await openMenu();
	await menu.getByRole('link', { name: 'Wie kan deze kaart zien?' }).tap();
	await expect(page.getByRole('heading', { level: 1, name: 'Wie kan deze kaart zien?' })).toBeVisible();
	await page.goto(mapUrl);
	await openMenu();
	await menu.getByRole('link', { name: 'Tijdlijn' }).tap();
	await expect(page.getByRole('heading', { level: 1, name: 'Tijdlijn van de kaart van Sam' })).toBeVisible();
	await page.goto(mapUrl);

	// Language: English, and back.
	await openMenu();
	await menu.getByRole('combobox', { name: 'Taal' }).selectOption('en');
	await expect(page.getByRole('navigation', { name: 'View' }).getByRole('link', { name: 'Circle', exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Menu', exact: true }).tap();
	await page.getByRole('dialog', { name: 'Menu' }).getByRole('combobox', { name: 'Language' }).selectOption('nl');
	await expect(tab(page, 'Cirkel')).toBeVisible();

	await openMenu();
	await menu.getByRole('button', { name: 'Uitloggen' }).tap();
	await expect(page).toHaveURL(/\/login$/);
	await page.context().close();
});

test('on a phone the person sheet leaves the circle in sight, scrolls inside, and closes by button, Escape or a drag', async ({
	browser,
	baseURL
}) => {
	const page = await phonePage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);
	const sheet = page.getByTestId('person-panel');

	// Opened from the list: the focus goes into the sheet, and back to the row's button when it closes.
	await tab(page, 'Lijst').tap();
	const edit = page.getByRole('button', { name: 'Oma bewerken' });
	await edit.tap();
	await expect(sheet).toBeVisible();
	await expect(sheet.getByRole('heading', { level: 2 })).toBeFocused();
	await sheet.getByRole('button', { name: 'Sluiten' }).tap();
	await expect(sheet).toHaveCount(0);
	await expect(edit).toBeFocused();

	// On the circle: the sheet takes at most 45% of the screen, above the bottom bar (the views stay
	// at hand), and most of the circle stays in sight above it.
	await edit.tap();
	await tab(page, 'Cirkel').tap();
	await expect(sheet).toBeVisible();
	const s = await box(sheet);
	expect(s.height).toBeLessThanOrEqual(PHONE.height * 0.45 + 1);
	expect(s.y + s.height).toBeCloseTo((await box(tabs(page))).y, 0);
	const circle = await box(page.getByTestId('map-canvas'));
	expect(s.y - circle.y).toBeGreaterThanOrEqual(circle.height * 0.45);
	// Its content is longer than the sheet: it scrolls inside, and the page does not.
	expect(await sheet.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY === 'auto')).toBe(true);
	expect(await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)).toBeLessThanOrEqual(0);

	await sheet.getByRole('heading', { level: 2 }).focus();
	await page.keyboard.press('Escape');
	await expect(sheet).toHaveCount(0);

	// Dragged down by its handle, it closes.
	await tab(page, 'Lijst').tap();
	await edit.tap();
	await tab(page, 'Cirkel').tap();
	const handle = await box(sheet.getByTestId('sheet-handle'));
	const from = { x: handle.x + handle.width / 2, y: handle.y + handle.height / 2 };
	await touchDrag(page, from, { x: from.x, y: from.y + 160 });
	await expect(sheet).toHaveCount(0);
	await page.context().close();
});

test('the JIM on her phone sees in her first screen what is asked of her', async ({ browser, baseURL }) => {
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(professional);
	await professional.getByRole('radio', { name: 'Steunplan' }).check();
	const ask = `Sam wil zijn kamer opknappen. Help jij mee? ${Date.now() % 100000}`;
	await professional.getByLabel('Jouw vraag aan de JIM').fill(ask);
	await professional.getByRole('button', { name: 'Vraag stellen' }).click();

	const jim = await phonePage(browser, baseURL!, 'jim@demo.local');
	await openSamsMap(jim);
	await expect(tabs(jim).getByRole('link')).toHaveText(['Voor jou', 'Cirkel', 'Lijst', 'Steunplan']);
	await expect(tab(jim, 'Voor jou')).toHaveAttribute('aria-current', 'page');
	const view = jim.getByTestId('jim-view');
	await expect(view.getByTestId('for-you-question').filter({ hasText: ask })).toBeVisible();
	// The first open question lies wholly above the bottom bar, in the first screen, unscrolled.
	const question = await box(view.getByTestId('for-you-question').first().locator('p').nth(1));
	const bar = await box(tabs(jim));
	expect(await jim.evaluate(() => window.scrollY)).toBe(0);
	expect(question.y).toBeGreaterThan(0);
	expect(question.y + question.height).toBeLessThanOrEqual(bar.y);
	for (const page of [professional, jim]) await page.context().close();
});

for (const size of [PHONE, DESKTOP]) {
	test(`axe finds no violations (WCAG 2.0, 2.1, 2.2 A and AA) on the map page at ${size.width} px: circle, list, plan, menu, person sheet`, async ({
		browser,
		baseURL
	}) => {
		const phone = size.width < 700;
		const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: size, hasTouch: phone, isMobile: phone });
		const page = await context.newPage();
		await logIn(page, 'sam@demo.local');
		await openSamsMap(page);
		const show = async (view: string) => {
			if (phone) await tab(page, view).click();
			else await page.getByRole('radio', { name: view }).check();
		};
		await expectNoAxeViolations(page, 'Cirkel');
		await show('Lijst');
		await expect(peopleList(page)).toBeVisible();
		await expectNoAxeViolations(page, 'Lijst');
		await page.getByRole('button', { name: 'Oma bewerken' }).click();
		await expect(page.getByTestId('person-panel')).toBeVisible();
		await expectNoAxeViolations(page, 'Lijst with the person sheet');
		await show('Cirkel');
		await expect(page.getByTestId('map-canvas')).toBeVisible();
		await expectNoAxeViolations(page, 'Cirkel with the person sheet');
		await page.getByTestId('person-panel').getByRole('button', { name: 'Sluiten' }).click();
		await show('Steunplan');
		await expect(page.getByTestId('plan-view')).toBeVisible();
		await expectNoAxeViolations(page, 'Steunplan');
		if (phone) {
			await show('Cirkel');
			await page.getByRole('button', { name: 'Legenda' }).click();
			await expect(page.getByRole('region', { name: 'Legenda' })).toBeVisible();
			await expectNoAxeViolations(page, 'Cirkel with the legend');
			await page.getByRole('button', { name: 'Menu', exact: true }).click();
			await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
			await expectNoAxeViolations(page, 'menu open');
		}
		await context.close();
	});
}

test('outside the map, the page header is one row on a phone: logo, language and logout, with who is logged in said to screen readers', async ({
	browser,
	baseURL
}) => {
	const page = await phonePage(browser, baseURL!, 'sam@demo.local');
	const href = await page.getByRole('link', { name: 'Kaart van Sam openen' }).getAttribute('href');
	for (const path of ['/kaarten', `${href}/geschiedenis`, `${href}/wie`]) {
		await page.goto(path);
		const header = page.locator('header').first();
		// One row of 44 px targets: it took three (170 px) before, pushing the page's title down.
		expect((await box(header)).height, path).toBeLessThanOrEqual(60);
		await expect(page.getByRole('link', { name: /^Kring/ })).toBeInViewport();
		await expect(page.getByRole('combobox', { name: 'Taal' })).toBeInViewport();
		await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeInViewport();
		await expect(header).toContainText('Ingelogd als Sam');
		expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(PHONE.width);
	}
	await page.context().close();
});

// Walks the phone shell and takes its pictures: into the test's output folder on every run, and
// into docs/screens when asked (KRING_SCREENS=1 npx playwright test tests/e2e/phone-shell.spec.ts -g screenshots).
test('screenshots of the phone shell and the wide screen', async ({ browser, baseURL }) => {
	const dir = process.env.KRING_SCREENS ? 'docs/screens' : test.info().outputPath('screens');
	await mkdir(dir, { recursive: true });
	const youth = await phonePage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(youth);
	await youth.screenshot({ path: `${dir}/phone-sam-circle.png` });
	await youth.getByRole('button', { name: 'Legenda' }).tap();
	await youth.screenshot({ path: `${dir}/phone-sam-legend.png` });
	await youth.getByRole('button', { name: 'Legenda' }).tap();
	await tab(youth, 'Lijst').tap();
	await youth.getByRole('button', { name: 'Oma bewerken' }).tap();
	await tab(youth, 'Cirkel').tap();
	await expect(youth.getByTestId('person-panel')).toBeVisible();
	await youth.screenshot({ path: `${dir}/phone-sam-person-sheet.png` });
	await youth.getByTestId('person-panel').getByRole('button', { name: 'Sluiten' }).tap();
	await youth.getByRole('button', { name: 'Menu', exact: true }).tap();
	await expect(youth.getByRole('dialog', { name: 'Menu' })).toBeVisible();
	await youth.screenshot({ path: `${dir}/phone-sam-menu.png` });
	await youth.keyboard.press('Escape');
	await tab(youth, 'Steunplan').tap();
	await youth.screenshot({ path: `${dir}/phone-sam-plan.png` });
	// The timeline's circle of the newest version, once it holds Sam's people.
	await youth.goto(`${new URL(youth.url()).pathname}/geschiedenis`);
	const history = youth.getByTestId('history-canvas');
	await expect.poll(() => history.evaluate((el) => (el as any)._cyreg?.cy?.nodes('.person').length ?? 0)).toBeGreaterThan(5);
	await history.scrollIntoViewIfNeeded();
	await youth.screenshot({ path: `${dir}/phone-sam-history-circle.png` });
	await youth.context().close();

	const jim = await phonePage(browser, baseURL!, 'jim@demo.local');
	await openSamsMap(jim);
	await expect(jim.getByTestId('jim-view')).toBeVisible();
	await jim.screenshot({ path: `${dir}/phone-jim-first-screen.png` });
	await jim.context().close();

	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: DESKTOP });
	const desk = await context.newPage();
	await logIn(desk, 'sam@demo.local');
	await openSamsMap(desk);
	await desk.screenshot({ path: `${dir}/desktop-sam-circle.png` });
	await desk.goto(`${new URL(desk.url()).pathname}/geschiedenis`);
	const wideHistory = desk.getByTestId('history-canvas');
	await expect.poll(() => wideHistory.evaluate((el) => (el as any)._cyreg?.cy?.nodes('.person').length ?? 0)).toBeGreaterThan(5);
	await desk.screenshot({ path: `${dir}/desktop-sam-history.png`, fullPage: true });
	await context.close();
});
