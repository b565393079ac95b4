import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';

/** Prefix of the IndexedDB databases that keep maps on this device. */
const LOCAL_DB_PREFIX = 'kring-map-';

export interface MapConnection {
	doc: Y.Doc;
	provider: WebsocketProvider;
	local: IndexeddbPersistence;
	destroy(): void;
}

/** The sync endpoint on this page's own origin (the auth cookie travels with the upgrade). */
export function syncUrl(location: Location): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * Opens a map: its document, kept on this device in IndexedDB (so it works offline and
 * survives a reload) and synced live with everyone else on the map.
 */
export function connectMap(mapId: string, location: Location): MapConnection {
	const doc = new Y.Doc();
	const local = new IndexeddbPersistence(LOCAL_DB_PREFIX + mapId, doc);
	const provider = new WebsocketProvider(syncUrl(location), mapId, doc, { maxBackoffTime: 5000 });
	// When the device says it is offline, stop: edits stay in IndexedDB. Back online, connect
	// afresh, so access is checked again and the map catches up.
	const goOffline = () => provider.disconnect();
	const goOnline = () => provider.connect();
	window.addEventListener('offline', goOffline);
	window.addEventListener('online', goOnline);
	return {
		doc,
		provider,
		local,
		destroy() {
			window.removeEventListener('offline', goOffline);
			window.removeEventListener('online', goOnline);
			provider.destroy();
			void local.destroy();
			doc.destroy();
		}
	};
}

/** The service worker's cache of map pages (src/service-worker.ts). */
const PAGE_CACHE = 'kring-pages';

/** Removes every map kept on this device (on logout: a shared phone keeps nothing). */
export async function forgetLocalMaps(): Promise<void> {
	if (typeof caches !== 'undefined') await caches.delete(PAGE_CACHE);
	if (typeof indexedDB === 'undefined' || !indexedDB.databases) return;
	const dbs = await indexedDB.databases();
	await Promise.all(
		dbs
			.filter((db) => db.name?.startsWith(LOCAL_DB_PREFIX))
			.map(
				(db) =>
					new Promise<void>((resolve) => {
						const req = indexedDB.deleteDatabase(db.name!);
						req.onsuccess = req.onerror = req.onblocked = () => resolve();
					})
			)
	);
}
