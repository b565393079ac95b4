import { axeViolations } from './a11y.ts';
import { adminClient, DEMO_PASSWORD, expect, openSamsMap, test, userPage } from './fixtures.ts';

test('a professional of another team gets a 404 page for Sam’s map', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByRole('link', { name: 'Kaart van Sam openen' }).click();
	await expect(pro).toHaveURL(/\/kaarten\/[a-z0-9]{15}$/);
	const samsMap = new URL(pro.url()).pathname;

	const outsider = await userPage(browser, baseURL!, 'buiten@demo.local');
	await expect(outsider.getByText('Je hebt nog geen kaarten.')).toBeVisible();
	const response = await outsider.goto(samsMap);
	expect(response?.status()).toBe(404);
	await expect(outsider.getByText('Deze kaart bestaat niet, of je mag hem niet openen.')).toBeVisible();

	const missing = await outsider.goto('/kaarten/doesnotexist123');
	expect(missing?.status()).toBe(404);
	await pro.context().close();
	await outsider.context().close();
});

test('the team reviewer reads Sam’s map but gets no way to change it', async ({ browser, baseURL }) => {
	const reviewer = await userPage(browser, baseURL!, 'team@demo.local');
	// Every map of team Noord is on the list, each marked read-only for the reviewer.
	const samsEntry = reviewer.getByRole('listitem').filter({ hasText: 'Kaart van Sam openen' });
	await expect(samsEntry.getByText('alleen lezen')).toBeVisible();
	await openSamsMap(reviewer);
	await expect(reviewer.getByText('Je kunt deze kaart bekijken, maar niet veranderen.')).toBeVisible();
	await expect(reviewer.getByTestId('people-list')).toContainText('Oma');
	await expect(reviewer.getByRole('button', { name: 'Toevoegen' })).toHaveCount(0);
	// No "… bewerken" anywhere: a reader opens a person's details to read them.
	await expect(reviewer.getByRole('button', { name: /bewerken/ })).toHaveCount(0);
	await expect(reviewer.getByTestId('people-list').getByRole('button', { name: 'Oma bekijken' })).toBeVisible();
	await reviewer.context().close();
});

test('a professional starts a new map for a youth', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	// A name of its own: the demo's Noor is another youth, whose map other tests open.
	const youth = `Noor ${Date.now() % 100000}`;
	await pro.getByLabel('Naam van de jongere').fill(youth);
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youth}` })).toBeVisible();
	await expect(pro.getByText('Er staat nog niemand op de kaart.')).toBeVisible();
	await pro.context().close();
});

test('someone removed from a map while it is open is told so, and the map is wiped from their device', async ({ browser, baseURL }) => {
	const admin = await adminClient();
	const email = `oud-jim-${Date.now()}@demo.local`;
	const user = await admin
		.collection('users')
		.create({ email, name: 'Oud-JIM', password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD, verified: true });
	const map = await admin.collection('maps').getFirstListItem(admin.filter('youth_name = "Sam"'));
	const membership = await admin.collection('map_members').create({ map: map.id, user: user.id, role: 'jim' });

	const page = await userPage(browser, baseURL!, email);
	await openSamsMap(page);
	const localMaps = () => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
	await expect.poll(localMaps).toContain(`kring-map-${map.id}`);

	// The server re-checks open connections; no reload or reconnect is needed to notice.
	await admin.collection('map_members').delete(membership.id);
	await expect(page.getByRole('alert').filter({ hasText: 'Je hebt geen toegang meer tot deze kaart' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Geen toegang tot deze kaart' })).toBeVisible();
	await expect(page.getByTestId('people-list')).toHaveCount(0);
	expect(await localMaps()).not.toContain(`kring-map-${map.id}`);
	await page.context().close();
});

test('the youth sees who opened his map, when and in which role; the JIM does not get that list', async ({ browser, baseURL }) => {
	const reviewer = await userPage(browser, baseURL!, 'team@demo.local');
	await openSamsMap(reviewer);
	await expect(reviewer.getByTestId('people-list')).toContainText('Oma');
	const samsMap = new URL(reviewer.url()).pathname;

	const sam = await userPage(browser, baseURL!, 'sam@demo.local');
	await sam.goto(`${samsMap}/wie`);
	const log = sam.getByRole('region', { name: 'Wie heeft de kaart geopend?' });
	await expect(log).toContainText('Kring schrijft op wie de kaart van Sam opent');
	const year = String(new Date().getFullYear());
	await expect(log.getByRole('listitem').filter({ hasText: '(meekijker van het team) opende de kaart' }).first()).toContainText(year);
	// Opening this page is opening the map: his own visit is on it too.
	await expect(log.getByRole('listitem').filter({ hasText: 'Sam (jongere) opende de kaart' }).first()).toBeVisible();
	expect(await axeViolations(sam)).toEqual([]);

	const jim = await userPage(browser, baseURL!, 'jim@demo.local');
	await jim.goto(`${samsMap}/wie`);
	await expect(jim.getByRole('heading', { level: 1, name: 'Wie kan deze kaart zien?' })).toBeVisible();
	await expect(jim.getByRole('region', { name: 'Wie heeft de kaart geopend?' })).toHaveCount(0);
	for (const page of [reviewer, sam, jim]) await page.context().close();
});
