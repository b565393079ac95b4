import type { Page } from '@playwright/test';
import { axeViolations } from './a11y.ts';
import { expect, openSamsMap, peopleList, test, userPage } from './fixtures.ts';
import { RING_EDGES } from '../../src/lib/canvas/layout.ts';

/** The history page of Sam's map, reached from his map's page. */
async function openSamsHistory(page: Page): Promise<string> {
	const href = await page.getByRole('link', { name: 'Kaart van Sam openen' }).getAttribute('href');
	await page.goto(href!);
	await page.getByRole('link', { name: 'Tijdlijn', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Tijdlijn van de kaart van Sam' })).toBeVisible();
	return href!;
}

type CanvasPerson = { name: string; label: string; ring: number };

/** The people on one of the page's circles, with their label and the ring their node is in now. */
function circle(page: Page, testId: 'history-canvas' | 'compare-canvas'): Promise<CanvasPerson[]> {
	return page.evaluate(
		({ testId, edges }) => {
			const el = document.querySelector(`[data-testid=${testId}]`) as any;
			const stretch = el._cyreg.cy.scratch('kringScale')?.stretch ?? 1;
			return el._cyreg.cy.nodes('.person').map((n: any) => {
				const p = n.position();
				const r = Math.hypot(p.x, p.y / stretch);
				return { name: n.data('name'), label: n.data('label'), ring: edges.findIndex((e: number, i: number) => i > 0 && r <= e) };
			});
		},
		{ testId, edges: RING_EDGES }
	);
}

/** A new map of its own for a youth named `name` and a number (from the maps overview); its path. */
async function newMap(pro: Page, name: string): Promise<string> {
	const youth = `${name} ${Date.now() % 10000}`;
	await pro.getByLabel('Naam van de jongere').fill(youth);
	await pro.getByRole('button', { name: 'Kaart maken' }).click();
	await expect(pro.getByRole('heading', { level: 1, name: `Netwerkkaart van ${youth}` })).toBeVisible();
	return new URL(pro.url()).pathname;
}

const ringOf = async (page: Page, name: string) => (await circle(page, 'history-canvas')).find((p) => p.name === name)?.ring ?? null;

test('a reviewer steps through the timeline of Sam’s map and compares the first and the last version', async ({ browser, baseURL }) => {
	const page = await userPage(browser, baseURL!, 'team@demo.local');
	await openSamsHistory(page);
	// Read-only: nothing to restore or record.
	await expect(page.getByText('Je kunt hier alleen kijken.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Zet deze versie terug' })).toHaveCount(0);
	await expect(page.getByTestId('evaluation-form')).toHaveCount(0);

	const current = page.getByTestId('timeline-current');
	const list = page.getByTestId('version-list');
	// It opens on the newest version; Sam's story has at least eight.
	const total = Number((await current.textContent())!.match(/Versie (\d+) van (\d+)/)![2]);
	expect(total).toBeGreaterThanOrEqual(8);
	await expect(current).toContainText(`Versie ${total} van ${total}`);

	const slider = page.getByRole('slider', { name: 'Kies een versie' });
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(current).toContainText(`Versie 1 van ${total}`);
	await expect(current).toContainText('Eerste gesprek');
	await expect(list).toContainText('Vader (vader): dichtbij');
	await expect(list).not.toContainText('Trainer Mo');
	await expect.poll(() => ringOf(page, 'Vader')).toBe(2);

	// The first evaluation moment: father moved out to "verder weg", on the circle too.
	await page.keyboard.press('ArrowRight');
	await expect(current).toContainText(`Versie 2 van ${total}`);
	await expect(current).toContainText('◆ Evaluatiemoment');
	await expect(current).toContainText('Het contact met vader is lastiger geworden.');
	await expect(list).toContainText('Vader (vader): verder weg · band: gespannen');
	await expect.poll(() => ringOf(page, 'Vader')).toBe(3);

	// The button does the same as the arrow key; trainer Mo arrives and oma comes closer.
	await page.getByRole('button', { name: 'Volgende versie' }).click();
	await expect(current).toContainText(`Versie 3 van ${total}`);
	await expect(list).toContainText('Trainer Mo');
	await expect.poll(() => ringOf(page, 'Trainer Mo')).toBe(3);
	await expect.poll(() => ringOf(page, 'Oma')).toBe(1);

	// Evaluation moments are listed with their notes and take the timeline there.
	const evaluations = page.getByTestId('evaluation-list').getByRole('listitem');
	await expect(evaluations).toHaveCount(3);
	await expect(evaluations.nth(1)).toContainText('tante Nora zei ja');
	await expect(evaluations.nth(1)).toContainText('Door Fatima Yilmaz');
	await evaluations
		.nth(1)
		.getByRole('button', { name: /^Bekijk/ })
		.click();
	await expect(current).toContainText('Evaluatiemoment 2');
	await expect(list).toContainText('JIM: Tante Nora (ja gezegd)');

	// Compare: by default the first version against the newest.
	const compare = page.getByTestId('compare-changes');
	await expect(page.getByLabel('Van', { exact: true })).toHaveValue('0');
	await expect(compare).toContainText('Nieuw: Trainer Mo (School, werk en vrije tijd)');
	await expect(compare).toContainText('Oma kwam dichterbij (dichtbij → heel dichtbij)');
	await expect(compare).toContainText('De band met Vader werd gespannen');
	await expect(compare).toContainText('JIM: Tante Nora is gekozen');
	await expect(compare).toContainText('JIM: Tante Nora is actief');
	for (const group of ['Mensen', 'Banden', 'JIM', 'Steunplan']) await expect(compare.getByRole('heading', { name: group })).toBeVisible();
	// … and on the circle: a symbol and a word under each changed person, explained in a legend.
	await expect
		.poll(async () => Object.fromEntries((await circle(page, 'compare-canvas')).map((p) => [p.name, p.label.split('\n').at(-1)])))
		.toMatchObject({ 'Trainer Mo': '+ nieuw', Oma: '↑ dichterbij', Vader: '↓ verder weg', 'Tante Nora': '↑ dichterbij' });
	const legend = page.getByRole('region', { name: 'Tekens op de cirkel' });
	await expect(legend).toContainText('nieuw');
	await expect(legend).toContainText('band veranderd');

	// Charts, each with its numbers as a table.
	await expect(page.getByRole('figure')).toHaveCount(6);
	await expect(page.getByRole('figure', { name: 'Wie helpt hoe?' })).toContainText('emotionele steun: van');
	// The JIM over time, in words: from none to tante Nora, active.
	const jimOverTime = page.getByRole('region', { name: 'De JIM door de tijd' });
	await expect(jimOverTime.getByRole('listitem').first()).toContainText('Nog geen JIM gekozen');
	await expect(jimOverTime.getByRole('listitem').last()).toContainText('actief');
	await expect(page.locator('.plot canvas').first()).toBeVisible();
	const growth = page.getByRole('figure', { name: 'Groeit het netwerk?' });
	await expect(growth).toContainText('Mensen op de cirkel: van 7 naar');
	await growth.getByText('Bekijk de cijfers als tabel').click();
	await expect(growth.getByRole('table').getByRole('row')).toHaveCount(total + 1);

	expect(await axeViolations(page)).toEqual([]);
	// On a 360 px phone nothing runs off the side.
	await page.setViewportSize({ width: 360, height: 800 });
	await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	await page.context().close();
});

test('the professional puts an old version back while Sam watches his map live, and then today’s again', async ({ browser, baseURL }) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(youth);
	await expect(peopleList(youth)).toContainText('Trainer Mo');

	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsHistory(pro);
	const current = pro.getByTestId('timeline-current');
	const slider = pro.getByRole('slider', { name: 'Kies een versie' });
	await slider.focus();
	await pro.keyboard.press('Home');
	await expect(current).toContainText('Versie 1 van');

	const restore = pro.getByTestId('restore');
	await restore.getByRole('button', { name: 'Zet deze versie terug' }).click();
	await expect(restore).toContainText('Er gaat niets verloren');
	await restore.getByRole('button', { name: 'Ja, zet terug' }).click();
	await expect(restore.getByRole('status')).toContainText('De kaart is teruggezet naar de versie van');

	// Sam sees it at once: trainer Mo came later, so he is gone.
	await expect(peopleList(youth)).not.toContainText('Trainer Mo');
	await expect(peopleList(youth)).toContainText('Oma');

	// Today's map was kept just before the restore: the version before the newest. Put it back.
	await slider.focus();
	await pro.keyboard.press('End');
	await expect(current).toContainText('Teruggezet naar de versie van');
	await pro.keyboard.press('ArrowLeft');
	await restore.getByRole('button', { name: 'Zet deze versie terug' }).click();
	await restore.getByRole('button', { name: 'Ja, zet terug' }).click();
	await expect(restore.getByRole('status')).toContainText('De kaart is teruggezet');
	await expect(peopleList(youth)).toContainText('Trainer Mo');

	await pro.context().close();
	await youth.context().close();
});

test('the professional records an evaluation moment with a note, and it stands out on the timeline', async ({ browser, baseURL }) => {
	// A map of its own, so Sam's evaluations (and the team's overview of them) stay as the demo tells them.
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await pro.goto(`${await newMap(pro, 'Evi')}/geschiedenis`);
	await expect(pro.getByText('Er zijn nog geen versies van deze kaart.')).toBeVisible();

	const form = pro.getByTestId('evaluation-form');
	const note = 'Startgesprek: Evi wil eerst zelf nadenken over wie ze kiest.';
	await form.getByLabel('Korte notitie').fill(note);
	await form.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(form.getByRole('status')).toContainText('is vastgelegd');
	const current = pro.getByTestId('timeline-current');
	await expect(current).toContainText('Versie 1 van 1');
	await expect(current).toContainText('◆ Evaluatiemoment');
	await expect(current).toContainText(note);
	await expect(current).toContainText('Door Fatima Yilmaz');
	await expect(pro.getByTestId('evaluation-list')).toContainText(note);

	// A day years ago is refused with a message, and the note stays.
	await form.getByLabel('Datum van het evaluatiemoment').fill('2020-01-01');
	await form.getByLabel('Korte notitie').fill('Te laat vastgelegd');
	await form.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(form.getByRole('alert')).toContainText('meer dan een jaar geleden');
	await expect(form.getByLabel('Korte notitie')).toHaveValue('Te laat vastgelegd');
	await pro.context().close();
});

test('the professional erases a person from the map and its whole history, after a check', async ({ browser, baseURL }) => {
	// A map of its own: Sam's demo history stays as it is.
	const pro = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	const mapPath = await newMap(pro, 'Lev');
	await pro.getByLabel('Naam of bijnaam').fill('Kees Verhoef');
	await pro.getByRole('button', { name: 'Toevoegen' }).click();
	await expect(peopleList(pro)).toContainText('Kees Verhoef');

	await pro.goto(`${mapPath}/geschiedenis`);
	const form = pro.getByTestId('evaluation-form');
	await form.getByLabel('Korte notitie').fill('Kees helpt mee');
	await form.getByRole('button', { name: 'Vastleggen' }).click();
	await expect(form.getByRole('status')).toContainText('is vastgelegd');
	const list = pro.getByTestId('version-list');
	await expect(list).toContainText('Kees Verhoef');

	// The map is open on another device too (it keeps a copy), which is offline while Kees is erased.
	const tab = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await tab.goto(mapPath);
	await expect(peopleList(tab)).toContainText('Kees Verhoef');
	const deviceCopy = () =>
		tab.evaluate(
			(id) =>
				new Promise<string>((resolve, reject) => {
					const open = indexedDB.open(`kring-map-${id}`);
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const all = open.result.transaction('updates').objectStore('updates').getAll();
						all.onsuccess = () => resolve((all.result as Uint8Array[]).map((u) => new TextDecoder().decode(u)).join(''));
						all.onerror = () => reject(all.error);
					};
				}),
			mapPath.split('/').pop()!
		);
	await expect.poll(deviceCopy).toContain('Kees');
	await tab.context().setOffline(true);

	const erase = pro.getByTestId('erase-person');
	await erase.getByLabel('Wie wil je wissen?').selectOption({ label: 'Kees Verhoef' });
	await erase.getByRole('button', { name: 'Wissen…' }).click();
	const check = erase.getByRole('group', { name: /Kees Verhoef verdwijnt van de kaart en uit de hele geschiedenis/ });
	// Every name Kees had, each with the words that become [naam]; the name of now cannot be unticked.
	const names = check.getByRole('group', { name: 'Welke namen haal je overal weg?' });
	await expect(names.getByRole('checkbox')).toHaveCount(1);
	await expect(names.getByRole('checkbox', { name: 'Kees Verhoef' })).toBeChecked();
	await expect(names.getByRole('checkbox', { name: 'Kees Verhoef' })).toBeDisabled();
	await expect(names).toContainText('De naam van nu. Die wordt altijd weggehaald. Wordt [naam]: Kees, Verhoef');
	expect(await axeViolations(pro)).toEqual([]);
	await erase.getByRole('button', { name: 'Ja, wis deze persoon' }).click();
	await expect(erase.getByRole('status')).toContainText('Gewist.');

	// Every version as stored now: no Kees, and the evaluation's note says [naam].
	await expect(list).toContainText('Er stond nog niemand op de kaart.');
	await expect(list).not.toContainText('Kees');
	await expect(pro.getByTestId('timeline-current')).toContainText('[naam] helpt mee');
	await expect(erase.getByLabel('Wie wil je wissen?').getByRole('option', { name: 'Kees Verhoef' })).toHaveCount(0);
	// The offline device still has its copy; back online, Kees is gone from its screen and its copy.
	expect(await deviceCopy()).toContain('Kees');
	await tab.context().setOffline(false);
	await expect(tab.getByText('Er staat nog niemand op de kaart.')).toBeVisible();
	await expect.poll(deviceCopy).not.toContain('Kees');
	await tab.context().close();
	await pro.goto(mapPath);
	await expect(pro.getByText('Er staat nog niemand op de kaart.')).toBeVisible();
	await pro.context().close();
});
