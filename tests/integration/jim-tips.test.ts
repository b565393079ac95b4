// JIM-tips against the real PocketBase: the JIM offers (only through /api/kring, which sets the
// hidden map and offered_by), the map's professional checks and publishes, every professional of
// every team reads published tips by theme and words, and nobody learns which map or which JIM
// a tip came from. The JIM withdraws at any time, and the tip is gone.
import type PocketBase from 'pocketbase';
import type { RecordModel } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { as, kringApi, status, withParent } from './kring-api.ts';
import { publishedTips } from '../../src/lib/server/tips.ts';

type Who = keyof Fixture['users'] | 'parent' | 'otherJim' | 'anonymous';

let pb: PocketBaseInstance;
let admin: PocketBase;
let api: ReturnType<typeof kringApi>;
let fx: Fixture;
let users: Record<Exclude<Who, 'anonymous'>, FixtureUser>;
const user = (who: Who) => (who === 'anonymous' ? null : users[who]);
const tips = (who: Who) => as(pb, user(who)).collection('jim_tips');

const offer = (
	who: Who,
	input: { text: string; theme: string; relation?: string; question?: string; question_id?: string },
	map = fx.mapId
) => api.call(user(who), 'POST', `/api/kring/maps/${map}/tips`, input);
const ofMap = (who: Who, map = fx.mapId) => api.call(user(who), 'GET', `/api/kring/maps/${map}/tips`);
const mine = (who: Who) => api.call(user(who), 'GET', '/api/kring/tips/mine');

/** What a client may ever see of a tip; map, offered_by and published_by never. */
const VISIBLE = [
	'collectionId',
	'collectionName',
	'created',
	'id',
	'published_at',
	'question',
	'relation',
	'status',
	'text',
	'theme',
	'updated'
];

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	const withParentOnMap = await withParent(pb, fx);
	admin = await adminClient(pb);
	api = kringApi(pb);
	// The JIM of another youth's map in the same team.
	const otherJim = await createUser(pb, 'other-jim');
	const otherMap = await admin.collection('maps').create({ team: fx.teamId, youth_name: 'Lina', created_by: fx.users.professional.id });
	await admin.collection('map_members').create({ map: otherMap.id, user: otherJim.id, role: 'jim' });
	users = { ...withParentOnMap.users, otherJim };
});
afterAll(() => pb?.stop());

describe('offering a tip', () => {
	it('the JIM offers their answer; it comes back as an offer without map or JIM', async () => {
		const res = await offer('jim', { text: '  Ga eerst samen rustig zitten.  ', theme: 'geld', relation: 'een tante' });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({
			text: 'Ga eerst samen rustig zitten.',
			theme: 'geld',
			relation: 'een tante',
			status: 'offered',
			mine: true,
			published_at: ''
		});
		expect(res.body).not.toHaveProperty('map');
		expect(res.body).not.toHaveProperty('offered_by');
		await admin.collection('jim_tips').delete(res.body.id);
	});

	it.each<[Who, number]>([
		['youth', 403],
		['professional', 403],
		['parent', 403],
		['reviewer', 403],
		['outsider', 403],
		['otherJim', 403],
		['anonymous', 401]
	])('%s cannot offer a tip on this map (%i)', async (who, expected) => {
		const res = await offer(who, { text: 'Een tip', theme: 'school' });
		expect(res.status).toBe(expected);
		expect(await admin.collection('jim_tips').getFullList()).toEqual([]);
	});

	it('an answer goes out once: a second offer for the same question is refused, and says so', async () => {
		const question = { question: 'Sam is weggelopen na ruzie. Wat zou jij doen?', question_id: '0b9f1c2e-5d1a-4c7e-9a3b-2f6d8e1a7c40' };
		const first = await offer('jim', { text: 'Ik haal hem op.', theme: 'ruzie-thuis', ...question });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ question: question.question, question_id: question.question_id });
		const again = await offer('jim', { text: 'Ik haal hem op, echt.', theme: 'ruzie-thuis', ...question });
		expect(again.status).toBe(409);
		expect(again.body.message).toBe('Dit antwoord is al als tip gestuurd.');
		// Another question of the map is a tip of its own.
		const other = await offer('jim', {
			text: 'Ik bel de school.',
			theme: 'school',
			question: 'En school?',
			question_id: '1c0a2d3e-6e2b-4d8f-8b4c-3a7e9f2b8d51'
		});
		expect(other.status).toBe(200);
		expect((await admin.collection('jim_tips').getFullList()).length).toBe(2);
		for (const id of [first.body.id, other.body.id]) await admin.collection('jim_tips').delete(id);
	});

	it("a map that does not exist is refused like someone else's", async () => {
		const res = await offer('jim', { text: 'Een tip', theme: 'school' }, 'doesnotexist123');
		expect(res.status).toBe(403);
	});

	it.each([
		['an empty text', { text: '   ', theme: 'geld' }, 'Schrijf eerst'],
		['a text over 1000 characters', { text: 'a'.repeat(1001), theme: 'geld' }, 'te lang'],
		['an unknown theme', { text: 'Een tip', theme: 'drugs' }, 'onderwerp'],
		['no theme', { text: 'Een tip', theme: '' }, 'onderwerp'],
		['a relation over 40 characters', { text: 'Een tip', theme: 'geld', relation: 'r'.repeat(41) }, 'hoogstens 40']
	])('%s gets a clear message and nothing is kept', async (_name, input, message) => {
		const res = await offer('jim', input);
		expect(res.status).toBe(400);
		expect(res.body.message).toContain(message);
		expect(await admin.collection('jim_tips').getFullList()).toEqual([]);
	});

	it('through the records API nobody offers: PocketBase drops the hidden map and offered_by', async () => {
		const input = { text: 'Een tip', theme: 'school', status: 'offered', map: fx.mapId, offered_by: users.jim.id };
		for (const who of ['jim', 'professional', 'outsider'] as const) {
			expect(await status(() => tips(who).create(input))).toBe(400);
		}
		expect(await status(() => tips('jim').create({ ...input, status: 'published' }))).toBe(400);
		expect(await admin.collection('jim_tips').getFullList()).toEqual([]);
	});
});

describe('an offered tip', () => {
	let tipId: string;
	beforeAll(async () => {
		const res = await offer('jim', {
			text: 'Vraag wat hij zelf wil. Niet meteen boos worden.',
			theme: 'ruzie-thuis',
			relation: 'een tante'
		});
		expect(res.status).toBe(200);
		tipId = res.body.id;
	});
	afterAll(async () => {
		await admin
			.collection('jim_tips')
			.delete(tipId)
			.catch(() => {});
	});

	it.each<Who>(['youth', 'parent', 'reviewer', 'outsider', 'otherJim', 'anonymous'])('%s sees nothing of it', async (who) => {
		expect(await status(() => tips(who).getOne(tipId))).toBe(404);
		if (who !== 'anonymous') expect(await tips(who).getFullList()).toEqual([]);
		if (who !== 'anonymous') expect((await ofMap(who)).body.items).toEqual([]);
	});

	it('the JIM sees their own, also in "mine" and on the map\'s list', async () => {
		expect((await tips('jim').getOne(tipId)).status).toBe('offered');
		expect((await mine('jim')).body.items.map((t: RecordModel) => [t.id, t.mine])).toEqual([[tipId, true]]);
		expect((await ofMap('jim')).body.items.map((t: RecordModel) => t.id)).toEqual([tipId]);
	});

	it("the map's professional sees it on the map's list, to check", async () => {
		const items = (await ofMap('professional')).body.items;
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ id: tipId, status: 'offered', theme: 'ruzie-thuis', mine: false });
		expect(items[0]).not.toHaveProperty('map');
	});

	it('the JIM cannot publish it or change it', async () => {
		expect(await status(() => tips('jim').update(tipId, { status: 'published' }))).toBe(404);
		expect(await status(() => tips('jim').update(tipId, { text: 'Anders' }))).toBe(404);
		expect((await admin.collection('jim_tips').getOne(tipId)).status).toBe('offered');
	});

	it.each<Who>(['youth', 'parent', 'reviewer', 'outsider', 'otherJim'])('%s cannot publish or remove it', async (who) => {
		expect(await status(() => tips(who).update(tipId, { status: 'published' }))).toBe(404);
		expect(await status(() => tips(who).delete(tipId))).toBe(404);
		expect((await admin.collection('jim_tips').getOne(tipId)).status).toBe('offered');
	});
});

describe('a published tip', () => {
	let tipId: string;
	beforeAll(async () => {
		const res = await offer('jim', { text: 'Bel de school samen op. Laat hem zelf praten.', theme: 'school', relation: 'een tante' });
		tipId = res.body.id;
	});

	it("the map's professional edits the words and publishes; who and when are stamped, never shown", async () => {
		const before = Date.now();
		const published = await tips('professional').update(tipId, {
			text: 'Bel de school samen op. Laat de jongere zelf praten.',
			status: 'published'
		});
		expect(published.status).toBe('published');
		expect(new Date(published.published_at).getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(Object.keys(published).sort()).toEqual(VISIBLE);
		const stored = await admin.collection('jim_tips').getOne(tipId);
		expect(stored.published_by).toBe(users.professional.id);
		expect(stored.offered_by).toBe(users.jim.id);
		expect(stored.map).toBe(fx.mapId);
	});

	it('the professional cannot set the date, hand the tip to another map or take it back to an offer', async () => {
		expect(await status(() => tips('professional').update(tipId, { published_at: '2020-01-01 00:00:00.000Z' }))).toBe(404);
		expect(await status(() => tips('professional').update(tipId, { status: 'offered' }))).toBe(404);
		await tips('professional').update(tipId, { map: 'somethingelse00', offered_by: users.outsider.id, published_by: users.outsider.id });
		const stored = await admin.collection('jim_tips').getOne(tipId);
		expect([stored.map, stored.offered_by, stored.published_by]).toEqual([fx.mapId, users.jim.id, users.professional.id]);
	});

	it('a professional of another team finds it by theme and by words, and sees only theme, relation, words and date', async () => {
		const found = await tips('outsider').getFullList({
			filter: as(pb, null).filter('theme = {:theme} && text ~ {:q}', { theme: 'school', q: 'jongere zelf' })
		});
		expect(found.map((t) => t.id)).toEqual([tipId]);
		expect(Object.keys(found[0]).sort()).toEqual(VISIBLE);
		expect(found[0]).toMatchObject({ theme: 'school', relation: 'een tante', status: 'published' });
		const otherTheme = await tips('outsider').getFullList({ filter: as(pb, null).filter('theme = {:theme}', { theme: 'geld' }) });
		expect(otherTheme).toEqual([]);
	});

	it.each(['map', 'offered_by', 'published_by'])('nobody but a superuser filters or sorts on %s', async (field) => {
		const filter = as(pb, null).filter(`${field} = {:v}`, { v: field === 'map' ? fx.mapId : users.jim.id });
		for (const who of ['outsider', 'professional', 'jim'] as const) {
			expect(await status(() => tips(who).getList(1, 10, { filter }))).toBe(400);
			expect(await status(() => tips(who).getList(1, 10, { sort: field }))).toBe(400);
		}
	});

	it('an expand of map or who offered or published it comes back empty', async () => {
		for (const who of ['outsider', 'professional', 'jim'] as const) {
			const tip = await tips(who).getOne(tipId, { expand: 'map,offered_by,published_by' });
			expect(tip.expand ?? {}).toEqual({});
		}
		const map = await as(pb, users.professional).collection('maps').getOne(fx.mapId, { expand: 'jim_tips_via_map' });
		expect(map.expand?.jim_tips_via_map).toBeUndefined();
	});

	it('the map\'s list and "mine" tell the outsider nothing', async () => {
		expect((await ofMap('outsider')).body.items).toEqual([]);
		expect((await mine('outsider')).body.items).toEqual([]);
	});

	it.each<Who>(['youth', 'parent', 'reviewer', 'otherJim'])('%s, who is no professional, does not read published tips', async (who) => {
		expect(await tips(who).getFullList()).toEqual([]);
		expect(await status(() => tips(who).getOne(tipId))).toBe(404);
	});

	it('anonymous reads nothing', async () => {
		expect(await status(() => tips('anonymous').getOne(tipId))).toBe(404);
		expect((await tips('anonymous').getList(1, 10)).items).toEqual([]);
	});

	it('the outsider cannot change or remove it', async () => {
		expect(await status(() => tips('outsider').update(tipId, { text: 'Weg ermee' }))).toBe(404);
		expect(await status(() => tips('outsider').delete(tipId))).toBe(404);
	});

	it('the JIM withdraws it, and it is gone for everyone', async () => {
		expect(await status(() => tips('jim').delete(tipId))).toBe(200);
		for (const who of ['outsider', 'professional', 'jim'] as const) {
			expect(await status(() => tips(who).getOne(tipId))).toBe(404);
			expect((await tips(who).getFullList()).map((t) => t.id)).not.toContain(tipId);
		}
		expect((await mine('jim')).body.items).toEqual([]);
		expect((await ofMap('professional')).body.items).toEqual([]);
		expect(await status(() => admin.collection('jim_tips').getOne(tipId))).toBe(404);
	});
});

describe('removing', () => {
	it("the map's professional removes an offered tip", async () => {
		const { body } = await offer('jim', { text: 'Kijk samen naar de rekening.', theme: 'geld' });
		expect(await status(() => tips('professional').delete(body.id))).toBe(200);
		expect((await mine('jim')).body.items).toEqual([]);
	});

	it('a JIM who is no longer on the map still withdraws their tip', async () => {
		const { body } = await offer('jim', { text: 'Zeg het gewoon eerlijk.', theme: 'vrienden' });
		const row = await admin
			.collection('map_members')
			.getFirstListItem(admin.filter('map = {:m} && user = {:u}', { m: fx.mapId, u: users.jim.id }));
		await admin.collection('map_members').delete(row.id);
		try {
			expect((await mine('jim')).body.items.map((t: RecordModel) => t.id)).toEqual([body.id]);
			expect(await status(() => tips('jim').delete(body.id))).toBe(200);
			expect(await status(() => admin.collection('jim_tips').getOne(body.id))).toBe(404);
		} finally {
			await admin.collection('map_members').create({ map: fx.mapId, user: users.jim.id, role: 'jim' });
		}
	});
});

describe('the tips search, a page at a time', () => {
	// As the /tips page reads them (src/lib/server/tips.ts): no count, a page and whether one follows.
	const PUBLISHED = 45;
	beforeAll(async () => {
		for (let i = 0; i < PUBLISHED; i++) {
			await admin.collection('jim_tips').create({
				map: fx.mapId,
				offered_by: users.jim.id,
				published_by: users.professional.id,
				status: 'published',
				theme: 'werk',
				// Every third one is about the bus; tip 0 is the oldest.
				text: `Werktip ${i}: ${i % 3 === 0 ? 'neem samen de bus' : 'bel de baas'}.`,
				published_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().replace('T', ' ')
			});
		}
	});

	const search = (q: string, page: number) => publishedTips(as(pb, users.outsider), { theme: 'werk', q, page });
	const numbers = (page: { items: { text: string }[] }) => page.items.map((t) => Number(/Werktip (\d+)/.exec(t.text)![1]));

	it('newest first, twenty to a page; the last page says nothing follows, and a page past it is empty', async () => {
		const pages = [await search('', 1), await search('', 2), await search('', 3), await search('', 4)];
		expect(pages.map((p) => [p.first, p.items.length, p.hasNext])).toEqual([
			[1, 20, true],
			[21, 20, true],
			[41, 5, false],
			[61, 0, false]
		]);
		expect(pages.flatMap(numbers)).toEqual(Array.from({ length: PUBLISHED }, (_, i) => PUBLISHED - 1 - i));
	});

	it('words narrow it down: exactly a page full has no next page, one more has', async () => {
		// 15 of the 45 mention the bus; "bus" and "samen" both, in any order of the words.
		const bus = await search('samen bus', 1);
		expect([bus.items.length, bus.hasNext]).toEqual([15, false]);
		expect(numbers(bus).every((n) => n % 3 === 0)).toBe(true);
		// 30 mention the boss: a full page and a next one with ten.
		const [first, second] = [await search('baas', 1), await search('baas', 2)];
		expect([first.items.length, first.hasNext, second.items.length, second.hasNext]).toEqual([20, true, 10, false]);
	});
});
