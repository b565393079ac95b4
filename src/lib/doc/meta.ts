import type * as Y from 'yjs';
import { META, NAME_MAX, ROOT } from './schema.ts';
import { transact, type Origin } from './origin.ts';

/** The youth at the centre of the map is named by the map itself (one centre, always). */
export function setCentreName(doc: Y.Doc, name: string, origin: Origin): void {
	transact(doc, () => doc.getMap(ROOT.meta).set(META.centreName, name.trim().slice(0, NAME_MAX)), origin);
}
