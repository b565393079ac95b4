import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, logIn, openSamsMap, test, userPage } from './fixtures.ts';

/** The JIM on her phone: a 360 px wide screen. */
async function phonePage(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

async function addAgreement(page: Page, what: string, who: string) {
	const form = page.getByTestId('agreement-form');
	await form.getByLabel('Wat is de afspraak?').fill(what);
	await form.getByLabel('Wie doet het?').selectOption({ label: who });
	await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();
	await expect(page.getByTestId('plan-agreements').getByRole('listitem').filter({ hasText: what })).toBeVisible();
}

test('the JIM opens on "Voor jou": the question asked live, answered on her phone, her agreements and who takes part', async ({
	browser,
	baseURL
}) => {
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const jim = await phonePage(browser, baseURL!, 'jim@demo.local');
	await openSamsMap(professional);
	await openSamsMap(jim);
	const n = Date.now() % 100000;

	// Only the JIM has the view, and it is the first tab and the one she lands on.
	await expect(professional.getByRole('radio', { name: 'Voor jou' })).toHaveCount(0);
	// (Her phone shows the views as links in the bottom bar.)
	const views = jim.getByRole('navigation', { name: 'Weergave' });
	await expect(views.getByRole('link').first()).toHaveAccessibleName('Voor jou');
	await expect(views.getByRole('link', { name: 'Voor jou' })).toHaveAttribute('aria-current', 'page');
	const view = jim.getByTestId('jim-view');
	await expect(view.getByRole('heading', { level: 2, name: 'Voor jou' })).toBeVisible();
	await expect(view.getByRole('heading', { level: 3 }).first()).toHaveText('Vragen aan jou');

	// The professional writes two agreements for Nora and one that is not hers, and asks her a
	// question, all from the Steunplan tab. "Wie doet het?" offers Nora once: as the JIM.
	// (The one not hers goes to a role: other tests count the open agreements of people on the map.)
	await professional.getByRole('radio', { name: 'Steunplan' }).check();
	const whoOptions = await professional.getByTestId('agreement-form').getByLabel('Wie doet het?').locator('option').allTextContents();
	expect(whoOptions.filter((option) => option.includes('Tante Nora'))).toEqual(['de JIM (Tante Nora)']);
	const asJim = `De JIM belt Sam na elke ruzie thuis ${n}`;
	const asPerson = `Tante Nora gaat mee naar het gesprek op school ${n}`;
	const notHers = `Fatima belt de school van Sam ${n}`;
	await addAgreement(professional, asJim, 'de JIM (Tante Nora)');
	await addAgreement(professional, asPerson, 'de JIM (Tante Nora)');
	await addAgreement(professional, notHers, 'de hulpverlener');
	const ask = `Sam is weer weggelopen na ruzie. Wat zou jij doen? ${n}`;
	await professional.getByLabel('Jouw vraag aan de JIM').fill(ask);
	await professional.getByRole('button', { name: 'Vraag stellen' }).click();

	// Live on her phone: the open question first, with the answer form right there.
	const open = view.getByTestId('for-you-question').filter({ hasText: ask });
	await expect(open).toContainText('Gevraagd door Fatima Yilmaz');
	const mine = view.getByTestId('for-you-agreements');
	await expect(mine).toContainText(asJim);
	await expect(mine).toContainText(asPerson);
	await expect(mine).not.toContainText(notHers);
	await expect(mine.getByLabel(`Hoe gaat het met: ${asPerson}`)).toHaveValue('afgesproken');

	// Who else takes part: the members with their role, the people on the map with their relation.
	const people = view.getByTestId('for-you-people');
	await expect(people.getByTestId('for-you-members')).toContainText('Fatima Yilmaz (hulpverlener)');
	await expect(people.getByTestId('for-you-members')).toContainText('Sam (jongere)');
	await expect(people.getByTestId('for-you-map-people').getByRole('listitem').filter({ hasText: 'Tante Nora' })).toContainText(
		'(tante) · dat ben jij'
	);
	// Nothing else: no drawing tools, no JIM forms, no people editor.
	await expect(jim.getByTestId('tray')).toHaveCount(0);
	await expect(jim.getByTestId('jim-panel')).toHaveCount(0);
	await expect(jim.getByTestId('map-canvas')).toHaveCount(0);

	// A phone: nothing sticks out sideways, every control is a large target, and axe finds nothing.
	expect(await jim.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const small = await view
		.locator('button, select, textarea, summary, input')
		.evaluateAll((els) =>
			els.map((el) => ({ what: el.outerHTML.slice(0, 80), height: el.getBoundingClientRect().height })).filter((c) => c.height < 44)
		);
	expect(small).toEqual([]);
	expect(await axeViolations(jim)).toEqual([]);

	const reply = `Ik bel hem meteen en haal hem op. ${n}`;
	await open.getByLabel('Jouw antwoord').fill(reply);
	await open.getByRole('button', { name: 'Antwoord geven' }).click();
	// The professional sees the answer live; on Nora's phone it moves under "Al beantwoord".
	const proQuestion = professional.getByTestId('plan-questions').getByTestId('question').filter({ hasText: ask });
	await expect(proQuestion.getByTestId('answer')).toContainText(reply);
	await expect(proQuestion.getByTestId('answer')).toContainText('Antwoord van Nora Bakker');
	await expect(view.getByTestId('for-you-question').filter({ hasText: ask })).toHaveCount(0);
	await expect(view.getByTestId('for-you-answered').filter({ hasText: ask })).toContainText(reply);
	// Her own answer can go out as a tip for other families from right here.
	await expect(view.getByTestId('for-you-answered').filter({ hasText: ask }).getByText('Deel als tip voor andere gezinnen')).toBeVisible();

	// She says how her agreement goes; the professional sees it.
	await mine.getByLabel(`Hoe gaat het met: ${asPerson}`).selectOption({ label: 'bezig' });
	await expect(professional.getByTestId('plan-agreements').getByLabel(`Hoe gaat het met: ${asPerson}`)).toHaveValue('bezig');

	// The whole map is a tab away.
	await views.getByRole('link', { name: 'Cirkel' }).click();
	await expect(jim.getByTestId('map-canvas')).toBeVisible();
	await expect(jim.getByTestId('jim-view')).toHaveCount(0);

	for (const page of [professional, jim]) await page.context().close();
});
