import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from '@playwright/test';
import { expect, openSamsMap, test, userPage } from './fixtures.ts';

/** All text of a PDF, every page, with all white space left out (lines may break anywhere between words). */
async function pdfText(pdf: Buffer): Promise<string> {
	const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		for (const item of content.items) if ('str' in item) text += item.str;
	}
	await doc.destroy();
	return squeeze(text);
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

async function addAgreement(page: Page, what: string, who: string, due: string) {
	const form = page.getByTestId('agreement-form');
	await form.getByLabel('Wat is de afspraak?').fill(what);
	await form.getByLabel('Wie doet het?').selectOption({ label: who });
	await form.getByLabel('Voor wanneer?').fill(due);
	await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();
	await expect(page.getByTestId('plan-agreements').getByRole('listitem').filter({ hasText: what })).toBeVisible();
}

test('"Printen / PDF" puts the circle, the legend, the JIM and the whole plan on A4, with the date and who printed it', async ({
	browser,
	baseURL
}) => {
	const professional = await userPage(browser, baseURL!, 'hulpverlener@demo.local');
	await openSamsMap(professional);
	const n = Date.now() % 100000;
	const first = `Tante Nora helpt Sam met zijn agenda ${n}`;
	const second = `Sam belt zijn mentor als hij ziek is ${n}`;
	await professional.getByRole('radio', { name: 'Steunplan' }).check();
	await addAgreement(professional, first, 'de JIM (Tante Nora)', '2027-02-03');
	await addAgreement(professional, second, 'Sam (de jongere)', '2027-03-10');
	const question = `Sam wil stoppen met voetbal. Wat zou jij doen? ${n}`;
	await professional.getByLabel('Jouw vraag aan de JIM').fill(question);
	await professional.getByRole('button', { name: 'Vraag stellen' }).click();
	const agreements = await professional
		.getByTestId('plan-agreements')
		.getByTestId('agreement-list')
		.locator(':scope > li > p.what')
		.allTextContents();
	expect(agreements).toEqual(expect.arrayContaining([first, second]));

	// The button builds the sheet and opens the browser's print dialog (here a stand-in that notes the call).
	await professional.evaluate(() => {
		window.print = () => document.body.setAttribute('data-printed', 'yes');
	});
	await professional.getByRole('button', { name: 'Printen / PDF' }).click();
	await expect(professional.locator('body')).toHaveAttribute('data-printed', 'yes');
	// On screen, nothing of the sheet shows.
	await expect(professional.getByTestId('print-sheet')).toBeAttached();
	await expect(professional.getByTestId('print-sheet')).toBeHidden();

	// As paper: only the sheet, with the circle as a picture; toolbars and forms are gone.
	await professional.emulateMedia({ media: 'print' });
	const sheet = professional.getByTestId('print-sheet');
	await expect(sheet).toBeVisible();
	const picture = sheet.getByRole('img', { name: 'Netwerkcirkel van Sam, met de mensen om Sam heen' });
	await expect(picture).toBeVisible();
	await expect(picture).toHaveAttribute('src', /^data:image\/png;base64,/);
	expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
	await expect(professional.getByRole('button', { name: 'Printen / PDF' })).toBeHidden();
	await expect(professional.getByTestId('agreement-form')).toBeHidden();
	await expect(professional.getByRole('radio', { name: 'Cirkel' })).toBeHidden();

	const pdf = await professional.pdf({ format: 'A4', printBackground: true });
	const text = await pdfText(pdf);
	const today = new Date().toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
	for (const expected of [
		'Netwerkkaart en steunplan van Sam',
		`${today}, afgedrukt door Fatima Yilmaz`,
		'Legenda',
		'Tante Nora is de JIM van Sam.',
		'Toestemming',
		'Steunplan van Sam',
		first,
		second,
		'Voor: 3 februari 2027',
		question,
		'Nog geen antwoord.',
		...agreements
	]) {
		expect(text, `the PDF says: ${expected}`).toContain(squeeze(expected));
	}
	// No forms on paper.
	expect(text).not.toContain(squeeze('Afspraak toevoegen'));
	expect(text).not.toContain(squeeze('Printen / PDF'));
	// Nobody looks along on paper, so the legend does not explain it there.
	expect(text).not.toContain(squeeze('iemand anders kijkt naar deze persoon'));

	// Sam's file says who printed it.
	await professional.emulateMedia({ media: 'screen' });
	await professional.goto(`${new URL(professional.url()).pathname}/wie`);
	const log = professional.getByRole('region', { name: 'Wie heeft de kaart geopend?' });
	await expect(log.getByRole('listitem').filter({ hasText: 'Fatima Yilmaz (hulpverlener) printte de kaart' }).first()).toBeVisible();

	await professional.context().close();
});
