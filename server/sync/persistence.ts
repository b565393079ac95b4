// Where a map's Yjs state lives in PocketBase: a compacted state in `map_docs` (`state`: base64 of
// the V1 state update) plus a log of the changes since, in `map_updates` (`update`: base64 of a
// merged update). Appending to the log is small and fast, so a change is durable within a fraction
// of a second; compaction folds the log into the state and deletes it in one batch (a transaction).
// Yjs applies updates idempotently and in any order, so a log row that outlives its compaction
// (a crash between the two) does no harm: it is applied again and deleted next time.
// Both collections are superuser-only: this uses the service identity, and only for this.
import type { ServiceClient } from './service.ts';

const DOCS = 'map_docs';
const LOG = 'map_updates';
/** PocketBase's batch limit is 200 requests (migrations/1764200000_map_updates.go). */
const BATCH_DELETES = 190;

export interface LogSize {
	count: number;
	bytes: number;
}

export interface Persistence {
	/** Everything stored for a map, to apply in any order: the state and each log entry. Empty for a new map. */
	fetch(mapId: string): Promise<Uint8Array[]>;
	/** Adds one (merged) update to the map's log. */
	append(mapId: string, update: Uint8Array): Promise<void>;
	/** Stores the full state and deletes every log entry known when it was called. */
	compact(mapId: string, state: Uint8Array): Promise<void>;
	/** The log entries known to this process for a map (what compaction would fold). */
	logSize(mapId: string): LogSize;
	/** Drop what is cached about a map once its room unloads. */
	forget(mapId: string): void;
}

interface Known {
	docId: string | null;
	log: { id: string; bytes: number }[];
}

const decode = (b64: unknown): Uint8Array => new Uint8Array(Buffer.from(typeof b64 === 'string' ? b64 : '', 'base64'));
const encode = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export function createPocketBasePersistence(service: ServiceClient): Persistence {
	const { pb, authed, opts } = service;
	const known = new Map<string, Known>();

	function entry(mapId: string): Known {
		let k = known.get(mapId);
		if (!k) known.set(mapId, (k = { docId: null, log: [] }));
		return k;
	}

	async function findDoc(mapId: string): Promise<{ id: string; state: string } | null> {
		const rows = await authed(() =>
			pb.collection(DOCS).getList(1, 1, {
				...opts(),
				filter: pb.filter('map = {:m}', { m: mapId }),
				fields: 'id,state',
				skipTotal: true
			})
		);
		const row = rows.items[0];
		return row ? { id: row.id, state: typeof row.state === 'string' ? row.state : '' } : null;
	}

	async function deleteLog(ids: string[]): Promise<void> {
		for (let i = 0; i < ids.length; i += BATCH_DELETES) {
			const batch = pb.createBatch();
			for (const id of ids.slice(i, i + BATCH_DELETES)) batch.collection(LOG).delete(id);
			await authed(() => batch.send(opts()));
		}
	}

	return {
		async fetch(mapId) {
			known.delete(mapId);
			// One request for both (server/pocketbase/hooks/map_state.go).
			const { doc, log } = await authed(() =>
				pb.send<{ doc: { id: string; state: string } | null; log: { id: string; update: string }[] }>(
					`/api/kring/maps/${encodeURIComponent(mapId)}/state`,
					{ ...opts(), method: 'GET' }
				)
			);
			const k = entry(mapId);
			k.docId = doc?.id ?? null;
			const parts: Uint8Array[] = [];
			if (doc && doc.state !== '') parts.push(decode(doc.state));
			for (const row of log) {
				const update = decode(row.update);
				k.log.push({ id: row.id, bytes: update.byteLength });
				parts.push(update);
			}
			return parts;
		},

		async append(mapId, update) {
			const row = await authed(() => pb.collection(LOG).create({ map: mapId, update: encode(update) }, { ...opts(), fields: 'id' }));
			entry(mapId).log.push({ id: row.id, bytes: update.byteLength });
		},

		async compact(mapId, state) {
			const k = entry(mapId);
			const folded = k.log.slice();
			const body = { map: mapId, state: encode(state) };
			if (!k.docId) {
				// A map's first compaction: its map_docs row may exist from before (another process).
				k.docId = (await findDoc(mapId))?.id ?? null;
			}
			// The state and the first deletions in one transaction; any further deletions after.
			const batch = pb.createBatch();
			if (k.docId) batch.collection(DOCS).update(k.docId, body);
			else batch.collection(DOCS).create(body);
			const first = folded.slice(0, BATCH_DELETES);
			for (const row of first) batch.collection(LOG).delete(row.id);
			let results;
			try {
				results = await authed(() => batch.send(opts()));
			} catch (err) {
				// Look the map_docs row up again next time: it may have been deleted behind our back.
				k.docId = null;
				throw err;
			}
			const created = results[0]?.body as { id?: unknown } | undefined;
			if (!k.docId && typeof created?.id === 'string') k.docId = created.id;
			const gone = new Set(folded.map((row) => row.id));
			k.log = k.log.filter((row) => !gone.has(row.id));
			// Already folded into the state: a failure here only leaves rows to delete next time.
			await deleteLog(folded.slice(BATCH_DELETES).map((row) => row.id)).catch(() => {
				for (const row of folded.slice(BATCH_DELETES)) k.log.push(row);
			});
		},

		logSize(mapId) {
			const log = known.get(mapId)?.log ?? [];
			return { count: log.length, bytes: log.reduce((sum, row) => sum + row.bytes, 0) };
		},

		forget(mapId) {
			known.delete(mapId);
		}
	};
}
