import type * as Y from 'yjs';
import { META, ROOT } from './schema.ts';
import { META_FIELDS } from './records.ts';
import { transact, type Origin } from './origin.ts';

/** The youth at the centre of the map is named by the map itself (one centre, always). */
export function setCentreName(doc: Y.Doc, name: string, origin: Origin): void {
	transact(doc, () => doc.getMap(ROOT.meta).set(META.centreName, name.trim().slice(0, META_FIELDS.centreName.max)), origin);
}
