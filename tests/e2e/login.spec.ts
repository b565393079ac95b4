import { expect, logIn, openSamsMap, test, throwawayUser } from './fixtures.ts';

test('a first-time visitor following a link to a map gets the plain login page; a session that ended is told so', async ({
	page,
	context,
	baseURL
}) => {
	await page.goto('/kaarten/abcdefghijklmno');
	await expect(page).toHaveURL(/\/login\?next=%2Fkaarten%2Fabcdefghijklmno$/);
	await expect(page.getByText('Log in met je e-mailadres en wachtwoord.')).toBeVisible();
	await expect(page.getByText('Je was te lang weg')).toHaveCount(0);
	// A session that is no longer valid (the cookie of one that expired) is told why.
	await context.addCookies([{ name: 'pb_auth', value: 'verlopen.sessie.token', url: baseURL! }]);
	await page.goto('/kaarten');
	await expect(page).toHaveURL(/\/login\?next=%2Fkaarten$/);
	await expect(page.getByText('Je was te lang weg. Log opnieuw in, dan ga je verder waar je was.')).toBeVisible();
	// Logging in there goes on where it was.
	await page.getByLabel('E-mailadres').fill('sam@demo.local');
	await page.getByLabel('Wachtwoord').fill('jim-demo-1234');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/kaarten$/);
});

test('a wrong password gets a clear message and keeps the email', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill('sam@demo.local');
	await page.getByLabel('Wachtwoord').fill('not-the-password');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('alert')).toContainText('Dat e-mailadres of wachtwoord klopt niet');
	await expect(page.getByLabel('E-mailadres')).toHaveValue('sam@demo.local');
	await expect(page).toHaveURL(/\/login/);
});

test('a page without a session sends you to login and back', async ({ page }) => {
	await page.goto('/kaarten');
	await expect(page).toHaveURL(/\/login\?next=%2Fkaarten/);
	// A first visit is not told it was away too long.
	await expect(page.getByText('Log in met je e-mailadres en wachtwoord.')).toBeVisible();
	await expect(page.getByText('Je was te lang weg')).toHaveCount(0);
	await page.getByLabel('E-mailadres').fill('sam@demo.local');
	await page.getByLabel('Wachtwoord').fill('jim-demo-1234');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/kaarten$/);
	await expect(page.getByRole('link', { name: 'Kaart van Sam openen' })).toBeVisible();
});

test('someone with an invitation code on paper finds the code form from the login page', async ({ page }) => {
	await page.goto('/login');
	await page.getByRole('link', { name: 'Code invullen' }).click();
	await expect(page).toHaveURL(/\/uitnodiging$/);
	await page.getByLabel('Code van je uitnodiging').fill('ABCD-EFGH-JKMNP');
	await page.getByRole('button', { name: 'Code controleren' }).click();
	// The code goes in the form's body, never in the address.
	await expect(page.getByText('We vinden deze code niet.')).toBeVisible();
	expect(page.url()).not.toContain('ABCD');
});

test('the session cookie is HttpOnly and SameSite=Lax, and logout ends it', async ({ page, context }) => {
	await logIn(page, 'sam@demo.local');
	const cookie = (await context.cookies()).find((c) => c.name === 'pb_auth');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Lax');
	await openSamsMap(page);
	const kept = () =>
		page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('kring-map-')).length);
	await expect.poll(kept).toBe(1);
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page).toHaveURL(/\/login$/);
	// A shared phone keeps nothing of the map after logout.
	expect(await kept()).toBe(0);
	expect(await page.evaluate(() => caches.has('kring-pages'))).toBe(false);
	await page.goto('/kaarten');
	await expect(page).toHaveURL(/\/login\?next=/);
});

test('the interface can switch to English', async ({ page }) => {
	await logIn(page, 'sam@demo.local');
	await page.getByRole('combobox', { name: 'Taal' }).selectOption('en');
	await expect(page.getByRole('heading', { level: 1, name: 'My maps' })).toBeVisible();
});

test('a return address that leaves Kring is ignored: you land on your maps', async ({ page, baseURL }) => {
	await page.goto('/login?next=/%09/evil.example');
	await page.getByLabel('E-mailadres').fill('sam@demo.local');
	await page.getByLabel('Wachtwoord').fill('jim-demo-1234');
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(new URL('/kaarten', baseURL).href);
});

test('a return address with a newline still shows the login page', async ({ page }) => {
	const response = await page.goto('/login?next=%0A');
	expect(response?.status()).toBe(200);
	await expect(page.getByLabel('Wachtwoord')).toBeVisible();
});

test('after ten wrong passwords for one account from one address, the next try there is refused for a while', async ({ page }) => {
	const user = await throwawayUser();
	await page.goto('/login');
	const tryPassword = async (password: string) => {
		await page.getByLabel('E-mailadres').fill(user.email);
		await page.getByLabel('Wachtwoord').fill(password);
		const answer = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		return (await (await answer).json()) as { type: string; status?: number };
	};
	for (let i = 0; i < 10; i++) {
		expect((await tryPassword(`fout-${i}`)).status).not.toBe(429);
	}
	// Even the right password is not tried now: the account waits out the quarter of an hour here.
	expect(await tryPassword(user.password)).toMatchObject({ type: 'failure', status: 429 });
	await expect(page.getByRole('alert')).toContainText('Te vaak geprobeerd. Wacht 15 minuten en probeer het dan opnieuw.');
	await expect(page).toHaveURL(/\/login/);
});
