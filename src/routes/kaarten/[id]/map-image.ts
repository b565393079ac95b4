import cytoscape from 'cytoscape';
import type * as Y from 'yjs';
import { bind } from '$lib/canvas/bind';
import { canvasStyle, zoomedStyle } from '$lib/canvas/style';
import type { Origin } from '$lib/doc/origin';
import { canvasLabels } from '$lib/i18n/labels';

/** About the width of an A4 page within its margins, in CSS pixels; drawn at twice that for print. */
const SIZE = 720;

/**
 * The netwerkcirkel as a PNG data URL, drawn the way the canvas draws it but off-screen, so it
 * does not depend on which view is open. Synchronous: it can run in `beforeprint`.
 */
export function mapImage(doc: Y.Doc, origin: Origin, youthName = ''): string {
	return drawOffscreen(doc, origin, youthName, (cy) => cy.png({ bg: '#ffffff', scale: 2 }));
}

/** The circle as PNG and as JPEG (for a PDF, which takes a JPEG as it is), drawn once. */
export function mapImages(doc: Y.Doc, origin: Origin, youthName = ''): { png: string; jpg: string } {
	return drawOffscreen(doc, origin, youthName, (cy) => ({ png: cy.png({ bg: '#ffffff', scale: 2 }), jpg: cy.jpg({ bg: '#ffffff', scale: 2, quality: 0.9 }) }));
}

function drawOffscreen<T>(doc: Y.Doc, origin: Origin, youthName: string, read: (cy: cytoscape.Core) => T): T {
	const box = document.createElement('div');
	box.setAttribute('aria-hidden', 'true');
	box.style.cssText = `position:fixed;left:${-4 * SIZE}px;top:0;width:${SIZE}px;height:${SIZE}px;`;
	document.body.append(box);
	const cy = cytoscape({ container: box, style: canvasStyle, autoungrabify: true, autounselectify: true, boxSelectionEnabled: false });
	const unbind = bind(cy, doc, { origin, readOnly: true, labels: canvasLabels(), youthName });
	try {
		// As on a phone: names keep a readable size once the whole circle fits the paper.
		cy.fit(undefined, 10);
		cy.style().fromJson([...canvasStyle, ...zoomedStyle(cy.zoom())]).update();
		cy.fit(undefined, 10);
		return read(cy);
	} finally {
		unbind();
		cy.destroy();
		box.remove();
	}
}
