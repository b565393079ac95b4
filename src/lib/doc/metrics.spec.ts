import { describe, expect, it } from 'vitest';
import { closeCount, METRICS_VERSION, metricsOf, strainedCount, trend, type Metrics } from './metrics.ts';
import { CENTRE, type MapJson } from './schema.ts';
import { agreement, choice, goal, map, person, plan, step, tie } from './fixtures/hand-made.ts';

const oma = person('p-oma', 'Oma', 'familie', 1, ['emotioneel', 'praktisch']);
const vader = person('p-vader', 'Vader', 'familie', 2, ['praktisch']);
const mo = person('p-mo', 'Trainer Mo', 'school', 2, ['gezelschap', 'waardering']);
const els = person('p-els', 'Mentor Els', 'hulpverleners', 4, ['informatie']);
const lisa = person('p-lisa', 'Lisa', null, null, ['gezelschap']);
const nora = person('p-nora', 'tante Nora', 'familie', 3, ['emotioneel']);

function sams(): MapJson {
	return map(
		[oma, vader, mo, els, lisa, nora],
		[
			tie(CENTRE, oma.id, 'sterk'),
			tie(CENTRE, mo.id, 'sterk'),
			tie(CENTRE, vader.id, 'gespannen'),
			tie(CENTRE, els.id, 'zwak'),
			tie(CENTRE, nora.id, 'verbroken'),
			// Between two people: not the youth's own tie.
			tie(oma.id, vader.id, 'gespannen'),
			// To someone no longer on the map: not counted.
			tie(CENTRE, 'p-ghost', 'sterk')
		],
		{
			jim: [
				choice(nora.id, nora.name, 'jim'),
				step(nora.id, nora.name, 'gevraagd'),
				step(nora.id, nora.name, 'ja'),
				choice(oma.id, 'Oma', 'reserve')
			],
			plan: plan(
				[goal('g-1', 'thuis', 'Rust thuis'), goal('g-2', 'school-werk', 'Elke dag naar school')],
				[
					agreement('a-1', 'Bellen', 'gelukt'),
					agreement('a-2', 'Wekker', 'bezig'),
					agreement('a-3', 'Training', 'afgesproken'),
					agreement('a-4', 'Op tijd', 'niet-gelukt')
				]
			)
		}
	);
}

describe('metricsOf', () => {
	it('counts people, places, ties with the youth, support, the JIM and the plan', () => {
		expect(metricsOf(sams())).toEqual({
			version: METRICS_VERSION,
			people: 6,
			placed: 5,
			perSector: { familie: 3, vrienden: 0, school: 1, hulpverleners: 1 },
			perRing: { 1: 1, 2: 2, 3: 1, 4: 1 },
			tiesWithYouth: { sterk: 2, zwak: 1, gespannen: 1, verbroken: 1 },
			support: { emotioneel: 2, praktisch: 2, informatie: 1, gezelschap: 2, waardering: 1 },
			jim: { status: 'ja', reserve: true },
			agreements: { total: 4, done: 1, notDone: 1, open: 2 },
			goals: 2
		} satisfies Metrics);
	});

	it('gives zeros and no JIM for an empty map, and reads projections made before the JIM record and the plan', () => {
		const empty = metricsOf(map([]));
		expect(empty.people).toBe(0);
		expect(empty.perRing).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0 });
		expect(empty.jim).toEqual({ status: null, reserve: false });
		expect(empty.agreements).toEqual({ total: 0, done: 0, notDone: 0, open: 0 });
		expect(empty.goals).toBe(0);
		const v1 = {
			schemaVersion: 1,
			centreName: 'Sam',
			people: [{ id: 'p-1', name: 'Oma', relation: '', sector: 'familie', ring: 1, angle: 0.5, createdAt: 1 }]
		};
		const old = metricsOf(v1 as unknown as MapJson);
		expect([old.people, old.placed, old.perSector.familie, old.tiesWithYouth.sterk, old.support.emotioneel]).toEqual([1, 1, 1, 0, 0]);
	});

	it("says 'kandidaat' for a JIM picked but not asked yet, and counts a person's support kind once", () => {
		const m = metricsOf(map([{ ...oma, support: ['emotioneel', 'emotioneel'] }], [], { jim: [choice(oma.id, 'Oma', 'jim')] }));
		expect(m.jim).toEqual({ status: 'kandidaat', reserve: false });
		expect(m.support.emotioneel).toBe(1);
	});

	it('is plain JSON that survives storage unchanged', () => {
		const m = metricsOf(sams());
		expect(JSON.parse(JSON.stringify(m))).toEqual(m);
		expect(JSON.stringify(m).length).toBeLessThan(600);
	});
});

describe('trend', () => {
	it('draws close people and strong and strained ties over the versions, oldest first', () => {
		const start = metricsOf(map([{ ...oma, ring: 3 }, vader], [tie(CENTRE, vader.id, 'sterk')]));
		const later = metricsOf(sams());
		expect(closeCount(later)).toBe(3);
		expect(strainedCount(later)).toBe(2);
		const t = trend([start, later]);
		expect(t.close).toEqual({ values: [1, 3], change: 2 });
		expect(t.strongTies).toEqual({ values: [1, 2], change: 1 });
		expect(t.strainedTies).toEqual({ values: [0, 2], change: 2 });
		expect(t.placed.values).toEqual([2, 5]);
		expect(t.agreementsDone.values).toEqual([0, 1]);
	});

	it('has no change for a single version or none, and reads older stored metrics as zeros', () => {
		expect(trend([]).close).toEqual({ values: [], change: 0 });
		expect(trend([metricsOf(sams())]).close).toEqual({ values: [3], change: 0 });
		const partial = { version: 0, people: 1, placed: 1 } as unknown as Metrics;
		expect(trend([partial, metricsOf(sams())]).strongTies).toEqual({ values: [0, 2], change: 2 });
	});
});
