import { describe, expect, it } from 'vitest';
import { changeMarks, compareMaps, groupOf, type Change, type ChangeKind } from './compare.ts';
import { describeChange, markName } from '../i18n/change-words.ts';
import { CENTRE, type MapJson } from './schema.ts';
import { agreement, choice, consent, goal, map, person, plan, step, tie } from './fixtures/hand-made.ts';

const oma = person('p-oma', 'Oma', 'familie', 2);
const vader = person('p-vader', 'Vader', 'familie', 1);
const mo = person('p-mo', 'Trainer Mo', 'school', 3);
const noah = person('p-noah', 'Noah', 'vrienden', 4);
const nora = person('p-nora', 'tante Nora', 'familie', 2);
const lisa = person('p-lisa', 'Lisa', null, null);

/** A believable map at the first evaluation: before the JIM was asked. */
function first(): MapJson {
	return map(
		[oma, vader, noah, nora, lisa],
		[tie(CENTRE, oma.id, 'zwak'), tie(CENTRE, vader.id, 'sterk'), tie(oma.id, vader.id, 'sterk')],
		{
			jim: [choice(nora.id, nora.name, 'jim')],
			plan: plan([goal('g-1', 'school-werk', 'Elke dag naar school')], [agreement('a-1', 'Wekker zetten om 7 uur', 'bezig')])
		}
	);
}

const kinds = (changes: Change[]) => changes.map((c) => c.kind);
const words = (changes: Change[], locale: 'nl' | 'en') => changes.map((c) => describeChange(c, locale));

describe('compareMaps', () => {
	it('finds nothing between a map and itself, or a copy with its lists in another order', () => {
		const m = first();
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

	it('tells a story from one evaluation to the next, in a fixed order', () => {
		const before = first();
		const after = map(
			[{ ...oma, ring: 1 }, vader, nora, { ...lisa, sector: 'vrienden', ring: 3 }, mo],
			[tie(CENTRE, oma.id, 'sterk'), tie(CENTRE, vader.id, 'gespannen'), tie(CENTRE, mo.id, 'sterk'), tie(oma.id, vader.id, 'sterk')],
			{
				jim: [
					choice(nora.id, nora.name, 'jim'),
					step(nora.id, nora.name, 'gevraagd'),
					step(nora.id, nora.name, 'ja'),
					choice(oma.id, 'Oma', 'reserve')
				],
				plan: plan(
					[goal('g-1', 'school-werk', 'Elke dag naar school'), goal('g-2', 'vrije-tijd', 'Weer voetballen')],
					[agreement('a-1', 'Wekker zetten om 7 uur', 'gelukt'), agreement('a-2', 'Mo belt over de training')]
				)
			}
		);
		const changes = compareMaps(before, after);
		expect(words(changes, 'nl')).toEqual([
			'Nieuw: Trainer Mo (School, werk en vrije tijd)',
			'Lisa staat nu op de cirkel (Vrienden, verder weg)',
			'Oma kwam dichterbij (dichtbij → heel dichtbij)',
			'Noah staat niet meer op de kaart',
			'Nieuwe band met Trainer Mo (sterk)',
			'De band met Oma werd sterk',
			'De band met Vader werd gespannen',
			'JIM: Oma is gekozen als reserve',
			'JIM: tante Nora zei ja',
			'Nieuw doel (Vrije tijd): Weer voetballen',
			'Nieuwe afspraak: Mo belt over de training',
			'Afspraak gelukt: Wekker zetten om 7 uur'
		]);
		expect(words(changes, 'en')).toEqual([
			'New: Trainer Mo (School, work and leisure)',
			'Lisa is now on the circle (Friends, further away)',
			'Oma came closer (close → very close)',
			'Noah is no longer on the map',
			'New tie with Trainer Mo (strong)',
			'The tie with Oma is now strong',
			'The tie with Vader is now stressful',
			'JIM: Oma was chosen as backup',
			'JIM: tante Nora said yes',
			'New goal (Free time): Weer voetballen',
			'New agreement: Mo belt over de training',
			'Agreement done: Wekker zetten om 7 uur'
		]);
		expect(new Set(changes.map(groupOf))).toEqual(new Set(['people', 'ties', 'jim', 'plan']));
		// Deterministic: the same inputs in another order give the same list.
		const reordered: MapJson = { ...after, people: [...after.people].reverse(), ties: [...after.ties].reverse() };
		expect(compareMaps({ ...before, people: [...before.people].reverse() }, reordered)).toEqual(changes);
	});

	it('says the other changes in plain words, in Dutch and in English', () => {
		const say = (before: MapJson, after: MapJson) =>
			compareMaps(before, after).map((c) => [describeChange(c, 'nl'), describeChange(c, 'en')]);
		expect(say(map([oma]), map([{ ...oma, ring: 4 }]))).toEqual([
			['Oma ging verder weg (dichtbij → op afstand)', 'Oma moved further away (close → at a distance)']
		]);
		expect(say(map([mo]), map([{ ...mo, sector: 'vrienden' }]))).toEqual([
			[
				'Trainer Mo staat nu bij Vrienden (eerst bij School, werk en vrije tijd)',
				'Trainer Mo is now in Friends (was in School, work and leisure)'
			]
		]);
		expect(say(map([oma, vader], [tie(oma.id, vader.id, 'sterk')]), map([oma, vader], [tie(oma.id, vader.id, 'verbroken')]))).toEqual([
			['De band tussen Oma en Vader werd verbroken', 'The tie between Oma and Vader is now broken']
		]);
		expect(say(map([nora]), map([{ ...nora, name: 'Nora' }]))).toEqual([['Tante Nora heet nu Nora', 'Tante Nora is now called Nora']]);
		expect(say(map([]), map([lisa]))).toEqual([['Nieuw: Lisa (nog niet op de cirkel)', 'New: Lisa (not on the circle yet)']]);
		const stopped = map([nora], [], {
			jim: [choice(nora.id, nora.name, 'jim'), step(nora.id, nora.name, 'actief'), step(nora.id, nora.name, 'gestopt')]
		});
		expect(say(map([nora], [], { jim: stopped.jim!.slice(0, 2) }), stopped)).toEqual([
			['JIM: tante Nora is gestopt', 'JIM: tante Nora stopped']
		]);
		expect(say(stopped, map([nora]))).toEqual([
			['JIM: voor tante Nora staat geen stap meer (eerst: gestopt)', 'JIM: no step recorded for tante Nora any more (was: stopped)'],
			['JIM: tante Nora is niet meer gekozen', 'JIM: tante Nora is no longer the chosen JIM']
		]);
		expect(say(map([]), map([], [], { jim: [consent('ouders', 'moeder Anja', false)] }))).toEqual([
			['JIM: geen toestemming van moeder Anja', 'JIM: no consent from moeder Anja']
		]);
		const failed = (status: 'niet-gelukt' | 'afgesproken') => map([], [], { plan: plan([], [agreement('a-1', 'Op tijd thuis', status)]) });
		expect(say(failed('afgesproken'), failed('niet-gelukt'))).toEqual([
			['Afspraak niet gelukt: Op tijd thuis', 'Agreement did not work out: Op tijd thuis']
		]);
		expect(say(failed('niet-gelukt'), failed('afgesproken'))).toEqual([
			['Afspraak weer open: Op tijd thuis', 'Agreement open again: Op tijd thuis']
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

	it('has a word for each mark, so the circle never relies on colour alone', () => {
		expect(markName('tie-changed', 'nl')).toBe('band veranderd');
		expect(markName('further', 'en')).toBe('further away');
	});
});
