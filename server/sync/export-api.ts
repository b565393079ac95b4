// "Download mijn gegevens" and its way back, next to the sync endpoint because the live map is here:
//   GET  /sync-api/maps/<map>/export                                        → 200 MapExport (src/lib/export/format.ts)
//   POST /sync-api/imports  { formatVersion, team, youthName, youthBirthdate, current } → 201 { map }
// Everything is read and made as the user, with their own token, so PocketBase's API rules decide:
// the map, its versions and its access log come from PocketBase as the user; the export is written
// to the access log by PocketBase (POST /api/kring/maps/<map>/exported) before anything is sent, and
// a new map is created as the user (the maps create rule: a professional of the team). Only the
// live map's projection and the write of an imported map use the room this server holds.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { ClientResponseError } from 'pocketbase';
import { clientAddress, requestToken, userClient, type Upstream } from './auth.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import { answer, ApiError, expectFields, pathOf, readJson, UNAVAILABLE, userAccess } from './version-api.ts';
import { project } from '../../src/lib/doc/projection.ts';
import { checkImportedMap, docFromMap, ImportError, isEmptyMap, writeImported } from '../../src/lib/doc/import.ts';
import { IMPORT_ORIGIN } from '../../src/lib/doc/origin.ts';
import { YOUTH_NAME_MAX, type MapJson } from '../../src/lib/doc/schema.ts';
import {
	EXPORT_FORMAT,
	EXPORT_FORMAT_VERSION,
	type ExportedAccess,
	type ExportedVersion,
	type MapExport
} from '../../src/lib/export/format.ts';

const RECORD_ID = '[a-z0-9]{15}';
const EXPORT = new RegExp(`^/sync-api/maps/(${RECORD_ID})/export$`);
const IMPORTS = '/sync-api/imports';
/** An export's map of now: a map is at most 4 MiB as Yjs, its JSON somewhat more. */
const MAX_IMPORT_BYTES = 8 << 20;
/** The youth (their file) and the map's professional (the dossier): as PocketBase's export route decides too. */
const EXPORT_ROLES = ['youth', 'professional'];

export interface ExportApiDeps {
	pocketbase: Upstream;
	allowedOrigins?: string[];
	log: Log;
	/** The map's loaded room, held loaded until `release`; null while the server shuts down. */
	acquire(mapId: string): { room: Room; release: () => void } | null;
}

/** Handles the export and import paths; returns false (and does nothing) for any other path. */
export function createExportApi(deps: ExportApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
	return (req, res) => {
		const path = pathOf(req.url);
		const exporting = path === null ? null : EXPORT.exec(path);
		if (!exporting && path !== IMPORTS) return false;
		const work = async () => {
			const origin = req.headers.origin;
			if (origin && deps.allowedOrigins && !deps.allowedOrigins.includes(origin)) {
				throw new ApiError(403, 'foreign-origin', 'Dit verzoek komt niet van Kring zelf.');
			}
			const method = exporting ? 'GET' : 'POST';
			if (req.method !== method) throw new ApiError(405, 'method-not-allowed', `Alleen ${method}.`, method);
			return exporting ? { status: 200, body: await exportMap(req, exporting[1]) } : { status: 201, body: await importMap(req) };
		};
		answer(res, work(), deps.log, 'export request failed', 'Er ging iets mis. Probeer het later nog eens.');
		return true;
	};

	function asUser(req: IncomingMessage) {
		const token = requestToken(req);
		if (!token) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
		return userClient(deps.pocketbase, token, clientAddress(req));
	}

	async function liveProjection(mapId: string): Promise<MapJson> {
		const held = deps.acquire(mapId);
		if (!held) throw UNAVAILABLE();
		try {
			if (!(await held.room.whenReady())) throw UNAVAILABLE();
			return project(held.room.doc);
		} finally {
			held.release();
		}
	}

	async function exportMap(req: IncomingMessage, mapId: string): Promise<MapExport> {
		const access = await userAccess(deps, req, mapId);
		if (!EXPORT_ROLES.includes(access.role)) {
			throw new ApiError(403, 'forbidden', 'Alleen de jongere en de hulpverlener van deze kaart kunnen de gegevens downloaden.');
		}
		const pb = asUser(req);
		const byMap = pb.filter('map = {:map}', { map: mapId });
		const upstream = <T>(p: Promise<T>) =>
			p.catch((err: unknown) => {
				deps.log('error', 'export read failed', { mapId, ...errorSummary(err) });
				throw UNAVAILABLE();
			});
		const [record, versions, current] = await Promise.all([
			upstream(pb.collection('maps').getOne(mapId, { fields: 'id,youth_name,youth_birthdate' })),
			upstream(
				pb
					.collection('map_versions')
					.getFullList({ filter: byMap, sort: 'taken_at,created', fields: 'id,kind,note,taken_at,evaluated_on,made_by_name,projection' })
			),
			liveProjection(mapId)
		]);
		// Written before anything leaves: an export that cannot be logged is not sent (NEN 7513).
		await upstream(pb.send(`/api/kring/maps/${encodeURIComponent(mapId)}/exported`, { method: 'POST', body: { what: 'map' } }));
		const log = await upstream(
			pb.collection('access_log').getFullList({ filter: byMap, sort: '-created', fields: 'created,user_name,role,action,detail' })
		);
		deps.log('info', 'map exported', { mapId, userId: access.userId, versions: versions.length });
		return {
			format: EXPORT_FORMAT,
			formatVersion: EXPORT_FORMAT_VERSION,
			exportedAt: new Date().toISOString(),
			exportedBy: { name: access.userName, role: access.role },
			map: {
				id: mapId,
				youthName: String(record.youth_name ?? ''),
				youthBirthdate: String(record.youth_birthdate ?? '').slice(0, 10) || null
			},
			current,
			versions: versions.map((v): ExportedVersion => ({
				id: v.id,
				kind: String(v.kind ?? ''),
				note: String(v.note ?? ''),
				takenAt: isoOf(v.taken_at),
				evaluatedOn: String(v.evaluated_on ?? '').slice(0, 10) || null,
				madeByName: String(v.made_by_name ?? ''),
				projection: v.projection && typeof v.projection === 'object' ? (v.projection as MapJson) : null
			})),
			accessLog: log.map((row): ExportedAccess => ({
				at: isoOf(row.created),
				name: String(row.user_name ?? ''),
				role: String(row.role ?? ''),
				action: String(row.action ?? ''),
				detail: String(row.detail ?? '')
			}))
		};
	}

	async function importMap(req: IncomingMessage): Promise<{ map: string }> {
		const pb = asUser(req);
		const body = await readJson(req, MAX_IMPORT_BYTES);
		expectFields(body, ['formatVersion', 'team', 'youthName', 'youthBirthdate', 'current']);
		if (body.formatVersion !== EXPORT_FORMAT_VERSION) {
			throw new ApiError(400, 'not-an-export', 'Dit bestand is geen export van Kring die deze versie kan lezen.');
		}
		const team = body.team;
		if (typeof team !== 'string' || !/^[a-z0-9]{15}$/.test(team)) throw new ApiError(400, 'invalid-team', 'Kies een team.');
		const youthName = typeof body.youthName === 'string' ? body.youthName.trim() : '';
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		if (!youthName || youthName.length > YOUTH_NAME_MAX || /[\u0000-\u001f\u007f]/.test(youthName)) {
			throw new ApiError(400, 'invalid-file', 'Dit bestand kan niet worden ingelezen: de naam van de jongere ontbreekt of is te lang.');
		}
		const birthdate = body.youthBirthdate;
		if (birthdate !== null && birthdate !== undefined && (typeof birthdate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthdate))) {
			throw new ApiError(400, 'invalid-file', 'Dit bestand kan niet worden ingelezen: de geboortedatum klopt niet.');
		}
		let imported: Y.Doc;
		try {
			imported = docFromMap(checkImportedMap(body.current));
		} catch (err) {
			if (!(err instanceof ImportError)) throw err;
			// The place in the file (schema names and indexes only) and why: what the professional needs to know.
			throw new ApiError(400, 'invalid-file', `Dit bestand kan niet worden ingelezen: ${err.where} ${err.why}. Er is niets gemaakt.`);
		}
		let mapId: string;
		try {
			const created = await pb
				.collection('maps')
				.create({ team, youth_name: youthName, ...(birthdate ? { youth_birthdate: `${birthdate} 00:00:00.000Z` } : {}) }, { fields: 'id' });
			mapId = created.id;
		} catch (err) {
			const status = err instanceof ClientResponseError ? err.status : 0;
			if (status === 401) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
			if (status >= 400 && status < 500) throw new ApiError(403, 'forbidden', 'Je kunt in dit team geen kaart maken.');
			deps.log('error', 'import: map not created', errorSummary(err));
			throw UNAVAILABLE();
		}
		const held = deps.acquire(mapId);
		if (!held) throw UNAVAILABLE();
		try {
			if (!(await held.room.whenReady())) throw UNAVAILABLE();
			const room = held.room;
			if (!isEmptyMap(project(room.doc))) throw new ApiError(409, 'map-not-new', 'Deze kaart is niet meer nieuw.');
			const copy = new Y.Doc({ gc: true });
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
			const before = Y.encodeStateVector(copy);
			writeImported(copy, imported);
			const change = Y.encodeStateAsUpdate(copy, before);
			copy.destroy();
			if (!room.accepts(change)) throw new ApiError(413, 'map-too-large', 'Deze kaart is te groot om in te lezen.');
			Y.applyUpdate(room.doc, change, IMPORT_ORIGIN);
			if (!(await room.flush())) deps.log('warn', 'import not yet stored', { mapId });
		} finally {
			imported.destroy();
			held.release();
		}
		deps.log('info', 'map imported', { mapId });
		return { map: mapId };
	}
}

/** A PocketBase date ("2026-11-25 05:49:56.123Z") as ISO; '' when unset. */
function isoOf(value: unknown): string {
	const text = String(value ?? '');
	return text ? text.replace(' ', 'T') : '';
}
