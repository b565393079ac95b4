/**
 * The demo organisation (for demo and development only; `npm start` skips it with KRING_DEMO=0).
 * Idempotent: it seeds only a data folder that does not have the demo accounts yet.
 */
import { createHash, randomInt } from 'node:crypto';
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import { addPerson, type NewPerson } from '../../src/lib/doc/people.ts';
import { setTie, type TieProps } from '../../src/lib/doc/ties.ts';
import { CENTRE } from '../../src/lib/doc/schema.ts';
import { project } from '../../src/lib/doc/projection.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { recordChoice, recordConsent, recordStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import { addAgreement, addGoal, answerQuestion, askQuestion, setPlanDates, upgradePlan, type Author } from '../../src/lib/doc/plan.ts';
import type { Superuser } from './pocketbase.ts';

export const DEMO_PASSWORD = 'jim-demo-1234';

export const DEMO_ACCOUNTS = [
	{ email: 'hulpverlener@demo.local', name: 'Fatima Yilmaz', role: 'hulpverlener in team Noord, coach op de kaart van Sam' },
	{ email: 'sam@demo.local', name: 'Sam', role: 'jongere; de kaart van Sam is van Sam' },
	{ email: 'jim@demo.local', name: 'Nora Bakker', role: 'de JIM van Sam (zijn tante Nora)' },
	{ email: 'team@demo.local', name: 'Eva de Wit', role: 'team Noord: leest elke kaart van het team, verandert niets' },
	{ email: 'buiten@demo.local', name: 'Joris Peters', role: 'hulpverlener in een ander team: ziet geen kaart van Noord' }
] as const;

const DAY = 24 * 60 * 60 * 1000;

type SeedPerson = NewPerson & { tie?: TieProps };

/** Sam's network as it grew: each step is what the map held at one version. */
const SAM_HISTORY: { daysAgo: number; note: string; kind: 'auto' | 'evaluation'; add: SeedPerson[]; ties?: [string, string, TieProps][] }[] = [
	{
		daysAgo: 120,
		kind: 'auto',
		note: 'Eerste gesprek: de groslijst van Sam',
		add: [
			{ name: 'Oma', relation: 'oma', sector: 'familie', ring: 1, support: ['emotioneel', 'gezelschap'], contact: 'wekelijks', knownFor: 'meer-dan-vijf-jaar', jimCandidate: true, note: 'Sam gaat na school vaak bij oma langs.', tie: { quality: 'sterk', support: 'beide' } },
			{ name: 'Moeder', relation: 'moeder', sector: 'familie', ring: 1, support: ['praktisch'], contact: 'dagelijks', knownFor: 'meer-dan-vijf-jaar', tie: { quality: 'sterk', support: 'naar-jongere' } },
			{ name: 'Vader', relation: 'vader', sector: 'familie', ring: 3, contact: 'maandelijks', knownFor: 'meer-dan-vijf-jaar', tie: { quality: 'gespannen', support: 'geen' } },
			{ name: 'Jayden', relation: 'beste vriend', sector: 'vrienden', ring: 1, support: ['gezelschap', 'emotioneel'], contact: 'dagelijks', knownFor: 'een-tot-vijf-jaar', tie: { quality: 'sterk', support: 'beide' } },
			{ name: 'Fatima', relation: 'jeugdhulp', sector: 'hulpverleners', ring: 2, support: ['informatie', 'praktisch'], contact: 'wekelijks', knownFor: 'minder-dan-jaar', tie: { quality: 'sterk', support: 'naar-jongere' } },
			{ name: 'Tante Nora', relation: 'tante', sector: 'familie', ring: 2, support: ['emotioneel', 'informatie'], contact: 'wekelijks', knownFor: 'meer-dan-vijf-jaar', jimCandidate: true, note: 'Sam kan bij haar altijd terecht.', tie: { quality: 'sterk', support: 'naar-jongere' } },
			{ name: 'Trainer Mo', relation: 'voetbaltrainer', sector: 'school', ring: 3, support: ['waardering'], contact: 'wekelijks', knownFor: 'een-tot-vijf-jaar', jimCandidate: true, tie: { quality: 'zwak', support: 'naar-jongere' } }
		],
		ties: [['Moeder', 'Vader', { quality: 'gespannen' }]]
	},
	{
		daysAgo: 70,
		kind: 'evaluation',
		note: 'Evaluatiemoment: Sam koos tante Nora als JIM en vroeg het haar zelf. Zij zei ja.',
		add: [
			{ name: 'Oom Rob', relation: 'oom', sector: 'familie', ring: 3, knownFor: 'meer-dan-vijf-jaar', jimCandidate: true, note: 'Geen contact meer sinds de verhuizing.', tie: { quality: 'verbroken', support: 'geen' } },
			{ name: 'Lina', relation: 'vriendin', sector: 'vrienden', ring: 2, support: ['gezelschap'], contact: 'wekelijks', tie: { quality: 'zwak', support: 'beide' } },
			{ name: 'Mentor Els', relation: 'mentor op school', sector: 'school', ring: 3, support: ['informatie'], contact: 'wekelijks', tie: { quality: 'zwak', support: 'naar-jongere' } }
		],
		ties: [['Tante Nora', 'Moeder', { quality: 'sterk' }]]
	},
	{
		daysAgo: 14,
		kind: 'evaluation',
		note: 'Evaluatiemoment: meer mensen om Sam heen, contact met vader blijft lastig.',
		add: [
			{ name: 'Daan', relation: 'broertje', sector: 'familie', ring: 2, support: ['gezelschap'], contact: 'dagelijks', tie: { quality: 'sterk', support: 'van-jongere' } },
			{ name: 'Noah', relation: 'klasgenoot', sector: 'vrienden', ring: 4, contact: 'wekelijks', knownFor: 'minder-dan-jaar' },
			{ name: 'Dokter Van Dijk', relation: 'huisarts', sector: 'hulpverleners', ring: 4, support: ['informatie'], contact: 'paar-keer-per-jaar' }
		],
		ties: [['Trainer Mo', 'Jayden', { quality: 'sterk' }], ['Oma', 'Vader', { quality: 'gespannen' }]]
	}
];

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);

/**
 * Sam's JIM record, written at the history step (index) it belongs to: he chose tante Nora with
 * Fatima, asked her himself, consent was given, she said yes and is active; Trainer Mo is his backup.
 */
function recordSamsJim(doc: Y.Doc, step: number, ids: Map<string, string>, sam: Recorder, fatima: Recorder): void {
	const nora = { personId: ids.get('Tante Nora')!, personName: 'Tante Nora' };
	const mo = { personId: ids.get('Trainer Mo')!, personName: 'Trainer Mo' };
	if (step === 0) {
		recordChoice(doc, { ...nora, pick: 'jim', chosenBy: 'Sam', on: day(118) }, fatima, SEED_ORIGIN);
		recordStatus(doc, { ...nora, status: 'gevraagd', on: day(112) }, sam, SEED_ORIGIN);
	} else if (step === 1) {
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true, on: day(108) }, fatima, SEED_ORIGIN);
		recordConsent(doc, { subject: 'ouders', givenBy: 'moeder (Anja)', way: 'schriftelijk', given: true, on: day(105) }, fatima, SEED_ORIGIN);
		recordStatus(doc, { ...nora, status: 'ja', on: day(104) }, sam, SEED_ORIGIN);
		recordStatus(doc, { ...nora, status: 'actief', on: day(90) }, fatima, SEED_ORIGIN);
		recordChoice(doc, { ...mo, pick: 'reserve', chosenBy: 'Sam', on: day(75) }, sam, SEED_ORIGIN);
	}
}

/**
 * Sam's support plan as it stands today: three goals in his own words, five agreements (two done,
 * one carried by tante Nora), and two questions to his JIM that she answered.
 */
function writeSamsPlan(doc: Y.Doc, ids: Map<string, string>, authors: { sam: Author; fatima: Author; nora: Author }): void {
	upgradePlan(doc, SEED_ORIGIN);
	setPlanDates(doc, { startOn: day(120), everyWeeks: 8 }, SEED_ORIGIN);
	const school = addGoal(doc, { domain: 'school-werk', text: 'Ik wil mijn diploma halen en elke dag naar school gaan.' }, authors.sam, SEED_ORIGIN);
	const thuis = addGoal(doc, { domain: 'thuis', text: 'Minder ruzie thuis, vooral met mijn vader.' }, authors.sam, SEED_ORIGIN);
	const geld = addGoal(doc, { domain: 'geld', text: 'Ik wil zelf mijn zakgeld bijhouden en niet meer lenen.' }, authors.sam, SEED_ORIGIN);
	const person = (name: string) => ({ kind: 'person' as const, personId: ids.get(name)! });
	addAgreement(doc, { what: 'Sam gaat elke ochtend om 8 uur de deur uit naar school.', who: { kind: 'youth' }, status: 'gelukt', goalId: school }, SEED_ORIGIN);
	addAgreement(doc, { what: 'Mentor Els belt Fatima als Sam een dag niet op school is.', who: person('Mentor Els'), status: 'gelukt', goalId: school }, SEED_ORIGIN);
	addAgreement(doc, { what: 'Tante Nora eet elke woensdag met Sam en praat over de week.', who: person('Tante Nora'), status: 'bezig', goalId: thuis }, SEED_ORIGIN);
	addAgreement(doc, { what: 'Fatima plant een gesprek met Sam en zijn vader.', who: { kind: 'professional' }, due: day(-10), goalId: thuis }, SEED_ORIGIN);
	addAgreement(doc, { what: 'Sam schrijft elke zondag op wat hij die week uitgaf.', who: { kind: 'youth' }, due: day(-21), goalId: geld }, SEED_ORIGIN);
	const answered: [string, string | null, string, string, number, number][] = [
		['Sam heeft weer geld van zijn moeder gepakt. Wat zou jij doen?', geld, 'Ik zou niet boos worden maar vragen waar hij het voor nodig had. Daarna samen een plan maken om het terug te geven.', 'fatima', 40, 38],
		['Sam wil stoppen met voetbal. Wat zou jij doen?', null, 'Eerst samen naar een training gaan kijken. Vaak is er iets gebeurd met een teamgenoot.', 'sam', 20, 19]
	];
	for (const [text, goalId, answer, askedBy, askedDaysAgo, answeredDaysAgo] of answered) {
		const id = askQuestion(doc, { text, goalId }, askedBy === 'sam' ? authors.sam : authors.fatima, SEED_ORIGIN);
		answerQuestion(doc, id, answer, authors.nora, SEED_ORIGIN);
		// Dated as they happened, not as the seed ran.
		const q = doc.getMap<Y.Map<unknown>>('questions').get(id)!;
		q.set('askedAt', Date.now() - askedDaysAgo * DAY);
		q.set('answeredAt', Date.now() - answeredDaysAgo * DAY);
	}
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A random invitation code in the app's alphabet (hooks/invitation_code.go); nobody learns it. */
function unusableDemoCode(): string {
	const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
	return Array.from({ length: 13 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

async function ensureUser(pb: PocketBase, email: string, name: string): Promise<string> {
	const found = await pb
		.collection('users')
		.getFirstListItem(pb.filter('email = {:email}', { email }))
		.catch(() => null);
	if (found) return found.id;
	const created = await pb
		.collection('users')
		.create({ email, name, password: DEMO_PASSWORD, passwordConfirm: DEMO_PASSWORD, verified: true, emailVisibility: false });
	return created.id;
}

/** Seeds the demo organisation unless it is there already. Returns whether it seeded. */
export async function seedDemo(pocketbaseUrl: string, superuser: Superuser): Promise<boolean> {
	const pb = new PocketBase(pocketbaseUrl);
	pb.autoCancellation(false);
	await pb.collection('_superusers').authWithPassword(superuser.email, superuser.password);
	const existing = await pb
		.collection('users')
		.getFirstListItem(pb.filter('email = {:email}', { email: DEMO_ACCOUNTS[0].email }))
		.catch(() => null);
	if (existing) return false;

	const users = Object.fromEntries(
		await Promise.all(DEMO_ACCOUNTS.map(async (a) => [a.email.split('@')[0], await ensureUser(pb, a.email, a.name)] as const))
	) as Record<'hulpverlener' | 'sam' | 'jim' | 'team' | 'buiten', string>;

	const noord = await pb.collection('teams').create({ name: 'Team Noord' });
	const zuid = await pb.collection('teams').create({ name: 'Team Zuid' });
	await pb.collection('team_members').create({ team: noord.id, user: users.hulpverlener, role: 'professional' });
	await pb.collection('team_members').create({ team: noord.id, user: users.team, role: 'reviewer' });
	await pb.collection('team_members').create({ team: zuid.id, user: users.buiten, role: 'professional' });

	const map = await pb
		.collection('maps')
		.create({ team: noord.id, youth: users.sam, youth_name: 'Sam', created_by: users.hulpverlener });
	const doc = new Y.Doc();
	upgrade(doc);
	setCentreName(doc, 'Sam', SEED_ORIGIN);
	const ids = new Map<string, string>();
	const sam: Recorder = { userId: users.sam, name: 'Sam', role: 'youth' };
	const fatima: Recorder = { userId: users.hulpverlener, name: 'Fatima Yilmaz', role: 'professional' };
	for (const [index, step] of SAM_HISTORY.entries()) {
		for (const { tie, ...person } of step.add) {
			const id = addPerson(doc, person, SEED_ORIGIN);
			ids.set(person.name, id);
			if (tie) setTie(doc, CENTRE, id, tie, SEED_ORIGIN);
		}
		// A tie to '' is the youth's own.
		for (const [a, b, props] of step.ties ?? []) setTie(doc, ids.get(a)!, b ? ids.get(b)! : CENTRE, props, SEED_ORIGIN);
		recordSamsJim(doc, index, ids, sam, fatima);
		await pb.collection('map_versions').create({
			map: map.id,
			kind: step.kind,
			note: step.note,
			taken_at: new Date(Date.now() - step.daysAgo * DAY).toISOString(),
			state: toBase64(Y.encodeStateAsUpdateV2(doc)),
			projection: project(doc)
		});
	}
	writeSamsPlan(doc, ids, {
		sam: { userId: users.sam, name: 'Sam', role: 'youth' },
		fatima: { userId: users.hulpverlener, name: 'Fatima Yilmaz', role: 'professional' },
		nora: { userId: users.jim, name: 'Nora Bakker', role: 'jim' }
	});
	await pb.collection('map_docs').create({ map: map.id, state: toBase64(Y.encodeStateAsUpdate(doc)) });

	// Fatima started the map and invited Sam; Sam invited tante Nora himself.
	for (const [user, role, invitedBy, person] of [
		[users.hulpverlener, 'professional', '', ''],
		[users.sam, 'youth', users.hulpverlener, ''],
		[users.jim, 'jim', users.sam, ids.get('Tante Nora')!]
	]) {
		await pb.collection('map_members').create({ map: map.id, user, role, invited_by: invitedBy, person });
	}
	// One open invitation for Sam's mother and one for his father that ran out unused. Their codes
	// are drawn and forgotten here, as the app forgets them after showing them once.
	for (const [label, expiresInDays] of [
		['Moeder (Anja)', 5],
		['Vader', -3]
	] as const) {
		await pb.collection('invitations').create({
			map: map.id,
			role: 'parent',
			label,
			code_hash: createHash('sha256').update(unusableDemoCode()).digest('hex'),
			created_by: users.hulpverlener,
			expires_at: new Date(Date.now() + expiresInDays * DAY).toISOString()
		});
	}
	return true;
}
