import { namesOnMap } from '$lib/doc/map-names';
import { observeMap } from '$lib/doc/roots';
import { connectMap, type MapConnection } from '$lib/sync/connect';

/**
 * Every name on a map's live document (the youth, everyone on the circle or in the tray, whoever
 * signed something), kept up to date, for the professional's check of a tip: the server only
 * knows the youth's and the members' names, the people on the circle live in the document.
 * `state` says whether the check can count on them.
 */
export class LiveMapNames {
	names = $state<string[]>([]);
	state = $state<'loading' | 'ready' | 'unavailable'>('loading');

	#connection: MapConnection;
	#stopObserving: () => void;

	constructor(mapId: string, location: Location) {
		const connection = connectMap(mapId, location);
		this.#connection = connection;
		const read = () => {
			this.names = namesOnMap(connection.doc);
		};
		this.#stopObserving = observeMap(connection.doc, read);
		connection.provider.on('sync', (synced: boolean) => {
			if (!synced) return;
			read();
			this.state = 'ready';
		});
		// Refused (no access any more) or unreachable before the map arrived: say the check is partial.
		connection.provider.on('connection-close', () => {
			if (this.state === 'loading') this.state = 'unavailable';
		});
		connection.provider.on('connection-error', () => {
			if (this.state === 'loading') this.state = 'unavailable';
		});
	}

	destroy() {
		this.#stopObserving();
		this.#connection.destroy();
	}
}
