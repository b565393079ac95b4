import { zipSync, strToU8 } from 'fflate';
import { m } from '$lib/paraglide/messages.js';
import { jimState, today } from '$lib/doc/jim';
import { agreementStatusName, dayName, domainName, jimStatusName, ringName, sectorName } from '$lib/i18n/labels';
import { accessLine } from '$lib/components/access-words';
import { accessLogCsv, dutchTime } from '$lib/export/access-log-csv';
import { circleSvg } from '$lib/export/svg';
import { pdfDocument, type PdfBlock } from '$lib/export/pdf';
import type { MapExport } from '$lib/export/format';
import { statusOf } from '$lib/doc/jim';
import { SECTORS, type Sector } from '$lib/doc/schema';
import { carrierName, whoContext } from '../plan/plan-words';

/** The circle as the browser drew it (Cytoscape, off-screen): PNG for the ZIP, JPEG for the PDF. */
export interface Pictures {
	png: Uint8Array | null;
	jpeg: { bytes: Uint8Array; width: number; height: number } | null;
}

/** The names of the files in the ZIP (the README names them too). */
export const FILES = {
	readme: 'LEES-MIJ.txt',
	json: 'kaart.json',
	pdf: 'kaart.pdf',
	png: 'netwerkcirkel.png',
	svg: 'netwerkcirkel.svg',
	csv: 'wie-heeft-de-kaart-geopend.csv'
} as const;

function youthOf(file: MapExport): string {
	return file.current.centreName || file.map.youthName;
}

/** The map sheet as blocks for the PDF: what the printed sheet holds, plus how many versions there are and the access log. */
function pdfBlocks(file: MapExport, pictures: Pictures): PdfBlock[] {
	const youth = youthOf(file);
	const map = file.current;
	const jim = jimState(map.jim ?? []);
	const blocks: PdfBlock[] = [
		{ kind: 'title', text: m.print_title({ youth }) },
		{ kind: 'text', text: m.export_pdf_made({ date: dayName(today(new Date(file.exportedAt))), name: file.exportedBy.name }) },
		{ kind: 'heading', text: m.print_map_title() }
	];
	if (pictures.jpeg)
		blocks.push({
			kind: 'image',
			jpeg: pictures.jpeg.bytes,
			width: pictures.jpeg.width,
			height: pictures.jpeg.height,
			alt: m.print_map_alt({ youth })
		});
	else blocks.push({ kind: 'text', text: m.print_map_missing() });
	blocks.push({ kind: 'heading', text: m.people_title() });
	if (map.people.length === 0) blocks.push({ kind: 'text', text: m.people_empty() });
	for (const p of map.people) {
		const where = p.sector && p.ring ? m.person_summary({ sector: sectorName(p.sector), ring: ringName(p.ring) }) : m.people_unplaced();
		blocks.push({ kind: 'item', text: `${p.name}${p.relation ? ` (${p.relation})` : ''}: ${where}` });
	}
	blocks.push({ kind: 'heading', text: m.export_pdf_jim() });
	if (!jim.jim) blocks.push({ kind: 'text', text: m.export_pdf_jim_none() });
	for (const pick of [jim.jim, jim.reserve]) {
		if (!pick) continue;
		const status = statusOf(jim, pick.personId);
		const words = { name: pick.personName, status: status ? jimStatusName(status) : '' };
		blocks.push({ kind: 'item', text: pick === jim.jim ? m.export_pdf_jim_line(words) : m.export_pdf_reserve_line(words) });
	}
	const plan = map.plan;
	const who = whoContext({ people: map.people, jim }, youth);
	blocks.push({ kind: 'heading', text: m.export_pdf_goals() });
	if (!plan?.goals.length) blocks.push({ kind: 'text', text: m.export_pdf_none() });
	for (const g of plan?.goals ?? []) blocks.push({ kind: 'item', text: `${domainName(g.domain)}: ${g.text}` });
	blocks.push({ kind: 'heading', text: m.export_pdf_agreements() });
	if (!plan?.agreements.length) blocks.push({ kind: 'text', text: m.export_pdf_none() });
	for (const a of plan?.agreements ?? []) {
		const what = a.what.replace(/[.\s]+$/, '');
		blocks.push({
			kind: 'item',
			text: m.export_pdf_agreement_line({
				what,
				who: carrierName(a.who, who),
				due: a.due ? dayName(a.due) : m.export_pdf_no_date(),
				status: agreementStatusName(a.status)
			})
		});
	}
	blocks.push({ kind: 'text', text: m.export_pdf_versions({ count: file.versions.length }) });
	blocks.push({ kind: 'heading', text: m.access_log_title() });
	for (const row of file.accessLog) blocks.push({ kind: 'item', text: `${dutchTime(row.at).slice(0, 16)}: ${accessLine(row)}` });
	return blocks;
}

/** Every file of the ZIP, by name. */
export function exportFiles(file: MapExport, pictures: Pictures): Record<string, Uint8Array> {
	const youth = youthOf(file);
	const date = dayName(today(new Date(file.exportedAt)));
	const readme = [m.export_readme({ date, name: youth }, { locale: 'nl' }), m.export_readme({ date, name: youth }, { locale: 'en' })].join(
		'\n----------------------------------------\n\n'
	);
	const sectors = Object.fromEntries(SECTORS.map((s) => [s, sectorName(s)])) as Record<Sector, string>;
	const files: Record<string, Uint8Array> = {
		[FILES.readme]: strToU8(readme.replace(/\n/g, '\r\n')),
		[FILES.json]: strToU8(JSON.stringify(file, null, 2)),
		[FILES.pdf]: pdfDocument(pdfBlocks(file, pictures), m.print_title({ youth })),
		[FILES.svg]: strToU8(
			circleSvg(file.current, { title: m.print_map_alt({ youth }), rings: [1, 2, 3, 4].map((r) => ringName(r as 1)), sectors, youth })
		),
		[FILES.csv]: strToU8(accessLogCsv(file.accessLog))
	};
	if (pictures.png) files[FILES.png] = pictures.png;
	return files;
}

/** The ZIP (deflated; pictures and the PDF are stored as they are, they are compressed already). */
export function exportZip(file: MapExport, pictures: Pictures): Uint8Array {
	const files = exportFiles(file, pictures);
	const mtime = new Date(file.exportedAt);
	const entries = Object.fromEntries(
		Object.entries(files).map(([name, data]) => [name, [data, { level: /\.(png|pdf)$/.test(name) ? 0 : 6, mtime }] as const])
	);
	return zipSync(entries as Parameters<typeof zipSync>[0]);
}

/** "kring-gegevens-sam-2026-12-06.zip": the youth's name kept to plain letters. */
export function zipName(file: MapExport): string {
	const name = youthOf(file)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);
	return `kring-gegevens-${name || 'kaart'}-${file.exportedAt.slice(0, 10)}.zip`;
}
