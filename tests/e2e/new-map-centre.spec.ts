import { expect, test, userPage } from './fixtures.ts';

// A new map names its youth in the centre of the circle straight away (issue 16: it showed a
// black dot with an empty label, on screen and in the PDF).
test('a new map shows the youth’s name in the centre of the circle and of the printed picture', async ({ browser, baseURL }) => {
	const youthName = `Noor ${Date.now() % 100000}`;
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.getByLabel('Naam van de jongere').fill(youthName);
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youthName}` })).toBeVisible();
	const centreLabel = () =>
		pro.evaluate(() => {
			const el = document.querySelector('[data-testid=map-canvas]') as unknown as {
				_cyreg?: { cy?: { getElementById(id: string): { data(key: string): unknown } } };
			} | null;
			return el?._cyreg?.cy?.getElementById('centre').data('label') ?? null;
		});
	await expect.poll(centreLabel).toBe(youthName);
	await pro.context().close();
});
