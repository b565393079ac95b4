import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, logIn, openSamsMap, showView, test, userPage } from './fixtures.ts';

/** The JIM on her phone: a 360 px wide screen. */
async function phonePage(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

const showPlan = (page: Page) => showView(page, 'Steunplan');
const question = (page: Page, text: string) => page.getByTestId('plan-questions').getByTestId('question').filter({ hasText: text });

/** The tip in a region of the review page whose words hold `marker` (the words are in a textarea, to be edited). */
async function reviewed(page: Page, region: string, marker: string) {
	const items = page.getByRole('region', { name: region }).getByTestId('tip-review');
	const values = () =>
		items.evaluateAll((lis) => lis.map((li) => li.querySelector<HTMLTextAreaElement>('textarea[name="text"]')?.value ?? ''));
	await expect.poll(async () => (await values()).filter((v) => v.includes(marker)).length).toBe(1);
	return items.nth((await values()).findIndex((v) => v.includes(marker)));
}

/** Names on Sam's demo map and of its members: none may reach another family. */
const SAMS_NAMES = ['Sam', 'Jayden', 'Nora', 'Bakker', 'Fatima', 'Yilmaz', 'Rob', 'Mo', 'Lina'];
const hasName = (text: string) => SAMS_NAMES.filter((name) => new RegExp(`(?<![\\p{L}])${name}(?![\\p{L}])`, 'iu').test(text));

test('the JIM shares her answer as a tip without names, the professional checks and publishes it, another team finds it; the JIM withdraws it', async ({
	browser,
	baseURL
}) => {
	const n = Date.now() % 100000;
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(professional);
	await showPlan(professional);
	const ask = `Sam spijbelt weer en zegt niets. Wat zou jij doen? ${n}`;
	await professional.getByLabel('Jouw vraag aan de JIM').fill(ask);
	await professional.getByRole('button', { name: 'Vraag stellen' }).click();

	// Nora answers on her phone, naming Sam and his friend Jayden, and shares the answer.
	const jim = await phonePage(browser, baseURL!, 'jim@demo.local');
	await openSamsMap(jim);
	await showPlan(jim);
	const reply = `Ik zou met Sam en Jayden naar de snackbar gaan en vragen hoe het op school gaat. Niet boos worden. Code ${n}.`;
	await question(jim, ask).getByLabel('Jouw antwoord').fill(reply);
	await question(jim, ask).getByRole('button', { name: 'Antwoord geven' }).click();
	await expect(question(jim, ask).getByTestId('answer')).toContainText('Jayden');

	await question(jim, ask).getByRole('button', { name: 'Deel als tip voor andere gezinnen' }).click();
	const offer = question(jim, ask).getByRole('form', { name: 'Deel je antwoord als tip' });
	await expect(offer.getByTestId('names-removed')).toContainText('Kring heeft deze namen weggehaald');
	await expect(offer.getByTestId('names-removed')).toContainText('Jayden');
	const tipText = offer.getByLabel('Je tip');
	await expect(tipText).toHaveValue(/\[naam\] en \[naam\] naar de snackbar/);
	expect(hasName(await tipText.inputValue())).toEqual([]);
	await expect(offer.getByLabel('Wie ben jij voor de jongere?')).toHaveValue('een tante');
	// The question goes with it, its names taken out too.
	await expect(offer.getByLabel('De vraag (zonder namen)')).toHaveValue(`[naam] spijbelt weer en zegt niets. Wat zou jij doen? ${n}`);
	// On a phone: nothing sticks out sideways, and axe finds nothing.
	expect(await jim.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	expect(await axeViolations(jim)).toEqual([]);

	// Careless input gets a clear answer and nothing is sent: no theme, a name typed back in.
	await offer.getByRole('button', { name: 'Tip versturen' }).click();
	expect(await offer.getByLabel('Waar gaat het over?').evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
	await offer.getByLabel('Waar gaat het over?').selectOption({ label: 'School' });
	const scrubbed = await tipText.inputValue();
	await tipText.fill(`${scrubbed} Jayden helpt ook.`);
	await offer.getByRole('button', { name: 'Tip versturen' }).click();
	await expect(offer.getByRole('alert')).toHaveText(/Er staat nog een naam in: Jayden/);
	await tipText.fill(scrubbed);
	await offer.getByRole('button', { name: 'Tip versturen' }).click();
	await expect(question(jim, ask).getByRole('status').filter({ hasText: 'Je tip gaat eerst naar de hulpverlener' })).toBeVisible();
	// Sent once: the offer is gone, also after a reload (the server knows which answers went out).
	await expect(question(jim, ask).getByRole('button', { name: 'Deel als tip voor andere gezinnen' })).toHaveCount(0);
	await jim.reload();
	await expect(jim.getByRole('navigation', { name: 'Weergave' })).toBeVisible();
	await showPlan(jim);
	await expect(question(jim, ask).getByTestId('tip-offered')).toHaveText('Je hebt dit antwoord al als tip gedeeld. Naar jouw tips');
	await expect(question(jim, ask).getByRole('button', { name: 'Deel als tip voor andere gezinnen' })).toHaveCount(0);

	// Fatima checks it from the Steunplan, sharpens the words, and publishes.
	await professional.getByRole('link', { name: 'Tips van de JIM nakijken' }).click();
	await expect(professional.getByRole('heading', { level: 1, name: 'Tips van de JIM nakijken' })).toBeVisible();
	const review = await reviewed(professional, 'Om na te kijken', `Code ${n}`);
	const words = review.getByLabel('Je tip');
	await expect(words).toHaveValue(/Code \d+\./);
	expect(hasName(await words.inputValue())).toEqual([]);
	// The check knows every name on the live map, not only the members': a name from the circle
	// (trainer Mo) typed in is pointed out at once, stops publishing, and is replaced on request.
	await expect(professional.getByTestId('names-check')).toHaveText(/alle namen op de kaart/);
	await words.fill(`Vraag trainer Mo of hij meegaat. Code ${n}.`);
	await expect(review.getByTestId('names-left')).toHaveText('Let op: hier staat nog een naam in: Mo.');
	await review.getByRole('button', { name: 'Publiceren' }).click();
	await expect(review.getByRole('alert')).toHaveText(/Er staat nog een naam in: Mo\./);
	await review.getByRole('button', { name: 'Vervang deze namen door [naam]' }).click();
	await expect(words).toHaveValue(`Vraag trainer [naam] of hij meegaat. Code ${n}.`);
	await expect(review.getByTestId('names-left')).toHaveCount(0);
	await words.fill(`Ga samen iets eten en vraag hoe het op school gaat. Niet boos worden. Code ${n}.`);
	expect(await axeViolations(professional)).toEqual([]);
	await review.getByRole('button', { name: 'Publiceren' }).click();
	await expect(professional.getByRole('status').filter({ hasText: 'De tip is gepubliceerd' })).toBeVisible();
	await expect(await reviewed(professional, 'Gepubliceerd', `Code ${n}`)).toBeVisible();

	// Joris, a professional of another team, finds it on "Wat zou JIM doen?" by theme and words.
	const outsider = await userPage(browser, baseURL!, 'buiten@demo.local');
	await outsider.getByRole('link', { name: "Wat zou JIM doen? Tips van JIM's" }).click();
	await expect(outsider.getByRole('heading', { level: 1, name: 'Wat zou JIM doen?' })).toBeVisible();
	await outsider.getByLabel('Onderwerp').selectOption({ label: 'School' });
	await outsider.getByLabel('Zoek op woorden').fill(`eten ${n}`);
	await outsider.getByRole('button', { name: 'Zoeken' }).click();
	await expect(outsider).toHaveURL(/onderwerp=school/);
	const found = outsider.getByTestId('tip');
	await expect(found).toHaveCount(1);
	await expect(found).toContainText(`Code ${n}`);
	await expect(found).toContainText('School');
	await expect(found).toContainText('Tip van een tante');
	// With the question it answers.
	await expect(found.getByTestId('tip-question')).toHaveText(`Vraag: [naam] spijbelt weer en zegt niets. Wat zou jij doen? ${n}`);
	expect(hasName(await found.innerText())).toEqual([]);
	expect(await axeViolations(outsider)).toEqual([]);
	// Another theme does not hold it.
	await outsider.getByLabel('Onderwerp').selectOption({ label: 'Geld' });
	await outsider.getByRole('button', { name: 'Zoeken' }).click();
	await expect(outsider).toHaveURL(/onderwerp=geld/);
	await expect(outsider.getByTestId('tip').filter({ hasText: `Code ${n}` })).toHaveCount(0);

	// Nora withdraws it from her own tips, and it is gone for Joris.
	await jim.goto('/tips');
	const mine = jim.getByTestId('my-tip').filter({ hasText: `Code ${n}` });
	await expect(mine).toContainText('Gepubliceerd');
	await mine.getByRole('button', { name: 'Intrekken' }).click();
	await mine.getByRole('button', { name: 'Ja, intrekken' }).click();
	await expect(jim.getByRole('status').filter({ hasText: 'Je tip is ingetrokken.' })).toBeVisible();
	await expect(jim.getByTestId('my-tip').filter({ hasText: `Code ${n}` })).toHaveCount(0);
	await outsider.goto(`/tips?zoek=${n}`);
	await expect(outsider.getByText('Gevonden: 0')).toBeVisible();

	for (const page of [professional, jim, outsider]) await page.context().close();
});
