import type * as Y from 'yjs';
import { META, ROOT, type MapJson } from './schema.ts';
import { readPeople } from './people.ts';
import { schemaVersionOf } from './upgrade.ts';

/** A pure projection of a map document to plain JSON (for versions, metrics, tests). */
export function project(doc: Y.Doc): MapJson {
	const centreName = doc.getMap(ROOT.meta).get(META.centreName);
	return {
		schemaVersion: schemaVersionOf(doc),
		centreName: typeof centreName === 'string' ? centreName : '',
		people: readPeople(doc)
	};
}

/** Broken invariants of a projection, in words (empty when the map is sound). */
export function invariantViolations(map: MapJson): string[] {
	const problems: string[] = [];
	const ids = new Set<string>();
	for (const p of map.people) {
		if (ids.has(p.id)) problems.push(`duplicate person ${p.id}`);
		ids.add(p.id);
		if ((p.sector === null) !== (p.ring === null)) problems.push(`half-placed person ${p.id}`);
	}
	return problems;
}
