// What a writer's update may put at the top of a map's document: only the schema's root types
// (src/lib/doc/schema.ts), and in each only the kind of content the model puts there. Y.Map roots
// hold keyed entries; the JIM record (a Y.Array) holds a list. Anything else (a junk root, a list
// in a map root) is refused whole: a client may not grow the stored document with content no one
// reads. Content nested in a person, tie, goal... is the model's own business and not looked at.
import * as Y from 'yjs';
import { ROOT } from '../../src/lib/doc/schema.ts';

/** Roots that are a Y.Array in the model; every other root is a Y.Map. */
const LIST_ROOTS: ReadonlySet<string> = new Set([ROOT.jim]);
const ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT));

/** Null when the update fits the schema's roots, else why not (for the log). Throws on a malformed update. */
export function schemaRefusal(update: Uint8Array): string | null {
	const { structs } = Y.decodeUpdate(update);
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		const parent: unknown = s.parent;
		// Only items that name their root (a string parent) are root-level and new to their key or list;
		// the rest sit inside a nested type or beside an item they follow, which was checked itself.
		if (typeof parent !== 'string') continue;
		if (!ROOTS.has(parent)) return 'creates a root the schema does not have';
		const keyed = s.parentSub !== null;
		if (LIST_ROOTS.has(parent) === keyed) return `puts ${keyed ? 'keyed' : 'list'} content in root ${parent}`;
	}
	return null;
}

/**
 * Bytes of updates the document holds back because they depend on changes it has not seen. A
 * writer could send only such updates, which are stored but never readable: bounded per map.
 */
export function pendingBytes(doc: Y.Doc): number {
	const store = doc.store as unknown as { pendingStructs: { update: Uint8Array } | null; pendingDs: Uint8Array | null };
	return (store.pendingStructs?.update.byteLength ?? 0) + (store.pendingDs?.byteLength ?? 0);
}

/** Forgets what the document holds back (after an update that made it too much was refused). */
export function dropPending(doc: Y.Doc): void {
	const store = doc.store as unknown as { pendingStructs: unknown; pendingDs: unknown };
	store.pendingStructs = null;
	store.pendingDs = null;
}
