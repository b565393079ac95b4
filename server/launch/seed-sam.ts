/**
 * Sam's map as it grew over about six months, one step per version: the story a team would tell
 * at his evaluations. The tie with his father strains, oma comes closer, trainer Mo arrives, he
 * chooses tante Nora as JIM and she says yes; his support plan grows beside it.
 */
import type * as Y from 'yjs';
import { addPerson, placePerson, type NewPerson } from '../../src/lib/doc/people.ts';
import { setTie, type TieProps } from '../../src/lib/doc/ties.ts';
import { CENTRE, type Ring, type Sector } from '../../src/lib/doc/schema.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import { recordChoice, recordConsent, recordStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import {
	addAgreement,
	addGoal,
	answerQuestion,
	askQuestion,
	setPlanDates,
	updateAgreement,
	upgradePlan,
	type AgreementInput,
	type Author
} from '../../src/lib/doc/plan.ts';

export const DAY = 24 * 60 * 60 * 1000;

/** YYYY-MM-DD of so many days ago (negative: in the future). */
export const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

export type SeedPerson = NewPerson & { tie?: TieProps };

export interface StoryContext {
	doc: Y.Doc;
	/** Person ids by name. */
	ids: Map<string, string>;
	youth: Recorder;
	professional: Recorder;
	jim: Author;
}

export interface StoryStep {
	daysAgo: number;
	kind: 'auto' | 'evaluation';
	note: string;
	apply: (ctx: StoryContext) => void;
}

/** Adds people (with their tie to the youth) and remembers their ids by name. */
export function addPeople(ctx: StoryContext, people: SeedPerson[]): void {
	for (const { tie, ...person } of people) {
		const id = addPerson(ctx.doc, person, SEED_ORIGIN);
		ctx.ids.set(person.name, id);
		if (tie) setTie(ctx.doc, CENTRE, id, tie, SEED_ORIGIN);
	}
}

/** A tie between two people by name; '' is the youth. */
export function tie(ctx: StoryContext, a: string, b: string, props: TieProps): void {
	setTie(ctx.doc, a ? ctx.ids.get(a)! : CENTRE, b ? ctx.ids.get(b)! : CENTRE, props, SEED_ORIGIN);
}

export function move(ctx: StoryContext, name: string, sector: Sector, ring: Ring): void {
	placePerson(ctx.doc, ctx.ids.get(name)!, { sector, ring }, SEED_ORIGIN);
}

const person = (ctx: StoryContext, name: string) => ({ kind: 'person' as const, personId: ctx.ids.get(name)! });
const pick = (ctx: StoryContext, name: string) => ({ personId: ctx.ids.get(name)!, personName: name });

/** Agreement ids by a short key, so later steps can change their status. */
const agreements = new WeakMap<Y.Doc, Map<string, string>>();
function agree(ctx: StoryContext, key: string, input: AgreementInput): void {
	const byKey = agreements.get(ctx.doc) ?? new Map<string, string>();
	agreements.set(ctx.doc, byKey);
	byKey.set(key, addAgreement(ctx.doc, input, SEED_ORIGIN));
}
function agreementDone(ctx: StoryContext, key: string, status: 'gelukt' | 'bezig'): void {
	updateAgreement(ctx.doc, agreements.get(ctx.doc)!.get(key)!, { status }, SEED_ORIGIN);
}
const goals = new WeakMap<Y.Doc, Map<string, string>>();
const goal = (ctx: StoryContext, key: string) => goals.get(ctx.doc)!.get(key)!;

/** A question to the JIM and her answer, dated as they happened. */
function askedAndAnswered(
	ctx: StoryContext,
	q: { text: string; goal: string | null; by: Author; answer: string; askedDaysAgo: number; answeredDaysAgo: number }
) {
	const id = askQuestion(ctx.doc, { text: q.text, goalId: q.goal }, q.by, SEED_ORIGIN);
	answerQuestion(ctx.doc, id, q.answer, ctx.jim, SEED_ORIGIN);
	const entry = ctx.doc.getMap<Y.Map<unknown>>('questions').get(id)!;
	entry.set('askedAt', Date.now() - q.askedDaysAgo * DAY);
	entry.set('answeredAt', Date.now() - q.answeredDaysAgo * DAY);
}

export const SAM_STORY: StoryStep[] = [
	{
		daysAgo: 182,
		kind: 'auto',
		note: 'Eerste gesprek: de groslijst van Sam',
		apply: (ctx) => {
			addPeople(ctx, [
				{
					name: 'Oma',
					relation: 'oma',
					sector: 'familie',
					ring: 2,
					support: ['emotioneel', 'gezelschap'],
					contact: 'maandelijks',
					knownFor: 'meer-dan-vijf-jaar',
					jimCandidate: true,
					note: 'Sam gaat na school soms bij oma langs.',
					tie: { quality: 'sterk', support: 'beide' }
				},
				{
					name: 'Moeder',
					relation: 'moeder',
					sector: 'familie',
					ring: 1,
					support: ['praktisch'],
					contact: 'dagelijks',
					knownFor: 'meer-dan-vijf-jaar',
					tie: { quality: 'sterk', support: 'naar-jongere' }
				},
				{
					name: 'Vader',
					relation: 'vader',
					sector: 'familie',
					ring: 2,
					contact: 'wekelijks',
					knownFor: 'meer-dan-vijf-jaar',
					tie: { quality: 'zwak', support: 'naar-jongere' }
				},
				{
					name: 'Jayden',
					relation: 'beste vriend',
					sector: 'vrienden',
					ring: 1,
					support: ['gezelschap', 'emotioneel'],
					contact: 'dagelijks',
					knownFor: 'een-tot-vijf-jaar',
					tie: { quality: 'sterk', support: 'beide' }
				},
				{
					name: 'Fatima',
					relation: 'jeugdhulp',
					sector: 'hulpverleners',
					ring: 2,
					support: ['informatie', 'praktisch'],
					contact: 'wekelijks',
					knownFor: 'minder-dan-jaar',
					tie: { quality: 'sterk', support: 'naar-jongere' }
				},
				{
					name: 'Tante Nora',
					relation: 'tante',
					sector: 'familie',
					ring: 3,
					support: ['emotioneel'],
					contact: 'maandelijks',
					knownFor: 'meer-dan-vijf-jaar',
					jimCandidate: true,
					note: 'Sam kan bij haar altijd terecht.',
					tie: { quality: 'sterk', support: 'naar-jongere' }
				},
				{
					name: 'Oom Rob',
					relation: 'oom',
					sector: 'familie',
					ring: 3,
					knownFor: 'meer-dan-vijf-jaar',
					jimCandidate: true,
					tie: { quality: 'zwak', support: 'geen' }
				}
			]);
		}
	},
	{
		daysAgo: 168,
		kind: 'evaluation',
		note: 'Evaluatiemoment 1 (start): Sam zet zijn doelen op papier. Het contact met vader is lastiger geworden.',
		apply: (ctx) => {
			move(ctx, 'Vader', 'familie', 3);
			tie(ctx, '', 'Vader', { quality: 'gespannen', support: 'geen' });
			tie(ctx, 'Moeder', 'Vader', { quality: 'gespannen' });
			addPeople(ctx, [
				{
					name: 'Mentor Els',
					relation: 'mentor op school',
					sector: 'school',
					ring: 3,
					support: ['informatie'],
					contact: 'wekelijks',
					tie: { quality: 'zwak', support: 'naar-jongere' }
				}
			]);
			upgradePlan(ctx.doc, SEED_ORIGIN);
			setPlanDates(ctx.doc, { startOn: day(168), everyWeeks: 8 }, SEED_ORIGIN);
			const byKey = new Map<string, string>();
			goals.set(ctx.doc, byKey);
			byKey.set(
				'school',
				addGoal(ctx.doc, { domain: 'school-werk', text: 'Ik wil mijn diploma halen en elke dag naar school gaan.' }, ctx.youth, SEED_ORIGIN)
			);
			byKey.set('thuis', addGoal(ctx.doc, { domain: 'thuis', text: 'Minder ruzie thuis, vooral met mijn vader.' }, ctx.youth, SEED_ORIGIN));
			byKey.set(
				'geld',
				addGoal(ctx.doc, { domain: 'geld', text: 'Ik wil zelf mijn zakgeld bijhouden en niet meer lenen.' }, ctx.youth, SEED_ORIGIN)
			);
			agree(ctx, 'school', {
				what: 'Sam gaat elke ochtend om 8 uur de deur uit naar school.',
				who: { kind: 'youth' },
				goalId: goal(ctx, 'school')
			});
			agree(ctx, 'mentor', {
				what: 'Mentor Els belt Fatima als Sam een dag niet op school is.',
				who: person(ctx, 'Mentor Els'),
				goalId: goal(ctx, 'school')
			});
		}
	},
	{
		daysAgo: 140,
		kind: 'auto',
		note: 'Trainer Mo komt erbij; oma komt vaker langs.',
		apply: (ctx) => {
			addPeople(ctx, [
				{
					name: 'Trainer Mo',
					relation: 'voetbaltrainer',
					sector: 'school',
					ring: 3,
					support: ['waardering'],
					contact: 'wekelijks',
					knownFor: 'minder-dan-jaar',
					jimCandidate: true,
					tie: { quality: 'zwak', support: 'naar-jongere' }
				}
			]);
			move(ctx, 'Oma', 'familie', 1);
			agreementDone(ctx, 'school', 'bezig');
		}
	},
	{
		daysAgo: 118,
		kind: 'auto',
		note: 'Sam koos tante Nora als JIM en vroeg het haar zelf.',
		apply: (ctx) => {
			recordChoice(ctx.doc, { ...pick(ctx, 'Tante Nora'), pick: 'jim', chosenBy: 'Sam', on: day(118) }, ctx.professional, SEED_ORIGIN);
			recordStatus(ctx.doc, { ...pick(ctx, 'Tante Nora'), status: 'gevraagd', on: day(118) }, ctx.youth, SEED_ORIGIN);
			move(ctx, 'Tante Nora', 'familie', 2);
		}
	},
	{
		daysAgo: 104,
		kind: 'evaluation',
		note: 'Evaluatiemoment 2: tante Nora zei ja en is nu de JIM van Sam. Toestemming van Sam en zijn moeder is vastgelegd.',
		apply: (ctx) => {
			recordConsent(
				ctx.doc,
				{ subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true, on: day(108) },
				ctx.professional,
				SEED_ORIGIN
			);
			recordConsent(
				ctx.doc,
				{ subject: 'ouders', givenBy: 'moeder (Anja)', way: 'schriftelijk', given: true, on: day(105) },
				ctx.professional,
				SEED_ORIGIN
			);
			recordStatus(ctx.doc, { ...pick(ctx, 'Tante Nora'), status: 'ja', on: day(104) }, ctx.youth, SEED_ORIGIN);
			agree(ctx, 'nora', {
				what: 'Tante Nora eet elke woensdag met Sam en praat over de week.',
				who: person(ctx, 'Tante Nora'),
				goalId: goal(ctx, 'thuis')
			});
			agree(ctx, 'vader', {
				what: 'Fatima plant een gesprek met Sam en zijn vader.',
				who: { kind: 'professional' },
				due: day(-10),
				goalId: goal(ctx, 'thuis')
			});
			agreementDone(ctx, 'school', 'gelukt');
		}
	},
	{
		daysAgo: 75,
		kind: 'auto',
		note: 'Tante Nora is actief als JIM; Sam kiest trainer Mo als reserve.',
		apply: (ctx) => {
			recordStatus(ctx.doc, { ...pick(ctx, 'Tante Nora'), status: 'actief', on: day(90) }, ctx.professional, SEED_ORIGIN);
			recordChoice(ctx.doc, { ...pick(ctx, 'Trainer Mo'), pick: 'reserve', chosenBy: 'Sam', on: day(75) }, ctx.youth, SEED_ORIGIN);
			move(ctx, 'Tante Nora', 'familie', 1);
			move(ctx, 'Trainer Mo', 'school', 2);
			tie(ctx, '', 'Trainer Mo', { quality: 'sterk', support: 'naar-jongere' });
			tie(ctx, '', 'Oom Rob', { quality: 'verbroken', support: 'geen' });
			tie(ctx, 'Tante Nora', 'Moeder', { quality: 'sterk' });
			addPeople(ctx, [
				{
					name: 'Lina',
					relation: 'vriendin',
					sector: 'vrienden',
					ring: 2,
					support: ['gezelschap'],
					contact: 'wekelijks',
					tie: { quality: 'zwak', support: 'beide' }
				}
			]);
			askedAndAnswered(ctx, {
				text: 'Sam heeft weer geld van zijn moeder gepakt. Wat zou jij doen?',
				goal: goal(ctx, 'geld'),
				by: ctx.professional,
				answer: 'Ik zou niet boos worden maar vragen waar hij het voor nodig had. Daarna samen een plan maken om het terug te geven.',
				askedDaysAgo: 80,
				answeredDaysAgo: 78
			});
		}
	},
	{
		daysAgo: 45,
		kind: 'auto',
		note: 'Broertje Daan en klasgenoot Noah op de kaart.',
		apply: (ctx) => {
			addPeople(ctx, [
				{
					name: 'Daan',
					relation: 'broertje',
					sector: 'familie',
					ring: 2,
					support: ['gezelschap'],
					contact: 'dagelijks',
					tie: { quality: 'sterk', support: 'van-jongere' }
				},
				{ name: 'Noah', relation: 'klasgenoot', sector: 'vrienden', ring: 4, contact: 'wekelijks', knownFor: 'minder-dan-jaar' }
			]);
			tie(ctx, 'Trainer Mo', 'Jayden', { quality: 'sterk' });
			agreementDone(ctx, 'mentor', 'gelukt');
			agreementDone(ctx, 'nora', 'bezig');
		}
	},
	{
		daysAgo: 14,
		kind: 'evaluation',
		note: 'Evaluatiemoment 3: meer mensen om Sam heen, contact met vader blijft lastig. Geld is het volgende doel.',
		apply: (ctx) => {
			addPeople(ctx, [
				{
					name: 'Dokter Van Dijk',
					relation: 'huisarts',
					sector: 'hulpverleners',
					ring: 4,
					support: ['informatie'],
					contact: 'paar-keer-per-jaar'
				}
			]);
			tie(ctx, 'Oma', 'Vader', { quality: 'gespannen' });
			agree(ctx, 'geld', {
				what: 'Sam schrijft elke zondag op wat hij die week uitgaf.',
				who: { kind: 'youth' },
				due: day(-21),
				goalId: goal(ctx, 'geld')
			});
			askedAndAnswered(ctx, {
				text: 'Sam wil stoppen met voetbal. Wat zou jij doen?',
				goal: null,
				by: ctx.youth,
				answer: 'Eerst samen naar een training gaan kijken. Vaak is er iets gebeurd met een teamgenoot.',
				askedDaysAgo: 20,
				answeredDaysAgo: 19
			});
		}
	}
];
