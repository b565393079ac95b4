// The HTTP side of versions, next to the sync endpoint because the live document is here:
//   POST /sync-api/maps/<map>/evaluations                   { note?, on? }  → 201 { version }
//   POST /sync-api/maps/<map>/versions/<version>/restore    {}              → 200 { version, before, restoredFrom }
//   GET  /sync-api/maps/<map>/people/<person>/names                         → 200 { names: [{ name, current, likely, words }] }
//   POST /sync-api/maps/<map>/people/<person>/erase         { names? }      → 200 { versions, unreadable, names }
// The user is known by their own PocketBase token (Authorization header or the pb_auth cookie) and
// checked as themselves against PocketBase, as at the websocket upgrade: a map they may not see is
// "not found" (404), and only the map's professional may do either (403). The version is then
// written as the service identity (versions.ts). Errors use PocketBase's shape
// {status, message, data} with a plain Dutch message and a `code` for the app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccess, clientAddress, requestToken, type Access, type Upstream } from './auth.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import { isDay } from '../../src/lib/doc/jim.ts';
import { NewerSchemaError } from '../../src/lib/doc/upgrade.ts';
import {
	CurrentNameMissingError,
	EraseIncompleteError,
	PersonNotFoundError,
	RestoreTooLargeError,
	RoomUnavailableError,
	UnknownNameError,
	VERSION_NOTE_MAX,
	VersionNotFoundError,
	VersionUnreadableError,
	type MapVersions
} from './versions.ts';
import { dutchDay } from './dutch-time.ts';

export const API_PREFIX = '/sync-api/';
const MAX_BODY_BYTES = 16 << 10;
/** An evaluation moment may be recorded late, but not a year late (a typo of a year). */
const MAX_DAYS_BACK = 366;
const RECORD_ID = '[a-z0-9]{15}';
const EVALUATIONS = new RegExp(`^/sync-api/maps/(${RECORD_ID})/evaluations$`);
const RESTORE = new RegExp(`^/sync-api/maps/(${RECORD_ID})/versions/([^/]+)/restore$`);
/** A person's id on the map (a uuid; the seed's are shorter): letters, digits and dashes. */
const ERASE = new RegExp(`^/sync-api/maps/(${RECORD_ID})/people/([A-Za-z0-9_-]{1,64})/erase$`);
const NAMES = new RegExp(`^/sync-api/maps/(${RECORD_ID})/people/([A-Za-z0-9_-]{1,64})/names$`);
/** A person has had a few names, not hundreds; each as long as a name field allows. */
const MAX_NAMES = 200;
const MAX_NAME_CHARS = 200;

export interface VersionApiDeps {
	pocketbase: Upstream;
	allowedOrigins?: string[];
	log: Log;
	/** Writes what the professional did to the map's access log (NEN 7513). */
	logAccess(entry: {
		map: string;
		user: string;
		user_name: string;
		action: 'evaluation' | 'restore' | 'erase' | 'history';
		address: string;
	}): Promise<void>;
	/** The map's loaded room, held loaded until `release`; null while the server shuts down. */
	acquire(mapId: string): { room: Room; versions: MapVersions; release: () => void } | null;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** For 405: the method this path takes. */
		readonly allow?: string
	) {
		super(message);
	}
}

export const NOT_FOUND = () => new ApiError(404, 'map-not-found', 'Deze kaart bestaat niet, of je mag hem niet zien.');
export const UNAVAILABLE = () => new ApiError(503, 'unavailable', 'Kring kan dit nu niet doen. Probeer het zo opnieuw.');

/** Handles a request under /sync-api/; returns false (and does nothing) for any other path. */
export function createVersionApi(deps: VersionApiDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
	return (req, res) => {
		const path = pathOf(req.url);
		if (path === null || !path.startsWith(API_PREFIX)) return false;
		answer(res, route(req, path), deps.log, 'version request failed', 'Er ging iets mis. Er is niets veranderd.');
		return true;
	};

	async function route(req: IncomingMessage, path: string): Promise<{ status: number; body: unknown }> {
		const evaluation = EVALUATIONS.exec(path);
		const restore = RESTORE.exec(path);
		const erase = ERASE.exec(path);
		const names = NAMES.exec(path);
		if (!evaluation && !restore && !erase && !names) throw new ApiError(404, 'not-found', 'Deze pagina bestaat niet.');
		const method = names ? 'GET' : 'POST';
		if (req.method !== method) throw new ApiError(405, 'method-not-allowed', `Alleen ${method}.`, method);
		const mapId = (evaluation ?? restore ?? erase ?? names)![1];
		const origin = req.headers.origin;
		if (origin && deps.allowedOrigins && !deps.allowedOrigins.includes(origin)) {
			throw new ApiError(403, 'foreign-origin', 'Dit verzoek komt niet van Kring zelf.');
		}
		const { userId, userName, closed } = await professionalOf(req, mapId);
		// A closed map is kept as it is; erasing a person stays possible (the right to erasure).
		if (closed && (evaluation || restore)) {
			throw new ApiError(409, 'map-closed', 'Deze kaart is afgesloten. Er kan niets meer aan veranderen.');
		}
		if (names) {
			const found = await withRoom(mapId, (v) => v.names(names[2]));
			// Every name the person had, from every version: a reading of the map's history, logged
			// before it is sent (as PocketBase does for a list of versions); not sent when it cannot be.
			await deps
				.logAccess({ map: mapId, user: userId, user_name: userName, action: 'history', address: clientAddress(req) })
				.catch((err: unknown) => {
					deps.log('error', 'access log not written', { mapId, userId, action: 'history', ...errorSummary(err) });
					throw UNAVAILABLE();
				});
			return { status: 200, body: { names: found } };
		}
		const body = await readJson(req);
		// Done is done: a log that cannot be written is said in the server's log, not undone.
		const logAccess = (action: 'evaluation' | 'restore' | 'erase') =>
			deps.logAccess({ map: mapId, user: userId, user_name: userName, action, address: clientAddress(req) }).catch((err: unknown) => {
				deps.log('error', 'access log not written', { mapId, userId, action, ...errorSummary(err) });
			});

		if (evaluation) {
			const { note, on } = evaluationInput(body);
			const version = await withRoom(mapId, (v) => v.evaluation(note, on, userName));
			deps.log('info', 'evaluation moment made', { mapId, userId, versionId: version.id });
			await logAccess('evaluation');
			return { status: 201, body: { version } };
		}
		if (erase) {
			const chosen = chosenNames(body);
			const result = await withRoom(mapId, (v) => v.erase(erase[2], chosen));
			deps.log('info', 'person erased by user', { mapId, userId, versions: result.versions });
			await logAccess('erase');
			return { status: 200, body: result };
		}
		expectFields(body, []);
		const versionId = restore![2];
		const result = await withRoom(mapId, (v) => v.restore(versionId, userName));
		deps.log('info', 'version restored by user', { mapId, userId, from: versionId, versionId: result.version.id });
		await logAccess('restore');
		return { status: 200, body: result };
	}

	/** The user's id and name when they are the map's professional; otherwise the matching refusal. */
	async function professionalOf(req: IncomingMessage, mapId: string): Promise<{ userId: string; userName: string; closed: boolean }> {
		const access = await userAccess(deps, req, mapId);
		if (access.role !== 'professional') {
			throw new ApiError(403, 'forbidden', 'Alleen de hulpverlener van deze kaart kan dit doen.');
		}
		return { userId: access.userId, userName: access.userName, closed: access.closed };
	}

	async function withRoom<T>(mapId: string, work: (versions: MapVersions) => Promise<T>): Promise<T> {
		const held = deps.acquire(mapId);
		if (!held) throw UNAVAILABLE();
		try {
			if (!(await held.room.whenReady())) throw UNAVAILABLE();
			return await work(held.versions);
		} catch (err) {
			if (err instanceof VersionNotFoundError)
				throw new ApiError(404, 'version-not-found', 'Deze versie bestaat niet (meer) bij deze kaart.');
			if (err instanceof VersionUnreadableError)
				throw new ApiError(409, 'version-unreadable', 'Deze versie kan niet worden teruggezet: ze is niet compleet.');
			if (err instanceof NewerSchemaError)
				throw new ApiError(409, 'version-too-new', 'Deze versie is gemaakt met een nieuwere Kring en kan hier niet worden teruggezet.');
			if (err instanceof RoomUnavailableError) throw UNAVAILABLE();
			if (err instanceof PersonNotFoundError)
				throw new ApiError(404, 'person-not-found', 'Deze persoon staat niet op de kaart en in geen enkele versie.');
			if (err instanceof UnknownNameError)
				throw new ApiError(400, 'unknown-name', 'Een van de gekozen namen is geen naam die deze persoon had. Er is niets veranderd.');
			if (err instanceof CurrentNameMissingError) {
				throw new ApiError(
					400,
					'current-name-missing',
					'De naam die deze persoon nu heeft, wordt altijd gewist. Kies die ook. Er is niets veranderd.'
				);
			}
			if (err instanceof EraseIncompleteError) {
				throw new ApiError(
					500,
					'erase-incomplete',
					'De persoon is gewist uit de kaart en alle versies, maar nog niet uit alle tips en uitnodigingen. Meld dit bij de beheerder.'
				);
			}
			if (err instanceof RestoreTooLargeError) {
				throw new ApiError(
					413,
					'map-too-large',
					'Deze versie kan niet worden teruggezet: de kaart zou dan te groot worden om te bewaren. Er is niets veranderd.'
				);
			}
			throw err;
		} finally {
			held.release();
		}
	}
}

/** Who asks, in which role, when PocketBase lets them see the map (as themselves); otherwise the matching refusal. */
export async function userAccess(
	deps: Pick<VersionApiDeps, 'pocketbase' | 'log'>,
	req: IncomingMessage,
	mapId: string
): Promise<Extract<Access, { ok: true }>> {
	const token = requestToken(req);
	if (!token) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
	let access: Access;
	try {
		access = await checkAccess(deps.pocketbase, mapId, token, clientAddress(req));
	} catch (err) {
		deps.log('error', 'access check failed', { mapId, ...errorSummary(err) });
		throw UNAVAILABLE();
	}
	if (!access.ok) {
		if (access.status === 401) throw new ApiError(401, 'unauthorized', 'Log eerst in.');
		if (access.status === 503) throw UNAVAILABLE();
		throw NOT_FOUND();
	}
	return access;
}

export function pathOf(rawUrl: string | undefined): string | null {
	try {
		return new URL(rawUrl ?? '/', 'http://localhost').pathname;
	} catch {
		return null;
	}
}

/** Sends what `work` answers, or its refusal in PocketBase's error shape (500, in `failed`'s words, for anything unforeseen). */
export function answer(
	res: ServerResponse,
	work: Promise<{ status: number; body: unknown }>,
	log: Log,
	what: string,
	failed: string
): void {
	work
		.then(({ status, body }) => reply(res, status, body))
		.catch((err: unknown) => {
			if (err instanceof ApiError) {
				reply(res, err.status, { status: err.status, code: err.code, message: err.message, data: {} }, err.allow);
				return;
			}
			log('error', what, errorSummary(err));
			reply(res, 500, { status: 500, code: 'failed', message: failed, data: {} });
		});
}

/** Sends `body` as JSON, or as it is when it is bytes (a map's Yjs state). Never cached: it is about a youth. */
export function reply(res: ServerResponse, status: number, body: unknown, allow?: string): void {
	if (res.headersSent) return;
	const bytes = body instanceof Uint8Array;
	const payload = bytes ? body : JSON.stringify(body);
	res.writeHead(status, {
		'content-type': bytes ? 'application/octet-stream' : 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(payload),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...(allow ? { allow } : {})
	});
	res.end(payload);
}

/** The JSON object in the body ({} when empty). Only JSON: a form on another site cannot send it. */
export async function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Record<string, unknown>> {
	const type = String(req.headers['content-type'] ?? '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (type !== 'application/json') throw new ApiError(415, 'json-only', 'Stuur dit als JSON (Content-Type: application/json).');
	if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw new ApiError(413, 'too-large', 'Dit verzoek is te groot.');
	// Read to the end (past the limit only counted), so the answer can still be sent on this socket.
	const text = await new Promise<string | null>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.byteLength;
			if (size <= maxBytes) chunks.push(chunk);
		});
		req.once('end', () => resolve(size > maxBytes ? null : Buffer.concat(chunks).toString('utf8')));
		req.once('error', reject);
	});
	if (text === null) throw new ApiError(413, 'too-large', 'Dit verzoek is te groot.');
	if (text.trim() === '') return {};
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new ApiError(400, 'invalid-json', 'Dit verzoek is geen geldige JSON.');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'invalid-json', 'Stuur een JSON-object.');
	return body as Record<string, unknown>;
}

export function expectFields(body: Record<string, unknown>, allowed: string[]): void {
	const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
	if (unknown.length > 0) throw new ApiError(400, 'unknown-field', `Onbekend veld: ${unknown.join(', ')}.`);
}

/** The names to scrub in an erasure, as the check showed them; undefined: what the check proposes. */
function chosenNames(body: Record<string, unknown>): string[] | undefined {
	expectFields(body, ['names']);
	if (body.names === undefined) return undefined;
	const names = body.names;
	if (!Array.isArray(names) || names.length > MAX_NAMES || !names.every((n) => typeof n === 'string' && n.length <= MAX_NAME_CHARS)) {
		throw new ApiError(400, 'invalid-names', 'Stuur de namen als een lijst met tekst.');
	}
	return names as string[];
}

/** The note (trimmed, at most 2000 characters) and the day of the evaluation (today unless given). */
function evaluationInput(body: Record<string, unknown>): { note: string; on: string } {
	expectFields(body, ['note', 'on']);
	const rawNote = body.note ?? '';
	if (typeof rawNote !== 'string') throw new ApiError(400, 'invalid-note', 'De notitie moet tekst zijn.');
	const note = rawNote.normalize('NFC').trim();
	if ([...note].length > VERSION_NOTE_MAX) {
		throw new ApiError(400, 'note-too-long', `De notitie is te lang: hoogstens ${VERSION_NOTE_MAX} tekens.`);
	}
	const today = dutchDay();
	const on = body.on === undefined || body.on === null || body.on === '' ? today : body.on;
	if (!isDay(on)) throw new ApiError(400, 'invalid-date', 'Geef de datum als JJJJ-MM-DD.');
	const earliest = dutchDay(new Date(Date.now() - MAX_DAYS_BACK * 86_400_000));
	if (on > today) throw new ApiError(400, 'date-in-future', 'Een evaluatiemoment kan niet in de toekomst liggen.');
	if (on < earliest) throw new ApiError(400, 'date-too-early', 'Deze datum is meer dan een jaar geleden.');
	return { note, on };
}
