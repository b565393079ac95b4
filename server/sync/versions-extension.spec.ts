// Versions as a room extension, with real rooms over a persistence in memory and a version store
// that records what it is asked to keep.
import { describe, expect, it } from 'vitest';
import { addPerson } from '../../src/lib/doc/people.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { Rooms } from './rooms.ts';
import { memoryPersistence } from './memory-persistence.ts';
import type { NewVersion, VersionInfo, VersionStore } from './version-store.ts';
import { versionsExtension } from './versions-extension.ts';

function recordingStore() {
	const kept: { mapId: string; v: NewVersion }[] = [];
	let last: unknown = null;
	const store: VersionStore = {
		latestProjection: async () => last,
		async create(mapId, v) {
			kept.push({ mapId, v });
			last = v.projection;
			return { id: `v${kept.length}`, map: mapId, kind: v.kind, note: v.note, taken_at: v.takenAt.toISOString() } as VersionInfo;
		},
		find: async () => null,
		states: async () => [],
		rewrite: async () => {},
		scrubRecords: async () => ({ tips: 0, invitations: 0 }),
		checkpoint: async () => true
	};
	return { store, kept };
}

function setup() {
	const { store, kept } = recordingStore();
	const versions = versionsExtension(store, () => {}, 60_000);
	const rooms = new Rooms({
		persistence: memoryPersistence().persistence,
		log: () => {},
		extensions: [versions],
		persistDebounceMs: 1,
		persistMaxWaitMs: 5,
		maxDocBytes: 1 << 20
	});
	return { rooms, versions, kept };
}

describe('versionsExtension', () => {
	it('each loaded map has its versions; a session that changed the map keeps one, an unchanged one none', async () => {
		const { rooms, versions, kept } = setup();
		const room = rooms.open('m1')!;
		expect(versions.of(room)).toBeDefined();
		let release = room.hold();
		await room.whenReady();
		addPerson(room.doc, { name: 'Oma', sector: 'familie', ring: 1 }, localOrigin('test'));
		release();
		await expect.poll(() => rooms.size).toBe(0);
		expect(versions.of(room)).toBeUndefined();
		expect(kept.map((k) => k.v.projection.people.map((p) => p.name))).toEqual([['Oma']]);

		const again = rooms.open('m1')!;
		release = again.hold();
		await again.whenReady();
		release();
		await expect.poll(() => rooms.size).toBe(0);
		expect(kept).toHaveLength(1);
		await rooms.shutdown();
	});

	it('at shutdown a map changed since it loaded keeps a version; one only looked at keeps none', async () => {
		const { rooms, kept } = setup();
		const changed = rooms.open('changed')!;
		const looked = rooms.open('looked')!;
		const holds = [changed.hold(), looked.hold()];
		await Promise.all([changed.whenReady(), looked.whenReady()]);
		addPerson(changed.doc, { name: 'Buurvrouw', sector: 'familie', ring: 4 }, localOrigin('test'));
		await rooms.shutdown();
		expect(kept.map((k) => k.mapId)).toEqual(['changed']);
		for (const release of holds) release();
	});
});
