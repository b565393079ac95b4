import { describe, expect, it } from 'vitest';
import { changeMarks, compareMaps, groupOf, type Change, type ChangeKind } from './compare.ts';
import { CENTRE, type MapJson } from './schema.ts';
import { tieId } from './ties.ts';
import { agreement, choice, consent, goal, map, plan, step, tie } from './fixtures/hand-made.ts';
import { firstEvaluation, lisa, mo, noah, nora, oma, secondEvaluation, vader } from './fixtures/evaluations.ts';

const kinds = (changes: Change[]) => changes.map((c) => c.kind);

describe('compareMaps', () => {
	it('finds nothing between a map and itself, or a copy with its lists in another order', () => {
		const m = firstEvaluation();
		expect(compareMaps(m, m)).toEqual([]);
		const shuffled: MapJson = { ...m, people: [...m.people].reverse(), ties: [...m.ties].reverse() };
		expect(compareMaps(m, shuffled)).toEqual([]);
		expect(compareMaps(map([]), map([]))).toEqual([]);
	});

	it('handles projections made before the JIM record and the plan', () => {
		const old = map([oma], [tie(CENTRE, oma.id, 'sterk')]);
		expect(compareMaps(old, { ...old })).toEqual([]);
		expect(compareMaps(old, { ...old, jim: [], plan: plan() })).toEqual([]);
		const later = { ...old, jim: [choice(oma.id, 'Oma', 'jim')], plan: plan([goal('g-1', 'thuis', 'Rust thuis')]) };
		expect(kinds(compareMaps(old, later))).toEqual(['jim-chosen', 'goal-new']);
		expect(kinds(compareMaps(later, old))).toEqual(['jim-unchosen', 'goal-gone']);
		// A schema-1 projection had no ties and fewer person fields.
		const v1 = {
			schemaVersion: 1,
			centreName: 'Sam',
			people: [{ id: oma.id, name: 'Oma', relation: '', sector: 'familie', ring: 2, angle: 0.5, createdAt: 1 }]
		};
		expect(kinds(compareMaps(v1 as unknown as MapJson, old))).toEqual(['tie-new']);
	});

	const cases: [string, MapJson, MapJson, ChangeKind[], ChangeKind[]][] = [
		['a person comes and goes', map([oma]), map([oma, mo]), ['person-new'], ['person-gone']],
		['a person comes closer or goes further', map([oma]), map([{ ...oma, ring: 1 }]), ['person-closer'], ['person-further']],
		['a person moves to another sector', map([mo]), map([{ ...mo, sector: 'vrienden' }]), ['person-sector'], ['person-sector']],
		[
			'a person is placed from the tray',
			map([lisa]),
			map([{ ...lisa, sector: 'vrienden', ring: 2 }]),
			['person-placed'],
			['person-unplaced']
		],
		['a person is renamed', map([oma]), map([{ ...oma, name: 'Oma Riet' }]), ['person-renamed'], ['person-renamed']],
		['a tie with the youth is drawn', map([oma]), map([oma], [tie(CENTRE, oma.id, 'sterk')]), ['tie-new'], ['tie-gone']],
		[
			'a tie between two people is drawn',
			map([oma, vader]),
			map([oma, vader], [tie(vader.id, oma.id, 'gespannen')]),
			['tie-new'],
			['tie-gone']
		],
		[
			'a tie changes quality',
			map([vader], [tie(CENTRE, vader.id, 'sterk')]),
			map([vader], [tie(CENTRE, vader.id, 'gespannen')]),
			['tie-quality'],
			['tie-quality']
		],
		['a JIM is chosen', map([nora]), map([nora], [], { jim: [choice(nora.id, nora.name, 'jim')] }), ['jim-chosen'], ['jim-unchosen']],
		[
			'a backup is chosen',
			map([oma]),
			map([oma], [], { jim: [choice(oma.id, 'Oma', 'reserve')] }),
			['jim-reserve-chosen'],
			['jim-reserve-unchosen']
		],
		[
			'the JIM takes a step',
			map([nora], [], { jim: [choice(nora.id, nora.name, 'jim'), step(nora.id, nora.name, 'gevraagd')] }),
			map([nora], [], { jim: [choice(nora.id, nora.name, 'jim'), step(nora.id, nora.name, 'gevraagd'), step(nora.id, nora.name, 'ja')] }),
			['jim-status'],
			['jim-status']
		],
		['consent is recorded', map([]), map([], [], { jim: [consent('ouders', 'moeder Anja', true)] }), ['jim-consent'], ['jim-consent']],
		[
			'a goal is written',
			map([], [], { plan: plan() }),
			map([], [], { plan: plan([goal('g-1', 'thuis', 'Rust')]) }),
			['goal-new'],
			['goal-gone']
		],
		[
			'an agreement is made',
			map([], [], { plan: plan() }),
			map([], [], { plan: plan([], [agreement('a-1', 'Bellen')]) }),
			['agreement-new'],
			['agreement-gone']
		],
		[
			'an agreement works out',
			map([], [], { plan: plan([], [agreement('a-1', 'Bellen', 'bezig')]) }),
			map([], [], { plan: plan([], [agreement('a-1', 'Bellen', 'gelukt')]) }),
			['agreement-status'],
			['agreement-status']
		]
	];

	it.each(cases)('sees it both ways: %s', (_, before, after, forward, backward) => {
		expect(kinds(compareMaps(before, after))).toEqual(forward);
		expect(kinds(compareMaps(after, before))).toEqual(backward);
	});

	it('matches people by id, so a rename is its own change and not someone new', () => {
		const changes = compareMaps(map([oma]), map([{ ...oma, name: 'Oma Riet', ring: 1 }]));
		expect(changes).toEqual([
			{ kind: 'person-closer', person: { id: oma.id, name: 'Oma Riet' }, from: 2, to: 1 },
			{ kind: 'person-renamed', person: { id: oma.id, name: 'Oma Riet' }, from: 'Oma' }
		]);
	});

	it('tells a story from one evaluation to the next, in a fixed order, with the names and values it needs', () => {
		const before = firstEvaluation();
		const after = secondEvaluation();
		const changes = compareMaps(before, after);
		const ref = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
		expect(changes).toEqual([
			{ kind: 'person-new', person: ref(mo), sector: 'school', ring: 3 },
			{ kind: 'person-placed', person: ref(lisa), sector: 'vrienden', ring: 3 },
			{ kind: 'person-closer', person: ref(oma), from: 2, to: 1 },
			{ kind: 'person-gone', person: ref(noah), sector: 'vrienden', ring: 4 },
			{ kind: 'tie-new', tieId: tieId(CENTRE, mo.id), person: ref(mo), other: null, quality: 'sterk' },
			{ kind: 'tie-quality', tieId: tieId(CENTRE, oma.id), person: ref(oma), other: null, from: 'zwak', to: 'sterk' },
			{ kind: 'tie-quality', tieId: tieId(CENTRE, vader.id), person: ref(vader), other: null, from: 'sterk', to: 'gespannen' },
			{ kind: 'jim-reserve-chosen', person: ref(oma) },
			{ kind: 'jim-status', person: ref(nora), from: null, to: 'ja' },
			{ kind: 'goal-new', goalId: 'g-2', domain: 'vrije-tijd', text: 'Weer voetballen' },
			{ kind: 'agreement-new', agreementId: 'a-2', what: 'Mo belt over de training', status: 'afgesproken' },
			{ kind: 'agreement-status', agreementId: 'a-1', what: 'Wekker zetten om 7 uur', from: 'bezig', to: 'gelukt' }
		]);
		expect(new Set(changes.map(groupOf))).toEqual(new Set(['people', 'ties', 'jim', 'plan']));
		// Deterministic: the same inputs in another order give the same list.
		const reordered: MapJson = { ...after, people: [...after.people].reverse(), ties: [...after.ties].reverse() };
		expect(compareMaps({ ...before, people: [...before.people].reverse() }, reordered)).toEqual(changes);
	});

	it('carries the values each change is told with: both rings, both sectors, both ends of a tie, the old name, the steps', () => {
		const ref = (p: { id: string; name: string }) => ({ id: p.id, name: p.name });
		expect(compareMaps(map([oma]), map([{ ...oma, ring: 4 }]))).toEqual([{ kind: 'person-further', person: ref(oma), from: 2, to: 4 }]);
		expect(compareMaps(map([mo]), map([{ ...mo, sector: 'vrienden' }]))).toEqual([
			{ kind: 'person-sector', person: ref(mo), from: 'school', to: 'vrienden' }
		]);
		expect(
			compareMaps(map([oma, vader], [tie(oma.id, vader.id, 'sterk')]), map([oma, vader], [tie(oma.id, vader.id, 'verbroken')]))
		).toEqual([
			{ kind: 'tie-quality', tieId: tieId(oma.id, vader.id), person: ref(oma), other: ref(vader), from: 'sterk', to: 'verbroken' }
		]);
		expect(compareMaps(map([nora]), map([{ ...nora, name: 'Nora' }]))).toEqual([
			{ kind: 'person-renamed', person: { id: nora.id, name: 'Nora' }, from: 'tante Nora' }
		]);
		expect(compareMaps(map([]), map([lisa]))).toEqual([{ kind: 'person-new', person: ref(lisa), sector: null, ring: null }]);
		const stopped = map([nora], [], {
			jim: [choice(nora.id, nora.name, 'jim'), step(nora.id, nora.name, 'actief'), step(nora.id, nora.name, 'gestopt')]
		});
		expect(compareMaps(map([nora], [], { jim: stopped.jim!.slice(0, 2) }), stopped)).toEqual([
			{ kind: 'jim-status', person: ref(nora), from: 'actief', to: 'gestopt' }
		]);
		expect(compareMaps(stopped, map([nora]))).toEqual([
			{ kind: 'jim-status', person: ref(nora), from: 'gestopt', to: null },
			{ kind: 'jim-unchosen', person: ref(nora) }
		]);
		expect(compareMaps(map([]), map([], [], { jim: [consent('ouders', 'moeder Anja', false)] }))).toEqual([
			{ kind: 'jim-consent', subject: 'ouders', givenBy: 'moeder Anja', from: null, to: false }
		]);
		const failed = (status: 'niet-gelukt' | 'afgesproken') => map([], [], { plan: plan([], [agreement('a-1', 'Op tijd thuis', status)]) });
		expect(compareMaps(failed('afgesproken'), failed('niet-gelukt'))).toEqual([
			{ kind: 'agreement-status', agreementId: 'a-1', what: 'Op tijd thuis', from: 'afgesproken', to: 'niet-gelukt' }
		]);
	});

	it('names a JIM who is no longer on the map by the name in the JIM record', () => {
		const jim = [choice('p-gone', 'Buurman Ed', 'jim')];
		expect(compareMaps(map([]), map([], [], { jim }))).toEqual([{ kind: 'jim-chosen', person: { id: 'p-gone', name: 'Buurman Ed' } }]);
	});

	it('a new step means picking is not reported twice', () => {
		// Being picked makes someone 'kandidaat'; that is the choice, not a step of its own.
		expect(
			kinds(compareMaps(map([nora]), map([nora], [], { jim: [choice(nora.id, nora.name, 'jim'), step(nora.id, nora.name, 'gevraagd')] })))
		).toEqual(['jim-chosen', 'jim-status']);
	});

	it('ignores ties to people who are not on the map', () => {
		const broken = map([oma], [tie(CENTRE, 'p-ghost', 'sterk'), tie(oma.id, 'p-ghost', 'gespannen')]);
		expect(compareMaps(map([oma]), broken)).toEqual([]);
	});
});

describe('changeMarks', () => {
	it('gives each changed person one mark, biggest first, never for a rename', () => {
		const before = map([oma, vader, noah, mo], [tie(CENTRE, vader.id, 'sterk'), tie(vader.id, noah.id, 'zwak')]);
		const after = map(
			[{ ...oma, ring: 1 }, vader, { ...noah, ring: 4, sector: 'school' }, { ...mo, name: 'Mo' }, nora],
			[tie(CENTRE, vader.id, 'gespannen'), tie(CENTRE, nora.id, 'sterk'), tie(vader.id, noah.id, 'gespannen')]
		);
		expect(changeMarks(compareMaps(before, after))).toEqual({
			[oma.id]: 'closer',
			[vader.id]: 'tie-changed',
			[noah.id]: 'moved',
			[nora.id]: 'new'
		});
		expect(changeMarks(compareMaps(after, before))).toEqual({
			[oma.id]: 'further',
			[vader.id]: 'tie-changed',
			[noah.id]: 'moved',
			[nora.id]: 'gone'
		});
		expect(changeMarks([])).toEqual({});
	});
});
