import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';

/**
 * Colours for the people on a map, of clearly different hues. Each has at least 4.5:1 contrast
 * on white, so it works as a ring on the canvas and as a badge behind white initials. Colour is
 * never the only mark: each person also shows their initial.
 */
export const PRESENCE_COLOURS = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be185d', '#0e7490', '#4d7c0f'] as const;

export interface PresenceUser {
	name: string;
	role: string;
	colour: string;
	/** The non-colour mark: the initial of the name. */
	mark: string;
}

/** What this client tells the others, as its awareness state. */
export interface PresenceState {
	user: PresenceUser;
	selection: string | null;
	dragging: string | null;
	/** Where the person being dragged is now (canvas model units), so others watch the drag live. */
	dragAt?: { x: number; y: number } | null;
}

export interface Peer {
	clientId: number;
	name: string;
	role: string;
	colour: string;
	mark: string;
	/** The person (id) they have selected, or null. */
	selection: string | null;
	/** The person (id) they are dragging, or null. */
	dragging: string | null;
	/** Where that person is while being dragged (canvas model units), or null. */
	dragAt: { x: number; y: number } | null;
}

const NAME_MAX = 60;

export function colourFor(clientId: number): string {
	return PRESENCE_COLOURS[Math.abs(clientId) % PRESENCE_COLOURS.length];
}

/**
 * This client's colour: its own by client id, unless a client with a lower id already wears it,
 * then the next free one. Lower ids never look at higher ones, so every client settles at once.
 */
export function pickColour(clientId: number, peers: readonly Pick<Peer, 'clientId' | 'colour'>[]): string {
	const taken = new Set(peers.filter((p) => p.clientId < clientId).map((p) => p.colour));
	const start = Math.abs(clientId) % PRESENCE_COLOURS.length;
	for (let i = 0; i < PRESENCE_COLOURS.length; i++) {
		const colour = PRESENCE_COLOURS[(start + i) % PRESENCE_COLOURS.length];
		if (!taken.has(colour)) return colour;
	}
	return PRESENCE_COLOURS[start];
}

/** The first letter of a name, as a capital (a whole character, also for letters outside the BMP). */
export function initialOf(name: string): string {
	return Array.from(name.trim())[0]?.toLocaleUpperCase() ?? '?';
}

export function presenceUser(clientId: number, me: { name: string; role: string }): PresenceUser {
	return { name: me.name.trim(), role: me.role, colour: colourFor(clientId), mark: initialOf(me.name) };
}

function text(value: unknown, max: number): string | null {
	return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : null;
}

/** A point on the canvas from another client: finite numbers within the drawing, else nothing. */
function point(value: unknown): { x: number; y: number } | null {
	if (typeof value !== 'object' || value === null) return null;
	const { x, y } = value as Record<string, unknown>;
	const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= 10_000;
	return ok(x) && ok(y) ? { x, y } : null;
}

function personId(value: unknown): string | null {
	return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null;
}

/**
 * One other client as a peer, or null when its state is not (yet) a presence state. Other
 * clients' states are untrusted input: only known fields, bounded strings, a colour that is a
 * plain hex colour (it ends up in styles and in an SVG).
 */
export function readPeer(clientId: number, state: unknown): Peer | null {
	if (typeof state !== 'object' || state === null) return null;
	const { user, selection, dragging, dragAt } = state as Record<string, unknown>;
	if (typeof user !== 'object' || user === null) return null;
	const u = user as Record<string, unknown>;
	const name = text(u.name, NAME_MAX);
	if (!name) return null;
	const colour = typeof u.colour === 'string' && /^#[0-9a-f]{6}$/i.test(u.colour) ? u.colour : colourFor(clientId);
	return {
		clientId,
		name,
		role: text(u.role, NAME_MAX) ?? '',
		colour,
		mark: text(u.mark, 2) ?? initialOf(name),
		selection: personId(selection),
		dragging: personId(dragging),
		dragAt: personId(dragging) ? point(dragAt) : null
	};
}

/** Everyone else on the map now, in a stable order (by name, then client). */
export function readPeers(awareness: Awareness): Peer[] {
	const peers: Peer[] = [];
	awareness.getStates().forEach((state, clientId) => {
		if (clientId === awareness.clientID) return;
		const peer = readPeer(clientId, state);
		if (peer) peers.push(peer);
	});
	return peers.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
}

/**
 * Who is on the map and what they look at or drag, over the sync provider's awareness.
 * `peers` and `me` are reactive: reading them in an effect or template tracks awareness changes.
 */
export class Presence {
	#awareness: Awareness;
	#me: PresenceUser;
	#subscribe: () => void;
	#onChange: () => void;
	#dragAt: { x: number; y: number } | null = null;
	#dragTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(awareness: Awareness, me: { name: string; role: string }) {
		this.#awareness = awareness;
		this.#me = presenceUser(awareness.clientID, me);
		awareness.setLocalState({ user: this.#me, selection: null, dragging: null } satisfies PresenceState);
		// Listens always, not only while someone reads `peers`: a clash of colours is settled either way.
		this.#onChange = () => {
			const colour = pickColour(awareness.clientID, readPeers(awareness));
			if (colour === this.#me.colour || awareness.getLocalState() === null) return;
			this.#me = { ...this.#me, colour };
			awareness.setLocalStateField('user', this.#me);
		};
		awareness.on('change', this.#onChange);
		this.#onChange();
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	get me(): PresenceUser {
		this.#subscribe();
		return this.#me;
	}

	get peers(): Peer[] {
		this.#subscribe();
		return readPeers(this.#awareness);
	}

	select(personId: string | null): void {
		this.#awareness.setLocalStateField('selection', personId);
	}

	dragging(personId: string | null): void {
		this.#awareness.setLocalStateField('dragging', personId);
		if (personId === null) this.#awareness.setLocalStateField('dragAt', null);
	}

	/** Where the dragged person is now: sent to the others at most every 40 ms, the last one always. */
	dragTo(at: { x: number; y: number }): void {
		this.#dragAt = { x: Math.round(at.x), y: Math.round(at.y) };
		if (this.#dragTimer !== undefined) return;
		this.#awareness.setLocalStateField('dragAt', this.#dragAt);
		this.#dragTimer = setTimeout(() => {
			this.#dragTimer = undefined;
			const state = this.#awareness.getLocalState() as PresenceState | null;
			if (state?.dragging && (state.dragAt?.x !== this.#dragAt?.x || state.dragAt?.y !== this.#dragAt?.y))
				this.#awareness.setLocalStateField('dragAt', this.#dragAt);
		}, 40);
	}

	/** Tells the others we left (the provider may live on, e.g. when only the editor unmounts). */
	destroy(): void {
		clearTimeout(this.#dragTimer);
		this.#awareness.off('change', this.#onChange);
		this.#awareness.setLocalState(null);
	}
}
