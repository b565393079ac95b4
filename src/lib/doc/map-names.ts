import type * as Y from 'yjs';
import { META, ROOT } from './schema.ts';
import { readPeople } from './people.ts';
import { readJimLog } from './jim.ts';
import { readPlan } from './plan.ts';

/**
 * Every name a map document holds, for the name scrubber (scrub.ts): the youth at the centre,
 * each person on the circle or in the tray, and whoever signed something on the map (the JIM
 * record's recorders and consent givers, the plan's writers, askers and answerers).
 */
export function namesOnMap(doc: Y.Doc): string[] {
	const names = new Set<string>();
	const add = (name: unknown) => {
		if (typeof name === 'string' && name.trim()) names.add(name.trim());
	};
	add(doc.getMap(ROOT.meta).get(META.centreName));
	for (const person of readPeople(doc)) add(person.name);
	for (const entry of readJimLog(doc)) {
		add(entry.recordedBy.name);
		if (entry.kind === 'consent') add(entry.givenBy);
		else add(entry.personName);
		if (entry.kind === 'choice') add(entry.chosenBy);
	}
	const plan = readPlan(doc);
	for (const goal of plan.goals) add(goal.writtenBy.name);
	for (const q of plan.questions) {
		add(q.askedBy.name);
		add(q.answeredBy?.name);
	}
	return [...names];
}
