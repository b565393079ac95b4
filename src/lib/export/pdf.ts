/**
 * A small PDF (1.4) of text and one JPEG picture, on A4, made in the browser with no renderer: the
 * standard Helvetica fonts (every PDF reader has them) in WinAnsi encoding, which holds Dutch
 * (é, ë, ï, ü …); a character it lacks is written as "?". Enough for the youth's map sheet, which a
 * server without a browser could not draw.
 */

export type PdfBlock =
	| { kind: 'title' | 'heading' | 'text' | 'item'; text: string }
	| { kind: 'image'; jpeg: Uint8Array; width: number; height: number; alt: string };

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 56;
const STYLE = {
	title: { font: 'F2', size: 18, gap: 10 },
	heading: { font: 'F2', size: 13, gap: 8 },
	text: { font: 'F1', size: 10.5, gap: 3 },
	item: { font: 'F1', size: 10.5, gap: 2 }
} as const;

/** Helvetica's average width per character is a little over half the size; wrap a little early. */
function wrap(text: string, size: number, width: number, indent: number): string[] {
	const perLine = Math.max(20, Math.floor((width - indent) / (size * 0.52)));
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		let line = '';
		for (const word of paragraph.split(/\s+/).filter(Boolean)) {
			const chunks = word.match(new RegExp(`.{1,${perLine}}`, 'gu')) ?? [word];
			for (const chunk of chunks) {
				if (line && line.length + 1 + chunk.length > perLine) {
					lines.push(line);
					line = chunk;
				} else line = line ? `${line} ${chunk}` : chunk;
			}
		}
		lines.push(line);
	}
	return lines;
}

const WIN_ANSI: Record<string, number> = {
	'€': 0x80,
	'‚': 0x82,
	ƒ: 0x83,
	'„': 0x84,
	'…': 0x85,
	'†': 0x86,
	'‡': 0x87,
	ˆ: 0x88,
	'‰': 0x89,
	Š: 0x8a,
	'‹': 0x8b,
	Œ: 0x8c,
	Ž: 0x8e,
	'‘': 0x91,
	'’': 0x92,
	'“': 0x93,
	'”': 0x94,
	'•': 0x95,
	'–': 0x96,
	'—': 0x97,
	'˜': 0x98,
	'™': 0x99,
	š: 0x9a,
	'›': 0x9b,
	œ: 0x9c,
	ž: 0x9e,
	Ÿ: 0x9f
};

/** A PDF string literal in WinAnsi bytes, as a binary string. */
function pdfString(text: string): string {
	let out = '(';
	for (const ch of text.normalize('NFC')) {
		const code = ch.codePointAt(0)!;
		let byte: number;
		if (code === 0x09 || code === 0x0a || code === 0x0d) byte = 0x20;
		else if (WIN_ANSI[ch] !== undefined) byte = WIN_ANSI[ch];
		else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) byte = code;
		else byte = 0x3f;
		if (byte === 0x28 || byte === 0x29 || byte === 0x5c) out += '\\';
		out += String.fromCharCode(byte);
	}
	return `${out})`;
}

function bytesOf(binary: string): Uint8Array {
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i) & 0xff;
	return out;
}

/** The pixel size of a JPEG, from its frame header; null when it is not a JPEG. */
export function jpegSize(jpeg: Uint8Array): { width: number; height: number } | null {
	if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) return null;
	let i = 2;
	while (i + 9 < jpeg.length) {
		if (jpeg[i] !== 0xff) return null;
		const marker = jpeg[i + 1];
		const length = (jpeg[i + 2] << 8) | jpeg[i + 3];
		// SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC).
		if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
			return { height: (jpeg[i + 5] << 8) | jpeg[i + 6], width: (jpeg[i + 7] << 8) | jpeg[i + 8] };
		}
		i += 2 + length;
	}
	return null;
}

/** The blocks laid out top to bottom on as many A4 pages as they need; the PDF's bytes. */
export function pdfDocument(blocks: readonly PdfBlock[], title: string): Uint8Array {
	const pages: string[][] = [[]];
	const images: { jpeg: Uint8Array; width: number; height: number }[] = [];
	let y = PAGE_H - MARGIN;
	const width = PAGE_W - 2 * MARGIN;
	const newPage = () => {
		pages.push([]);
		y = PAGE_H - MARGIN;
	};
	for (const block of blocks) {
		if (block.kind === 'image') {
			const scale = Math.min(width / block.width, (PAGE_H - 2 * MARGIN) / block.height);
			const w = block.width * scale;
			const h = block.height * scale;
			if (y - h < MARGIN) newPage();
			images.push(block);
			y -= h;
			pages[pages.length - 1].push(
				`q ${w.toFixed(2)} 0 0 ${h.toFixed(2)} ${((PAGE_W - w) / 2).toFixed(2)} ${y.toFixed(2)} cm /Im${images.length} Do Q`
			);
			y -= 12;
			continue;
		}
		const style = STYLE[block.kind];
		const indent = block.kind === 'item' ? 12 : 0;
		const lines = wrap(block.text, style.size, width, indent);
		if (block.kind === 'heading' && y - 4 * style.size < MARGIN) newPage();
		else if (block.kind === 'heading') y -= style.gap;
		lines.forEach((line, i) => {
			if (y - style.size * 1.3 < MARGIN) newPage();
			y -= style.size * 1.3;
			const bullet =
				block.kind === 'item' && i === 0 ? `BT /F1 ${style.size} Tf ${MARGIN} ${y.toFixed(2)} Td ${pdfString('•')} Tj ET ` : '';
			pages[pages.length - 1].push(
				`${bullet}BT /${style.font} ${style.size} Tf ${MARGIN + indent} ${y.toFixed(2)} Td ${pdfString(line)} Tj ET`
			);
		});
		y -= style.gap;
	}

	// Objects: 1 catalog, 2 pages, 3-4 fonts, 5 info, then images, then a page and its content each.
	const objects: (string | Uint8Array[])[] = [];
	const imageBase = 6;
	const pageBase = imageBase + images.length;
	const kids = pages.map((_, i) => `${pageBase + 2 * i} 0 R`).join(' ');
	objects.push('<< /Type /Catalog /Pages 2 0 R >>');
	objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`);
	objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
	objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
	objects.push(`<< /Title ${pdfString(title)} /Producer (Kring) >>`);
	for (const image of images) {
		objects.push([
			bytesOf(
				`<< /Type /XObject /Subtype /Image /Width ${image.width} /Height ${image.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${image.jpeg.length} >>\nstream\n`
			),
			image.jpeg,
			bytesOf('\nendstream')
		]);
	}
	const xobjects = images.map((_, i) => `/Im${i + 1} ${imageBase + i} 0 R`).join(' ');
	pages.forEach((ops, i) => {
		const content = ops.join('\n');
		objects.push(
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << ${xobjects} >> >> /Contents ${pageBase + 2 * i + 1} 0 R >>`
		);
		objects.push([bytesOf(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`)]);
	});

	const parts: Uint8Array[] = [bytesOf('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
	let offset = parts[0].length;
	const offsets: number[] = [];
	objects.forEach((object, i) => {
		offsets.push(offset);
		const body = typeof object === 'string' ? [bytesOf(object)] : object;
		const chunk = [bytesOf(`${i + 1} 0 obj\n`), ...body, bytesOf('\nendobj\n')];
		for (const c of chunk) {
			parts.push(c);
			offset += c.length;
		}
	});
	const xref = [
		'xref',
		`0 ${objects.length + 1}`,
		'0000000000 65535 f ',
		...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)
	].join('\n');
	parts.push(bytesOf(`${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${offset}\n%%EOF\n`));
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}
