import cytoscape, { type Core } from 'cytoscape';
import type * as Y from 'yjs';
import { page } from '$app/state';
import { bind } from '$lib/canvas/bind';
import { rescale } from '$lib/canvas/draw';
import { fitCircle } from '$lib/canvas/mount';
import { scaleFor } from '$lib/canvas/scale';
import { canvasStyle } from '$lib/canvas/style';
import type { Origin } from '$lib/doc/origin';
import { canvasLabels } from '$lib/i18n/labels';

/** About the width of an A4 page within its margins, in CSS pixels; drawn at twice that for print. */
const SIZE = 720;

/** The youth's name for a map whose centre has none yet (a new map): the map's own youth name. */
function youthNameOfPage(): string {
	const map = page.data.map as { youthName?: string } | undefined;
	return map?.youthName ?? '';
}

/**
 * Draws the netwerkcirkel off-screen, the way the canvas draws it, so it does not depend on which
 * view is open, and hands the instance to `use`. Synchronous.
 */
function offscreen<T>(doc: Y.Doc, origin: Origin, youthName: string, use: (cy: Core) => T): T {
	const box = document.createElement('div');
	box.setAttribute('aria-hidden', 'true');
	box.style.cssText = `position:fixed;left:${-4 * SIZE}px;top:0;width:${SIZE}px;height:${SIZE}px;`;
	document.body.append(box);
	const cy = cytoscape({
		container: box,
		style: canvasStyle,
		autoungrabify: true,
		autounselectify: true,
		boxSelectionEnabled: false,
		minZoom: 0.05
	});
	// No buttons lie over a picture: the whole canvas is free for names.
	rescale(cy, { ...scaleFor(SIZE, SIZE), reserved: [] });
	const unbind = bind(cy, doc, { origin, readOnly: true, labels: canvasLabels(), youthName });
	try {
		fitCircle(cy);
		return use(cy);
	} finally {
		unbind();
		cy.destroy();
		box.remove();
	}
}

/** The netwerkcirkel as a PNG data URL, for print. Synchronous: it can run in `beforeprint`. */
export function mapImage(doc: Y.Doc, origin: Origin, youthName = youthNameOfPage()): string {
	return offscreen(doc, origin, youthName, (cy) => cy.png({ bg: '#ffffff', scale: 2 }));
}

/** The circle as PNG and as JPEG (for a PDF, which takes a JPEG as it is), drawn once. */
export function mapImages(doc: Y.Doc, origin: Origin, youthName = youthNameOfPage()): { png: string; jpg: string } {
	return offscreen(doc, origin, youthName, (cy) => ({
		png: cy.png({ bg: '#ffffff', scale: 2 }),
		jpg: cy.jpg({ bg: '#ffffff', scale: 2, quality: 0.9 })
	}));
}

/** What the exported picture shows: the centre's name and everyone's labels, for checks and tests. */
export interface SavedImage {
	blob: Blob;
	fileName: string;
	labels: string[];
	how: 'shared' | 'downloaded' | 'cancelled';
}

/** A file name from the youth's name: "netwerkcirkel-sam.png". */
export function imageFileName(youthName: string): string {
	const slug = youthName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `netwerkcirkel${slug ? `-${slug}` : ''}.png`;
}

/**
 * "Bewaar als afbeelding": the circle as a PNG (Cytoscape's own export), shared through the
 * phone's share sheet where it can share files (Web Share API), else downloaded.
 */
export async function saveMapImage(doc: Y.Doc, origin: Origin, youthName = youthNameOfPage()): Promise<SavedImage> {
	const { blob, labels } = offscreen(doc, origin, youthName, (cy) => ({
		blob: cy.png({ output: 'blob', bg: '#ffffff', scale: 2 }),
		labels: cy.nodes('.centre, .person').map((n) => String(n.data('label') ?? ''))
	}));
	const fileName = imageFileName(youthName);
	const file = new File([blob], fileName, { type: 'image/png' });
	const saved = { blob, fileName, labels };
	(window as Window & { __kringLastImage?: Omit<SavedImage, 'how'> }).__kringLastImage = saved;
	if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
		try {
			await navigator.share({ files: [file], title: fileName });
			return { ...saved, how: 'shared' };
		} catch (err) {
			// The user closed the share sheet: nothing to do. Any other failure: download instead.
			if (err instanceof DOMException && err.name === 'AbortError') return { ...saved, how: 'cancelled' };
		}
	}
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
	return { ...saved, how: 'downloaded' };
}
