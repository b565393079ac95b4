import { describe, expect, it } from 'vitest';
import { CENTRE, type MapJson, type Person } from '../../../../lib/doc/schema.ts';
import { decodeProjections, encodeProjections, slimProjection } from './projection-wire.ts';

const person = (id: string, name: string, ring: Person['ring'], note = ''): Person => ({
	id,
	name,
	relation: 'oom',
	sector: ring === null ? null : 'familie',
	ring,
	angle: 0.5,
	createdAt: id.charCodeAt(0),
	support: ['praktisch'],
	contact: 'wekelijks',
	knownFor: null,
	jimCandidate: id === 'b',
	note
});
const tie = (to: string, quality: 'sterk' | 'gespannen') => ({
	id: `centre:${to}`,
	from: CENTRE,
	to,
	quality,
	support: 'geen' as const,
	createdAt: 1
});
const map = (people: Person[], ties: MapJson['ties'] = [], extra: Partial<MapJson> = {}): MapJson => ({
	schemaVersion: 3,
	centreName: 'Sam',
	people,
	ties,
	...extra
});

describe('the versions’ projections as the history page fetches them', () => {
	const versions = [
		map([person('a', 'Oma', 1, 'geheim'), person('b', 'Vader', 2)], [tie('b', 'sterk')]),
		map([person('a', 'Oma', 1), person('b', 'Vader', 3)], [tie('b', 'gespannen')], { jim: [] }),
		map([person('c', 'Mo', 3), person('b', 'Vader', 3), person('a', 'Oma', null)], [], { centreName: 'Samuel' })
	].map((projection, i) => ({ id: `v${i}`, projection }));

	it('comes back as each version slimmed: no notes, support or contact', () => {
		const decoded = decodeProjections(JSON.parse(JSON.stringify(encodeProjections(versions))));
		for (const { id, projection } of versions) expect(decoded.get(id)).toEqual(slimProjection(projection));
		expect(decoded.get('v0')!.people[0]).toMatchObject({ note: '', support: [], contact: null, relation: 'oom' });
	});

	it('sends only what changed from one version to the next, and keeps unchanged people the same object', () => {
		const wire = encodeProjections(versions);
		expect(wire.versions[1].people!.put.map((p) => p.id)).toEqual(['b']);
		expect(wire.versions[1].centreName).toBeUndefined();
		expect(wire.versions[2].people!.order).toEqual(['c', 'b', 'a']);
		const decoded = decodeProjections(wire);
		expect(decoded.get('v1')!.people[0]).toBe(decoded.get('v0')!.people[0]);
	});
});
