/**
 * The rest of team Noord's caseload for the demo: a dozen youths whose maps have varied
 * histories (networks that grow, that thin out, a JIM at every stage, evaluations on time and
 * overdue), so the team's dashboard looks like a real caseload. Deterministic: the same demo on
 * every fresh data folder.
 */
import * as Y from 'yjs';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { recordChoice, recordConsent, recordStatus, type JimStatus } from '../../src/lib/doc/jim.ts';
import { addAgreement, addGoal, setPlanDates, updateAgreement, upgradePlan, type Domain } from '../../src/lib/doc/plan.ts';
import type { Ring, Sector, TieQuality } from '../../src/lib/doc/schema.ts';
import { seededRandom } from './seeded-random.ts';
import { addPeople, day, move, tie, type SeedPerson, type StoryContext, type StoryStep } from './seed-sam.ts';

const POOL: { name: string; relation: string; sector: Sector }[] = [
	{ name: 'Moeder', relation: 'moeder', sector: 'familie' },
	{ name: 'Vader', relation: 'vader', sector: 'familie' },
	{ name: 'Oma', relation: 'oma', sector: 'familie' },
	{ name: 'Opa', relation: 'opa', sector: 'familie' },
	{ name: 'Zus', relation: 'zus', sector: 'familie' },
	{ name: 'Grote broer', relation: 'broer', sector: 'familie' },
	{ name: 'Tante', relation: 'tante', sector: 'familie' },
	{ name: 'Oom', relation: 'oom', sector: 'familie' },
	{ name: 'Beste vriend', relation: 'vriend', sector: 'vrienden' },
	{ name: 'Buurmeisje', relation: 'buurmeisje', sector: 'vrienden' },
	{ name: 'Vriend van de club', relation: 'vriend', sector: 'vrienden' },
	{ name: 'Klasgenoot', relation: 'klasgenoot', sector: 'vrienden' },
	{ name: 'Mentor', relation: 'mentor op school', sector: 'school' },
	{ name: 'Trainer', relation: 'trainer', sector: 'school' },
	{ name: 'Baas bij de bakker', relation: 'werkgever', sector: 'school' },
	{ name: 'Jongerenwerker', relation: 'jongerenwerker', sector: 'hulpverleners' },
	{ name: 'Huisarts', relation: 'huisarts', sector: 'hulpverleners' },
	{ name: 'Schoolmaatschappelijk werker', relation: 'schoolmaatschappelijk werk', sector: 'hulpverleners' }
];

export interface CaseloadYouth {
	name: string;
	/** Whose caseload: the demo professional, or the colleague. */
	coach: 'fatima' | 'karim';
	startDaysAgo: number;
	versions: number;
	/** +1: the network grows and gets closer; -1: it thins out; 0: it stays much the same. */
	trend: 1 | 0 | -1;
	/** The JIM's last step, or null when no JIM was chosen yet. */
	jim: JimStatus | null;
	/** The next evaluation was planned this many days ago (overdue), else on the 8-week rhythm. */
	overdueDays?: number;
}

export const CASELOAD: CaseloadYouth[] = [
	{ name: 'Lotte', coach: 'fatima', startDaysAgo: 300, versions: 7, trend: 1, jim: 'actief' },
	{ name: 'Mehmet', coach: 'fatima', startDaysAgo: 210, versions: 5, trend: -1, jim: 'gestopt', overdueDays: 12 },
	{ name: 'Noor', coach: 'fatima', startDaysAgo: 60, versions: 3, trend: 1, jim: 'gevraagd' },
	{ name: 'Jamal', coach: 'fatima', startDaysAgo: 150, versions: 4, trend: 0, jim: null, overdueDays: 30 },
	{ name: 'Sanne', coach: 'fatima', startDaysAgo: 240, versions: 6, trend: 1, jim: 'ja' },
	{ name: 'Ayoub', coach: 'fatima', startDaysAgo: 35, versions: 2, trend: 0, jim: 'kandidaat' },
	{ name: 'Eva', coach: 'fatima', startDaysAgo: 120, versions: 4, trend: -1, jim: 'nee', overdueDays: 5 },
	{ name: 'Bilal', coach: 'karim', startDaysAgo: 180, versions: 5, trend: 1, jim: 'actief' },
	{ name: 'Fenna', coach: 'karim', startDaysAgo: 90, versions: 3, trend: 0, jim: 'actief', overdueDays: 2 },
	{ name: 'Kevin', coach: 'karim', startDaysAgo: 270, versions: 6, trend: -1, jim: 'gestopt' },
	{ name: 'Yara', coach: 'karim', startDaysAgo: 45, versions: 2, trend: 1, jim: null },
	{ name: 'Dewi', coach: 'karim', startDaysAgo: 200, versions: 5, trend: 1, jim: 'ja' }
];

const QUALITIES_UP: TieQuality[] = ['zwak', 'sterk'];
const QUALITIES_DOWN: TieQuality[] = ['gespannen', 'verbroken'];
/** The steps a JIM went through to reach each status. */
const JIM_PATH: Record<JimStatus, JimStatus[]> = {
	kandidaat: ['kandidaat'],
	gevraagd: ['kandidaat', 'gevraagd'],
	ja: ['kandidaat', 'gevraagd', 'ja'],
	nee: ['kandidaat', 'gevraagd', 'nee'],
	actief: ['kandidaat', 'gevraagd', 'ja', 'actief'],
	gestopt: ['kandidaat', 'gevraagd', 'ja', 'actief', 'gestopt']
};
const GOALS: [Domain, string][] = [
	['school-werk', 'Ik wil naar school blijven gaan.'],
	['thuis', 'Ik wil thuis minder ruzie.'],
	['vrienden', 'Ik wil een vriend erbij die ik kan vertrouwen.'],
	['vrije-tijd', 'Ik wil weer gaan sporten.']
];

/** The versions of one youth's map, from the first conversation to now. */
export function caseloadStory(youth: CaseloadYouth, seed: number): StoryStep[] {
	const rnd = seededRandom(seed);
	const pickFrom = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
	const pool = [...POOL].sort(() => rnd() - 0.5);
	const start = pool.slice(0, 5 + Math.floor(rnd() * 3));
	const later = pool.slice(start.length);
	const jimAt = Math.min(youth.versions - 1, 1);
	const steps: StoryStep[] = [];
	const gap = Math.floor(youth.startDaysAgo / youth.versions);
	let agreement = '';
	let jimName = '';
	for (let i = 0; i < youth.versions; i++) {
		const daysAgo = youth.startDaysAgo - i * gap;
		// Every other version is an evaluation moment, as teams evaluate every 6 to 8 weeks.
		const kind = i > 0 && i % 2 === 0 ? 'evaluation' : 'auto';
		steps.push({
			daysAgo,
			kind,
			note:
				kind === 'evaluation'
					? `Evaluatiemoment: ${youth.name} en de hulpverlener kijken samen naar de kaart.`
					: i === 0
						? `Eerste gesprek met ${youth.name}`
						: '',
			apply: (ctx: StoryContext) => {
				if (i === 0) {
					addPeople(
						ctx,
						start.map((p): SeedPerson => ({
							...p,
							ring: (1 + Math.floor(rnd() * 3)) as Ring,
							jimCandidate: p.sector !== 'hulpverleners' && rnd() < 0.4,
							tie: { quality: pickFrom(QUALITIES_UP) }
						}))
					);
					upgradePlan(ctx.doc, SEED_ORIGIN);
					setPlanDates(
						ctx.doc,
						{ startOn: day(youth.startDaysAgo), everyWeeks: 8, ...(youth.overdueDays ? { nextOn: day(youth.overdueDays) } : {}) },
						SEED_ORIGIN
					);
					const [domain, text] = pickFrom(GOALS);
					const goalId = addGoal(ctx.doc, { domain, text }, ctx.youth, SEED_ORIGIN);
					agreement = addAgreement(
						ctx.doc,
						{ what: `${youth.name} spreekt elke week af met iemand van de kaart.`, who: { kind: 'youth' }, goalId },
						SEED_ORIGIN
					);
					return;
				}
				const [name] = [...ctx.ids.keys()].sort(() => rnd() - 0.5);
				if (youth.trend > 0) {
					const newcomer = later.shift();
					if (newcomer) addPeople(ctx, [{ ...newcomer, ring: 3, tie: { quality: 'zwak' } }]);
					move(ctx, name, POOL.find((p) => p.name === name)!.sector, (1 + Math.floor(rnd() * 2)) as Ring);
					tie(ctx, '', name, { quality: 'sterk' });
				} else if (youth.trend < 0) {
					move(ctx, name, POOL.find((p) => p.name === name)!.sector, 4);
					tie(ctx, '', name, { quality: pickFrom(QUALITIES_DOWN) });
				} else {
					tie(ctx, '', name, { quality: pickFrom(QUALITIES_UP) });
				}
				if (youth.jim && i >= jimAt) {
					if (i === jimAt) {
						// A JIM comes from the youth's own circle, and is not one of the parents.
						const circle = [...ctx.ids.keys()].filter((n) => n !== 'Moeder' && n !== 'Vader');
						jimName =
							circle.find((n) => POOL.find((p) => p.name === n)?.sector === 'familie') ??
							circle.find((n) => POOL.find((p) => p.name === n)?.sector !== 'hulpverleners') ??
							name;
						recordChoice(
							ctx.doc,
							{ personId: ctx.ids.get(jimName)!, personName: jimName, pick: 'jim', chosenBy: youth.name, on: day(daysAgo) },
							ctx.professional,
							SEED_ORIGIN
						);
					}
					// One step per version; the last version catches up to where this JIM stands today.
					const steps = JIM_PATH[youth.jim];
					const until = i === youth.versions - 1 ? steps.length : i - jimAt + 1;
					for (const status of steps.slice(i - jimAt, until)) {
						recordStatus(
							ctx.doc,
							{ personId: ctx.ids.get(jimName)!, personName: jimName, status, on: day(daysAgo) },
							ctx.professional,
							SEED_ORIGIN
						);
						// A JIM who said yes sees the map: the youth's consent to that is recorded with it.
						if (status === 'ja')
							recordConsent(
								ctx.doc,
								{ subject: 'jongere', givenBy: youth.name, way: 'persoonlijk', given: true, on: day(daysAgo) },
								ctx.professional,
								SEED_ORIGIN
							);
					}
				}
				if (i === youth.versions - 1 && youth.trend > 0) updateAgreement(ctx.doc, agreement, { status: 'gelukt' }, SEED_ORIGIN);
			}
		});
	}
	return steps;
}

/** A fresh map document for a youth, before its first step. */
export function newMapDoc(youthName: string): Y.Doc {
	const doc = new Y.Doc();
	upgrade(doc);
	setCentreName(doc, youthName, SEED_ORIGIN);
	return doc;
}
