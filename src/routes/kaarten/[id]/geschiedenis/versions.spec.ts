import { describe, expect, it } from 'vitest';
import { metricsOf } from '../../../../lib/doc/metrics.ts';
import { CENTRE, type MapJson, type Person } from '../../../../lib/doc/schema.ts';
import { compareVersions, dayOf, jimChanges, versionFrom, withSameDayTimes, type VersionView } from './versions.ts';

const person = (id: string, name: string, sector: Person['sector'], ring: Person['ring'], note = ''): Person => ({
	id,
	name,
	relation: '',
	sector,
	ring,
	angle: 0.5,
	createdAt: id.charCodeAt(0),
	support: [],
	contact: null,
	knownFor: null,
	jimCandidate: false,
	note
});
const map = (people: Person[], ties: MapJson['ties'] = []): MapJson => ({ schemaVersion: 3, centreName: 'Sam', people, ties });

describe('a stored version as the page reads it', () => {
	const projection = map([person('o', 'Oma', 'familie', 1, 'geheim')]);

	it('takes PocketBase dates, the evaluation day, and works out missing metrics from the projection', () => {
		const v = versionFrom(
			{
				id: 'v1',
				kind: 'evaluation',
				note: 'Eerste evaluatie',
				taken_at: '2025-03-12 23:30:00.000Z',
				evaluated_on: '2025-03-10 12:00:00.000Z',
				metrics: null
			},
			projection
		);
		expect(v).toMatchObject({
			id: 'v1',
			kind: 'evaluation',
			note: 'Eerste evaluatie',
			takenAt: '2025-03-12T23:30:00.000Z',
			day: '2025-03-10'
		});
		expect(v!.metrics).toEqual(metricsOf(projection));
	});

	it('gives an automatic version the Dutch day it was kept, and keeps stored metrics of this kind', () => {
		const stored = { ...metricsOf(projection), placed: 99 };
		const v = versionFrom({ id: 'v2', kind: 'auto', note: '', taken_at: '2025-03-12 23:30:00.000Z', evaluated_on: '', metrics: stored });
		expect(v!.day).toBe('2025-03-13');
		expect(v!.metrics.placed).toBe(99);
		expect(versionFrom({ id: 'v3', kind: 'auto', taken_at: '2025-03-12 10:00:00Z', metrics: { version: 0 } }, projection)!.metrics).toEqual(
			metricsOf(projection)
		);
	});

	it('skips a version whose date, or whose missing metrics, cannot be read', () => {
		expect(versionFrom({ id: 'x', taken_at: '2025-03-12 10:00:00Z', metrics: null }, null)).toBeNull();
		expect(versionFrom({ id: 'x', taken_at: 'gisteren', metrics: metricsOf(projection) })).toBeNull();
	});

	it('tells the day in the Netherlands', () => {
		expect(dayOf('2025-06-30T22:30:00.000Z')).toBe('2025-07-01');
	});

	it('gives the time of day (Dutch time) to versions that share a day, and only to them', () => {
		const row = (id: string, taken_at: string) => versionFrom({ id, kind: 'auto', taken_at, metrics: metricsOf(projection) })!;
		const list = withSameDayTimes([row('a', '2025-03-12 09:15:00Z'), row('b', '2025-03-12 15:40:00Z'), row('c', '2025-04-02 10:00:00Z')]);
		expect(list.map((v) => [v.day, v.time])).toEqual([
			['2025-03-12', '10:15'],
			['2025-03-12', '16:40'],
			['2025-04-02', '']
		]);
	});
});

describe('comparing two versions for the page', () => {
	const before = map(
		[
			person('o', 'Oma', 'familie', 2),
			person('v', 'Vader', 'familie', 2),
			person('r', 'Rob', 'familie', 3),
			person('t', 'Tom', 'vrienden', 4)
		],
		[{ id: 'centre:v', from: CENTRE, to: 'v', quality: 'zwak', support: 'geen', createdAt: 1 }]
	);
	const after = map(
		[person('o', 'Oma', 'familie', 1), person('v', 'Vader', 'familie', 2), person('m', 'Mo', 'school', 3), person('t', 'Tom', null, null)],
		[{ id: 'centre:v', from: CENTRE, to: 'v', quality: 'gespannen', support: 'geen', createdAt: 1 }]
	);

	it('groups the changes in the list’s order and marks each person once', () => {
		const c = compareVersions(before, after);
		expect(c.groups.map((g) => g.group)).toEqual(['people', 'ties']);
		expect(c.marks).toEqual({ o: 'closer', v: 'tie-changed', m: 'new', r: 'gone', t: 'gone' });
	});

	it('draws the newer version with the people who left where they stood', () => {
		const { scene } = compareVersions(before, after);
		const where = Object.fromEntries(scene.people.map((p) => [p.name, [p.sector, p.ring]]));
		expect(where).toEqual({ Oma: ['familie', 1], Vader: ['familie', 2], Mo: ['school', 3], Tom: ['vrienden', 4], Rob: ['familie', 3] });
		expect(scene.ties).toEqual(after.ties);
	});

	it('has nothing to say about a version compared with itself', () => {
		expect(compareVersions(after, after).groups).toEqual([]);
	});
});

describe('the JIM over time', () => {
	const at = (day: string, status: string | null) => ({ day, metrics: { jim: { status, reserve: false } } }) as unknown as VersionView;
	it('says each change once, oldest first, including no JIM at the start and a stop', () => {
		const versions = [
			at('2026-01-05', null),
			at('2026-02-02', null),
			at('2026-03-02', 'gevraagd'),
			at('2026-03-30', 'ja'),
			at('2026-04-27', 'ja'),
			at('2026-06-01', 'gestopt')
		];
		expect(jimChanges(versions)).toEqual([
			{ day: '2026-01-05', status: null },
			{ day: '2026-03-02', status: 'gevraagd' },
			{ day: '2026-03-30', status: 'ja' },
			{ day: '2026-06-01', status: 'gestopt' }
		]);
		expect(jimChanges([])).toEqual([]);
	});
});
