import { expect, openSamsMap, peopleList, test, userPage } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function addPerson(page: Page, name: string) {
	await page.getByLabel('Naam of bijnaam').fill(name);
	await page.getByLabel('Groep').selectOption({ label: 'Familie' });
	await page.getByLabel('Hoe dichtbij?').selectOption({ label: 'dichtbij' });
	await page.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(page)).toContainText(name);
}

test('the youth picks a backup JIM, the professional records a step and consent, and everyone sees it live', async ({
	browser,
	baseURL
}) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const jim = await userPage(browser, baseURL!, 'jim@demo.local');
	for (const page of [youth, professional, jim]) await openSamsMap(page);
	// The JIM opens on her own view ("Voor jou"); the circle, the list and the JIM panel are a tab away.
	await jim.getByRole('radio', { name: 'Cirkel' }).check();

	const name = `Buurman Kees ${Date.now() % 10000}`;
	await addPerson(youth, name);

	// Sam chooses on his own phone: the record says he chose, and nobody recorded it for him.
	const samPanel = youth.getByTestId('jim-panel');
	await samPanel.getByText('JIM kiezen').click();
	await samPanel.getByLabel('Wie kiest Sam?').selectOption({ label: name });
	await samPanel.getByLabel('reserve-JIM').check();
	await samPanel.getByRole('button', { name: 'Keuze vastleggen' }).click();

	const inList = (page: Page) => peopleList(page).getByRole('listitem').filter({ hasText: name });
	await expect(inList(professional).getByTestId('jim-badge')).toHaveText('reserve-JIM, kandidaat');
	await expect(professional.getByTestId('jim-reserve')).toContainText(name);

	// The professional records that Sam asked him, and the parents' consent by phone.
	const panel = professional.getByTestId('jim-panel');
	await panel.getByText('Stap vastleggen').first().click();
	const forWhom = panel.getByLabel('Voor wie?');
	if (await forWhom.isVisible()) await forWhom.selectOption({ label: name });
	await panel.getByLabel('Wat is er gebeurd?').selectOption({ label: 'gevraagd' });
	await panel.getByRole('button', { name: 'Stap vastleggen' }).click();
	await expect(inList(youth).getByTestId('jim-badge')).toHaveText('reserve-JIM, gevraagd');

	await panel.getByText('Toestemming vastleggen').first().click();
	await panel.getByLabel('Toestemming van').selectOption({ label: 'de ouders' });
	await panel.getByLabel('Wie gaf (of weigerde) toestemming?').fill('moeder');
	await panel.getByLabel('Hoe?').selectOption({ label: 'telefonisch' });
	await panel.getByRole('button', { name: 'Toestemming vastleggen' }).click();
	await expect(youth.getByTestId('consent-ouders')).toContainText('Ja, gegeven door moeder');
	await expect(youth.getByTestId('consent-ouders')).toContainText('telefonisch');
	await expect(youth.getByTestId('consent-ouders')).toContainText('vastgelegd door Fatima Yilmaz');

	// The JIM sees all of it, and cannot record anything.
	await expect(inList(jim).getByTestId('jim-badge')).toHaveText('reserve-JIM, gevraagd');
	await expect(jim.getByTestId('consent-ouders')).toContainText('moeder');
	await expect(jim.getByTestId('jim-panel').getByText('JIM kiezen')).toHaveCount(0);
	await expect(jim.getByTestId('jim-panel')).toContainText('Alleen Sam en de hulpverlener');

	for (const page of [youth, professional, jim]) await page.context().close();
});
