import type { MapJson } from '$lib/doc/schema';
import { decodeProjections, type VersionProjections } from './projection-wire';

/**
 * The versions' projections on the page: the first view's come with the page, the rest are fetched
 * once after it opens (and again when a restore or an evaluation adds versions). A version whose
 * projection is not here yet is `loading`; one the server had none for is `missing`.
 */
export class Projections {
	#byId = $state.raw(new Map<string, MapJson>());
	#fetched = $state.raw(new Set<string>());
	#pending = false;

	get(id: string): MapJson | undefined {
		return this.#byId.get(id);
	}

	/** Still on its way (as opposed to never coming). */
	loading(id: string): boolean {
		return !this.#byId.has(id) && !this.#fetched.has(id);
	}

	/** Takes the page's own projections and fetches the rest when some of `ids` are not here. */
	async ensure(mapId: string, initial: Record<string, MapJson>, ids: readonly string[]): Promise<void> {
		const known = Object.keys(initial).filter((id) => !this.#byId.has(id));
		if (known.length) this.#byId = new Map([...this.#byId, ...Object.entries(initial)]);
		if (this.#pending || ids.every((id) => this.#byId.has(id) || this.#fetched.has(id))) return;
		this.#pending = true;
		try {
			const response = await fetch(`/kaarten/${encodeURIComponent(mapId)}/geschiedenis/projecties`, { credentials: 'same-origin' });
			if (!response.ok) return;
			const decoded = decodeProjections((await response.json()) as VersionProjections);
			// The page's own (slimmed the same way) stay: they are what is drawn already.
			this.#byId = new Map([...decoded, ...this.#byId]);
			this.#fetched = new Set([...this.#fetched, ...ids]);
		} catch {
			// Offline or gone: those versions stay "laden…"; the next ensure tries again.
		} finally {
			this.#pending = false;
		}
	}
}
