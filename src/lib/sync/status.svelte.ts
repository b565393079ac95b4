import type { MapConnection } from './connect';
import { closeMeaning } from '../protocol/sync';

export type ConnectionState = 'connecting' | 'connected' | 'syncing' | 'offline' | 'no-access' | 'too-many';

/** What the app says about access when a socket closed; 'unavailable': it could not tell (503). */
export type AccessAnswer = 'ok' | 'no-access' | 'logged-out' | 'unavailable';

/**
 * The connection state of one map, as reactive state: connected; syncing; offline (changes
 * kept on this device); no access (the server refused us).
 */
export class ConnectionStatus {
	state = $state<ConnectionState>('connecting');
	/** Seconds until the next try to connect, while one is waiting; else null. */
	retryIn = $state<number | null>(null);
	#wasConnected = false;
	#cleanup: (() => void)[] = [];

	constructor(
		{ provider, reconnect }: Pick<MapConnection, 'provider' | 'reconnect'>,
		checkAccess: () => Promise<AccessAnswer>,
		onLoggedOut: () => void,
		/** Access to the map ended (refused, or removed while it was open). */
		onNoAccess: () => void = () => {},
		/** What the user may do on the map changed (another role, the map closed); the socket reconnects by itself. */
		onRightsChanged: () => void = () => {}
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
			const meaning = closeMeaning(event?.code);
			if (meaning === 'too-many') {
				this.state = 'too-many';
				return;
			}
			if (meaning === 'rights-changed') onRightsChanged();
			update();
			if (checking || !navigator.onLine) return;
			checking = true;
			try {
				const access = await checkAccess();
				if (access === 'logged-out') {
					reconnect.cancel();
					onLoggedOut();
				} else if (access === 'no-access') {
					this.state = 'no-access';
					reconnect.cancel();
					provider.disconnect();
					onNoAccess();
				}
				// 'unavailable' (PocketBase or the app is overloaded or down) says nothing about access:
				// the next try comes after the backoff.
			} catch {
				// The app is unreachable too: we are offline, and the next try comes after the backoff.
			} finally {
				checking = false;
			}
		};
		// The countdown the person sees ("opnieuw verbinden over 8 s"), once a second while waiting.
		let tick: ReturnType<typeof setInterval> | null = null;
		const showRetry = (retryAt: number | null) => {
			if (tick !== null) clearInterval(tick);
			tick = null;
			if (retryAt === null) {
				this.retryIn = null;
				return;
			}
			const count = () => (this.retryIn = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)));
			count();
			tick = setInterval(count, 1000);
		};
		const stopRetry = reconnect.onChange(showRetry);
		provider.on('status', onStatus);
		provider.on('sync', update);
		provider.on('connection-close', onClose);
		window.addEventListener('online', update);
		window.addEventListener('offline', update);
		this.#cleanup.push(
			stopRetry,
			() => showRetry(null),
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
