/**
 * The demo organisation (for demo and development only; `npm start` skips it with KRING_DEMO=0).
 * Idempotent: it seeds only a data folder that does not have the demo accounts yet.
 */
import { createHash, randomInt } from 'node:crypto';
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import { project } from '../../src/lib/doc/projection.ts';
import { metricsOf } from '../../src/lib/doc/metrics.ts';
import { DAY, day, SAM_STORY, type StoryContext, type StoryStep } from './seed-sam.ts';
import { CASELOAD, caseloadStory, newMapDoc } from './seed-caseload.ts';
import { CASELOAD_TIPS, seedTips, type TipSource } from './seed-tips.ts';
import { jimState, readJimLog } from '../../src/lib/doc/jim.ts';
import { readPlan, recordEvaluationHeld } from '../../src/lib/doc/plan.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import type { Superuser } from './pocketbase.ts';
import { superuserClient } from '../sync/service.ts';

export const DEMO_PASSWORD = 'jim-demo-1234';

export const DEMO_ACCOUNTS = [
	{ email: 'hulpverlener@demo.local', name: 'Fatima Yilmaz', role: 'hulpverlener in team Noord, coach op de kaart van Sam' },
	{ email: 'sam@demo.local', name: 'Sam', role: 'jongere; de kaart van Sam is van Sam' },
	{ email: 'jim@demo.local', name: 'Nora Bakker', role: 'de JIM van Sam (zijn tante Nora)' },
	{ email: 'team@demo.local', name: 'Eva de Wit', role: 'team Noord: leest elke kaart van het team, verandert niets' },
	{ email: 'buiten@demo.local', name: 'Joris Peters', role: 'hulpverlener in een ander team: ziet geen kaart van Noord' },
	{ email: 'karim@demo.local', name: 'Karim Ouali', role: 'hulpverlener in team Noord, coach van vijf andere jongeren' }
] as const;

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
	const pb = await superuserClient(pocketbaseUrl, superuser);
	const existing = await pb
		.collection('users')
		.getFirstListItem(pb.filter('email = {:email}', { email: DEMO_ACCOUNTS[0].email }))
		.catch(() => null);
	if (existing) return false;

	const users = Object.fromEntries(
		await Promise.all(DEMO_ACCOUNTS.map(async (a) => [a.email.split('@')[0], await ensureUser(pb, a.email, a.name)] as const))
	) as Record<'hulpverlener' | 'sam' | 'jim' | 'team' | 'buiten' | 'karim', string>;

	const noord = await pb.collection('teams').create({ name: 'Team Noord' });
	const zuid = await pb.collection('teams').create({ name: 'Team Zuid' });
	await pb.collection('team_members').create({ team: noord.id, user: users.hulpverlener, role: 'professional' });
	await pb.collection('team_members').create({ team: noord.id, user: users.team, role: 'reviewer' });
	await pb.collection('team_members').create({ team: noord.id, user: users.karim, role: 'professional' });
	await pb.collection('team_members').create({ team: zuid.id, user: users.buiten, role: 'professional' });

	const map = await pb.collection('maps').create({ team: noord.id, youth: users.sam, youth_name: 'Sam', created_by: users.hulpverlener });
	const doc = newMapDoc('Sam');
	const ctx: StoryContext = {
		doc,
		ids: new Map(),
		youth: { userId: users.sam, name: 'Sam', role: 'youth' },
		professional: { userId: users.hulpverlener, name: 'Fatima Yilmaz', role: 'professional' },
		jim: { userId: users.jim, name: 'Nora Bakker', role: 'jim' }
	};
	await storeHistory(pb, map.id, ctx, SAM_STORY);
	const ids = ctx.ids;
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

	// Tante Nora offered both her answers from Sam's plan as tips, and Fatima published them.
	const tipSources: TipSource[] = [
		{
			mapId: map.id,
			doc,
			jimUser: users.jim,
			professional: users.hulpverlener,
			tips: readPlan(doc).questions.map((q, i) => ({ theme: q.goalId ? 'geld' : 'vrije-tijd', text: q.answer, daysAgo: 10 - i }))
		}
	];
	for (const [index, youth] of CASELOAD.entries()) {
		const coach = youth.coach === 'fatima' ? users.hulpverlener : users.karim;
		const coachName = youth.coach === 'fatima' ? 'Fatima Yilmaz' : 'Karim Ouali';
		const theirs = await pb.collection('maps').create({ team: noord.id, youth_name: youth.name, created_by: coach });
		const youthCtx: StoryContext = {
			doc: newMapDoc(youth.name),
			ids: new Map(),
			// These youths have no account in the demo: the professional recorded everything.
			youth: { userId: coach, name: coachName, role: 'professional' },
			professional: { userId: coach, name: coachName, role: 'professional' },
			jim: { userId: coach, name: coachName, role: 'professional' }
		};
		await storeHistory(pb, theirs.id, youthCtx, caseloadStory(youth, index + 1));
		await pb.collection('map_docs').create({ map: theirs.id, state: toBase64(Y.encodeStateAsUpdate(youthCtx.doc)) });
		await pb.collection('map_members').create({ map: theirs.id, user: coach, role: 'professional' });
		const advice = CASELOAD_TIPS[youth.name];
		if (advice) {
			// This youth's JIM has an account too (demo password; not one of the printed accounts).
			const jimUser = await ensureUser(pb, `jim-${youth.name.toLowerCase()}@demo.local`, advice.jimName);
			const person = jimState(readJimLog(youthCtx.doc)).jim?.personId ?? '';
			await pb.collection('map_members').create({ map: theirs.id, user: jimUser, role: 'jim', invited_by: coach, person });
			tipSources.push({ mapId: theirs.id, doc: youthCtx.doc, jimUser, professional: coach, tips: advice.tips });
		}
	}
	await seedTips(pb, tipSources);
	return true;
}

/** Applies each step of a map's story and keeps a version after it, dated when it happened. */
async function storeHistory(pb: PocketBase, mapId: string, ctx: StoryContext, steps: StoryStep[]): Promise<void> {
	for (const step of steps) {
		step.apply(ctx);
		// As the sync server does for an evaluation moment: the plan counts the next one from it.
		if (step.kind === 'evaluation') recordEvaluationHeld(ctx.doc, day(step.daysAgo), SEED_ORIGIN);
		const projection = project(ctx.doc);
		const takenAt = new Date(Date.now() - step.daysAgo * DAY).toISOString();
		await pb.collection('map_versions').create({
			map: mapId,
			kind: step.kind,
			note: step.note,
			taken_at: takenAt,
			evaluated_on: step.kind === 'evaluation' ? takenAt : '',
			made_by_name: step.kind === 'evaluation' ? ctx.professional.name : '',
			state: toBase64(Y.encodeStateAsUpdateV2(ctx.doc)),
			projection,
			metrics: metricsOf(projection)
		});
	}
}
