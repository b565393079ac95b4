import type * as Y from 'yjs';
import { ROOT } from './schema.ts';

export function peopleOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.people);
}

export function tiesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.ties);
}

/**
 * Calls `onChange` after every transaction that changes the map's content (people, ties, meta, the JIM record),
 * whoever made it. Returns the function that stops it.
 */
export function observeMap(doc: Y.Doc, onChange: () => void): () => void {
	const people = peopleOf(doc);
	const ties = tiesOf(doc);
	const meta = doc.getMap(ROOT.meta);
	const jim = doc.getArray(ROOT.jim);
	people.observeDeep(onChange);
	jim.observe(onChange);
	ties.observeDeep(onChange);
	meta.observe(onChange);
	return () => {
		people.unobserveDeep(onChange);
		ties.unobserveDeep(onChange);
		meta.unobserve(onChange);
		jim.unobserve(onChange);
	};
}
