// Versions of a map: when checkpoints of its live document are kept (version-store.ts writes them
// to PocketBase). Kept automatically when a session ends and every versionIntervalMs while one
// lasts, but never when the content is the same as the last version's; kept on purpose as an
// evaluation moment; and kept after a restore or an erasure. The sync server holds the live
// document, so versions are taken here, as the service identity; who may ask for an evaluation
// moment or a restore is checked in version-api.ts.
import * as Y from 'yjs';
import { project } from '../../src/lib/doc/projection.ts';
import { restoreContent, versionDoc } from '../../src/lib/doc/restore.ts';
import type { MapJson } from '../../src/lib/doc/schema.ts';
import { ERASE_ORIGIN, EVALUATION_ORIGIN, RESTORE_ORIGIN } from '../../src/lib/doc/origin.ts';
import { erasePerson, markErased, namesOfPerson } from '../../src/lib/doc/erase.ts';
import { readPeople } from '../../src/lib/doc/people.ts';
import { looksLikeName, nameWords, scrubNames } from '../../src/lib/doc/scrub.ts';
import { recordEvaluationHeld } from '../../src/lib/doc/plan.ts';
import { NewerSchemaError } from '../../src/lib/doc/upgrade.ts';
import { errorSummary, type Log } from './log.ts';
import type { Room } from './room.ts';
import { dutchDate } from './dutch-time.ts';
import type { NewVersion, VersionInfo, VersionStore } from './version-store.ts';

export const DEFAULT_VERSION_INTERVAL_MS = 15 * 60_000;
export const VERSION_NOTE_MAX = 2000;

/** JSON with object keys sorted, so two projections compare by content (PocketBase reorders keys). */
export function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, v: unknown) => {
		if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
		const sorted: Record<string, unknown> = {};
		for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
		return sorted;
	});
}

/**
 * Nothing anyone drew or wrote yet: no version is kept of it. The plan's dates do not count: the
 * server gives every new map its start day when it first loads it (startPlanOn).
 */
function isEmptyMap(map: MapJson): boolean {
	const plan = map.plan;
	return (
		map.people.length === 0 &&
		map.ties.length === 0 &&
		(map.jim ?? []).length === 0 &&
		(!plan || (plan.goals.length === 0 && plan.agreements.length === 0 && plan.questions.length === 0))
	);
}

/** An old version's document; a schema newer than this server's is refused as it is (NewerSchemaError). */
function readVersion(state: Uint8Array): Y.Doc {
	// Without a state, a restore would empty the map.
	if (state.byteLength === 0) throw new VersionUnreadableError('no state');
	try {
		return versionDoc(state);
	} catch (err) {
		if (err instanceof NewerSchemaError) throw err;
		throw new VersionUnreadableError(err instanceof Error ? err.name : 'unknown');
	}
}

/** A stored state as it is (not upgraded: it is written back), or null when it does not decode. */
function rawVersionDoc(state: Uint8Array): Y.Doc | null {
	if (state.byteLength === 0) return null;
	const doc = new Y.Doc({ gc: true });
	try {
		Y.applyUpdateV2(doc, state);
		return doc;
	} catch {
		doc.destroy();
		return null;
	}
}

/** What the check proposes when nobody chose: the name they have now and every older one that looks like a name. */
function proposed(had: { names: string[]; current: string | null }): string[] {
	return had.names.filter((n) => n === had.current || looksLikeName(n));
}

/** The chosen names, each once, when they are all the person's and hold the one they have now. */
function checkChosen(had: { names: string[]; current: string | null }, chosen: readonly string[]): string[] {
	const known = new Map(had.names.map((n) => [n.normalize('NFC'), n]));
	const picked = new Set<string>();
	for (const raw of chosen) {
		const name = known.get(raw.normalize('NFC'));
		if (name === undefined) throw new UnknownNameError();
		picked.add(name);
	}
	if (had.current !== null && !picked.has(had.current)) throw new CurrentNameMissingError();
	return had.names.filter((n) => picked.has(n));
}

/** PocketBase dates read "2025-03-12 10:00:00.000Z". */
function parseDate(value: string): Date {
	return new Date(value.replace(' ', 'T'));
}

export class VersionNotFoundError extends Error {}
/** The version has no state, or one that does not decode: it cannot be put back. */
export class VersionUnreadableError extends Error {}
/** The room stopped (server shutdown) or could not load: try again later. */
export class RoomUnavailableError extends Error {}
/** Putting the old version back would take the map past the size limit; nothing was written. */
export class RestoreTooLargeError extends Error {}
/** The person to erase is on neither the map nor any of its versions. */
export class PersonNotFoundError extends Error {}

export interface EraseResult {
	/** Versions whose content changed (the person or one of their names was in them). */
	versions: number;
	/** Versions without a readable state: their note was cleaned, their content could not be. */
	unreadable: number;
	/** The names that were scrubbed. */
	names: string[];
}

/** A name a person had on the map or in a version, as the check before an erasure shows it. */
export interface PersonName {
	name: string;
	/** The name they have now (on the live map, else in the newest version): always scrubbed. */
	current: boolean;
	/** It looks like a name (not a few everyday words): proposed for scrubbing. */
	likely: boolean;
	/** The words scrubbing replaces wherever they stand. */
	words: string[];
}

/** A name chosen for an erasure that the person never had. */
export class UnknownNameError extends Error {}
/** The names chosen for an erasure leave out the one the person has now. */
export class CurrentNameMissingError extends Error {}
/** The map and its versions are erased, but the tips or invitations could not all be scrubbed. */
export class EraseIncompleteError extends Error {}

export interface RestoreResult {
	/** The version put back. */
	restoredFrom: VersionInfo;
	/** Today's content, kept before it was replaced (null when the last version already held it). */
	before: VersionInfo | null;
	/** The version of the map as it is after the restore. */
	version: VersionInfo;
}

/**
 * The versions of one loaded map. Everything it does runs one at a time (a session's end, the
 * interval, an evaluation moment, a restore), so no two of them interleave their writes.
 */
export class MapVersions {
	/** Canonical JSON of the last version's projection; undefined until asked from PocketBase. */
	private last: string | null | undefined = undefined;
	/** The document changed since the last comparison (true at first: it is not known yet). */
	private dirty = true;
	/** Someone changed the document since it was loaded (not its load, not the server's upgrade). */
	private edited = false;
	private queue: Promise<unknown> = Promise.resolve();
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly room: Room,
		private readonly store: VersionStore,
		private readonly log: Log,
		intervalMs: number
	) {
		this.timer = setInterval(() => void this.duringSession(), intervalMs);
		this.timer.unref();
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/**
	 * The last client left: keep a version if the content changed. When the server stops, all
	 * sessions end at once and most clients come straight back: a map nobody changed since it was
	 * loaded keeps no version then (the next session's end compares it with the last version), and
	 * one that was changed keeps one without asking PocketBase for the last version first.
	 */
	sessionEnded(opts: { shutdown?: boolean } = {}): Promise<VersionInfo | null> {
		return this.serially(() => this.keepIfChanged(opts.shutdown ? 'shutdown' : 'session-end'));
	}

	/**
	 * An evaluation moment: always a version, with the professional's note and the day of the
	 * evaluation. The plan notes the day too (live, for everyone on the map), so its next
	 * evaluation date counts from it, as the team's dashboard does.
	 */
	evaluation(note: string, on: string, madeBy: string): Promise<VersionInfo> {
		return this.serially(async () => {
			if (!(await this.room.whenReady())) throw new RoomUnavailableError();
			recordEvaluationHeld(this.room.doc, on, EVALUATION_ORIGIN);
			if (!(await this.room.flush())) this.log('warn', 'evaluation day not yet stored', { mapId: this.room.mapId });
			const info = await this.keep({ kind: 'evaluation', note, evaluatedOn: on, madeBy });
			this.log('info', 'evaluation moment kept', { mapId: this.room.mapId, versionId: info.id });
			return info;
		});
	}

	/**
	 * Puts an old version's content back as a new change on the live document: every client sees
	 * it at once, and it is stored like any edit. Today's content is kept as a version first (when
	 * it is not one already), and the result is kept as a version too, so nothing is lost.
	 */
	restore(versionId: string, madeBy: string): Promise<RestoreResult> {
		return this.serially(async () => {
			const found = await this.store.find(this.room.mapId, versionId);
			if (!found) throw new VersionNotFoundError(versionId);
			const old = readVersion(found.state);
			if (!(await this.room.whenReady())) throw new RoomUnavailableError();
			const change = this.restoreChange(old);
			// Refused whole, as a client's edit would be, rather than leaving a map that cannot be stored.
			if (!this.room.accepts(change)) throw new RestoreTooLargeError();
			const kept = await this.keepIfChanged('before-restore');
			// Edits made while today's version was kept merge with the restore like any concurrent edit.
			Y.applyUpdate(this.room.doc, change, RESTORE_ORIGIN);
			// Stored like any edit before it counts as a version; a failure is retried by the room.
			if (!(await this.room.flush())) this.log('warn', 'restore not yet stored', { mapId: this.room.mapId });
			const day = found.info.kind === 'evaluation' && found.info.evaluated_on ? found.info.evaluated_on : found.info.taken_at;
			const note = `Teruggezet naar de versie van ${dutchDate(parseDate(day))}`;
			const version = await this.keep({ kind: 'auto', note, evaluatedOn: null, madeBy });
			this.log('info', 'version restored', { mapId: this.room.mapId, from: versionId, versionId: version.id });
			return { restoredFrom: found.info, before: kept, version };
		});
	}

	/**
	 * Erases a person (the right to erasure): off the live map, with their ties, their agreements
	 * kept without a person, and the chosen names out of every text (by default the one they have
	 * now and every older one that looks like a name: an old "name" may be a few everyday words);
	 * then out of every version, rewritten in place, and out of the map's tips and invitations.
	 * The live map is stored whole at once (its change log, which still holds the name, folded
	 * away); with garbage collection on, the name is in no stored state after this, and a WAL
	 * checkpoint takes the old pages that held it out of PocketBase's files.
	 */
	erase(personId: string, chosen?: readonly string[]): Promise<EraseResult> {
		return this.serially(async () => {
			if (!(await this.room.whenReady())) throw new RoomUnavailableError();
			const stored = await this.store.states(this.room.mapId);
			const had = this.namesIn(personId, stored);
			const all = chosen === undefined ? proposed(had) : checkChosen(had, chosen);

			// One change: the person gone, and the note that tells every device (now or when it next
			// comes online) to write its offline copy again and forget its undo history.
			this.room.doc.transact(() => {
				erasePerson(this.room.doc, personId, all, ERASE_ORIGIN);
				markErased(this.room.doc, ERASE_ORIGIN);
			}, ERASE_ORIGIN);
			if (!(await this.room.compactNow())) throw new RoomUnavailableError();
			let versions = 0;
			let unreadable = 0;
			for (const v of stored) {
				const note = all.length ? scrubNames(v.note, all).text : v.note;
				const doc = rawVersionDoc(v.state);
				if (!doc) {
					unreadable += 1;
					if (note !== v.note) await this.store.rewrite(v.id, { note });
					continue;
				}
				try {
					if (erasePerson(doc, personId, all, ERASE_ORIGIN) || note !== v.note) {
						await this.store.rewrite(v.id, { note, content: { state: Y.encodeStateAsUpdateV2(doc), projection: project(doc) } });
						versions += 1;
					}
				} finally {
					doc.destroy();
				}
			}
			// The newest version's projection changed under us: compare afresh next time.
			this.last = undefined;
			this.dirty = true;
			let records;
			try {
				records = await this.store.scrubRecords(this.room.mapId, all);
			} catch (err) {
				this.log('error', 'tips and invitations not scrubbed', { mapId: this.room.mapId, ...errorSummary(err) });
				throw new EraseIncompleteError();
			}
			// Last: old frames of the WAL still hold what was just replaced. Done is done when it
			// cannot: the frames go at SQLite's next checkpoint that reaches them.
			const emptied = await this.store.checkpoint().catch((err: unknown) => {
				this.log('error', 'checkpoint after erasure failed', { mapId: this.room.mapId, ...errorSummary(err) });
				return true;
			});
			if (!emptied) this.log('warn', 'checkpoint after erasure incomplete', { mapId: this.room.mapId });
			this.log('info', 'person erased', { mapId: this.room.mapId, versions, unreadable, names: all.length, ...records });
			return { versions, unreadable, names: all };
		});
	}

	/**
	 * Every name the person had, on the live map and in any version, for the check before an
	 * erasure: the one they have now first, then the others from the newest version back.
	 */
	names(personId: string): Promise<PersonName[]> {
		return this.serially(async () => {
			if (!(await this.room.whenReady())) throw new RoomUnavailableError();
			const { names, current } = this.namesIn(personId, await this.store.states(this.room.mapId));
			return names.map((name) => ({
				name,
				current: name === current,
				likely: name === current || looksLikeName(name),
				words: nameWords(name)
			}));
		});
	}

	/** The names the person had (live first, then newest version first) and the one they have now. */
	private namesIn(personId: string, stored: { state: Uint8Array }[]): { names: string[]; current: string | null } {
		// A name may have changed. One version's document at a time: a year of versions of a
		// large map is a lot of memory.
		const names = new Set(namesOfPerson(this.room.doc, personId));
		for (const v of [...stored].reverse()) {
			const doc = rawVersionDoc(v.state);
			for (const name of doc ? namesOfPerson(doc, personId) : []) names.add(name);
			doc?.destroy();
		}
		const onMap = readPeople(this.room.doc).some((p) => p.id === personId);
		if (names.size === 0 && !onMap) throw new PersonNotFoundError(personId);
		const list = [...names];
		return { names: list, current: list[0] ?? null };
	}

	/** The change that puts `old`'s content back, worked out on a copy of the live document. */
	private restoreChange(old: Y.Doc): Uint8Array {
		const copy = new Y.Doc({ gc: true });
		try {
			Y.applyUpdate(copy, Y.encodeStateAsUpdate(this.room.doc));
			const before = Y.encodeStateVector(copy);
			restoreContent(copy, old);
			return Y.encodeStateAsUpdate(copy, before);
		} finally {
			copy.destroy();
			old.destroy();
		}
	}

	private serially<T>(work: () => Promise<T>): Promise<T> {
		const run = this.queue.then(work);
		this.queue = run.catch(() => undefined);
		return run;
	}

	private async duringSession(): Promise<void> {
		if (this.room.liveConnections.length === 0 || !this.dirty) return;
		try {
			await this.serially(() => this.keepIfChanged('interval'));
		} catch (err) {
			this.log('error', 'keeping a version failed', { mapId: this.room.mapId, reason: 'interval', ...errorSummary(err) });
		}
	}

	private async keepIfChanged(reason: 'session-end' | 'shutdown' | 'interval' | 'before-restore'): Promise<VersionInfo | null> {
		if (!this.dirty && this.last !== undefined) return null;
		if (!(await this.room.whenReadable())) return null;
		if (reason === 'shutdown' && this.last === undefined) {
			if (!this.edited) return null;
			const info = await this.keep({ kind: 'auto', note: '', evaluatedOn: null, madeBy: null });
			this.log('info', 'version kept', { mapId: this.room.mapId, versionId: info.id, reason });
			return info;
		}
		this.dirty = false;
		const projection = project(this.room.doc);
		const json = canonicalJson(projection);
		if (this.last === undefined) {
			try {
				const stored = await this.store.latestProjection(this.room.mapId);
				this.last = stored === null ? null : canonicalJson(stored);
			} catch (err) {
				this.dirty = true;
				throw err;
			}
		}
		if (json === this.last || (this.last === null && isEmptyMap(projection))) return null;
		const info = await this.keep({ kind: 'auto', note: '', evaluatedOn: null, madeBy: null });
		this.log('info', 'version kept', { mapId: this.room.mapId, versionId: info.id, reason });
		return info;
	}

	/** Takes the live document as it is now and stores it as a version. */
	private async keep(v: Pick<NewVersion, 'kind' | 'note' | 'evaluatedOn' | 'madeBy'>): Promise<VersionInfo> {
		if (!(await this.room.whenReadable())) throw new RoomUnavailableError();
		// Taken in one go, before any await: state and projection are of the same moment.
		const state = Y.encodeStateAsUpdateV2(this.room.doc);
		const projection = project(this.room.doc);
		// Changes from here on mark it again.
		this.dirty = false;
		try {
			const info = await this.store.create(this.room.mapId, { ...v, takenAt: new Date(), state, projection });
			this.last = canonicalJson(projection);
			return info;
		} catch (err) {
			this.dirty = true;
			throw err;
		}
	}

	/** The document changed (its load included: `edited` counts only changes once it is ready). */
	changed(): void {
		this.dirty = true;
		if (this.room.ready) this.edited = true;
	}
}
