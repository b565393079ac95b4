// A persistence kept in memory, for tests of rooms without PocketBase (the real one: persistence.ts).
import * as Y from 'yjs';
import type { Persistence } from './persistence.ts';

/** What a PocketBase persistence does, kept in memory: a state and a log per map. */
export function memoryPersistence() {
	const stored = new Map<string, Uint8Array[]>();
	const persistence: Persistence = {
		async fetch(mapId) {
			return [...(stored.get(mapId) ?? [])];
		},
		async append(mapId, update) {
			stored.set(mapId, [...(stored.get(mapId) ?? []), update]);
		},
		async compact(mapId, state) {
			stored.set(mapId, [state]);
		},
		logSize: (mapId) => ({ count: Math.max(0, (stored.get(mapId)?.length ?? 1) - 1), bytes: 0 }),
		forget() {}
	};
	const docOf = (mapId: string) => {
		const doc = new Y.Doc();
		for (const part of stored.get(mapId) ?? []) Y.applyUpdate(doc, part);
		return doc;
	};
	return { persistence, docOf };
}
