import type { Browser, Page } from '@playwright/test';
import { expect, openSamsMap, peopleList, showView, test, userPage } from './fixtures.ts';

const PASSWORD = 'een-lang-wachtwoord';

async function phoneGuest(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 360, height: 740 } });
	return context.newPage();
}

async function chooseJim(sam: Page, name: string, option = name) {
	const panel = sam.getByTestId('jim-panel');
	await panel.getByText('JIM kiezen').click();
	await panel.getByLabel('Wie kiest Sam?').selectOption({ label: option });
	await panel.getByLabel('JIM', { exact: true }).check();
	await panel.getByRole('button', { name: 'Keuze vastleggen' }).click();
	await expect(sam.getByTestId('jim-current')).toContainText(name);
}

test('a second JIM waits for Sam to say yes to him, then sees himself, not Nora', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const run = Date.now() % 100_000;
	const kevin = `Kevin ${run}`;
	const sam = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(sam);

	// Sam puts Kevin on his map, chooses him as JIM and invites him from the JIM panel. Nora, his
	// JIM until now, stays on the map with her answers, her agreement and the consent given to her.
	await sam.getByLabel('Naam of bijnaam').fill(kevin);
	await sam.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(sam)).toContainText(kevin);
	await chooseJim(sam, kevin);
	// Sam said yes to Nora, not yet to Kevin.
	await expect(sam.getByTestId('consent-jongere')).toHaveText('Nog niet vastgelegd.');
	await sam
		.getByTestId('jim-panel')
		.getByRole('link', { name: `${kevin} uitnodigen voor Kring` })
		.click();
	await expect(sam.getByLabel('Voor wie?')).toHaveValue(kevin);
	await sam.getByRole('button', { name: 'Uitnodiging maken' }).click();
	const link = await sam.getByTestId('invite-created').getByLabel('Link', { exact: true }).inputValue();

	// Kevin opens the link on his phone and makes an account.
	const jim = await phoneGuest(browser, baseURL!);
	await jim.goto(link);
	await jim.getByLabel('Naam', { exact: true }).fill(`Kevin Jansen ${run}`);
	await jim.getByLabel('E-mailadres').fill(`kevin-${run}@demo.local`);
	await jim.getByLabel('Wachtwoord (minstens 10 tekens)').fill(PASSWORD);
	await jim.getByLabel('Herhaal wachtwoord').fill(PASSWORD);
	await jim.getByRole('button', { name: 'Account maken en meedoen' }).click();
	await expect(jim.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();

	// Without Sam's yes he sees the consent step: nothing of the map or the plan, nobody's answers.
	const step = jim.getByTestId('jim-consent-step');
	await expect(step.getByRole('heading', { level: 2 })).toHaveText('Eerst moet Sam ja zeggen');
	await expect(step).toContainText('Sam (jongere)');
	await expect(jim.getByRole('radio', { name: 'Cirkel' })).toHaveCount(0);
	await expect(jim.getByRole('link', { name: 'Cirkel' })).toHaveCount(0);
	await expect(jim.getByTestId('map-canvas')).toHaveCount(0);
	await expect(jim.getByTestId('jim-view')).toHaveCount(0);
	await expect(jim.getByText('Tante Nora')).toHaveCount(0);
	// Nor the map's history.
	const mapPath = new URL(jim.url()).pathname;
	const history = await jim.goto(`${mapPath}/geschiedenis`);
	expect(history?.status()).toBe(403);
	await expect(jim.getByText('Eerst moet Sam ja zeggen')).toBeVisible();
	await expect(jim.getByTestId('history-canvas')).toHaveCount(0);
	await jim.goto(mapPath);
	await expect(step).toBeVisible();

	// Sam records his yes to Kevin; Kevin's page opens by itself.
	await sam.getByRole('link', { name: 'Terug naar de kaart van Sam' }).click();
	await expect(sam.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	const panel = sam.getByTestId('jim-panel');
	await panel.getByText('Toestemming vastleggen').first().click();
	await expect(panel).toContainText(`Toestemming geldt voor de JIM die nu gekozen is: ${kevin}.`);
	await panel.getByRole('button', { name: 'Toestemming vastleggen' }).click();
	await expect(sam.getByTestId('consent-jongere')).toContainText('Ja, gegeven door Sam');

	const view = jim.getByTestId('jim-view');
	await expect(view).toBeVisible();
	await expect(step).toHaveCount(0);
	// He is himself on the map; Nora is the JIM she was, not him.
	const onMap = view.getByTestId('for-you-map-people');
	await expect(onMap.getByRole('listitem').filter({ hasText: kevin })).toContainText('dat ben jij');
	await expect(onMap.getByRole('listitem').filter({ hasText: 'Tante Nora' })).not.toContainText('dat ben jij');
	await expect(view.getByText('dat ben jij')).toHaveCount(1);
	// Nora's answers are hers, by name, and not his to offer as a tip.
	const answered = view.getByTestId('for-you-answered');
	await expect(answered.first()).toContainText('Antwoord van Nora Bakker');
	await expect(view.getByText(/Jouw antwoord op/)).toHaveCount(0);
	await expect(view.getByText('Deel als tip voor andere gezinnen')).toHaveCount(0);
	// In the plan he reads her answers but cannot change them.
	await showView(jim, 'Steunplan');
	await expect(jim.getByTestId('plan-questions').getByTestId('answer').first()).toContainText('Antwoord van Nora Bakker');
	await expect(jim.getByTestId('plan-questions').getByText('Antwoord aanpassen')).toHaveCount(0);
	await showView(jim, 'Voor jou');
	// Nora's agreement is not under his.
	await expect(view.getByTestId('for-you-agreements')).not.toContainText('Tante Nora eet elke woensdag met Sam');

	// Back as it was for the tests after this one: Nora is Sam's JIM again.
	await chooseJim(sam, 'Tante Nora', 'Tante Nora ☆');
	await expect(sam.getByTestId('consent-jongere')).toContainText('Ja, gegeven door Sam');
	for (const page of [sam, jim]) await page.context().close();
});
