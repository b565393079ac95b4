import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { reconnectWithBackoff, type Reconnect } from './reconnect.ts';
import { SaveTracker } from './save-tracker.ts';
import { sendOwnPresenceOnly } from './own-presence.ts';
import { STATUS_PARAM } from '../protocol/sync.ts';
import { META, ROOT } from '../doc/schema.ts';

/** Prefix of the IndexedDB databases that keep maps on this device. */
const LOCAL_DB_PREFIX = 'kring-map-';

export interface MapConnection {
	doc: Y.Doc;
	provider: WebsocketProvider;
	local: IndexeddbPersistence;
	/** When the next try to connect is due, after the server closed or refused the socket. */
	reconnect: Reconnect;
	/** What of this device's copy the server has stored. */
	save: SaveTracker;
	/** Someone was erased from the map (it reached this device from the server): for what the page keeps of before. */
	onErased(listener: () => void): () => void;
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
	const provider = new WebsocketProvider(syncUrl(location), mapId, doc, {
		// Only for closes this side made (y-websocket's watchdog); the server's are reconnect's.
		maxBackoffTime: 5000,
		params: { [STATUS_PARAM]: '1' }
	});
	const stopOwnPresence = sendOwnPresenceOnly(provider);
	const reconnect = reconnectWithBackoff(provider);
	const save = new SaveTracker(doc, provider);
	// Someone was erased (meta.erasedAt came from the server, now or on coming back online): this
	// device's copy is written again from the document as it is now, which no longer holds them,
	// and the changes it kept from before are deleted.
	const erasedListeners = new Set<() => void>();
	const meta = doc.getMap<unknown>(ROOT.meta);
	const onMeta = (event: Y.YMapEvent<unknown>) => {
		if (!event.keysChanged.has(META.erasedAt) || event.transaction.origin !== provider) return;
		void storeState(local, true);
		for (const listener of [...erasedListeners]) listener();
	};
	meta.observe(onMeta);
	let destroyed = false;
	// When the device says it is offline, stop: edits stay in IndexedDB. Back online, connect
	// afresh, so access is checked again and the map catches up.
	const goOffline = () => {
		reconnect.cancel();
		provider.disconnect();
	};
	const goOnline = () => {
		reconnect.cancel();
		provider.connect();
	};
	window.addEventListener('offline', goOffline);
	window.addEventListener('online', goOnline);
	// Opened while offline (a page from the offline cache): no 'offline' event comes, so no tries
	// and no countdown until the device is back online.
	if (!navigator.onLine) goOffline();
	return {
		doc,
		provider,
		local,
		reconnect,
		save,
		onErased(listener) {
			erasedListeners.add(listener);
			return () => erasedListeners.delete(listener);
		},
		destroy() {
			if (destroyed) return;
			destroyed = true;
			meta.unobserve(onMeta);
			erasedListeners.clear();
			window.removeEventListener('offline', goOffline);
			window.removeEventListener('online', goOnline);
			save.destroy();
			reconnect.destroy();
			// Put back as it was: the provider takes its own handler off as it goes.
			stopOwnPresence();
			provider.destroy();
			void local.destroy();
			doc.destroy();
		}
	};
}

/** Where a page gets the map's state over HTTP (server/sync/state-api.ts); the map page preloads it from its head. */
export function mapStateUrl(mapId: string): string {
	return `/sync-api/maps/${encodeURIComponent(mapId)}/state`;
}

/**
 * Puts the map as the server has it into the document, fetched over HTTP while the socket
 * connects (the page's head asked for it already), so the circle is drawn with its people at
 * once. It is the state the socket's first answer would bring, and is taken as that: from the
 * provider, so it is not sent back. Resolves true once it is in; false when there is none to have
 * (offline, no access any more, a JIM without the youth's yes): the socket then brings the map as
 * ever, or says why not.
 */
export async function loadServerState(conn: MapConnection, mapId: string): Promise<boolean> {
	let update: Uint8Array;
	try {
		const res = await fetch(mapStateUrl(mapId), { credentials: 'same-origin' });
		// Only the sync server's own answer: a proxy's or a portal's page must never be read as a map.
		if (!res.ok || res.headers.get('content-type') !== 'application/octet-stream') return false;
		update = new Uint8Array(await res.arrayBuffer());
	} catch {
		return false;
	}
	if (conn.doc.isDestroyed) return false;
	try {
		Y.applyUpdate(conn.doc, update, conn.provider);
		return true;
	} catch {
		// Not a Yjs update after all: the socket's own sync is the way in.
		return false;
	}
}

/** The service worker's cache of map pages (src/service-worker.ts). */
const PAGE_CACHE = 'kring-pages';

/** Ids of the maps kept on this device. */
async function localMapIds(): Promise<string[]> {
	if (typeof indexedDB === 'undefined' || !indexedDB.databases) return [];
	const dbs = await indexedDB.databases();
	return dbs.flatMap((db) => (db.name?.startsWith(LOCAL_DB_PREFIX) ? [db.name.slice(LOCAL_DB_PREFIX.length)] : []));
}

function deleteLocalMap(mapId: string): Promise<void> {
	return new Promise<void>((resolve) => {
		const req = indexedDB.deleteDatabase(LOCAL_DB_PREFIX + mapId);
		req.onsuccess = req.onerror = req.onblocked = () => resolve();
	});
}

/** Removes every map kept on this device (on logout: a shared phone keeps nothing). */
export async function forgetLocalMaps(): Promise<void> {
	if (typeof caches !== 'undefined') await caches.delete(PAGE_CACHE);
	await Promise.all((await localMapIds()).map(deleteLocalMap));
}

/**
 * Removes one map from this device, and its page from the offline cache: this user lost access
 * to it. `keep` instead removes every map NOT in it (the maps overview knows all the user has).
 */
export async function forgetLocalMap(target: { mapId: string } | { keep: string[] }): Promise<void> {
	const ids = 'mapId' in target ? [target.mapId] : (await localMapIds()).filter((id) => !target.keep.includes(id));
	if (ids.length === 0) return;
	if (typeof caches !== 'undefined') {
		const cache = await caches.open(PAGE_CACHE);
		await Promise.all(ids.map((id) => cache.delete(`/kaarten/${id}`)));
	}
	await Promise.all(ids.map(deleteLocalMap));
}

/**
 * Before this device forgets its maps (logout): sends each map's changes that only this device
 * has to the server and waits until the server has stored them. Resolves true when every map is
 * stored, false when one could not be (offline, or the server did not answer within `timeoutMs`).
 */
export async function storeLocalMaps(location: Location, timeoutMs = 8000): Promise<boolean> {
	const results = await Promise.all(
		(await localMapIds()).map(async (mapId) => {
			const conn = connectMap(mapId, location);
			// A socket that closes first (refused: no access any more, or logged out) stores nothing.
			const closed = new Promise<boolean>((resolve) => conn.provider.once('connection-close', () => resolve(false)));
			try {
				await conn.local.whenSynced;
				return await Promise.race([conn.save.whenStored(timeoutMs), closed]);
			} finally {
				conn.destroy();
			}
		})
	);
	return results.every(Boolean);
}
