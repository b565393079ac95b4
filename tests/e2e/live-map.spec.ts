import { expect, openSamsMap, peopleList, test, userPage } from './fixtures.ts';

test('two people on two browsers draw one map live, and it stays after a reload', async ({ browser, baseURL }) => {
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(professional);
	await openSamsMap(youth);
	await expect(peopleList(youth)).toContainText('Oma');

	const name = `Buurvrouw Ans ${Date.now() % 10000}`;
	await professional.getByLabel('Naam of bijnaam').fill(name);
	await professional.getByLabel('Relatie').fill('buurvrouw');
	await professional.getByLabel('Groep').selectOption({ label: 'Familie' });
	await professional.getByLabel('Hoe dichtbij?').selectOption({ label: 'verder weg' });
	await professional.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(professional.getByRole('status').filter({ hasText: `${name} is toegevoegd.` })).toBeAttached();

	const added = peopleList(youth).getByRole('listitem').filter({ hasText: name });
	await expect(added).toContainText('Familie, verder weg');

	// And the youth adds someone back.
	await youth.getByLabel('Naam of bijnaam').fill('Jayden z’n broer');
	await youth.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(professional)).toContainText('Jayden z’n broer');

	await youth.reload();
	await expect(youth.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await expect(peopleList(youth)).toContainText(name);
	await expect(peopleList(youth)).toContainText('Jayden z’n broer');

	await professional.context().close();
	await youth.context().close();
});

test('an empty name is refused with a message and nothing is added', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(page);
	const before = await peopleList(page).getByRole('listitem').count();
	await page.getByLabel('Naam of bijnaam').fill('   ');
	await page.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(page.getByRole('alert')).toContainText('Vul een naam in');
	await expect(peopleList(page).getByRole('listitem')).toHaveCount(before);
	await page.context().close();
});
