import * as Y from 'yjs';
import { META, ROOT, SCHEMA_VERSION } from './schema.ts';
import { transact, UPGRADE_ORIGIN } from './origin.ts';

/** Upgrade steps: step[n] takes a document from version n to n + 1. */
const steps: ((doc: Y.Doc) => void)[] = [
	// 0 → 1: an empty or pre-versioned document gets its meta and a centre.
	(doc) => {
		const meta = doc.getMap(ROOT.meta);
		if (typeof meta.get(META.centreName) !== 'string') meta.set(META.centreName, '');
	}
];

export function schemaVersionOf(doc: Y.Doc): number {
	const v = doc.getMap(ROOT.meta).get(META.schemaVersion);
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

export class NewerSchemaError extends Error {
	constructor(readonly found: number) {
		super(`map schema ${found} is newer than this app (${SCHEMA_VERSION})`);
	}
}

/**
 * Brings a document up to SCHEMA_VERSION. Safe to run on every client: steps are idempotent
 * and concurrent upgrades converge on the same content.
 */
export function upgrade(doc: Y.Doc): void {
	const from = schemaVersionOf(doc);
	if (from > SCHEMA_VERSION) throw new NewerSchemaError(from);
	if (from === SCHEMA_VERSION) return;
	transact(
		doc,
		() => {
			for (let v = from; v < SCHEMA_VERSION; v++) steps[v](doc);
			doc.getMap(ROOT.meta).set(META.schemaVersion, SCHEMA_VERSION);
		},
		UPGRADE_ORIGIN
	);
}
