import { canvasZoom, dragMouse, personOnScreen, slotOnScreen } from './canvas.ts';
import { expect, openSamsMap, peopleList, showView, test, userPage } from './fixtures.ts';

const personRow = (page: import('@playwright/test').Page, name: string) =>
	peopleList(page)
		.getByRole('listitem')
		.filter({ has: page.getByText(name, { exact: true }) });

test('the youth and the professional draw together: groslijst, place by drag, tie, edit one person at once', async ({
	browser,
	baseURL
}) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(pro);
	await openSamsMap(youth);

	// The groslijst: names typed one after another wait in the tray, for everyone.
	const kees = `Buurman Kees ${Date.now() % 1000}`;
	await pro.getByLabel('Naam', { exact: true }).fill(kees);
	await pro.getByRole('button', { name: 'Op de lijst' }).click();
	await expect(youth.getByTestId('tray')).toContainText(kees);

	// The youth drags the name from the tray onto the circle: Vrienden, dichtbij.
	await youth
		.getByTestId('tray')
		.getByText(kees, { exact: true })
		.dragTo(youth.getByTestId('map-canvas'), {
			targetPosition: await (async () => {
				const slot = await slotOnScreen(youth, 'vrienden', 2);
				const box = (await youth.getByTestId('map-canvas').boundingBox())!;
				return { x: slot.x - box.x, y: slot.y - box.y };
			})()
		});
	await expect(personRow(pro, kees)).toContainText('Vrienden, dichtbij');

	// The professional drags Oma one ring outwards on the canvas; the youth sees her closeness change.
	await dragMouse(pro, await personOnScreen(pro, 'Oma'), await slotOnScreen(pro, 'familie', 2, 0.3));
	await expect(personRow(youth, 'Oma')).toContainText('Familie, dichtbij');

	// A tie, drawn by the youth in the panel.
	await youth.getByRole('button', { name: `${kees} bewerken` }).click();
	await youth.getByRole('button', { name: 'Band tekenen' }).click();
	await expect(personRow(pro, kees)).toContainText('Band met Sam: sterk');
	await youth.getByLabel('Hoe is de band?').first().selectOption({ label: 'gespannen' });
	await expect(personRow(pro, kees)).toContainText('Band met Sam: gespannen');

	// Both edit Kees at the same moment, different fields: both survive for both.
	await pro.getByRole('button', { name: `${kees} bewerken` }).click();
	await Promise.all([
		pro
			.getByLabel('Relatie', { exact: true })
			.fill('buurman')
			.then(() => pro.getByLabel('Relatie', { exact: true }).press('Enter')),
		youth.getByRole('checkbox', { name: 'praktische steun' }).check()
	]);
	for (const page of [pro, youth]) {
		await expect(personRow(page, kees)).toContainText('(buurman)');
		await expect(personRow(page, kees)).toContainText('Steun: praktische steun');
	}

	// “Sinds wanneer?”, in the professional's words, is in the youth's panel too.
	await pro.getByLabel('Sinds wanneer?').fill('sinds groep 5');
	await pro.getByLabel('Sinds wanneer?').press('Enter');
	await expect(youth.getByLabel('Sinds wanneer?')).toHaveValue('sinds groep 5');

	await pro.context().close();
	await youth.context().close();
});

test('delete asks first, and undo brings the person back with their tie', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(pro);
	const name = `Tijdelijk ${Date.now() % 1000}`;
	await pro.getByLabel('Naam of bijnaam').fill(name);
	await pro.getByRole('button', { name: 'Toevoegen' }).click();
	await pro.getByRole('button', { name: `${name} bewerken` }).click();
	await pro.getByRole('button', { name: 'Band tekenen' }).click();

	await pro.getByRole('button', { name: `${name} verwijderen` }).click();
	await expect(pro.getByRole('dialog')).toContainText(`Wil je ${name} echt van de kaart halen?`);
	await pro.getByRole('button', { name: 'Nee, laten staan' }).click();
	await expect(personRow(pro, name)).toBeVisible();

	await pro.getByRole('button', { name: `${name} verwijderen` }).click();
	await pro.getByRole('button', { name: 'Ja, verwijderen' }).click();
	await expect(personRow(pro, name)).toHaveCount(0);
	await expect(pro.getByRole('status').filter({ hasText: `${name} is van de kaart gehaald.` })).toBeAttached();

	await pro.keyboard.press('Control+z');
	await expect(personRow(pro, name)).toContainText('Band met Sam: sterk');
	await pro.context().close();
});

test("once a map has been open, its plan and a person's sheet open offline too", async ({ browser, baseURL }) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(youth);
	// Opened once more under the service worker, which keeps the page for offline use.
	await youth.evaluate(() => navigator.serviceWorker.ready);
	await youth.reload();
	await expect(youth.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	// The worker keeps the app's code (it fetches it when it installs): every file its script
	// lists, the plan's and the sheet's too, which this visit never loaded.
	const missing = () =>
		youth.evaluate(async () => {
			const script = await (await fetch('/service-worker.js')).text();
			const listed = new Set(script.match(/\/_app\/immutable\/[\w./-]+\.(?:js|css)/g) ?? []);
			const names = await caches.keys();
			const kept = new Set<string>();
			for (const name of names.filter((n) => n.startsWith('kring-assets-')))
				for (const request of await (await caches.open(name)).keys()) kept.add(new URL(request.url).pathname);
			return listed.size === 0 ? -1 : [...listed].filter((path) => !kept.has(path)).length;
		});
	await expect.poll(missing, { timeout: 20_000 }).toBe(0);

	await youth.context().setOffline(true);
	const offlinePage = await youth.reload();
	expect(offlinePage?.fromServiceWorker()).toBe(true);
	await expect(youth.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	await showView(youth, 'Steunplan');
	await expect(youth.getByTestId('plan-view').getByRole('heading', { name: 'Steunplan van Sam' })).toBeVisible();
	await showView(youth, 'Lijst');
	await youth.getByRole('button', { name: 'Oma bewerken' }).click();
	await expect(youth.getByTestId('person-panel')).toBeVisible();
	await youth.context().close();
});

test('offline, changes are kept on the device and reach the others after reconnecting', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(pro);
	await openSamsMap(youth);
	// The service worker keeps the page for offline use once it controls the page.
	await youth.evaluate(() => navigator.serviceWorker.ready);
	await youth.reload();
	await expect(youth.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();

	await youth.context().setOffline(true);
	await expect(youth.getByRole('status').filter({ hasText: 'Offline: je wijzigingen worden op dit apparaat bewaard' })).toBeVisible();
	const name = `Offline Olga ${Date.now() % 1000}`;
	await youth.getByLabel('Naam of bijnaam').fill(name);
	await youth.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(personRow(youth, name)).toBeVisible();
	// A reload while offline keeps them: the page comes from the service worker, the map from IndexedDB.
	const offlinePage = await youth.reload();
	expect(offlinePage?.fromServiceWorker()).toBe(true);
	await expect(personRow(youth, name)).toBeVisible();
	await expect(youth.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
	// Meanwhile the professional changes something too.
	await pro.getByRole('button', { name: 'Jayden bewerken' }).click();
	await pro.getByLabel('Relatie', { exact: true }).fill('vriend van voetbal');
	await pro.getByLabel('Relatie', { exact: true }).press('Enter');
	await expect(personRow(pro, 'Jayden')).toContainText('(vriend van voetbal)');
	// While the youth is offline, neither change crosses over.
	await expect(personRow(pro, name)).toHaveCount(0);
	await expect(personRow(youth, 'Jayden')).not.toContainText('(vriend van voetbal)');

	await youth.context().setOffline(false);
	await expect(youth.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await expect(personRow(pro, name)).toBeVisible();
	await expect(personRow(youth, 'Jayden')).toContainText('(vriend van voetbal)');
	await pro.context().close();
	await youth.context().close();
});

test('presence: each sees who else is on the map and whom they are looking at', async ({ browser, baseURL }) => {
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(pro);
	await openSamsMap(youth);
	const onYouthsScreen = youth.getByRole('group', { name: 'Nu op de kaart' });
	await expect(onYouthsScreen).toContainText('Sam (jij)');
	await expect(onYouthsScreen).toContainText('Fatima Yilmaz');

	await pro.getByRole('button', { name: 'Jayden bewerken' }).click();
	await expect(onYouthsScreen).toContainText('kijkt naar Jayden');

	await pro.context().close();
	await expect(onYouthsScreen).not.toContainText('Fatima Yilmaz');
	await youth.context().close();
});

test('the circle zooms with its buttons and shows a legend of the lines', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);
	const zoom = () => canvasZoom(page);
	const fitted = await zoom();
	await page.getByRole('button', { name: 'Inzoomen' }).click();
	await expect.poll(zoom).toBeGreaterThan(fitted);
	await page.getByRole('button', { name: 'Hele kaart laten zien' }).click();
	await expect.poll(zoom).toBeCloseTo(fitted, 2);
	const legend = page.getByRole('region', { name: 'Legenda' });
	for (const text of ['sterke band', 'zwakke band', 'gespannen band', 'verbroken band', 'kan misschien helpen'])
		await expect(legend).toContainText(text);
	await page.context().close();
});
