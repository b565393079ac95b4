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
	/** Bumped by `clear`: a fetch begun before it brings what is no longer stored, and is dropped. */
	#generation = 0;

	get(id: string): MapJson | undefined {
		return this.#byId.get(id);
	}

	/** Still on its way (as opposed to never coming). */
	loading(id: string): boolean {
		return !this.#byId.has(id) && !this.#fetched.has(id);
	}

	/** Forgets every projection (after an erasure they are no longer what is stored); `ensure` fetches them again. */
	clear(): void {
		this.#generation += 1;
		this.#pending = false;
		this.#byId = new Map();
		this.#fetched = new Set();
	}

	/** Takes the page's own projections and fetches the rest when some of `ids` are not here. */
	async ensure(mapId: string, initial: Record<string, MapJson>, ids: readonly string[]): Promise<void> {
		const known = Object.keys(initial).filter((id) => !this.#byId.has(id));
		if (known.length) this.#byId = new Map([...this.#byId, ...Object.entries(initial)]);
		if (this.#pending || ids.every((id) => this.#byId.has(id) || this.#fetched.has(id))) return;
		this.#pending = true;
		const generation = this.#generation;
		try {
			const response = await fetch(`/kaarten/${encodeURIComponent(mapId)}/geschiedenis/projecties`, { credentials: 'same-origin' });
			if (!response.ok || generation !== this.#generation) return;
			const decoded = decodeProjections((await response.json()) as VersionProjections);
			if (generation !== this.#generation) return;
			// The page's own (slimmed the same way) stay: they are what is drawn already.
			this.#byId = new Map([...decoded, ...this.#byId]);
			this.#fetched = new Set([...this.#fetched, ...ids]);
		} catch {
			// Offline or gone: those versions stay "laden…"; the next ensure tries again.
		} finally {
			if (generation === this.#generation) this.#pending = false;
		}
	}
}
