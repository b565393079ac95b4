import type { Browser, Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, logIn, openSamsMap, peopleList, showView, test, userPage } from './fixtures.ts';

/** Like userPage, on a phone-sized screen. */
async function phonePage(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

const showPlan = (page: Page) => showView(page, 'Steunplan');
const showCircle = (page: Page) => showView(page, 'Cirkel');
const goals = (page: Page) => page.getByTestId('plan-goals');
const goalForm = (page: Page) => page.getByTestId('goal-form');
const agreements = (page: Page) => page.getByTestId('plan-agreements');
const agreement = (page: Page, what: string) =>
	agreements(page).getByTestId('agreement-list').getByRole('listitem').filter({ hasText: what });
const personRow = (page: Page, name: string) =>
	peopleList(page)
		.getByRole('listitem')
		.filter({ has: page.getByText(name, { exact: true }) });
const question = (page: Page, text: string) => page.getByTestId('plan-questions').getByTestId('question').filter({ hasText: text });

function dutchDay(date: Date): string {
	return date.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
}

test('the support plan is written together, live: goals, agreements with people on the map, and questions the JIM answers', async ({
	browser,
	baseURL
}) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	for (const page of [youth, professional]) await openSamsMap(page);
	const n = Date.now() % 100000;
	const goal = `Ik wil elke dag naar school ${n}`;
	const what = `Oma helpt met huiswerk ${n}`;

	// The professional keeps the plan open; Sam writes in it on his own device.
	await showPlan(professional);
	await showPlan(youth);
	await goalForm(youth).getByLabel('Over welk deel van je leven?').selectOption({ label: 'School of werk' });
	await goalForm(youth).getByLabel('Het doel, in je eigen woorden').fill(goal);
	await goalForm(youth).getByRole('button', { name: 'Doel toevoegen' }).click();
	await expect(youth.getByRole('status').filter({ hasText: 'Het doel is toegevoegd.' })).toBeAttached();

	const form = youth.getByTestId('agreement-form');
	await form.getByLabel('Wat is de afspraak?').fill(what);
	await form.getByLabel('Wie doet het?').selectOption({ label: 'Oma' });
	await form.getByLabel('Voor wanneer?').fill('2026-12-22');
	await form.getByLabel('Bij welk doel?').selectOption({ label: `School of werk: ${goal}` });
	await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();

	// Live on the professional's screen, in words: who, by when, how it is going.
	const proGoal = goals(professional).getByRole('listitem').filter({ hasText: goal });
	await expect(proGoal).toContainText('geschreven door Sam');
	await expect(goals(professional).getByRole('heading', { name: 'School of werk' })).toBeVisible();
	const proAgreement = agreement(professional, what);
	await expect(proAgreement).toContainText('Wie: Oma');
	await expect(proAgreement).toContainText('Voor: 22 december 2026');
	await expect(proAgreement.getByLabel(`Hoe gaat het met: ${what}`)).toHaveValue('afgesproken');
	await showCircle(professional);
	await expect(personRow(professional, 'Oma').getByTestId('agreements-count')).toHaveText('· 1 afspraak');

	// Sam says how it is going; once done, it no longer counts as open on the list.
	await agreement(youth, what).getByLabel(`Hoe gaat het met: ${what}`).selectOption({ label: 'gelukt' });
	await expect(personRow(professional, 'Oma').getByTestId('agreements-count')).toHaveCount(0);
	await agreement(youth, what).getByLabel(`Hoe gaat het met: ${what}`).selectOption({ label: 'bezig' });
	await expect(personRow(professional, 'Oma').getByTestId('agreements-count')).toHaveText('· 1 afspraak');

	// The professional sets the evaluation rhythm to every 6 weeks. The next evaluation counts from
	// the last one held (the demo's third evaluation moment, two weeks ago), for Sam too, live.
	await showPlan(professional);
	const held = new Date();
	held.setDate(held.getDate() - 14);
	const next = new Date(held);
	next.setDate(next.getDate() + 42);
	const evaluation = professional.getByTestId('plan-evaluation');
	await evaluation.getByText('Data van de evaluatie aanpassen').click();
	await evaluation.getByLabel('Om de hoeveel weken een evaluatie?').fill('6');
	await evaluation.getByRole('button', { name: 'Data opslaan' }).click();
	await expect(youth.getByTestId('plan-evaluation')).toContainText(`Volgende evaluatie: ${dutchDay(next)}`);
	await expect(youth.getByTestId('plan-evaluation')).toContainText(`Laatste evaluatie: ${dutchDay(held)}`);

	expect(await axeViolations(professional)).toEqual([]);

	// The professional asks the JIM; Nora answers on her phone; Sam reads the answer.
	const ask = `Sam wil niet naar school als hij ruzie heeft met vader. Wat zou jij doen? ${n}`;
	await professional.getByLabel('Jouw vraag aan de JIM').fill(ask);
	await professional.getByRole('button', { name: 'Vraag stellen' }).click();
	await expect(question(youth, ask)).toContainText('Gevraagd door Fatima Yilmaz');
	await expect(question(youth, ask)).toContainText('Nog geen antwoord.');

	const jim = await phonePage(browser, baseURL!, 'jim@demo.local');
	await openSamsMap(jim);
	await showPlan(jim);
	// A phone: nothing sticks out sideways, and axe finds nothing.
	await expect(question(jim, ask)).toBeVisible();
	expect(await jim.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	expect(await axeViolations(jim)).toEqual([]);
	const reply = `Ik haal hem op en we praten onderweg. ${n}`;
	await question(jim, ask).getByLabel('Jouw antwoord').fill(reply);
	await question(jim, ask).getByRole('button', { name: 'Antwoord geven' }).click();
	await expect(question(youth, ask).getByTestId('answer')).toContainText(reply);
	await expect(question(youth, ask).getByTestId('answer')).toContainText('Antwoord van Nora Bakker');
	// Only the JIM answers; Sam and the professional ask.
	await expect(question(youth, ask).getByLabel('Jouw antwoord')).toHaveCount(0);
	await expect(jim.getByLabel('Jouw vraag aan de JIM')).toHaveCount(0);

	for (const page of [youth, professional, jim]) await page.context().close();
});

test('removing someone with an agreement asks where it goes; moving it works and one undo brings both back', async ({
	browser,
	baseURL
}) => {
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(professional);
	const n = Date.now() % 100000;
	const name = `Buurman Piet ${n}`;
	const what = `Piet rijdt Sam naar voetbal ${n}`;
	await professional.getByLabel('Naam of bijnaam').fill(name);
	await professional.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(professional)).toContainText(name);

	await showPlan(professional);
	const form = professional.getByTestId('agreement-form');
	await form.getByLabel('Wat is de afspraak?').fill(what);
	await form.getByLabel('Wie doet het?').selectOption({ label: name });
	await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();
	await expect(agreement(professional, what)).toContainText(`Wie: ${name}`);
	// An agreement can be changed afterwards: here it gets a date.
	await agreement(professional, what).getByText('Afspraak aanpassen').click();
	await agreement(professional, what).getByLabel('Voor wanneer?').fill('2027-01-15');
	await agreement(professional, what).getByRole('button', { name: 'Opslaan' }).click();
	await expect(agreement(professional, what)).toContainText('Voor: 15 januari 2027');

	await showCircle(professional);
	await personRow(professional, name)
		.getByRole('button', { name: `${name} bewerken` })
		.click();
	const panel = professional.getByTestId('person-panel');
	await expect(panel.getByTestId('person-agreements')).toContainText(what);
	await panel.getByRole('button', { name: `${name} verwijderen` }).click();
	const dialog = professional.getByRole('dialog');
	await expect(dialog.getByTestId('delete-agreements')).toContainText(`${name} heeft afspraken in het steunplan`);
	await dialog.getByLabel('Geef ze aan iemand anders').check();
	await dialog.getByLabel('Aan wie?').selectOption({ label: 'Oma' });
	await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();
	await expect(personRow(professional, name)).toHaveCount(0);

	await showPlan(professional);
	await expect(agreement(professional, what)).toContainText('Wie: Oma');

	await professional.getByRole('button', { name: 'Ongedaan maken' }).click();
	await expect(agreement(professional, what)).toContainText(`Wie: ${name}`);
	await showCircle(professional);
	await expect(personRow(professional, name).getByTestId('agreements-count')).toHaveText('· 1 afspraak');

	await professional.context().close();
});

test('a goal of only spaces is refused in words in its form, and the words go once a goal is added', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(page);
	await showPlan(page);
	const form = goalForm(page);
	// Counted once the map's state is here (a goal of the demo data shows), not while it loads.
	await expect(goals(page).getByRole('listitem').filter({ hasText: 'Minder ruzie thuis' })).toBeVisible();
	const before = await goals(page).getByRole('listitem').count();
	await form.getByLabel('Het doel, in je eigen woorden').fill('   ');
	await form.getByRole('button', { name: 'Doel toevoegen' }).click();
	await expect(form.getByRole('alert')).toContainText('Schrijf eerst iets op.');
	await expect(goals(page).getByRole('listitem')).toHaveCount(before);

	const goal = `Vaker met Lina afspreken ${Date.now() % 100000}`;
	await form.getByLabel('Het doel, in je eigen woorden').fill(goal);
	await form.getByRole('button', { name: 'Doel toevoegen' }).click();
	await expect(goals(page).getByRole('listitem').filter({ hasText: goal })).toBeVisible();
	await expect(form.getByRole('alert')).toHaveText('');
	await page.context().close();
});

test('the team reviewer reads the support plan, live, without any form', async ({ browser, baseURL }) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	const reviewer = await userPage(browser, baseURL!, 'team@demo.local');
	for (const page of [youth, reviewer]) await openSamsMap(page);
	await showPlan(youth);
	await showPlan(reviewer);
	const goal = `Meer geld sparen ${Date.now() % 100000}`;
	await goalForm(youth).getByLabel('Over welk deel van je leven?').selectOption({ label: 'Geld' });
	await goalForm(youth).getByLabel('Het doel, in je eigen woorden').fill(goal);
	await goalForm(youth).getByRole('button', { name: 'Doel toevoegen' }).click();

	const plan = reviewer.getByTestId('plan-view');
	await expect(plan.getByRole('heading', { name: 'Steunplan van Sam' })).toBeVisible();
	await expect(goals(reviewer).getByRole('listitem').filter({ hasText: goal })).toContainText('geschreven door Sam');
	await expect(plan).toContainText('Je kunt het steunplan lezen.');
	await expect(plan.getByRole('heading', { name: 'Wat zou JIM doen?' })).toBeVisible();
	await expect(plan.locator('form, textarea, select, input')).toHaveCount(0);
	await expect(plan.getByRole('button')).toHaveCount(0);
	for (const page of [youth, reviewer]) await page.context().close();
});
