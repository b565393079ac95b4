// The JIM record (root `jim`) is written only by the youth and the professional, each in their
// own name, and never erased through the live map: the record is evidence of who chose and who
// consented. Every other writer (the JIM) may draw the map but not touch this record. The note
// that someone was erased (meta.erasedAt) is the server's alone too.
import type * as Y from 'yjs';
import { META, ROOT } from '../../src/lib/doc/schema.ts';
import { isJimEntry, JIM_RECORDER_ROLES } from '../../src/lib/doc/jim.ts';
import { scanUpdate, UNKNOWN_ROOT } from './update-scan.ts';

export interface Writer {
	userId: string;
	role: string;
}

/** Null when the update may be applied, else why it is refused (for the log, never shown raw). */
export function jimRecordRefusal(doc: Y.Doc, update: Uint8Array, writer: Writer): string | null {
	const scan = scanUpdate(doc, update);
	// Only the server notes an erasure (erase.ts): a client that did would make every device
	// rewrite its offline copy and forget its undo history.
	if (scan.inserted.some((i) => i.root === ROOT.meta && i.inRoot && i.key === META.erasedAt)) return 'notes an erasure';
	if (scan.deletedRoots.has(ROOT.jim)) return 'deletes from the JIM record';
	const touched = scan.inserted.filter((i) => i.root === ROOT.jim || i.root === UNKNOWN_ROOT);
	if (touched.length === 0) return null;
	const recorder = (JIM_RECORDER_ROLES as readonly string[]).includes(writer.role);
	// Content the server does not have yet (it may have missed the last moments before a restart)
	// cannot be placed: a recorder's edit is let through, anyone else's might be the JIM record.
	if (!recorder) return `role ${writer.role} writes the JIM record or content the server cannot place`;
	for (const item of touched) {
		if (item.root === UNKNOWN_ROOT) continue;
		if (!item.inRoot || item.values === null) return 'puts something other than entries in the JIM record';
		for (const entry of item.values) {
			if (!isJimEntry(entry)) return 'writes a malformed JIM entry';
			if (entry.recordedBy.userId !== writer.userId || entry.recordedBy.role !== writer.role) {
				return 'records a JIM entry in someone else’s name';
			}
		}
	}
	return null;
}
