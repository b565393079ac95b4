import { m } from '$lib/paraglide/messages.js';
import { docFromMap } from '$lib/doc/import';
import { localOrigin } from '$lib/doc/origin';
import { jpegSize } from '$lib/export/pdf';
import type { MapExport } from '$lib/export/format';
import { mapImages } from '../canvas/map-image';
import { exportZip, zipName, type Pictures } from './bundle';

/**
 * "Download mijn gegevens": the data comes from the sync server as the user (PocketBase's rules
 * decide, and PocketBase logs the export before it is sent); the browser adds what only a browser
 * draws (the circle, with Cytoscape, as PNG and as JPEG for the PDF), packs the ZIP and saves it.
 * The circle is drawn from the exported map itself, so the pictures show what kaart.json holds.
 */
export type DownloadResult = { ok: true; file: string } | { ok: false; message: string };

function bytesOfDataUrl(url: string): Uint8Array {
	const binary = atob(url.slice(url.indexOf(',') + 1));
	const out = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
	return out;
}

function pictures(file: MapExport): Pictures {
	const doc = docFromMap(file.current);
	try {
		const { png, jpg } = mapImages(doc, localOrigin('export'), file.current.centreName || file.map.youthName);
		const jpeg = bytesOfDataUrl(jpg);
		const size = jpegSize(jpeg);
		return { png: bytesOfDataUrl(png), jpeg: size ? { bytes: jpeg, ...size } : null };
	} catch (e) {
		// The ZIP still holds everything else; the PDF says the picture is missing.
		console.error('the map picture for the export failed', e);
		return { png: null, jpeg: null };
	} finally {
		doc.destroy();
	}
}

export async function downloadData(mapId: string): Promise<DownloadResult> {
	let response: Response;
	try {
		response = await fetch(`/sync-api/maps/${encodeURIComponent(mapId)}/export`, { credentials: 'same-origin', cache: 'no-store' });
	} catch {
		return { ok: false, message: m.export_failed() };
	}
	if (!response.ok)
		return {
			ok: false,
			message: response.status === 403 ? m.export_forbidden() : response.status === 401 ? m.login_expired() : m.export_failed()
		};
	const file = (await response.json()) as MapExport;
	const zip = exportZip(file, pictures(file));
	const name = zipName(file);
	const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return { ok: true, file: name };
}
