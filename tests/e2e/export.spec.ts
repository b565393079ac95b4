import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { strFromU8, unzipSync } from 'fflate';
import { mkdir, readFile } from 'node:fs/promises';
import type { Browser, Download, Page } from '@playwright/test';
import { adminClient, expect, logIn, openSamsMap, test, throwawayUser, userPage } from './fixtures.ts';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

async function pageAt(
	browser: Browser,
	baseURL: string,
	email: string,
	viewport: { width: number; height: number },
	phone = false,
	password?: string
): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport, ...(phone ? { hasTouch: true, isMobile: true } : {}) });
	const page = await context.newPage();
	await logIn(page, email, password);
	return page;
}

async function unzipped(download: Download): Promise<Record<string, Uint8Array>> {
	return unzipSync(new Uint8Array(await readFile((await download.path())!)));
}

async function pdfText(bytes: Uint8Array): Promise<string> {
	const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++)
		for (const item of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in item) text += `${item.str}\n`;
	await doc.destroy();
	return text;
}

function csvRows(text: string): string[][] {
	return text
		.replace(/^\ufeff/, '')
		.trimEnd()
		.split('\r\n')
		.map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
}

async function exportsOf(user: string, action = 'export'): Promise<number> {
	const admin = await adminClient();
	const u = await admin.collection('users').getFirstListItem(admin.filter('email = {:e}', { e: user }));
	return (
		await admin.collection('access_log').getFullList({ filter: admin.filter('user = {:u} && action = {:a}', { u: u.id, a: action }) })
	).length;
}

const screens = () => (process.env.KRING_SCREENS ? 'docs/screens' : test.info().outputPath('screens'));

test('Sam downloads his data on a wide screen: one ZIP whose map, pictures, PDF and access log are what his map holds', async ({
	browser,
	baseURL
}) => {
	const before = await exportsOf('sam@demo.local');
	const sam = await pageAt(browser, baseURL!, 'sam@demo.local', DESKTOP);
	await openSamsMap(sam);
	const button = sam.getByRole('button', { name: 'Download mijn gegevens' });
	await expect(button).toBeVisible();
	await mkdir(screens(), { recursive: true });
	await sam.screenshot({ path: `${screens()}/desktop-sam-download.png` });
	const [download] = await Promise.all([sam.waitForEvent('download'), button.click()]);
	expect(download.suggestedFilename()).toMatch(/^kring-gegevens-sam-\d{4}-\d{2}-\d{2}\.zip$/);
	// Said to a screen reader; the browser shows the download itself.
	await expect(sam.getByRole('status').filter({ hasText: 'Het bestand is gedownload: kring-gegevens-sam-' })).toBeAttached();

	await download.saveAs(`${screens()}/${download.suggestedFilename()}`);
	const files = await unzipped(download);
	expect(Object.keys(files).sort()).toEqual([
		'LEES-MIJ.txt',
		'kaart.json',
		'kaart.pdf',
		'netwerkcirkel.png',
		'netwerkcirkel.svg',
		'wie-heeft-de-kaart-geopend.csv'
	]);
	const file = JSON.parse(strFromU8(files['kaart.json']));
	expect(file).toMatchObject({ format: 'kring-export', exportedBy: { role: 'youth' }, map: { youthName: 'Sam' } });
	const names: string[] = file.current.people.map((p: { name: string }) => p.name);
	expect(names).toEqual(expect.arrayContaining(['Oma', 'Tante Nora']));
	expect(file.current.plan.goals.length).toBeGreaterThan(0);
	expect(file.current.jim.length).toBeGreaterThan(0);
	// Sam's map has eight versions over six months; each comes with the map as it was.
	expect(file.versions.length).toBeGreaterThanOrEqual(8);
	expect(file.versions.every((v: { projection: unknown }) => v.projection !== null)).toBe(true);

	expect([...files['netwerkcirkel.png'].slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(strFromU8(files['netwerkcirkel.svg'])).toContain('Tante Nora');
	expect(strFromU8(files['kaart.pdf'].slice(0, 5))).toBe('%PDF-');
	const text = await pdfText(files['kaart.pdf']);
	for (const expected of ['Netwerkkaart en steunplan van Sam', 'Tante Nora', 'Oma', 'Wie heeft de kaart geopend?'])
		expect(text).toContain(expected);
	expect(strFromU8(files['LEES-MIJ.txt'])).toContain('Jouw gegevens uit Kring');

	const rows = csvRows(strFromU8(files['wie-heeft-de-kaart-geopend.csv']));
	expect(rows[0]).toEqual(['wanneer', 'wie', 'als', 'wat']);
	expect(rows[1]).toEqual([
		expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		'Sam',
		'jongere',
		'Sam (jongere) downloadde alle gegevens van de kaart'
	]);
	expect(await exportsOf('sam@demo.local')).toBe(before + 1);
	await sam.context().close();
});

test('the professional downloads the same for the dossier from the phone menu; a reviewer gets no button', async ({ browser, baseURL }) => {
	const before = await exportsOf('hulpverlener@demo.local');
	const pro = await pageAt(browser, baseURL!, 'hulpverlener@demo.local', PHONE, true);
	await openSamsMap(pro);
	await pro.getByRole('button', { name: 'Menu', exact: true }).tap();
	const menu = pro.getByRole('dialog', { name: 'Menu' });
	await expect(menu).toBeVisible();
	await mkdir(screens(), { recursive: true });
	await pro.screenshot({ path: `${screens()}/phone-professional-menu-download.png` });
	const [download] = await Promise.all([pro.waitForEvent('download'), menu.getByRole('button', { name: 'Download dossier' }).tap()]);
	const files = await unzipped(download);
	expect(JSON.parse(strFromU8(files['kaart.json'])).exportedBy.role).toBe('professional');
	expect(files['netwerkcirkel.png'].length).toBeGreaterThan(1000);
	expect(await exportsOf('hulpverlener@demo.local')).toBe(before + 1);
	await pro.context().close();

	const reviewer = await userPage(browser, baseURL!, 'team@demo.local');
	await openSamsMap(reviewer);
	await expect(reviewer.getByRole('button', { name: 'Printen / PDF' })).toBeVisible();
	await expect(reviewer.getByTestId('download-data')).toHaveCount(0);
	await reviewer.context().close();
});

test('the access log downloads as CSV, and that download is in the log', async ({ browser, baseURL }) => {
	const sam = await userPage(browser, baseURL!, 'sam@demo.local');
	await sam.goto('/kaarten');
	await openSamsMap(sam);
	await sam.getByRole('link', { name: 'Wie kan deze kaart zien?' }).first().click();
	const link = sam.getByRole('link', { name: 'Download dit overzicht (CSV)' });
	const [download] = await Promise.all([sam.waitForEvent('download'), link.click()]);
	expect(download.suggestedFilename()).toMatch(/^wie-heeft-de-kaart-geopend-\d{4}-\d{2}-\d{2}\.csv$/);
	const rows = csvRows(await readFile((await download.path())!, 'utf8'));
	expect(rows[0]).toEqual(['wanneer', 'wie', 'als', 'wat']);
	expect(rows[1][3]).toBe('Sam (jongere) downloadde dit overzicht');
	expect(rows.length).toBeGreaterThan(2);
	// On screen too, in words.
	await sam.reload();
	await expect(sam.getByTestId('access-log').getByRole('listitem').first()).toContainText('Sam (jongere) downloadde dit overzicht');
	await sam.context().close();
});

test("a professional elsewhere makes a new map from the youth's kaart.json, and it holds the same people and plan", async ({
	browser,
	baseURL
}) => {
	const sam = await userPage(browser, baseURL!, 'sam@demo.local');
	await openSamsMap(sam);
	const [download] = await Promise.all([sam.waitForEvent('download'), sam.getByRole('button', { name: 'Download mijn gegevens' }).click()]);
	const kaart = (await unzipped(download))['kaart.json'];
	const exported = JSON.parse(strFromU8(kaart));
	await sam.context().close();

	// Another organisation: a team of its own with a professional in it.
	const admin = await adminClient();
	const account = await throwawayUser('Pim de Vries');
	const user = await admin.collection('users').getFirstListItem(admin.filter('email = {:e}', { e: account.email }));
	const team = await admin.collection('teams').create({ name: `Elders ${Date.now()}` });
	await admin.collection('team_members').create({ team: team.id, user: user.id, role: 'professional' });
	const pim = await pageAt(browser, baseURL!, account.email, DESKTOP, false, account.password);
	const importing = pim.getByRole('region', { name: 'Kaart maken van een bestand' });
	await pim
		.getByLabel('Bestand kaart.json')
		.setInputFiles({ name: 'kaart.json', mimeType: 'application/json', buffer: Buffer.from('{"not": "kring"}') });
	await pim.getByRole('button', { name: 'Bestand inlezen' }).click();
	await expect(importing.getByRole('alert')).toContainText('Dit bestand is geen kaart.json uit Kring');

	const hostile = structuredClone(exported);
	hostile.current.people[0].sector = 'maan';
	await pim
		.getByLabel('Bestand kaart.json')
		.setInputFiles({ name: 'kaart.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
	await pim.getByRole('button', { name: 'Bestand inlezen' }).click();
	await expect(importing.getByRole('alert')).toContainText('people[0].sector');
	expect((await admin.collection('maps').getFullList({ filter: admin.filter('team = {:t}', { t: team.id }) })).length).toBe(0);

	await pim
		.getByLabel('Bestand kaart.json')
		.setInputFiles({ name: 'kaart.json', mimeType: 'application/json', buffer: Buffer.from(kaart) });
	await pim.getByRole('button', { name: 'Bestand inlezen' }).click();
	await expect(pim.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();
	await expect(pim.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await pim.getByRole('radio', { name: 'Lijst' }).check();
	for (const p of exported.current.people as { name: string }[]) await expect(pim.getByTestId('people-list')).toContainText(p.name);
	await pim.getByRole('radio', { name: 'Steunplan' }).check();
	for (const g of exported.current.plan.goals as { text: string }[]) await expect(pim.getByText(g.text).first()).toBeVisible();
	await pim.context().close();
});

test('screenshots of where the download buttons live', async ({ browser, baseURL }) => {
	await mkdir(screens(), { recursive: true });
	const youth = await pageAt(browser, baseURL!, 'sam@demo.local', PHONE, true);
	await openSamsMap(youth);
	await youth.getByRole('button', { name: 'Menu', exact: true }).tap();
	await expect(youth.getByRole('dialog', { name: 'Menu' }).getByRole('button', { name: 'Download mijn gegevens' })).toBeVisible();
	await youth.screenshot({ path: `${screens()}/phone-sam-menu-download.png` });
	await youth.keyboard.press('Escape');
	await youth.goto(youth.url().replace(/\?.*$/, '') + '/wie');
	await youth.getByRole('link', { name: 'Download dit overzicht (CSV)' }).scrollIntoViewIfNeeded();
	await youth.screenshot({ path: `${screens()}/phone-sam-access-log-csv.png` });
	await youth.context().close();
	const pro = await pageAt(browser, baseURL!, 'hulpverlener@demo.local', DESKTOP);
	await openSamsMap(pro);
	await pro.screenshot({ path: `${screens()}/desktop-professional-download.png` });
	await pro.goto('/kaarten');
	await pro.getByRole('heading', { name: 'Kaart maken van een bestand' }).scrollIntoViewIfNeeded();
	await pro.screenshot({ path: `${screens()}/desktop-professional-import.png`, fullPage: true });
	await pro.context().close();
});
