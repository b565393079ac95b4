import type { WebsocketProvider } from 'y-websocket';
import { closeMeaning } from './status-messages';

export type ConnectionState = 'connecting' | 'connected' | 'syncing' | 'offline' | 'no-access' | 'too-many';

/**
 * The connection state of one map, as reactive state: connected; syncing; offline (changes
 * kept on this device); no access (the server refused us).
 */
export class ConnectionStatus {
	state = $state<ConnectionState>('connecting');
	#wasConnected = false;
	#cleanup: (() => void)[] = [];

	constructor(
		provider: WebsocketProvider,
		checkAccess: () => Promise<'ok' | 'no-access' | 'logged-out'>,
		onLoggedOut: () => void,
		/** Access to the map ended (refused, or removed while it was open). */
		onNoAccess: () => void = () => {}
	) {
		const update = () => {
			if (this.state === 'no-access' || this.state === 'too-many') return;
			if (!navigator.onLine) this.state = 'offline';
			else if (provider.wsconnected) this.state = provider.synced ? 'connected' : 'syncing';
			else this.state = this.#wasConnected ? 'offline' : 'connecting';
		};
		const onStatus = ({ status }: { status: string }) => {
			if (status === 'connected') this.#wasConnected = true;
			update();
		};
		let checking = false;
		// A refused upgrade looks like any closed socket to the browser: ask the app why.
		const onClose = async (event: CloseEvent | null) => {
			if (closeMeaning(event?.code) === 'too-many') {
				this.state = 'too-many';
				return;
			}
			update();
			if (checking || !navigator.onLine) return;
			checking = true;
			try {
				const access = await checkAccess();
				if (access === 'logged-out') onLoggedOut();
				else if (access === 'no-access') {
					this.state = 'no-access';
					provider.disconnect();
					onNoAccess();
				}
			} catch {
				// The app is unreachable too: we are offline, and the provider keeps retrying.
			} finally {
				checking = false;
			}
		};
		provider.on('status', onStatus);
		provider.on('sync', update);
		provider.on('connection-close', onClose);
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		this.#cleanup.push(
			() => provider.off('status', onStatus),
			() => provider.off('sync', update),
			() => provider.off('connection-close', onClose),
			() => window.removeEventListener('online', update),
			() => window.removeEventListener('offline', update)
		);
		update();
	}

	destroy() {
		for (const fn of this.#cleanup) fn();
	}
}
