import { expect, openSamsMap, peopleList, test, userPage } from './fixtures.ts';

test('logging out stores what was drawn offline first, and warns while it cannot', async ({ browser, baseURL }) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(youth);
	const saveState = youth.locator('[data-save-state]');
	await expect(saveState).toHaveAttribute('data-save-state', 'saved');
	const dialogs: string[] = [];
	youth.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});

	await youth.context().setOffline(true);
	await expect(youth.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	const name = `Buurman Kees ${Date.now() % 10000}`;
	await youth.getByLabel('Naam of bijnaam').fill(name);
	await youth.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(youth)).toContainText(name);
	await expect(saveState).toHaveAttribute('data-save-state', 'unsaved');

	// Offline, logging out would lose the new person: Kring asks, and "no" keeps everything.
	await youth.getByRole('button', { name: 'Uitloggen' }).click();
	await expect.poll(() => dialogs.length).toBe(1);
	expect(dialogs[0]).toContain('Niet alles is opgeslagen');
	await expect(youth.getByRole('button', { name: 'Uitloggen' })).toBeEnabled();
	await expect(peopleList(youth)).toContainText(name);

	// Online again, logging out first stores the new person, without asking.
	await youth.context().setOffline(false);
	await youth.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(youth).toHaveURL(/\/login$/);
	expect(dialogs).toHaveLength(1);
	expect(await youth.evaluate(async () => (await indexedDB.databases()).map((db) => db.name))).toEqual([]);

	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(professional);
	await expect(peopleList(professional)).toContainText(name);
	await youth.context().close();
	await professional.context().close();
});
