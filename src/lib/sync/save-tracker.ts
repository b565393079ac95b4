// What of this device's copy of a map the server has stored, from the server's status messages
// (lib/protocol/sync.ts). A change made here is "unsaved" until a stored snapshot covers it.
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { STATUS_MESSAGE, decodeStatus, isStored, type RefusalReason, type StatusMessage } from '../protocol/sync.ts';

export type SaveState =
	/** Everything on this device is stored on the server. */
	| 'saved'
	/** Some changes here are not stored yet (on their way, or waiting for a connection). */
	| 'unsaved'
	/** The server could not store them; it keeps them and tries again. */
	| 'failed'
	/** The server refused a change from here: it is on this device only. */
	| RefusalReason;

export class SaveTracker {
	#state: SaveState = 'unsaved';
	#saved: Uint8Array | null = null;
	#listeners = new Set<(state: SaveState) => void>();
	#awaitingConsent = false;
	#consentListeners = new Set<() => void>();
	#cleanup: () => void;

	constructor(
		private readonly doc: Y.Doc,
		provider: WebsocketProvider
	) {
		// Messages of this type reach only this provider; y-websocket hands over the decoder.
		provider.messageHandlers[STATUS_MESSAGE] = (_encoder, decoder) => this.handle(decodeStatus(decoder));
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			// From the server it is stored already (or will be: the server saves what it sends on).
			if (origin !== provider && this.#state === 'saved') this.#set('unsaved');
		};
		doc.on('update', onUpdate);
		this.#cleanup = () => doc.off('update', onUpdate);
	}

	get state(): SaveState {
		return this.#state;
	}

	handle(message: StatusMessage): void {
		if (message.kind === 'saved') {
			this.#saved = message.snapshot;
			if (isStored(this.doc, message.snapshot)) this.#set('saved');
			// A refusal stays visible until the refused change is stored after all.
			else if (this.#state === 'saved' || this.#state === 'failed') this.#set('unsaved');
		} else if (message.kind === 'save-failed') {
			this.#set('failed');
		} else if (message.kind === 'awaiting-consent') {
			this.#awaitingConsent = true;
			for (const listener of this.#consentListeners) listener();
		} else {
			this.#set(message.reason);
		}
	}

	/** Resolves true once everything here is stored, false after `timeoutMs`. */
	whenStored(timeoutMs: number): Promise<boolean> {
		if (this.#state === 'saved' || (this.#saved && isStored(this.doc, this.#saved))) return Promise.resolve(true);
		return new Promise((resolve) => {
			const done = (ok: boolean) => {
				clearTimeout(timer);
				this.#listeners.delete(listener);
				resolve(ok);
			};
			const listener = (state: SaveState) => {
				if (state === 'saved') done(true);
			};
			const timer = setTimeout(() => done(false), timeoutMs);
			this.#listeners.add(listener);
		});
	}

	/** The server holds the map back: this JIM waits for the youth's yes (status 'awaiting-consent'). */
	get awaitingConsent(): boolean {
		return this.#awaitingConsent;
	}

	onAwaitingConsent(listener: () => void): () => void {
		this.#consentListeners.add(listener);
		return () => this.#consentListeners.delete(listener);
	}

	onChange(listener: (state: SaveState) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		this.#cleanup();
		this.#listeners.clear();
	}

	#set(state: SaveState): void {
		if (state === this.#state) return;
		this.#state = state;
		for (const listener of [...this.#listeners]) listener(state);
	}
}
