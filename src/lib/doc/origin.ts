import type * as Y from 'yjs';

/**
 * Every write carries a typed origin, so bindings can ignore their own changes and an undo
 * manager can track only the local user's. Compare origins by identity: each client makes its
 * own local origin object.
 */
export type Origin =
	| { readonly kind: 'local'; readonly clientLabel: string }
	| { readonly kind: 'upgrade' }
	| { readonly kind: 'seed' }
	/** The sync server puts an old version's content back (restore.ts). */
	| { readonly kind: 'restore' }
	/** The sync server notes in the plan that an evaluation moment was held (versions.ts). */
	| { readonly kind: 'evaluation' }
	/** The sync server erases a person from the map and its versions (erase.ts). */
	| { readonly kind: 'erase' }
	/** The sync server writes a map read from an export file into a new map (import.ts). */
	| { readonly kind: 'import' };

export function localOrigin(clientLabel = 'browser'): Origin {
	return { kind: 'local', clientLabel };
}

export const UPGRADE_ORIGIN: Origin = Object.freeze({ kind: 'upgrade' });
export const SEED_ORIGIN: Origin = Object.freeze({ kind: 'seed' });
export const RESTORE_ORIGIN: Origin = Object.freeze({ kind: 'restore' });
export const EVALUATION_ORIGIN: Origin = Object.freeze({ kind: 'evaluation' });
export const ERASE_ORIGIN: Origin = Object.freeze({ kind: 'erase' });
export const IMPORT_ORIGIN: Origin = Object.freeze({ kind: 'import' });

/** The one way to write to a map document. */
export function transact<T>(doc: Y.Doc, fn: () => T, origin: Origin): T {
	let result!: T;
	doc.transact(() => {
		result = fn();
	}, origin);
	return result;
}
