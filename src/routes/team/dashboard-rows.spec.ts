import { describe, expect, it } from 'vitest';
import type { DashboardMap } from '$lib/server/dashboard';
import { jimOf, toRow, trendWord, visibleRows, type TeamMapRow } from './dashboard-rows.ts';

const version = (day: string, close: [number, number], jim: string | null = null) => ({
	taken_at: `${day} 10:00:00.000Z`,
	metrics: {
		version: 1,
		placed: close[0] + close[1] + 2,
		perRing: { 1: close[0], 2: close[1], 3: 2, 4: 0 },
		jim: { status: jim, reserve: false }
	}
});

const map = (over: Partial<DashboardMap>): DashboardMap => ({
	id: 'm1',
	youth_name: 'Sam',
	last_activity: '2026-03-01 10:00:00.000Z',
	last_evaluation: '',
	version_count: 0,
	plan: null,
	versions: [],
	...over
});

describe('toRow', () => {
	it('reads the close circle per version, the JIM, and when the next evaluation is due', () => {
		const row = toRow(
			map({
				last_evaluation: '2026-01-10',
				plan: { startOn: '2026-01-01', everyWeeks: 8, nextOn: null },
				versions: [
					version('2026-01-01', [1, 2]),
					version('2026-02-01', [2, 3], 'gevraagd'),
					version('2026-03-01', [3, 5], 'actief')
				] as DashboardMap['versions']
			}),
			'2026-03-10'
		);
		expect(row).toMatchObject({ jim: 'actief', close: [3, 5, 8], lastEvaluation: '2026-01-10', nextEvaluation: '2026-03-07', daysLate: 3 });
	});

	it('lists a map without versions with nothing known yet', () => {
		expect(toRow(map({}), '2026-03-10')).toMatchObject({
			jim: 'unknown',
			close: [],
			lastEvaluation: null,
			nextEvaluation: null,
			daysLate: 0
		});
	});
});

describe('jimOf', () => {
	it('reads the JIM record when the newest version has no metrics', () => {
		const rec = { userId: 'u', name: 'Fatima', role: 'professional' };
		const base = { on: '2026-01-01', recordedAt: 1, recordedBy: rec, personId: 'p1', personName: 'Oma' };
		const jim_log = [
			{ kind: 'choice', id: '00000000-0000-4000-8000-000000000001', ...base, pick: 'jim', chosenBy: 'Sam' },
			{ kind: 'status', id: '00000000-0000-4000-8000-000000000002', ...base, status: 'ja' }
		];
		const versions = [
			{ taken_at: '2026-01-01 10:00:00.000Z', metrics: { version: 0, perRing: { 1: 1, 2: 0, 3: 0, 4: 0 } } }
		] as DashboardMap['versions'];
		expect(jimOf({ versions, jim_log })).toBe('ja');
		expect(jimOf({ versions, jim_log: [] })).toBe('none');
	});
});

const row = (name: string, over: Partial<TeamMapRow> = {}): TeamMapRow => ({
	id: name,
	name,
	jim: 'none',
	lastEvaluation: null,
	nextEvaluation: null,
	daysLate: 0,
	close: [],
	lastActivity: '2026-01-01 10:00:00.000Z',
	...over
});

describe('visibleRows', () => {
	const rows = [
		row('Zoë', { nextEvaluation: '2026-03-01', daysLate: 9, jim: 'actief', lastActivity: '2026-03-05 10:00:00.000Z' }),
		row('Ayoub', { nextEvaluation: null }),
		row('élise', { nextEvaluation: '2026-04-01', jim: 'actief', lastActivity: '2026-02-01 10:00:00.000Z' }),
		row('Mehmet', { nextEvaluation: '2026-02-20', daysLate: 18, jim: 'gestopt' })
	];
	const all = { name: '', lateOnly: false, jim: null };
	const names = (rs: TeamMapRow[]) => rs.map((r) => r.name);

	it('sorts by name, by next evaluation (no date last) and by last activity (newest first)', () => {
		expect(names(visibleRows(rows, all, 'naam'))).toEqual(['Ayoub', 'élise', 'Mehmet', 'Zoë']);
		expect(names(visibleRows(rows, all, 'evaluatie'))).toEqual(['Mehmet', 'Zoë', 'élise', 'Ayoub']);
		expect(names(visibleRows(rows, all, 'activiteit'))).toEqual(['Zoë', 'élise', 'Ayoub', 'Mehmet']);
	});

	it('filters on a piece of the name (without accents or case), on late ones and on the JIM status', () => {
		expect(names(visibleRows(rows, { ...all, name: ' ELI ' }, 'naam'))).toEqual(['élise']);
		expect(names(visibleRows(rows, { ...all, lateOnly: true }, 'naam'))).toEqual(['Mehmet', 'Zoë']);
		expect(names(visibleRows(rows, { ...all, jim: 'actief' }, 'naam'))).toEqual(['élise', 'Zoë']);
		expect(names(visibleRows(rows, { ...all, jim: 'none' }, 'naam'))).toEqual(['Ayoub']);
		expect(names(visibleRows(rows, { name: 'z', lateOnly: true, jim: 'actief' }, 'naam'))).toEqual(['Zoë']);
	});

	it('leaves the rows it was given as they were', () => {
		const before = names(rows);
		visibleRows(rows, all, 'evaluatie');
		expect(names(rows)).toEqual(before);
	});
});

describe('trendWord', () => {
	it('says whether the close circle grew', () => {
		expect([[], [4], [4, 6], [6, 4], [4, 5, 4]].map(trendWord)).toEqual(['none', 'one', 'grows', 'shrinks', 'same']);
	});
});
