import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, peopleList, showView, test, userPage } from './fixtures.ts';

const PASSWORD = 'een-lang-wachtwoord';

/** A browser context of its own with nobody logged in, as on the phone of someone just invited. */
async function guestPage(browser: Browser, baseURL: string, viewport?: { width: number; height: number }): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', ...(viewport ? { viewport } : {}) });
	return context.newPage();
}

/** Makes an invitation on the "Wie kan deze kaart zien?" page and reads what is shown once. */
async function invite(page: Page, role: string, label: string): Promise<{ link: string; code: string }> {
	await page.getByLabel('Als wat nodig je iemand uit?').selectOption({ label: role });
	await page.getByLabel('Voor wie?').fill(label);
	await page.getByRole('button', { name: 'Uitnodiging maken' }).click();
	const created = page.getByTestId('invite-created');
	await expect(created).toContainText('Kring stuurt geen e-mail of sms. Laat de QR-code zien of geef de link of code zelf door.');
	await expect(created.getByRole('img', { name: 'QR-code met de link' }).locator('svg')).toBeVisible();
	await expect(created.getByRole('button', { name: 'Link kopiëren' })).toBeVisible();
	const link = await created.getByLabel('Link', { exact: true }).inputValue();
	const code = (await created.getByTestId('invite-code').textContent())!.trim();
	expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}$/);
	// The code travels after #, which browsers never send to a server; never in the page's own address.
	expect(link).toBe(`${new URL(page.url()).origin}/uitnodiging#${code.replaceAll('-', '')}`);
	expect(page.url()).not.toContain(code.replaceAll('-', ''));
	return { link, code };
}

async function createAccount(page: Page, name: string, email: string): Promise<void> {
	await page.getByLabel('Naam', { exact: true }).fill(name);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord (minstens 10 tekens)').fill(PASSWORD);
	await page.getByLabel('Herhaal wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Account maken en meedoen' }).click();
}

async function addPerson(page: Page, name: string): Promise<void> {
	await page.getByLabel('Naam of bijnaam').fill(name);
	await page.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(page)).toContainText(name);
}

const connected = (page: Page) => expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();

test('a professional invites a new youth, the youth invites a JIM, and the professional can take access away again', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(120_000);
	const run = Date.now() % 100_000;
	const youthName = `Lina ${run}`;
	const jimName = `Tante Mira ${run}`;

	// The professional starts a map and invites the youth.
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByLabel('Naam van de jongere').fill(youthName);
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youthName}` })).toBeVisible();
	const mapPath = new URL(pro.url()).pathname;
	await pro.getByRole('link', { name: 'Wie kan deze kaart zien?' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: 'Wie kan deze kaart zien?' })).toBeVisible();
	await expect(pro.getByTestId('members')).toContainText('Fatima Yilmaz (jij)');
	// Team Noord's reviewers as one line (other tests may add reviewers to the team).
	await expect(pro.getByTestId('members')).toContainText(/Team Noord kan meekijken \((1 persoon|\d+ mensen)\)\./);
	const forYouth = await invite(pro, 'jongere', youthName);
	expect(await axeViolations(pro)).toEqual([]);
	await expect(pro.getByTestId('invitations')).toContainText(`${youthName}, als jongere`);
	await expect(pro.getByTestId('invitations')).toContainText('Status: open');

	// The youth opens the link on their own device and makes an account.
	const youth = await guestPage(browser, baseURL!);
	await youth.goto(forYouth.link);
	await expect(youth.getByTestId('invitation-open')).toHaveText(
		`Je bent uitgenodigd als jongere op de kaart van ${youthName}, door Fatima Yilmaz.`
	);
	expect(new URL(youth.url()).hash).toBe('');
	await createAccount(youth, youthName, `lina-${run}@demo.local`);
	await expect(youth).toHaveURL(new RegExp(`${mapPath}$`));
	await connected(youth);
	const bike = `Fietsmaat Ali ${run}`;
	await addPerson(youth, bike);
	await addPerson(youth, jimName);

	// The youth picks their JIM from the map, then invites her from the JIM panel.
	const jimPanel = youth.getByTestId('jim-panel');
	await jimPanel.getByText('JIM kiezen').click();
	await jimPanel.getByLabel(`Wie kiest ${youthName}?`).selectOption({ label: jimName });
	await jimPanel.getByRole('button', { name: 'Keuze vastleggen' }).click();
	await expect(youth.getByTestId('jim-current')).toContainText(jimName);
	// The youth says yes to sharing the map and plan with her: a JIM sees them only then.
	await jimPanel.getByText('Toestemming vastleggen').first().click();
	await jimPanel.getByRole('button', { name: 'Toestemming vastleggen' }).click();
	await expect(youth.getByTestId('consent-jongere')).toContainText(`Ja, gegeven door ${youthName}`);
	await jimPanel.getByRole('link', { name: `${jimName} uitnodigen voor Kring` }).click();
	// The page knows whom: JIM is chosen and the name filled in, while the address holds neither name nor code.
	await expect(youth.getByLabel('Als wat nodig je iemand uit?')).toHaveValue('jim');
	await expect(youth.getByLabel('Voor wie?')).toHaveValue(jimName);
	expect(youth.url()).not.toContain(encodeURIComponent(jimName.split(' ')[0]));
	// Parents wait until 16 (no birth date was given).
	await expect(youth.getByText('Ouders uitnodigen kan vanaf 16 jaar.', { exact: false })).toBeVisible();
	await expect(youth.getByLabel('Als wat nodig je iemand uit?').locator('option')).toHaveText(['JIM']);
	const forJim = await invite(youth, 'JIM', jimName);

	// The JIM, on a phone, types the short code as it was read out to them: lower case, with dashes.
	const jim = await guestPage(browser, baseURL!, { width: 360, height: 740 });
	await jim.goto('/uitnodiging');
	expect(await axeViolations(jim)).toEqual([]);
	await jim.getByLabel('Code van je uitnodiging').fill(forJim.code.toLowerCase());
	await jim.getByRole('button', { name: 'Code controleren' }).click();
	await expect(jim.getByTestId('invitation-open')).toHaveText(
		`Je bent uitgenodigd als JIM op de kaart van ${youthName}, door ${youthName}.`
	);
	expect(await axeViolations(jim)).toEqual([]);
	await createAccount(jim, jimName, `mira-${run}@demo.local`);
	await expect(jim).toHaveURL(new RegExp(`${mapPath}$`));
	await connected(jim);
	// A JIM lands on her own view ("Voor jou"); the circle and the list are a tab away.
	await expect(jim.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name: 'Voor jou' })).toHaveAttribute(
		'aria-current',
		'page'
	);
	await showView(jim, 'Lijst');
	await expect(peopleList(jim)).toContainText(bike);
	// On her phone she sees that she is the JIM, marked in words, not by colour.
	await expect(peopleList(jim).getByRole('listitem').filter({ hasText: jimName }).getByTestId('jim-badge')).toContainText('JIM');

	// The professional sees the JIM among those with access.
	await pro.reload();
	const jimRow = pro.getByTestId('members').getByRole('listitem').filter({ hasText: jimName });
	await expect(jimRow).toContainText('JIM');
	await expect(jimRow).toContainText(`uitgenodigd door ${youthName}`);
	await expect(pro.getByTestId('invitations')).toContainText('Status: gebruikt');

	// Live: what one adds, the others see without reloading.
	const proMap = await pro.context().newPage();
	await proMap.goto(mapPath);
	await connected(proMap);
	await youth.getByRole('link', { name: `Terug naar de kaart van ${youthName}` }).click();
	await connected(youth);
	const coach = `Coach Daan ${run}`;
	await addPerson(jim, coach);
	await expect(peopleList(youth)).toContainText(coach);
	await expect(peopleList(proMap)).toContainText(coach);
	const neighbour = `Buurvrouw Els ${run}`;
	await addPerson(youth, neighbour);
	await expect(peopleList(jim)).toContainText(neighbour);

	// The professional removes the JIM, after an inline check; the JIM's open map says so at once.
	await jimRow.getByRole('button', { name: `Verwijderen: ${jimName}` }).click();
	await expect(jimRow).toContainText(`Weet je het zeker? Dan kan ${jimName} de kaart niet meer zien.`);
	await jimRow.getByRole('button', { name: 'Ja, verwijderen' }).click();
	await expect(pro.getByRole('status').filter({ hasText: `${jimName} kan de kaart nu niet meer zien.` })).toBeVisible();
	await expect(pro.getByTestId('members')).not.toContainText(jimName);
	await expect(jim.getByTestId('access-ended')).toBeVisible({ timeout: 5000 });

	// A used code shows why it no longer works, and lets nobody in.
	const stranger = await guestPage(browser, baseURL!);
	await stranger.goto(forJim.link);
	await expect(stranger.getByTestId('invitation-refused')).toContainText('Deze uitnodiging is al gebruikt.');
	await expect(stranger.getByTestId('invitation-refused')).toContainText('Vraag degene die je uitnodigde om een nieuwe uitnodiging.');
	await expect(stranger.getByRole('button', { name: 'Account maken en meedoen' })).toHaveCount(0);
	expect(await axeViolations(stranger)).toEqual([]);
	await stranger.goto(mapPath);
	await expect(stranger).toHaveURL(/\/login\?next=/);

	for (const page of [pro, youth, jim, stranger]) await page.context().close();
});

test('a youth of 16 or older may invite a parent; a withdrawn invitation lets nobody in; the youth removes their JIM', async ({
	browser,
	baseURL
}) => {
	const run = Date.now() % 100_000;
	const youthName = `Noa ${run}`;
	const born = new Date();
	born.setUTCFullYear(born.getUTCFullYear() - 17);

	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByLabel('Naam van de jongere').fill(youthName);
	await pro.getByLabel('Geboortedatum van de jongere').fill(born.toISOString().slice(0, 10));
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youthName}` })).toBeVisible();
	await pro.getByRole('link', { name: 'Wie kan deze kaart zien?' }).click();
	const forYouth = await invite(pro, 'jongere', youthName);

	const youth = await guestPage(browser, baseURL!);
	await youth.goto(forYouth.link);
	await createAccount(youth, youthName, `noa-${run}@demo.local`);
	await expect(youth.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youthName}` })).toBeVisible();
	await youth.getByRole('link', { name: 'Wie kan deze kaart zien?' }).click();
	await expect(youth.getByLabel('Als wat nodig je iemand uit?').locator('option')).toHaveText(['JIM', 'ouder']);
	await expect(youth.getByText('Ouders uitnodigen kan vanaf 16 jaar.', { exact: false })).toHaveCount(0);
	const forParent = await invite(youth, 'ouder', 'Mama');

	await youth.getByRole('button', { name: 'Intrekken: Mama' }).click();
	await expect(youth.getByRole('status').filter({ hasText: 'De uitnodiging voor Mama is ingetrokken.' })).toBeVisible();
	await expect(youth.getByTestId('invitations').getByRole('listitem').filter({ hasText: 'Mama' })).toContainText('Status: ingetrokken');

	const parent = await guestPage(browser, baseURL!);
	await parent.goto(forParent.link);
	await expect(parent.getByTestId('invitation-refused')).toContainText('Deze uitnodiging is ingetrokken.');
	await expect(parent.getByTestId('invitation-refused')).toContainText('Vraag degene die je uitnodigde om een nieuwe uitnodiging.');
	await expect(parent.getByLabel('Code van je uitnodiging')).toHaveValue(forParent.code.replaceAll('-', ''));

	// The youth decides about their JIM: they may remove them, but not their professional.
	const forJim = await invite(youth, 'JIM', 'Opa');
	const opa = await guestPage(browser, baseURL!);
	await opa.goto(forJim.link);
	await createAccount(opa, `Opa ${run}`, `opa-${run}@demo.local`);
	await expect(opa).toHaveURL(/\/kaarten\/\w+$/);
	await youth.reload();
	const members = youth.getByTestId('members');
	await expect(members).toContainText(`Opa ${run}`);
	await expect(members.getByRole('listitem').filter({ hasText: 'Fatima Yilmaz' }).getByRole('button')).toHaveCount(0);
	await members.getByRole('button', { name: `Verwijderen: Opa ${run}` }).click();
	await members.getByRole('button', { name: 'Nee, laten staan' }).click();
	await expect(members).toContainText(`Opa ${run}`);
	await members.getByRole('button', { name: `Verwijderen: Opa ${run}` }).click();
	await members.getByRole('button', { name: 'Ja, verwijderen' }).click();
	await expect(members).not.toContainText(`Opa ${run}`);
	for (const page of [pro, youth, parent, opa]) await page.context().close();
});

test('someone with an account joins with it; a member who opens a code is told they are already in', async ({ browser, baseURL }) => {
	const run = Date.now() % 100_000;
	const youthName = `Jesse ${run}`;
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByLabel('Naam van de jongere').fill(youthName);
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youthName}` })).toBeVisible();
	const mapPath = new URL(pro.url()).pathname;
	await pro.getByRole('link', { name: 'Wie kan deze kaart zien?' }).click();
	const forJim = await invite(pro, 'JIM', 'Nora');

	// The professional is on the map already: the code stays unused.
	const proTab = await pro.context().newPage();
	await proTab.goto(forJim.link);
	await proTab.getByRole('button', { name: 'Doe mee met je account (hulpverlener@demo.local)' }).click();
	await expect(proTab.getByRole('alert')).toContainText('Je doet al mee met deze kaart.');

	const jim = await userPage(browser, baseURL!, 'jim@demo.local');
	await jim.goto(forJim.link);
	await expect(jim.getByTestId('invitation-open')).toHaveText(
		`Je bent uitgenodigd als JIM op de kaart van ${youthName}, door Fatima Yilmaz.`
	);
	await jim.getByRole('button', { name: 'Doe mee met je account (jim@demo.local)' }).click();
	await expect(jim).toHaveURL(new RegExp(`${mapPath}$`));
	await connected(jim);
	await pro.reload();
	await expect(pro.getByTestId('members').getByRole('listitem').filter({ hasText: 'Nora Bakker' })).toContainText('JIM');
	for (const page of [pro, jim]) await page.context().close();
});

test('a code that does not exist is told apart from a typo, and the typed code stays in the field', async ({ page }) => {
	await page.goto('/uitnodiging');
	await page.getByLabel('Code van je uitnodiging').fill('abcd-efgh');
	await page.getByRole('button', { name: 'Code controleren' }).click();
	await expect(page.getByTestId('invitation-refused')).toContainText('Een code heeft 13 letters en cijfers.');
	await expect(page.getByLabel('Code van je uitnodiging')).toHaveValue('abcd-efgh');

	await page.getByLabel('Code van je uitnodiging').fill('2222-3333-44444');
	await page.getByRole('button', { name: 'Code controleren' }).click();
	await expect(page.getByTestId('invitation-refused')).toContainText('We vinden deze code niet. Kijk of je hem goed hebt overgetypt.');
	await expect(page.getByLabel('Code van je uitnodiging')).toHaveValue('2222-3333-44444');
	expect(page.url()).not.toContain('2222');
});
