// "The table at a glance" in server/pocketbase/PERMISSIONS.md, walked cell by cell against the
// real PocketBase and the real sync server: one describe per row of the table, the roles of its
// columns in each, and at the end anyone who is not in the table. The doors themselves are
// tested in detail elsewhere (api-rules, membership, invitations, sync-read-only,
// sync-jim-record); this file is the table's checklist, so a change to one cell shows here.
import type PocketBase from 'pocketbase';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { as, kringApi, status, utcDate, withParent } from './kring-api.ts';
import {
	connectProvider,
	destroyProvider,
	rawConnect,
	startSync,
	syncApi,
	waitForDoc,
	waitSynced,
	type SyncStack
} from './sync-harness.ts';
import { startWriter } from './sync-writer.ts';
import { addPerson, peopleOf, readPeople, removePerson } from '../../src/lib/doc/people.ts';
import { setTie, tieBetween } from '../../src/lib/doc/ties.ts';
import { readJimLog, recordChoice, recordConsent, recordStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import { addAgreement, addGoal, askQuestion, readPlan, updateGoal, upgradePlan, type Author } from '../../src/lib/doc/plan.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { CENTRE } from '../../src/lib/doc/schema.ts';
import type { MapRole } from '../../src/lib/roles.ts';

/** The columns of the table. */
type Role = 'youth' | 'professional' | 'jim' | 'parent' | 'reviewer';
/** Anyone not in the table: a professional of another team, one of this team who is not on the map, anonymous. */
type Anyone = 'outsider' | 'teammate' | 'anonymous';

const ROLES: Role[] = ['youth', 'professional', 'jim', 'parent', 'reviewer'];
/** Those who may change the circle and the plan. */
const WRITERS = ['youth', 'professional', 'jim'] as const;
/** Those who get the live map read-only. */
const READERS = ['parent', 'reviewer'] as const;

let pb: PocketBaseInstance;
let admin: PocketBase;
let api: ReturnType<typeof kringApi>;
let sync: SyncStack;
let mapId: string;
let teamId: string;
let otherTeamId: string;
let users: Record<Role | Exclude<Anyone, 'anonymous'>, FixtureUser>;
const user = (who: Role | Anyone): FixtureUser | null => (who === 'anonymous' ? null : users[who]);

const LABEL: Record<Role | Anyone, string> = {
	youth: 'the youth',
	professional: 'the professional',
	jim: 'the JIM',
	parent: 'a parent',
	reviewer: 'a team reviewer',
	outsider: 'a professional of another team',
	teammate: 'a colleague of the team who is not on the map',
	anonymous: 'someone not logged in'
};
/** it.each cases for a list of people: their name for the title, then their key. */
const named = <W extends Role | Anyone>(list: readonly W[]) => list.map((who) => [LABEL[who], who] as [string, W]);
/** it.each cases from rows [who, ...rest]: their name for the title, the rest, and their key last. */
const byWho = <W extends Role | Anyone, R extends unknown[]>(rows: [W, ...R][]) =>
	rows.map(([who, ...rest]) => [LABEL[who], ...rest, who] as [string, ...R, W]);

const origin = localOrigin('permission-table');
/** What the professional put on the map before the tests: Oma tied to the youth, a goal, Oma chosen as JIM, a version. */
const seed = { oma: '', goal: '', choice: '', version: '' };

// Fixture users are named after their role (createUser), so the name in a record is the role.
const recorder = (who: 'youth' | 'professional'): Recorder => ({ userId: users[who].id, name: who, role: who });
const author = (who: Role): Author => ({ userId: users[who].id, name: who, role: who });

beforeAll(async () => {
	pb = await startPocketBase();
	const fx = await createFixture(pb);
	const withParentOnMap = await withParent(pb, fx);
	admin = await adminClient(pb);
	const teammate = await createUser(pb, 'teammate');
	await admin.collection('team_members').create({ team: fx.teamId, user: teammate.id, role: 'professional' });
	users = { ...withParentOnMap.users, teammate };
	({ mapId, teamId, otherTeamId } = fx);
	api = kringApi(pb);
	sync = await startSync(pb);

	seed.version = (await admin.collection('map_versions').create({ map: mapId, kind: 'auto', taken_at: new Date().toISOString() })).id;
	const professional = startWriter(sync.wsBase, mapId, users.professional.token);
	try {
		await waitSynced(professional.provider);
		const doc = professional.doc;
		upgrade(doc);
		upgradePlan(doc, origin);
		seed.oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
		setTie(doc, CENTRE, seed.oma, {}, origin);
		seed.goal = addGoal(doc, { domain: 'school-werk', text: 'Elke dag naar school' }, author('professional'), origin);
		const pick = { personId: seed.oma, personName: 'Oma', pick: 'jim', chosenBy: 'Sam' } as const;
		seed.choice = recordChoice(doc, pick, recorder('professional'), origin).id;
		expect(await professional.save.whenStored(10_000)).toBe(true);
	} finally {
		professional.destroy();
	}
});

afterAll(async () => {
	await sync?.close();
	await pb?.stop();
});

const providers: WebsocketProvider[] = [];
afterEach(() => {
	for (const provider of providers.splice(0)) destroyProvider(provider);
});

/** `who` on the live map, once synced: their copy of the map document. */
async function open(who: Role): Promise<Y.Doc> {
	const provider = connectProvider(sync.wsBase, mapId, users[who].token);
	providers.push(provider);
	await waitSynced(provider);
	return provider.doc;
}

const names = (doc: Y.Doc) => readPeople(doc).map((p) => p.name);
const otherWriter = (who: Role) => (who === 'youth' ? 'professional' : 'youth');

let markers = 0;
/**
 * A refused edit shows only as nothing arriving. So a writer adds a marker after it, through the
 * same server: once the marker has reached `observers`, the refused edit would have reached them too.
 */
async function marker(writer: Y.Doc, ...observers: Y.Doc[]): Promise<void> {
	const name = `Marker ${++markers}`;
	addPerson(writer, { name }, origin);
	await Promise.all(observers.map((doc) => waitForDoc(doc, (d) => names(d).includes(name))));
}

describe('the map itself (name, team): everyone on it reads; the professional writes, but not its team or youth', () => {
	it.each(named(ROLES))('%s sees the map with its name and team', async (_, who) => {
		const client = as(pb, users[who]);
		const map = await client.collection('maps').getOne(mapId);
		expect(map.team).toBe(teamId);
		expect(map.youth_name).toBeTruthy();
		expect((await client.collection('maps').getFullList()).map((m) => m.id)).toContain(mapId);
	});

	it.each(
		byWho<Role | Anyone, [number]>([
			['professional', 200],
			['youth', 404],
			['jim', 404],
			['parent', 404],
			['reviewer', 404],
			['outsider', 404],
			['teammate', 404],
			['anonymous', 404]
		])
	)('%s changes the name on the map: %s', async (_, expected, who) => {
		const name = `Sam (${who})`;
		expect(await status(() => as(pb, user(who)).collection('maps').update(mapId, { youth_name: name }))).toBe(expected);
		expect((await admin.collection('maps').getOne(mapId)).youth_name === name).toBe(expected === 200);
	});

	it('the professional cannot move the map to another team, nor name its youth', async () => {
		const maps = as(pb, users.professional).collection('maps');
		expect(await status(() => maps.update(mapId, { team: otherTeamId }))).toBe(404);
		expect(await status(() => maps.update(mapId, { youth: users.teammate.id }))).toBe(404);
		const map = await admin.collection('maps').getOne(mapId);
		expect([map.team, map.youth]).toEqual([teamId, users.youth.id]);
	});
});

describe('people and ties on the circle: youth, professional and JIM draw and remove; parent and reviewer look', () => {
	it.each(named(ROLES))('%s sees who is on the circle and their tie to the youth', async (_, who) => {
		const doc = await open(who);
		expect(names(doc)).toContain('Oma');
		expect(tieBetween(doc, CENTRE, seed.oma)).not.toBeNull();
	});

	it.each(named(WRITERS))('%s adds, ties and removes people, and the others see it', async (_, who) => {
		const [mine, theirs] = await Promise.all([open(who), open(otherWriter(who))]);
		const leaving = addPerson(theirs, { name: `Weg (${who})`, sector: 'school', ring: 3 }, origin);
		setTie(theirs, CENTRE, leaving, {}, origin);
		await waitForDoc(mine, (d) => tieBetween(d, CENTRE, leaving) !== null);

		removePerson(mine, leaving, origin);
		const coming = addPerson(mine, { name: `Nieuw (${who})`, sector: 'vrienden', ring: 2 }, origin);
		setTie(mine, CENTRE, coming, { quality: 'zwak' }, origin);
		await waitForDoc(theirs, (d) => tieBetween(d, CENTRE, coming)?.quality === 'zwak' && !peopleOf(d).has(leaving));
		expect(tieBetween(theirs, CENTRE, leaving)).toBeNull();
	});

	it.each(named(READERS))('%s sees the circle, but what they draw or remove reaches nobody', async (_, who) => {
		const [reader, youth, professional] = await Promise.all([open(who), open('youth'), open('professional')]);
		const stranger = addPerson(reader, { name: `Van ${who}`, sector: 'familie', ring: 2 }, origin);
		setTie(reader, CENTRE, stranger, {}, origin);
		setTie(reader, CENTRE, seed.oma, { quality: 'verbroken' }, origin);
		removePerson(reader, seed.oma, origin);

		await marker(youth, professional, reader);
		expect(peopleOf(professional).has(stranger)).toBe(false);
		expect(names(professional)).toContain('Oma');
		expect(tieBetween(professional, CENTRE, seed.oma)?.quality).toBe('sterk');
	});
});

describe('JIM choice, JIM status, consent: youth and professional record in their own name; the others read', () => {
	it.each(named(ROLES))('%s sees who was chosen as JIM', async (_, who) => {
		const doc = await open(who);
		expect(readJimLog(doc).map((e) => e.id)).toContain(seed.choice);
	});

	it.each(
		byWho<'youth' | 'professional', [string]>([
			['youth', 'their choice'],
			['professional', 'the youth’s choice on their behalf']
		])
	)('%s records %s, a status step and consent in their own name, and the others see it', async (_, __, who) => {
		const [mine, theirs, jim] = await Promise.all([open(who), open(otherWriter(who)), open('jim')]);
		const oma = { personId: seed.oma, personName: 'Oma' };
		const recorded = [
			recordChoice(mine, { ...oma, pick: 'reserve', chosenBy: 'Sam' }, recorder(who), origin),
			recordStatus(mine, { ...oma, status: 'gevraagd' }, recorder(who), origin),
			recordConsent(mine, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, recorder(who), origin)
		].map((e) => e.id);
		for (const doc of [theirs, jim]) {
			await waitForDoc(doc, (d) => recorded.every((id) => readJimLog(d).some((e) => e.id === id)));
			const arrived = readJimLog(doc).filter((e) => recorded.includes(e.id));
			expect(arrived.map((e) => e.recordedBy)).toEqual([recorder(who), recorder(who), recorder(who)]);
		}
	});

	it.each(
		byWho<'youth' | 'professional', ['youth' | 'professional']>([
			['youth', 'professional'],
			['professional', 'youth']
		])
	)('%s cannot record in the name of the %s', async (_, other, who) => {
		const [mine, theirs, jim] = await Promise.all([open(who), open(other), open('jim')]);
		const entry = recordStatus(mine, { personId: seed.oma, personName: 'Oma', status: 'nee' }, recorder(other), origin);
		await marker(theirs, jim);
		expect(readJimLog(jim).map((e) => e.id)).not.toContain(entry.id);
		expect(readJimLog(theirs).map((e) => e.id)).not.toContain(entry.id);
	});

	it.each(named(['jim', 'parent', 'reviewer'] as const))(
		'%s reads the JIM record, but what they record in it reaches nobody',
		async (_, who) => {
			const [mine, youth, professional] = await Promise.all([open(who), open('youth'), open('professional')]);
			// The model knows only youth and professional as recorders: their own id is as near to their own name as it gets.
			const asThemselves: Recorder = { userId: users[who].id, name: who, role: 'youth' };
			const entry = recordStatus(mine, { personId: seed.oma, personName: 'Oma', status: 'actief' }, asThemselves, origin);
			await marker(youth, professional);
			expect(readJimLog(professional).map((e) => e.id)).not.toContain(entry.id);
		}
	);
});

describe('support plan (goals, agreements, questions): youth, professional and JIM write; parent and reviewer read', () => {
	it.each(named(ROLES))('%s sees the goals of the plan', async (_, who) => {
		const doc = await open(who);
		expect(readPlan(doc).goals.map((g) => g.id)).toContain(seed.goal);
	});

	it.each(named(WRITERS))('%s adds a goal, an agreement and a question, and the others see them', async (_, who) => {
		const [mine, theirs] = await Promise.all([open(who), open(otherWriter(who))]);
		const goal = addGoal(mine, { domain: 'thuis', text: `Doel van ${who}` }, author(who), origin);
		const agreement = addAgreement(mine, { what: 'Samen koken', who: { kind: 'jim' }, goalId: goal }, origin);
		const question = askQuestion(mine, { text: 'Wat zou JIM doen als het thuis ruzie is?', goalId: goal }, author(who), origin);
		await waitForDoc(theirs, (d) => {
			const plan = readPlan(d);
			return (
				plan.goals.some((g) => g.id === goal) &&
				plan.agreements.some((a) => a.id === agreement) &&
				plan.questions.some((q) => q.id === question)
			);
		});
		expect(readPlan(theirs).goals.find((g) => g.id === goal)?.writtenBy).toEqual(author(who));
	});

	it.each(named(READERS))('%s reads the plan, but their edits reach nobody', async (_, who) => {
		const [reader, youth, professional] = await Promise.all([open(who), open('youth'), open('professional')]);
		const goal = addGoal(reader, { domain: 'geld', text: `Doel van ${who}` }, author(who), origin);
		updateGoal(reader, seed.goal, { text: `Anders, door ${who}` }, origin);
		await marker(youth, professional, reader);
		const plan = readPlan(professional);
		expect(plan.goals.map((g) => g.id)).not.toContain(goal);
		expect(plan.goals.find((g) => g.id === seed.goal)?.text).toBe('Elke dag naar school');
	});
});

describe('members ("Wie kan deze kaart zien?"): everyone reads; the youth removes JIM and parents, the professional anyone', () => {
	it.each(named(ROLES))('%s sees who is on the map', async (_, who) => {
		const client = as(pb, users[who]);
		const rows = await client.collection('map_members').getFullList({ filter: client.filter('map = {:m}', { m: mapId }) });
		const onMap = ['youth', 'professional', 'jim', 'parent'] as const;
		expect(rows.map((r) => r.user)).toEqual(expect.arrayContaining(onMap.map((r) => users[r].id)));
		const access = await api.access(users[who], mapId);
		expect(access.status).toBe(200);
		expect(access.body.members.map((m: { role: string }) => m.role)).toEqual(expect.arrayContaining([...onMap]));
	});

	// Each case removes a member made for it, so no case depends on another. A refused delete is a 404.
	it.each(
		byWho<Role | Anyone, [MapRole, 'removed' | 'refused']>([
			['youth', 'jim', 'removed'],
			['youth', 'parent', 'removed'],
			['youth', 'professional', 'refused'],
			['youth', 'youth', 'refused'],
			['professional', 'jim', 'removed'],
			['professional', 'parent', 'removed'],
			['professional', 'youth', 'removed'],
			['professional', 'professional', 'removed'],
			['jim', 'jim', 'refused'],
			['jim', 'parent', 'refused'],
			['parent', 'parent', 'refused'],
			['parent', 'jim', 'refused'],
			['reviewer', 'jim', 'refused'],
			['outsider', 'jim', 'refused'],
			['teammate', 'jim', 'refused'],
			['anonymous', 'jim', 'refused']
		])
	)('%s takes someone with role %s off the map: %s', async (_, role, outcome, who) => {
		const member = await createUser(pb, `member-${role}`);
		const row = await admin.collection('map_members').create({ map: mapId, user: member.id, role });
		expect(await status(() => as(pb, user(who)).collection('map_members').delete(row.id))).toBe(outcome === 'removed' ? 200 : 404);
		expect(await status(() => admin.collection('map_members').getOne(row.id))).toBe(outcome === 'removed' ? 404 : 200);
	});

	it.each(named(['youth', 'jim', 'parent'] as const))('%s cannot take themselves off the map', async (_, who) => {
		const row = await admin
			.collection('map_members')
			.getFirstListItem(admin.filter('map = {:m} && user = {:u}', { m: mapId, u: users[who].id }));
		expect(await status(() => as(pb, users[who]).collection('map_members').delete(row.id))).toBe(404);
		expect(await status(() => admin.collection('map_members').getOne(row.id))).toBe(200);
	});
});

describe('invitations: the youth invites a JIM, and parents from 16, and withdraws those; the professional any', () => {
	it.each(
		byWho<Role | Anyone, [number]>([
			['youth', 200],
			['professional', 200],
			['jim', 403],
			['parent', 403],
			['reviewer', 403],
			['outsider', 404],
			['teammate', 404],
			['anonymous', 401]
		])
	)('%s looks at the invitations: %s', async (_, expected, who) => {
		expect((await api.invitations(user(who), mapId)).status).toBe(expected);
	});

	it.each(
		byWho<Role | Anyone, [MapRole, number]>([
			['professional', 'youth', 201],
			['professional', 'professional', 201],
			['professional', 'jim', 201],
			['professional', 'parent', 201],
			['youth', 'jim', 201],
			['youth', 'youth', 403],
			['youth', 'professional', 403],
			['jim', 'jim', 403],
			['parent', 'jim', 403],
			['reviewer', 'jim', 403],
			['outsider', 'jim', 404],
			['teammate', 'jim', 404],
			['anonymous', 'jim', 401]
		])
	)('%s invites someone as %s: %s', async (_, role, expected, who) => {
		expect((await api.invite(user(who), mapId, { role, label: `een ${role}` })).status).toBe(expected);
	});

	it('the youth invites a parent once they are 16, by the birth date the professional put on the map', async () => {
		const inviteParent = () => api.invite(users.youth, mapId, { role: 'parent', label: 'mama' });
		const setBirthdate = (date: string) => as(pb, users.professional).collection('maps').update(mapId, { youth_birthdate: date });
		try {
			await setBirthdate(utcDate(-16, 1)); // 16 tomorrow
			expect((await inviteParent()).status).toBe(403);
			await setBirthdate(utcDate(-16)); // 16 today
			expect((await inviteParent()).status).toBe(201);
		} finally {
			await setBirthdate('');
		}
	});

	// Each case withdraws an invitation the professional made for it.
	it.each(
		byWho<Role | Anyone, [MapRole, number]>([
			['youth', 'jim', 204],
			['youth', 'parent', 204],
			['youth', 'youth', 403],
			['youth', 'professional', 403],
			['professional', 'jim', 204],
			['professional', 'parent', 204],
			['professional', 'youth', 204],
			['professional', 'professional', 204],
			['jim', 'jim', 403],
			['parent', 'jim', 403],
			['reviewer', 'jim', 403],
			['outsider', 'jim', 404],
			['teammate', 'jim', 404],
			['anonymous', 'jim', 401]
		])
	)('%s withdraws an invitation for someone as %s: %s', async (_, role, expected, who) => {
		const made = await api.invite(users.professional, mapId, { role, label: `een ${role}` });
		expect(made.status).toBe(201);
		expect((await api.revoke(user(who), made.body.id)).status).toBe(expected);
		expect((await api.check(made.body.code)).body.state).toBe(expected === 204 ? 'revoked' : 'open');
	});
});

describe('versions of the map: everyone on it reads them; the professional makes evaluation moments, restores and erases', () => {
	it.each(named(ROLES))('%s sees the versions of the map', async (_, who) => {
		const client = as(pb, users[who]);
		const versions = await client.collection('map_versions').getFullList({ filter: client.filter('map = {:m}', { m: mapId }) });
		expect(versions.map((v) => v.id)).toContain(seed.version);
	});

	it.each(named(ROLES))('%s cannot make a version: only the sync server does', async (_, who) => {
		const versions = as(pb, users[who]).collection('map_versions');
		expect(await status(() => versions.create({ map: mapId, kind: 'evaluation', taken_at: new Date().toISOString() }))).toBe(403);
	});

	// Through the sync server, which holds the live map: an evaluation moment, and a restore (here of
	// that moment, so the map the other rows test stays as it is).
	it.each(
		byWho<Role, [number]>([
			['professional', 201],
			['youth', 403],
			['jim', 403],
			['parent', 403],
			['reviewer', 403]
		])
	)('%s makes an evaluation moment and restores a version: %s', async (_, expected, who) => {
		const made = await syncApi(sync, `/sync-api/maps/${mapId}/evaluations`, users[who].token, { note: 'Evaluatie' });
		expect(made.status).toBe(expected);
		// Refused before the version is looked at, so any version of the map will do.
		const version = expected === 201 ? made.body.version.id : seed.version;
		const restored = await syncApi(sync, `/sync-api/maps/${mapId}/versions/${version}/restore`, users[who].token, {});
		expect(restored.status).toBe(expected === 201 ? 200 : 403);
	});

	// Erasing a person: only the professional gets as far as looking for them (a person on no
	// version, so the map the other rows test stays as it is).
	it.each(
		byWho<Role, [number]>([
			['professional', 404],
			['youth', 403],
			['jim', 403],
			['parent', 403],
			['reviewer', 403]
		])
	)('%s erases a person from the map and its versions: %s', async (_, expected, who) => {
		const erased = await syncApi(sync, `/sync-api/maps/${mapId}/people/nobody-on-this-map/erase`, users[who].token, {});
		expect(erased.status).toBe(expected);
	});
});

describe('JIM-tips offered from this map: the JIM offers and withdraws her own; the professional reads, publishes and removes', () => {
	const offer = (who: Role) => api.call(users[who], 'POST', `/api/kring/maps/${mapId}/tips`, { text: `Tip ${++markers}`, theme: 'school' });
	const tips = (who: Role | Anyone) => as(pb, user(who)).collection('jim_tips');

	it.each(
		byWho<Role, [number]>([
			['jim', 200],
			['youth', 403],
			['professional', 403],
			['parent', 403],
			['reviewer', 403]
		])
	)('%s offers a tip from this map: %s', async (_, expected, who) => {
		const res = await offer(who);
		expect(res.status).toBe(expected);
		if (res.status === 200) await tips('jim').delete(res.body.id);
	});

	it.each(
		byWho<Role, [boolean, number, number]>([
			['jim', true, 404, 204],
			['professional', true, 200, 204],
			['youth', false, 404, 404],
			['parent', false, 404, 404],
			['reviewer', false, 404, 404]
		])
	)('%s reads the offered tip: %s, publishes it: %s, removes it: %s', async (_, reads, publishes, removes, who) => {
		const { body } = await offer('jim');
		expect(await status(() => tips(who).getOne(body.id))).toBe(reads ? 200 : 404);
		expect(await status(() => tips(who).update(body.id, { status: 'published' }))).toBe(publishes);
		expect(await status(() => tips(who).delete(body.id))).toBe(removes === 204 ? 200 : 404);
		await admin
			.collection('jim_tips')
			.delete(body.id)
			.catch(() => {});
	});

	it.each(named(['outsider', 'teammate'] as const))(
		'%s, a professional, reads it once published, without the map or who',
		async (_, who) => {
			const { body } = await offer('jim');
			expect(await status(() => tips(who).getOne(body.id))).toBe(404);
			await tips('professional').update(body.id, { status: 'published' });
			const seen = await tips(who).getOne(body.id);
			expect(seen).not.toHaveProperty('map');
			expect(seen).not.toHaveProperty('offered_by');
			await tips('jim').delete(body.id);
			expect(await status(() => tips(who).getOne(body.id))).toBe(404);
		}
	);
});

describe('who opened the map (access log): the youth and the professional read it; nobody writes it', () => {
	it.each(
		byWho<Role, [boolean]>([
			['youth', true],
			['professional', true],
			['jim', false],
			['parent', false],
			['reviewer', false]
		])
	)('%s reads who opened the map: %s', async (_, reads, who) => {
		// Opening the map is what is logged: every role here has.
		await as(pb, users[who]).collection('maps').getOne(mapId);
		const client = as(pb, users[who]);
		const rows = await client.collection('access_log').getFullList({ filter: client.filter('map = {:m}', { m: mapId }) });
		if (reads) expect(rows.map((r) => r.role)).toContain(who);
		else expect(rows).toEqual([]);
		expect(await status(() => client.collection('access_log').create({ map: mapId, user: users[who].id, action: 'view' }))).toBe(403);
	});
});

describe('download the data (ZIP) and the access log (CSV): the youth and the professional, each download logged', () => {
	it.each(
		byWho<Role, [boolean]>([
			['youth', true],
			['professional', true],
			['jim', false],
			['parent', false],
			['reviewer', false]
		])
	)("%s downloads the map's data and its access log: %s", async (_, may, who) => {
		const res = await fetch(`${sync.httpBase}/sync-api/maps/${mapId}/export`, { headers: { authorization: `Bearer ${users[who].token}` } });
		expect(res.status).toBe(may ? 200 : 403);
		expect((await api.call(users[who], 'POST', `/api/kring/maps/${mapId}/exported`, { what: 'log' })).status).toBe(may ? 204 : 403);
		const logged = await admin
			.collection('access_log')
			.getFullList({ filter: admin.filter('map = {:m} && user = {:u} && action ~ "export"', { m: mapId, u: users[who].id }) });
		expect(logged.map((r) => r.action).sort()).toEqual(may ? ['export', 'export-log'] : []);
	});
});

describe('anyone else (a professional of another team, a colleague not on the map, anonymous) sees nothing', () => {
	it.each(named(['outsider', 'teammate', 'anonymous'] as const))(
		'%s finds the map, its members and its versions "not found"',
		async (_, who) => {
			const client = as(pb, user(who));
			const ofMap = { filter: client.filter('map = {:m}', { m: mapId }) };
			expect(await status(() => client.collection('maps').getOne(mapId))).toBe(404);
			expect(await client.collection('maps').getFullList()).toEqual([]);
			expect(await client.collection('map_members').getFullList(ofMap)).toEqual([]);
			expect(await client.collection('map_versions').getFullList(ofMap)).toEqual([]);
			expect(await status(() => client.collection('map_versions').getOne(seed.version))).toBe(404);
			expect((await api.access(user(who), mapId)).status).toBe(who === 'anonymous' ? 401 : 404);
			const evaluation = await syncApi(sync, `/sync-api/maps/${mapId}/evaluations`, user(who)?.token ?? null, { note: 'x' });
			expect(evaluation.status).toBe(who === 'anonymous' ? 401 : 404);
			const headers: Record<string, string> = user(who) ? { authorization: `Bearer ${user(who)!.token}` } : {};
			expect((await fetch(`${sync.httpBase}/sync-api/maps/${mapId}/export`, { headers })).status).toBe(who === 'anonymous' ? 401 : 404);
		}
	);

	it.each(
		byWho<Anyone, [number]>([
			['outsider', 403],
			['teammate', 403],
			['anonymous', 401]
		])
	)('%s cannot open the live map (circle, JIM record, plan): %s', async (_, expected, who) => {
		const token = user(who)?.token;
		const url = `${sync.wsBase}/${mapId}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
		expect(await rawConnect(url)).toEqual({ kind: 'refused', status: expected });
	});
});
