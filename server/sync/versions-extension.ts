// Versions as an extension of the rooms (rooms.ts): every loaded map has its MapVersions, which
// keeps a version during long sessions and when a session ends (versions.ts says when).
import type { Log } from './log.ts';
import type { Room } from './room.ts';
import type { RoomExtension } from './rooms.ts';
import { MapVersions } from './versions.ts';
import type { VersionStore } from './version-store.ts';

export interface VersionsExtension extends RoomExtension {
	/** The versions of a loaded map (for the version API). */
	of(room: Room): MapVersions | undefined;
}

export function versionsExtension(store: VersionStore, log: Log, intervalMs: number): VersionsExtension {
	const kept = new WeakMap<Room, MapVersions>();
	return {
		created(room) {
			kept.set(room, new MapVersions(room, store, log, intervalMs));
		},
		changed(room) {
			kept.get(room)?.changed();
		},
		async sessionEnded(room, end) {
			await kept.get(room)?.sessionEnded(end);
		},
		unloaded(room) {
			kept.get(room)?.stop();
			kept.delete(room);
		},
		of: (room) => kept.get(room)
	};
}
