import type * as Y from 'yjs';
import { CENTRE, META, ROOT, type MapJson } from './schema.ts';
import { readPeople } from './people.ts';
import { readTies, tieEnds, tieId } from './ties.ts';
import { schemaVersionOf } from './upgrade.ts';
import { readJimLog } from './jim.ts';
import { readPlan } from './plan.ts';

/**
 * A pure projection of a map document to plain JSON (for versions, metrics, tests): people in
 * the order they were added, ties by id, and never a tie whose end is missing.
 */
export function project(doc: Y.Doc): MapJson {
	const centreName = doc.getMap(ROOT.meta).get(META.centreName);
	const people = readPeople(doc);
	return {
		schemaVersion: schemaVersionOf(doc),
		centreName: typeof centreName === 'string' ? centreName : '',
		people,
		ties: readTies(doc, new Set(people.map((p) => p.id))),
		jim: readJimLog(doc),
		plan: readPlan(doc)
	};
}

/**
 * Broken invariants of a projection, in words (empty when the map is sound). Checks the JSON as
 * given, so it also catches a projection stored or built elsewhere (project() itself drops ties
 * to missing people).
 */
export function invariantViolations(map: MapJson): string[] {
	const problems: string[] = [];
	// Exactly one centre: the youth named in meta, never a person entry.
	if (typeof map.centreName !== 'string') problems.push('no centre');
	const ids = new Set<string>();
	for (const p of map.people) {
		if (ids.has(p.id)) problems.push(`duplicate person ${p.id}`);
		ids.add(p.id);
		if (p.id === CENTRE) problems.push('a person is the centre');
		if ((p.sector === null) !== (p.ring === null)) problems.push(`half-placed person ${p.id}`);
	}
	const tieIds = new Set<string>();
	for (const t of map.ties ?? []) {
		if (tieIds.has(t.id)) problems.push(`duplicate tie ${t.id}`);
		tieIds.add(t.id);
		if (t.from === t.to) problems.push(`self-tie ${t.id}`);
		if (t.from !== CENTRE && !ids.has(t.from)) problems.push(`tie ${t.id} from missing person ${t.from}`);
		if (!ids.has(t.to)) problems.push(`tie ${t.id} to missing person ${t.to}`);
		if (t.from !== t.to && (tieId(t.from, t.to) !== t.id || tieEnds(t.from, t.to).from !== t.from)) {
			problems.push(`tie ${t.id} is not keyed by its ends`);
		}
		if (t.from !== CENTRE && (t.support === 'naar-jongere' || t.support === 'van-jongere')) {
			problems.push(`tie ${t.id} between two people points to or from the youth`);
		}
	}
	return problems;
}
