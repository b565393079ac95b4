import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { agreement, choice, goal, map, person, plan, step, tie } from '$lib/doc/fixtures/hand-made';
import { CENTRE } from '$lib/doc/schema';
import type { MapExport } from '$lib/export/format';
import { exportZip, FILES, zipName } from './bundle';

const oma = person('p-oma', 'Zoë de Wit', 'familie', 1);
const kim = person('p-kim', '<b>Kim</b> & co', 'vrienden', 2);
const current = map([oma, kim], [tie(CENTRE, oma.id, 'sterk'), tie(oma.id, kim.id, 'gespannen')], {
	jim: [choice(oma.id, oma.name, 'jim'), step(oma.id, oma.name, 'actief')],
	plan: plan([goal('g1', 'thuis', 'Minder ruzie thuis')], [agreement('a1', 'Sam belt oma op zondag')])
});

const file: MapExport = {
	format: 'kring-export',
	formatVersion: 1,
	exportedAt: '2026-12-06T10:00:00.000Z',
	exportedBy: { name: 'Sam', role: 'youth' },
	map: { id: 'map000000000001', youthName: 'Sam', youthBirthdate: null },
	current,
	versions: [
		{
			id: 'v1',
			kind: 'evaluation',
			note: 'Eerste evaluatie',
			takenAt: '2026-11-01T10:00:00.000Z',
			evaluatedOn: '2026-11-01',
			madeByName: 'Fatima',
			projection: current
		}
	],
	accessLog: [
		{ at: '2026-12-06T10:00:00.000Z', name: 'Sam', role: 'youth', action: 'export', detail: '' },
		{ at: '2026-12-05T09:30:00.000Z', name: '=HYPERLINK("http://x")', role: 'professional', action: 'view', detail: '' },
		{ at: '2026-12-04T08:00:00.000Z', name: 'Sam', role: 'youth', action: 'remove-member', detail: 'parent: Anja' }
	]
};

async function pdfText(bytes: Uint8Array): Promise<string> {
	const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= doc.numPages; i++) {
		for (const item of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in item) text += `${item.str}\n`;
	}
	await doc.destroy();
	return text;
}

/** RFC 4180 rows (quoted fields, "" inside). */
function parseCsv(text: string): string[][] {
	return text
		.replace(/^\ufeff/, '')
		.trimEnd()
		.split('\r\n')
		.map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"')));
}

describe('the export ZIP', () => {
	const files = unzipSync(exportZip(file, { png: null, jpeg: null }));

	it('holds the README, the map as JSON, the PDF, the SVG and the access log as CSV', () => {
		expect(Object.keys(files).sort()).toEqual([FILES.csv, FILES.json, FILES.pdf, FILES.readme, FILES.svg].sort());
		expect(JSON.parse(strFromU8(files[FILES.json]))).toEqual(file);
		const readme = strFromU8(files[FILES.readme]);
		expect(readme).toContain('Jouw gegevens uit Kring');
		expect(readme).toContain('Your data from Kring');
		expect(readme).toContain(FILES.csv);
		expect(zipName(file)).toBe('kring-gegevens-sam-2026-12-06.zip');
	});

	it('has a PDF with the youth, the people (é, ë kept), the JIM, the plan and the access log', async () => {
		expect(strFromU8(files[FILES.pdf].slice(0, 5))).toBe('%PDF-');
		const text = await pdfText(files[FILES.pdf]);
		for (const expected of [
			'Netwerkkaart en steunplan van Sam',
			'Zoë de Wit: Familie, heel dichtbij',
			'Zoë de Wit: actief',
			'Minder ruzie thuis',
			'Sam belt oma op zondag (wie: Sam (de jongere); wanneer: geen datum; nu: afgesproken)',
			'Wie heeft de kaart geopend?',
			'2026-12-06 11:00: Sam (jongere) downloadde alle gegevens van de kaart'
		]) {
			expect(text).toContain(expected);
		}
	});

	it('has an SVG of the circle with every placed person, their names escaped', () => {
		const svg = strFromU8(files[FILES.svg]);
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg).toContain('Zoë de Wit');
		expect(svg).toContain('&lt;b&gt;Kim&lt;/b&gt; &amp; co');
		expect(svg).not.toContain('<b>');
		// The stressful tie is jagged, the strong one a bold line.
		expect(svg).toContain('<polyline');
		expect(svg).toContain('stroke-width="5"');
	});

	it('has the access log as CSV, one row per line of the log, a formula never run', () => {
		const rows = parseCsv(strFromU8(files[FILES.csv]));
		expect(rows[0]).toEqual(['wanneer', 'wie', 'als', 'wat']);
		expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
			['2026-12-06 11:00:00', 'Sam', 'jongere'],
			['2026-12-05 10:30:00', `'=HYPERLINK("http://x")`, 'hulpverlener'],
			['2026-12-04 09:00:00', 'Sam', 'jongere']
		]);
		expect(rows[1][3]).toBe('Sam (jongere) downloadde alle gegevens van de kaart');
		expect(rows[3][3]).toBe('Sam (jongere) haalde iemand van de kaart: Anja (ouder)');
	});
});
