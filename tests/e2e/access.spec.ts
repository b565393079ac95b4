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
	await reviewer.context().close();
});

test('a professional starts a new map for a youth', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByLabel('Naam van de jongere').fill('Noor');
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: 'Netwerkkaart van Noor' })).toBeVisible();
	await expect(pro.getByText('Er staat nog niemand op de kaart.')).toBeVisible();
	await pro.context().close();
});

test('someone removed from a map while it is open is told so, and the map is wiped from their device', async ({ browser, baseURL }) => {
	const admin = await adminClient();
	const email = `oud-jim-${Date.now()}@demo.local`;
	const user = await admin.collection('users').create({ email, name: 'Oud-JIM', password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD, verified: true });
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
