/**
 * "Download mijn gegevens": what the sync server sends for a map's export (GET
 * /sync-api/maps/<map>/export) and what kaart.json in the ZIP holds. Plain TypeScript, shared by
 * the sync server, the browser (which adds the pictures, the PDF and the CSV) and the import.
 */
import type { MapJson } from '../doc/schema.ts';

export const EXPORT_FORMAT = 'kring-export';
export const EXPORT_FORMAT_VERSION = 1;

export interface ExportedVersion {
	id: string;
	kind: string;
	note: string;
	takenAt: string;
	evaluatedOn: string | null;
	madeByName: string;
	/** The map as it was; null when the version holds none. */
	projection: MapJson | null;
}

export interface ExportedAccess {
	/** ISO time. */
	at: string;
	name: string;
	role: string;
	action: string;
	detail: string;
}

export interface MapExport {
	format: typeof EXPORT_FORMAT;
	formatVersion: typeof EXPORT_FORMAT_VERSION;
	/** When the server made it (ISO). */
	exportedAt: string;
	/** Who asked for it (the server knows, from the token). */
	exportedBy: { name: string; role: string };
	map: { id: string; youthName: string; youthBirthdate: string | null };
	/** The live map at the moment of the export. */
	current: MapJson;
	/** Every version, oldest first. */
	versions: ExportedVersion[];
	/** The access log, newest first, this export included. */
	accessLog: ExportedAccess[];
}

/** What an import sends of an export file: the map of now and the youth's name and birth date. */
export interface ImportRequest {
	formatVersion: unknown;
	team: string;
	youthName: string;
	youthBirthdate: string | null;
	current: unknown;
}

/** The parts of an export file an import needs; null when the text is not a Kring export. */
export function importRequestOf(text: string, team: string): ImportRequest | null {
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		return null;
	}
	if (!file || typeof file !== 'object') return null;
	const f = file as Partial<MapExport>;
	if (f.format !== EXPORT_FORMAT || !f.map || typeof f.map !== 'object') return null;
	return {
		formatVersion: f.formatVersion,
		team,
		youthName: typeof f.map.youthName === 'string' ? f.map.youthName : '',
		youthBirthdate: typeof f.map.youthBirthdate === 'string' ? f.map.youthBirthdate : null,
		current: f.current
	};
}
