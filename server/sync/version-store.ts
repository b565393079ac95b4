// Versions of a map as PocketBase keeps them (`map_versions`, written as the service identity): the
// full state (V2 encoding, base64), its JSON projection and the projection's metrics. MapVersions
// (versions.ts) decides when a version is kept; this file only reads and writes them.
import type { MapJson } from '../../src/lib/doc/schema.ts';
import { metricsOf } from '../../src/lib/doc/metrics.ts';
import type { ServiceClient } from './service.ts';
import { createErasureRecords, type ErasureRecords } from './erasure-records.ts';
import { createBatcher } from './create-batch.ts';

const VERSIONS = 'map_versions';
/** Fields of a version the API answers with (never its state). */
const PUBLIC_FIELDS = 'id,map,kind,note,taken_at,evaluated_on,made_by_name,metrics';
/** Versions in one batch request: a map's state is some 10 to 30 KB, PocketBase takes 64 MiB a batch. */
const CREATE_BATCH_MAX = 50;

export type VersionKind = 'auto' | 'evaluation';

/** A version as the API shows it: PocketBase's own field names, without the state. */
export interface VersionInfo {
	id: string;
	map: string;
	kind: VersionKind;
	note: string;
	/** When the state was taken (ISO). */
	taken_at: string;
	/** The day of an evaluation moment (PocketBase date), '' for automatic versions. */
	evaluated_on: string;
	/** Who made an evaluation moment or a restore, by name; '' for versions kept automatically. */
	made_by_name: string;
	metrics: unknown;
}

export interface NewVersion {
	kind: VersionKind;
	note: string;
	takenAt: Date;
	evaluatedOn: string | null;
	/** The name of the person who made it; null when Kring kept it on its own. */
	madeBy: string | null;
	state: Uint8Array;
	projection: MapJson;
}

export interface VersionStore extends ErasureRecords {
	/** The projection of the map's newest version (by taken_at), or null when it has none. */
	latestProjection(mapId: string): Promise<unknown>;
	create(mapId: string, version: NewVersion): Promise<VersionInfo>;
	/** A version of this map with its state, or null when there is none with this id on this map. */
	find(mapId: string, versionId: string): Promise<{ info: VersionInfo; state: Uint8Array } | null>;
	/** Every version of the map with its state and note, oldest first (for an erasure). */
	states(mapId: string): Promise<{ id: string; note: string; state: Uint8Array }[]>;
	/** Writes a version's content again (an erasure): its note, and its state with projection and metrics when given. */
	rewrite(versionId: string, v: { note: string; content?: { state: Uint8Array; projection: MapJson } }): Promise<void>;
}

const RECORD_ID = /^[a-z0-9]{15}$/;

function toInfo(row: Record<string, unknown>): VersionInfo {
	return {
		id: String(row.id),
		map: String(row.map),
		kind: row.kind === 'evaluation' ? 'evaluation' : 'auto',
		note: String(row.note ?? ''),
		taken_at: String(row.taken_at ?? ''),
		evaluated_on: String(row.evaluated_on ?? ''),
		made_by_name: String(row.made_by_name ?? ''),
		metrics: row.metrics ?? null
	};
}

export function createVersionStore(service: ServiceClient): VersionStore {
	const { pb, authed, opts } = service;
	const recordOf = (mapId: string, v: NewVersion) => ({
		map: mapId,
		kind: v.kind,
		note: v.note,
		taken_at: v.takenAt.toISOString(),
		evaluated_on: v.evaluatedOn ? `${v.evaluatedOn} 12:00:00.000Z` : '',
		made_by_name: v.madeBy ?? '',
		state: Buffer.from(v.state).toString('base64'),
		projection: v.projection,
		metrics: metricsOf(v.projection)
	});
	// Versions kept at the same moment (every map's session ends when a node stops) go as batches.
	const create = createBatcher<{ mapId: string; v: NewVersion }, VersionInfo>({
		max: CREATE_BATCH_MAX,
		async sendOne({ mapId, v }) {
			return toInfo(await authed(() => pb.collection(VERSIONS).create(recordOf(mapId, v), { ...opts(), fields: PUBLIC_FIELDS })));
		},
		async sendBatch(items) {
			const answers = await authed(() => {
				const batch = pb.createBatch();
				for (const { mapId, v } of items) batch.collection(VERSIONS).create(recordOf(mapId, v), { fields: PUBLIC_FIELDS });
				return batch.send(opts());
			});
			return answers.map((a) => toInfo(a.body as Record<string, unknown>));
		}
	});
	return {
		...createErasureRecords(service),
		async latestProjection(mapId) {
			const rows = await authed(() =>
				pb.collection(VERSIONS).getList(1, 1, {
					...opts(),
					filter: pb.filter('map = {:m}', { m: mapId }),
					sort: '-taken_at,-created',
					fields: 'projection',
					skipTotal: true
				})
			);
			return rows.items[0]?.projection ?? null;
		},

		create: (mapId, v) => create({ mapId, v }),

		async find(mapId, versionId) {
			if (!RECORD_ID.test(versionId)) return null;
			const rows = await authed(() =>
				pb.collection(VERSIONS).getList(1, 1, {
					...opts(),
					filter: pb.filter('id = {:v} && map = {:m}', { v: versionId, m: mapId }),
					fields: `${PUBLIC_FIELDS},state`,
					skipTotal: true
				})
			);
			const row = rows.items[0];
			if (!row) return null;
			return { info: toInfo(row), state: decodeState(row.state) };
		},

		async states(mapId) {
			const rows = await authed(() =>
				pb.collection(VERSIONS).getFullList({
					...opts(),
					batch: 20,
					filter: pb.filter('map = {:m}', { m: mapId }),
					sort: 'taken_at,created',
					fields: 'id,note,state'
				})
			);
			return rows.map((row) => ({ id: row.id, note: String(row.note ?? ''), state: decodeState(row.state) }));
		},

		async rewrite(versionId, v) {
			await authed(() =>
				pb.collection(VERSIONS).update(
					versionId,
					v.content
						? {
								note: v.note,
								state: Buffer.from(v.content.state).toString('base64'),
								projection: v.content.projection,
								metrics: metricsOf(v.content.projection)
							}
						: { note: v.note },
					{ ...opts(), fields: 'id' }
				)
			);
		}
	};
}

const decodeState = (b64: unknown) => new Uint8Array(Buffer.from(String(b64 ?? ''), 'base64'));
