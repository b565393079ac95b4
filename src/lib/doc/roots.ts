import type * as Y from 'yjs';
import { ROOT } from './schema.ts';

export function peopleOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.people);
}

export function tiesOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap(ROOT.ties);
}

/**
 * Calls `onChange` after every transaction that changes the map's content (people, ties, meta,
 * the JIM record, the support plan), whoever made it. Returns the function that stops it.
 */
export function observeMap(doc: Y.Doc, onChange: () => void): () => void {
	// Deep where entries are maps of their own (a person, a tie, a goal, an agreement, a question).
	const deep = [ROOT.people, ROOT.ties, ROOT.goals, ROOT.agreements, ROOT.questions].map((name) => doc.getMap(name));
	const shallow = [doc.getMap(ROOT.meta), doc.getMap(ROOT.plan)];
	const jim = doc.getArray(ROOT.jim);
	for (const type of deep) type.observeDeep(onChange);
	for (const type of shallow) type.observe(onChange);
	jim.observe(onChange);
	return () => {
		for (const type of deep) type.unobserveDeep(onChange);
		for (const type of shallow) type.unobserve(onChange);
		jim.unobserve(onChange);
	};
}
