import type { WebsocketProvider } from 'y-websocket';

type Changes = { added: number[]; updated: number[]; removed: number[] };

/**
 * Makes the provider send only this device's own presence. y-websocket sends on every presence
 * change it hears, other people's too: each frame of a partner's drag came back to the server
 * from everyone else on the map, and the server dropped it ("presence of another connection").
 * Returns the function that undoes it (before the provider is destroyed). It swaps the provider's
 * own `_awarenessUpdateHandler` (y-websocket 3.1, pinned): tests/integration/sync-presence.test.ts
 * fails if an upgrade renames it.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): () => void {
	const awareness = provider.awareness;
	const relay = provider._awarenessUpdateHandler;
	const own = (ids: number[]) => ids.filter((id) => id === awareness.clientID);
	const ownOnly = (changes: Changes, origin: unknown) => {
		const mine = { added: own(changes.added), updated: own(changes.updated), removed: own(changes.removed) };
		if (mine.added.length + mine.updated.length + mine.removed.length > 0) relay(mine, origin);
	};
	awareness.off('update', relay);
	awareness.on('update', ownOnly);
	return () => {
		awareness.off('update', ownOnly);
		awareness.on('update', relay);
	};
}
