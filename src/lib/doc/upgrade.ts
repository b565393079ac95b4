import * as Y from 'yjs';
import { META, ROOT, SCHEMA_VERSION } from './schema.ts';
import { transact, UPGRADE_ORIGIN } from './origin.ts';

/**
 * Upgrade steps: step[n] takes a document from version n to n + 1. Steps run on every client
 * that opens an old map, perhaps at the same time, so they only write what converges: no
 * nested types (two clients would each create one and one would silently win).
 */
const steps: ((doc: Y.Doc) => void)[] = [
	// 0 → 1: an empty or pre-versioned document gets its meta and a centre.
	(doc) => {
		const meta = doc.getMap(ROOT.meta);
		if (typeof meta.get(META.centreName) !== 'string') meta.set(META.centreName, '');
	},
	// 1 → 2: person details and ties. The ties map is a root type: getMap creates it, with no
	// write to race over. People keep their schema-1 keys and readers give the new details their
	// defaults (no support, contact and known-for unknown, not a candidate, empty note): writing
	// the defaults here could overwrite an edit made at the same time by a client that upgraded first.
	(doc) => {
		doc.getMap(ROOT.ties);
	},
	// 2 → 3: the JIM record, a root array (nothing to write, so nothing to race over).
	(doc) => {
		doc.getArray(ROOT.jim);
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
