import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { adminClient, expect, logIn, test, throwawayUser, userPage } from './fixtures.ts';

/** Team Noord's demo caseload (server/launch/seed-caseload.ts) and Sam. */
const NOORD = ['Ayoub', 'Bilal', 'Dewi', 'Eva', 'Fenna', 'Jamal', 'Kevin', 'Lotte', 'Mehmet', 'Noor', 'Sam', 'Sanne', 'Yara'];
/** Fatima's own maps in the demo. */
const FATIMAS = ['Ayoub', 'Eva', 'Jamal', 'Lotte', 'Mehmet', 'Noor', 'Sam', 'Sanne'];

const cards = (page: Page) => page.getByTestId('team-map');
const card = (page: Page, name: string) => cards(page).filter({ has: page.getByRole('heading', { level: 2, name, exact: true }) });
const shownNames = (page: Page) => cards(page).getByRole('heading', { level: 2 }).allTextContents();
const lateFlags = (page: Page) => cards(page).evaluateAll((lis) => lis.map((li) => li.classList.contains('late')));

async function openDashboard(page: Page) {
	await page.getByRole('link', { name: 'Overzicht van je team' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overzicht van Team Noord' })).toBeVisible();
	await ready(page);
}

/** The controls work once the page runs in the browser. */
const ready = (page: Page) => expect(page.locator('main[data-ready]')).toBeVisible();

async function phone(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

test('the reviewer sees every youth of team Noord, sorts by the next evaluation, keeps only the late ones, and opens Sam’s map read-only', async ({
	browser,
	baseURL
}) => {
	const page = await userPage(browser, baseURL!, 'team@demo.local');
	await openDashboard(page);
	await expect(page.getByText('Je ziet alle kaarten van dit team. Je kunt ze lezen, maar niet veranderen.')).toBeVisible();
	// Other specs may add maps to the team; the demo's are all there.
	expect(await shownNames(page)).toEqual(expect.arrayContaining(NOORD));

	// Overdue stands out in words, not by colour alone; Sam was evaluated two weeks ago.
	await expect(card(page, 'Mehmet')).toContainText('te laat');
	await expect(card(page, 'Mehmet').getByTestId('next-evaluation')).toContainText(/\(\d+ dagen te laat\)/);
	await expect(card(page, 'Jamal')).toContainText('te laat');
	await expect(card(page, 'Sam')).not.toContainText('te laat');
	await expect(card(page, 'Sam').getByTestId('jim')).not.toHaveText('geen JIM');
	await expect(card(page, 'Sam').getByTestId('trend')).toHaveText(/^(groeit|krimpt|blijft gelijk): \d+( → \d+)?$/);
	await expect(card(page, 'Jamal').getByTestId('jim')).toHaveText('geen JIM');
	const late = (await lateFlags(page)).filter(Boolean).length;
	expect(late).toBeGreaterThanOrEqual(2);

	// Sorted by the next evaluation: the late ones first, every date in order, no date last.
	await page.getByLabel('Sorteer op').selectOption({ label: 'Volgende evaluatie' });
	await expect(page).toHaveURL(/[?&]sorteer=evaluatie/);
	const dates = await cards(page).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-next-evaluation') ?? ''));
	const dated = dates.filter(Boolean);
	expect(dated).toEqual([...dated].sort());
	expect(dates.slice(0, dated.length)).toEqual(dated);
	expect((await lateFlags(page)).slice(0, late)).toEqual(Array(late).fill(true));

	// Only the late ones.
	await page.getByLabel('Alleen te laat').check();
	await expect(page).toHaveURL(/[?&]telaat=1/);
	await expect(cards(page)).toHaveCount(late);
	await expect(page.getByRole('status').filter({ hasText: `Je ziet ${late} van de` })).toBeVisible();
	expect(await lateFlags(page)).toEqual(Array(late).fill(true));
	await expect(card(page, 'Sam')).toHaveCount(0);

	// A name typed in the search filters here and never goes into the address.
	await page.getByLabel('Zoek op naam').fill('meh');
	await expect(cards(page)).toHaveCount(1);
	await expect(card(page, 'Mehmet')).toBeVisible();
	expect(page.url().toLowerCase()).not.toContain('meh');
	// A reload keeps the order and the filter from the address, and forgets the name.
	await page.reload();
	await ready(page);
	await expect(page.getByLabel('Sorteer op')).toHaveValue('evaluatie');
	await expect(page.getByLabel('Alleen te laat')).toBeChecked();
	await expect(page.getByLabel('Zoek op naam')).toHaveValue('');
	await expect(cards(page)).toHaveCount(late);

	expect(await axeViolations(page)).toEqual([]);

	// Sam's map, read-only.
	await page.getByLabel('Alleen te laat').uncheck();
	await page.getByLabel('Zoek op naam').fill('Sam');
	await card(page, 'Sam').getByRole('link', { name: 'Sam' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();
	await expect(page.getByText('Je kunt deze kaart bekijken, maar niet veranderen.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Toevoegen' })).toHaveCount(0);
	await page.context().close();
});

test('on a 360 px phone the dashboard fits, filters and passes axe; JIM filter by status', async ({ browser, baseURL }) => {
	const page = await phone(browser, baseURL!, 'team@demo.local');
	await openDashboard(page);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await card(page, 'Sam').scrollIntoViewIfNeeded();
	const box = await card(page, 'Sam').boundingBox();
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.x + box!.width).toBeLessThanOrEqual(360);
	const link = await card(page, 'Sam').getByRole('link', { name: 'Sam' }).boundingBox();
	expect(link!.height).toBeGreaterThanOrEqual(24);

	await page.getByLabel('JIM', { exact: true }).selectOption({ label: 'geen JIM' });
	await expect(page).toHaveURL(/[?&]jim=none/);
	await expect(card(page, 'Jamal')).toBeVisible();
	await expect(card(page, 'Sam')).toHaveCount(0);
	for (const text of await cards(page).getByTestId('jim').allTextContents()) expect(text).toBe('geen JIM');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	expect(await axeViolations(page)).toEqual([]);
	await page.context().close();
});

test('a professional sees only the maps they are on', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openDashboard(page);
	await expect(page.getByText('Je ziet de kaarten waar jij bij hoort.')).toBeVisible();
	const names = await shownNames(page);
	expect(names).toEqual(expect.arrayContaining(FATIMAS));
	expect(names).not.toContain('Bilal');
	expect(names).not.toContain('Kevin');
	await page.context().close();
});

test('someone in two teams picks the team; someone in none is told so', async ({ browser, baseURL }) => {
	const admin = await adminClient();
	const both = await throwawayUser('Twee teams');
	const user = await admin.collection('users').getFirstListItem(admin.filter('email = {:e}', { e: both.email }));
	const teams = await admin.collection('teams').getFullList({ sort: 'name' });
	const noord = teams.find((t) => t.name === 'Team Noord')!;
	const zuid = teams.find((t) => t.name === 'Team Zuid')!;
	await admin.collection('team_members').create({ team: noord.id, user: user.id, role: 'reviewer' });
	await admin.collection('team_members').create({ team: zuid.id, user: user.id, role: 'professional' });

	const page = await (await browser.newContext({ baseURL, locale: 'nl-NL' })).newPage();
	await logIn(page, both.email, both.password);
	await page.goto('/team');
	await expect(page.getByRole('heading', { level: 1, name: 'Overzicht van Team Noord' })).toBeVisible();
	const picker = page.getByRole('navigation', { name: 'Kies een team' });
	await expect(picker.getByRole('link', { name: 'Team Noord' })).toHaveAttribute('aria-current', 'page');
	await ready(page);
	await picker.getByRole('link', { name: 'Team Zuid' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Overzicht van Team Zuid' })).toBeVisible();
	await expect(card(page, 'Sam')).toHaveCount(0);
	await page.context().close();

	const nobody = await throwawayUser('Geen team');
	const other = await (await browser.newContext({ baseURL, locale: 'nl-NL' })).newPage();
	await logIn(other, nobody.email, nobody.password);
	await expect(other.getByRole('link', { name: 'Overzicht van je team' })).toHaveCount(0);
	await other.goto('/team');
	await expect(other.getByText('Je hoort nu bij geen team.')).toBeVisible();
	const wrong = await other.goto(`/team?team=${noord.id}`);
	expect(wrong?.status()).toBe(200);
	await other.context().close();
});
