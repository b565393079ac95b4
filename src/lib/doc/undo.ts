import * as Y from 'yjs';
import { ROOT } from './schema.ts';
import type { Origin } from './origin.ts';

/**
 * Undo and redo of one's own changes only: the manager tracks this client's origin (compared by
 * identity), so a remote edit, a seed or an upgrade is never undone. Scoped to the whole map
 * (people, ties, meta), so undoing a delete brings back the person and their ties together.
 * captureTimeout merges writes closer together than this (a drag) into one step; Yjs' default is 500 ms.
 */
export function createUndoManager(doc: Y.Doc, origin: Origin, options: { captureTimeout?: number } = {}): Y.UndoManager {
	// The plan too: deleting a person moves their agreements, and one undo brings both back.
	// Never the JIM record, which is append-only.
	const scope = [ROOT.people, ROOT.ties, ROOT.meta, ROOT.plan, ROOT.goals, ROOT.agreements, ROOT.questions].map((name) => doc.getMap(name));
	return new Y.UndoManager(scope, {
		trackedOrigins: new Set([origin]),
		captureTimeout: options.captureTimeout ?? 500
	});
}
