import type * as Y from 'yjs';
import { ROOT } from './schema.ts';

export function peopleOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.people);
}

export function tiesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.ties);
}
