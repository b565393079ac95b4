import { describe, expect, it } from 'vitest';
import { compareMaps, type Change } from '../doc/compare.ts';
import { agreement, choice, consent, map, plan, step, tie } from '../doc/fixtures/hand-made.ts';
import { firstEvaluation, lisa, mo, nora, oma, secondEvaluation, vader } from '../doc/fixtures/evaluations.ts';
import type { MapJson } from '../doc/schema.ts';
import { describeChange, markName } from './change-words.ts';

// What compare.ts finds, as the history page says it: compare.spec.ts asserts the facts, this the words.
const words = (changes: Change[], locale: 'nl' | 'en') => changes.map((c) => describeChange(c, locale));

describe('describeChange', () => {
	it('tells the story from one evaluation to the next in plain words, in Dutch and in English', () => {
		const changes = compareMaps(firstEvaluation(), secondEvaluation());
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
});

describe('markName', () => {
	it('has a word for each mark, so the circle never relies on colour alone', () => {
		expect(markName('tie-changed', 'nl')).toBe('band veranderd');
		expect(markName('further', 'en')).toBe('further away');
	});
});
