/**
 * One map's year, made with the app's own document model (src/lib/doc): 15 to 30 people with
 * ties, a plan with goals, on JIM maps the JIM record, and one version a month for twelve months
 * (every third an evaluation moment). Monthly rather than weekly: 5,000 maps × 52 weekly
 * versions would be 260,000 full states (about 7 GB at 25 KiB each); twelve a map keep the same
 * span. The story is the same for a given map number; person ids are random (the model makes them).
 */
import * as Y from 'yjs';
import { recordChoice, recordStatus, type JimStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import { metricsOf } from '../../src/lib/doc/metrics.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import { addPerson, placePerson, readPeople } from '../../src/lib/doc/people.ts';
import { addGoal, DOMAINS, setPlanDates, upgradePlan } from '../../src/lib/doc/plan.ts';
import { project } from '../../src/lib/doc/projection.ts';
import { CENTRE, type Ring, type Sector } from '../../src/lib/doc/schema.ts';
import { setTie } from '../../src/lib/doc/ties.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { seededRandom } from '../../server/launch/seeded-random.ts';
import { VERSIONS_PER_MAP, type PlannedMap } from './plan.ts';

const DAY = 24 * 60 * 60 * 1000;
const JIM_STEPS: JimStatus[] = ['gevraagd', 'ja', 'actief'];

const POOL: { name: string; relation: string; sector: Sector }[] = [
	{ name: 'Moeder', relation: 'moeder', sector: 'familie' },
	{ name: 'Vader', relation: 'vader', sector: 'familie' },
	{ name: 'Oma', relation: 'oma', sector: 'familie' },
	{ name: 'Opa', relation: 'opa', sector: 'familie' },
	{ name: 'Zus', relation: 'zus', sector: 'familie' },
	{ name: 'Broer', relation: 'broer', sector: 'familie' },
	{ name: 'Tante', relation: 'tante', sector: 'familie' },
	{ name: 'Oom', relation: 'oom', sector: 'familie' },
	{ name: 'Neef', relation: 'neef', sector: 'familie' },
	{ name: 'Beste vriend', relation: 'vriend', sector: 'vrienden' },
	{ name: 'Buurmeisje', relation: 'buurmeisje', sector: 'vrienden' },
	{ name: 'Teamgenoot', relation: 'teamgenoot', sector: 'vrienden' },
	{ name: 'Klasgenoot', relation: 'klasgenoot', sector: 'vrienden' },
	{ name: 'Vriendin', relation: 'vriendin', sector: 'vrienden' },
	{ name: 'Mentor', relation: 'mentor op school', sector: 'school' },
	{ name: 'Trainer', relation: 'trainer', sector: 'school' },
	{ name: 'Docent', relation: 'docent', sector: 'school' },
	{ name: 'Werkgever', relation: 'werkgever', sector: 'school' },
	{ name: 'Jongerenwerker', relation: 'jongerenwerker', sector: 'hulpverleners' },
	{ name: 'Huisarts', relation: 'huisarts', sector: 'hulpverleners' },
	{ name: 'Psycholoog', relation: 'psycholoog', sector: 'hulpverleners' }
];
const GOALS = [
	'Elke week een keer sporten',
	'Op tijd op school komen',
	'Een bijbaan vinden',
	'Vaker met oma bellen',
	'Schulden op een rij zetten',
	'Een vriend uitnodigen'
];

export interface SeedVersion {
	kind: 'auto' | 'evaluation';
	taken_at: string;
	evaluated_on: string;
	note: string;
	made_by_name: string;
	/** base64 of Y.encodeStateAsUpdateV2, as the sync server keeps it. */
	state: string;
	projection: unknown;
	metrics: unknown;
}

export interface MapYear {
	versions: SeedVersion[];
	/** base64 of Y.encodeStateAsUpdate: the live state for map_docs. */
	live: string;
	people: number;
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const day = (at: number) => new Date(at).toISOString().slice(0, 10);

/** The year of `map`, ending a day before `now`. */
export function mapYear(map: PlannedMap, now: number): MapYear {
	const rnd = seededRandom(1_000_003 * (map.index + 1));
	const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
	const start = now - 365 * DAY;
	const monthAt = (k: number) => start + Math.round((k * 365 * DAY) / VERSIONS_PER_MAP);
	const doc = new Y.Doc();
	upgrade(doc);
	setCentreName(doc, map.youthName, SEED_ORIGIN);
	upgradePlan(doc, SEED_ORIGIN);
	setPlanDates(doc, { startOn: day(start), everyWeeks: 12 }, SEED_ORIGIN);
	const pro = map.professional;
	const recorder: Recorder = { userId: pro.id, name: pro.name, role: 'professional' };

	const target = 15 + ((map.index * 7) % 16); // 15 … 30 people by the end of the year
	const startPeople = Math.max(10, target - 4);
	const ids: string[] = [];
	const add = (ring: Ring) => {
		const p = POOL[ids.length % POOL.length];
		const id = addPerson(
			doc,
			{ name: ids.length < POOL.length ? p.name : `${p.name} ${ids.length + 1}`, relation: p.relation, sector: p.sector, ring },
			SEED_ORIGIN
		);
		setTie(doc, CENTRE, id, { quality: rnd() < 0.6 ? 'sterk' : 'zwak' }, SEED_ORIGIN);
		if (ids.length > 2 && rnd() < 0.4) setTie(doc, id, pick(ids), { quality: 'zwak' }, SEED_ORIGIN);
		ids.push(id);
	};
	for (let i = 0; i < startPeople; i++) add((1 + Math.floor(rnd() * 4)) as Ring);
	const author = { userId: pro.id, name: pro.name, role: 'professional' };
	addGoal(doc, { domain: pick(DOMAINS), text: pick(GOALS) }, author, SEED_ORIGIN);

	const jim = map.second.kind === 'jim' ? ids[Math.floor(rnd() * Math.min(ids.length, 9))] : null;
	const versions: SeedVersion[] = [];
	for (let k = 0; k < VERSIONS_PER_MAP; k++) {
		const at = monthAt(k);
		if (k > 0) {
			for (let moves = 0; moves < 2; moves++) {
				const p = readPeople(doc).find((x) => x.id === pick(ids));
				if (p?.sector && p.ring)
					placePerson(
						doc,
						p.id,
						{ sector: p.sector, ring: Math.min(4, Math.max(1, p.ring + (rnd() < 0.55 ? -1 : 1))) as Ring },
						SEED_ORIGIN
					);
			}
			if (ids.length < target && k % 3 !== 0) add(3);
			if (k === 6) addGoal(doc, { domain: pick(DOMAINS), text: pick(GOALS) }, author, SEED_ORIGIN);
		}
		if (jim && k === 1)
			recordChoice(doc, { personId: jim, personName: 'JIM', pick: 'jim', chosenBy: map.youthName, on: day(at) }, recorder, SEED_ORIGIN);
		if (jim && k >= 2 && k - 2 < JIM_STEPS.length)
			recordStatus(doc, { personId: jim, personName: 'JIM', status: JIM_STEPS[k - 2], on: day(at) }, recorder, SEED_ORIGIN);
		const evaluation = k > 0 && k % 3 === 0;
		const projection = project(doc);
		versions.push({
			kind: evaluation ? 'evaluation' : 'auto',
			taken_at: new Date(at).toISOString(),
			evaluated_on: evaluation ? `${day(at)} 00:00:00.000Z` : '',
			note: evaluation ? 'Evaluatiemoment: netwerk besproken met de jongere.' : '',
			made_by_name: evaluation ? pro.name : '',
			state: base64(Y.encodeStateAsUpdateV2(doc)),
			projection,
			metrics: metricsOf(projection)
		});
	}
	const live = base64(Y.encodeStateAsUpdate(doc));
	const people = ids.length;
	doc.destroy();
	return { versions, live, people };
}
