import { createHash } from 'node:crypto';
import PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { as, freshIp, kringApi, status, utcDate, withParent, type Who } from './kring-api.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let api: ReturnType<typeof kringApi>;
let user: (who: Who) => FixtureUser | null;
let admin: PocketBase;

beforeAll(async () => {
	// The fixture's professional makes more invitations here than one user may an hour (invitation-limit.test.ts).
	pb = await startPocketBase({ env: { KRING_INVITES_PER_HOUR: '1000' } });
	fx = await createFixture(pb);
	({ user } = await withParent(pb, fx));
	api = kringApi(pb);
	admin = await adminClient(pb);
});
afterAll(() => pb?.stop());

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const DAY = 24 * 60 * 60 * 1000;

async function setBirthdate(date: string) {
	const res = await as(pb, fx.users.professional).collection('maps').update(fx.mapId, { youth_birthdate: date });
	expect(res.youth_birthdate.slice(0, 10)).toBe(date.slice(0, 10));
}

/** A fresh open invitation by the professional; returns its id and code. */
async function invitation(role = 'jim', label = 'tante Nora', map = fx.mapId): Promise<{ id: string; code: string }> {
	const res = await api.invite(fx.users.professional, map, { role, label });
	expect(res.status).toBe(201);
	return res.body;
}

async function isMember(userId: string, map = fx.mapId): Promise<string | null> {
	const rows = await admin
		.collection('map_members')
		.getFullList({ filter: admin.filter('map = {:map} && user = {:user}', { map, user: userId }) });
	return rows[0]?.role ?? null;
}

const newAccount = (name: string) => {
	const email = `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2)}@kring.test`;
	return { name, email, password: 'lang-wachtwoord-1', passwordConfirm: 'lang-wachtwoord-1' };
};

describe('who may invite', () => {
	const cases: [Who, number][] = [
		['professional', 201],
		['youth', 201],
		['jim', 403],
		['parent', 403],
		['reviewer', 403],
		['outsider', 404],
		['anonymous', 401]
	];
	it.each(cases)('%s invites a JIM: %s', async (who, expected) => {
		const res = await api.invite(user(who), fx.mapId, { role: 'jim', label: 'oom Kees' });
		expect(res.status).toBe(expected);
		expect(typeof res.body.message === 'string' || expected === 201).toBe(true);
	});

	it.each(['youth', 'professional', 'jim', 'parent'])('the professional invites role %s', async (role) => {
		const res = await api.invite(fx.users.professional, fx.mapId, { role, label: 'iemand' });
		expect(res.status).toBe(201);
		expect(res.body.role).toBe(role);
	});

	it.each(['youth', 'professional'])('the youth may not invite role %s', async (role) => {
		expect((await api.invite(fx.users.youth, fx.mapId, { role, label: 'iemand' })).status).toBe(403);
	});

	it('a map that does not exist is not found', async () => {
		expect((await api.invite(fx.users.professional, 'nosuchmap000000', { role: 'jim', label: 'x' })).status).toBe(404);
	});

	it('the youth invites a parent only once they are 16, by the birth date on the map', async () => {
		const parentInvite = () => api.invite(fx.users.youth, fx.mapId, { role: 'parent', label: 'mama' });
		const maps = as(pb, fx.users.professional).collection('maps');
		await maps.update(fx.mapId, { youth_birthdate: '' });
		expect((await parentInvite()).status).toBe(403);
		await setBirthdate(utcDate(-16, 1)); // 16 tomorrow
		expect((await parentInvite()).status).toBe(403);
		await setBirthdate(utcDate(-16)); // 16 today
		expect((await parentInvite()).status).toBe(201);
		await setBirthdate(`${utcDate(-17)} 00:00:00.000Z`);
		expect((await parentInvite()).status).toBe(201);
		await setBirthdate(utcDate(-13));
		expect((await parentInvite()).status).toBe(403);
		// The professional invites a parent whatever the age.
		expect((await api.invite(fx.users.professional, fx.mapId, { role: 'parent', label: 'papa' })).status).toBe(201);
		await maps.update(fx.mapId, { youth_birthdate: '' });
	});

	it.each<[string, object]>([
		['no role', { label: 'x' }],
		['an unknown role', { role: 'admin', label: 'x' }],
		['no label', { role: 'jim' }],
		['a blank label', { role: 'jim', label: '   ' }],
		['a label of 61 characters', { role: 'jim', label: 'a'.repeat(61) }],
		['a person id of 41 characters', { role: 'jim', label: 'x', person: 'p'.repeat(41) }],
		['0 days', { role: 'jim', label: 'x', days: 0 }],
		['31 days', { role: 'jim', label: 'x', days: 31 }],
		['1.5 days', { role: 'jim', label: 'x', days: 1.5 }],
		['days as text', { role: 'jim', label: 'x', days: 'zeven' }]
	])('%s is refused with 400', async (_, input) => {
		const res = await api.invite(fx.users.professional, fx.mapId, input as never);
		expect(res.status).toBe(400);
		expect(res.body.message).toBeTruthy();
	});

	it('returns a 13-character code once, valid 7 days by default or the days asked', async () => {
		const before = Date.now();
		const res = await api.invite(fx.users.professional, fx.mapId, { role: 'jim', label: ' tante Nora ', person: 'p-nora' });
		const after = Date.now();
		expect(res.status).toBe(201);
		expect(Object.keys(res.body).sort()).toEqual(['code', 'expires_at', 'id', 'label', 'role']);
		expect(res.body.code).toMatch(new RegExp(`^[${ALPHABET}]{13}$`));
		expect(res.body.label).toBe('tante Nora');
		const expires = Date.parse(res.body.expires_at.replace(' ', 'T'));
		expect(expires).toBeGreaterThanOrEqual(before + 7 * DAY - 1000);
		expect(expires).toBeLessThanOrEqual(after + 7 * DAY + 1000);

		const short = await api.invite(fx.users.professional, fx.mapId, { role: 'jim', label: 'x', days: 1 });
		const shortExpires = Date.parse(short.body.expires_at.replace(' ', 'T'));
		expect(shortExpires).toBeLessThanOrEqual(Date.now() + DAY + 1000);
		expect(shortExpires).toBeGreaterThan(before + DAY - 1000);
		// Only the hash is stored (a superuser sees the hidden field).
		const stored = await admin.collection('invitations').getOne(res.body.id);
		expect(JSON.stringify(stored)).not.toContain(res.body.code);
		expect(stored.code_hash).toBe(createHash('sha256').update(res.body.code).digest('hex'));
	});
});

describe('the list of invitations', () => {
	const cases: [Who, number][] = [
		['professional', 200],
		['youth', 200],
		['jim', 403],
		['parent', 403],
		['reviewer', 403],
		['outsider', 404],
		['anonymous', 401]
	];
	it.each(cases)('%s lists the invitations: %s', async (who, expected) => {
		expect((await api.invitations(user(who), fx.mapId)).status).toBe(expected);
	});

	it('shows each invitation newest first with its state, names, and never a code', async () => {
		const open = await invitation('jim', 'open-een');
		const used = await invitation('jim', 'gebruikt');
		const revoked = await invitation('parent', 'ingetrokken');
		const expired = await invitation('jim', 'verlopen');
		const newest = await invitation('jim', 'nieuwste');
		const guest = await createUser(pb, 'Gast');
		expect((await api.accept(guest, { code: used.code })).status).toBe(200);
		expect((await api.revoke(fx.users.youth, revoked.id)).status).toBe(204);
		await admin.collection('invitations').update(expired.id, { expires_at: new Date(Date.now() - DAY).toISOString() });

		for (const who of [fx.users.professional, fx.users.youth]) {
			const res = await api.invitations(who, fx.mapId);
			expect(res.status).toBe(200);
			const codes = [open, used, revoked, expired, newest].map((i) => i.code);
			for (const code of codes) {
				expect(res.text).not.toContain(code);
				expect(res.text).not.toContain(`${code.slice(0, 4)}-${code.slice(4, 8)}`);
			}
			const items: Record<string, unknown>[] = res.body.items;
			for (const item of items) {
				expect(Object.keys(item).sort()).toEqual(
					[
						'created',
						'created_by_name',
						'expires_at',
						'id',
						'label',
						'person',
						'revoked_at',
						'role',
						'state',
						'used_at',
						'used_by_name'
					].sort()
				);
			}
			const ids = items.map((i) => i.id);
			expect(ids.indexOf(newest.id)).toBeLessThan(ids.indexOf(expired.id));
			expect(ids.indexOf(expired.id)).toBeLessThan(ids.indexOf(open.id));
			const byId = new Map(items.map((i) => [i.id, i]));
			expect(byId.get(open.id)).toMatchObject({
				state: 'open',
				label: 'open-een',
				role: 'jim',
				created_by_name: 'professional',
				used_at: ''
			});
			expect(byId.get(used.id)).toMatchObject({ state: 'used', used_by_name: 'Gast' });
			expect(byId.get(used.id)!.used_at).not.toBe('');
			expect(byId.get(revoked.id)).toMatchObject({ state: 'revoked', role: 'parent' });
			expect(byId.get(revoked.id)!.revoked_at).not.toBe('');
			expect(byId.get(expired.id)).toMatchObject({ state: 'expired' });
		}
	});

	it('nobody reads the invitations collection through the normal API', async () => {
		for (const who of ['professional', 'youth'] as const) {
			expect(await status(() => as(pb, fx.users[who]).collection('invitations').getList())).toBe(403);
			expect(
				await status(() =>
					as(pb, fx.users[who]).collection('invitations').create({ map: fx.mapId, role: 'jim', label: 'x', code_hash: 'x' })
				)
			).toBe(403);
		}
	});
});

describe('withdrawing an invitation', () => {
	const cases: [Who, string, number][] = [
		['professional', 'jim', 204],
		['professional', 'professional', 204],
		['professional', 'youth', 204],
		['youth', 'jim', 204],
		['youth', 'parent', 204],
		['youth', 'professional', 403],
		['youth', 'youth', 403],
		['jim', 'jim', 403],
		['parent', 'parent', 403],
		['reviewer', 'jim', 403],
		['outsider', 'jim', 404],
		['anonymous', 'jim', 401]
	];
	it.each(cases)('%s withdraws an invitation for role %s: %s', async (who, role, expected) => {
		const inv = await invitation(role);
		expect((await api.revoke(user(who), inv.id)).status).toBe(expected);
		expect((await api.check(inv.code)).body.state).toBe(expected === 204 ? 'revoked' : 'open');
	});

	it('a withdrawn or used invitation cannot be withdrawn again (409); an unknown one is not found', async () => {
		const inv = await invitation();
		expect((await api.revoke(fx.users.professional, inv.id)).status).toBe(204);
		expect((await api.revoke(fx.users.professional, inv.id)).status).toBe(409);
		const used = await invitation();
		expect((await api.accept(null, { code: used.code, ...newAccount('Wim') })).status).toBe(200);
		const res = await api.revoke(fx.users.professional, used.id);
		expect(res.status).toBe(409);
		expect(res.body.message).toBeTruthy();
		expect((await api.revoke(fx.users.professional, 'nosuchinvite000')).status).toBe(404);
	});
});

describe('checking a code', () => {
	it('an open code tells whose map, which role and who invited, without logging in', async () => {
		const inv = await invitation('jim', 'tante Nora');
		const res = await api.check(inv.code);
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ state: 'open', role: 'jim', label: 'tante Nora', youth_name: 'Sam', invited_by_name: 'professional' });
		expect(res.body.expires_at).toBeTruthy();
	});

	it('lower case, spaces and dashes are accepted', async () => {
		const { code } = await invitation();
		const typed = ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} - ${code.slice(8).toLowerCase()} `;
		expect((await api.check(typed)).body.state).toBe('open');
	});

	it('used, expired and withdrawn codes say only that', async () => {
		const used = await invitation();
		await api.accept(null, { code: used.code, ...newAccount('Ali') });
		const expired = await invitation();
		await admin.collection('invitations').update(expired.id, { expires_at: new Date(Date.now() - 1000).toISOString() });
		const revoked = await invitation();
		await api.revoke(fx.users.professional, revoked.id);
		for (const [inv, state] of [
			[used, 'used'],
			[expired, 'expired'],
			[revoked, 'revoked']
		] as const) {
			const res = await api.check(inv.code);
			expect(res.status).toBe(200);
			expect(res.body).toEqual({ state });
		}
	});

	it('an unknown code is not found', async () => {
		for (const code of ['2345-6789-ABCDE', 'te kort', '']) {
			const res = await api.check(code);
			expect(res.status).toBe(404);
			expect(res.body.state).toBe('unknown');
			expect(res.body.message).toBeTruthy();
		}
	});
});

describe('accepting an invitation', () => {
	it('with a new account: the account logs in, sees the map, and holds the role', async () => {
		const { code } = await invitation('jim', 'tante Nora');
		const account = newAccount('Nora');
		const res = await api.accept(null, { code: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase(), ...account });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ map: fx.mapId, role: 'jim', email: account.email });

		const client = new PocketBase(pb.url);
		const auth = await client.collection('users').authWithPassword(account.email, account.password);
		expect(auth.record.verified).toBe(true);
		expect(auth.record.name).toBe('Nora');
		expect((await client.collection('maps').getOne(fx.mapId)).youth_name).toBe('Sam');
		const me = await client.collection('map_members').getFullList({ filter: client.filter('user = {:me}', { me: auth.record.id }) });
		expect(me.map((m) => [m.map, m.role, m.invited_by])).toEqual([[fx.mapId, 'jim', fx.users.professional.id]]);
	});

	it('with a logged-in account: it gets the role on the map', async () => {
		const { code } = await invitation('parent', 'mama', fx.mapId);
		const mother = await createUser(pb, 'Moeder');
		expect(await status(() => as(pb, mother).collection('maps').getOne(fx.mapId))).toBe(404);
		const res = await api.accept(mother, { code });
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ map: fx.mapId, role: 'parent', email: mother.email });
		expect(await status(() => as(pb, mother).collection('maps').getOne(fx.mapId))).toBe(200);
		expect(await isMember(mother.id)).toBe('parent');
	});

	it('the person on the map travels from the invitation to the membership', async () => {
		const res = await api.invite(fx.users.youth, fx.mapId, { role: 'jim', label: 'opa', person: 'node-opa' });
		const opa = await createUser(pb, 'Opa');
		expect((await api.accept(opa, { code: res.body.code })).status).toBe(200);
		const rows = await admin.collection('map_members').getFullList({ filter: admin.filter('user = {:u}', { u: opa.id }) });
		expect(rows.map((r) => [r.person, r.invited_by])).toEqual([['node-opa', fx.users.youth.id]]);
	});

	it('a youth invitation makes the new account the youth of a map that has none', async () => {
		const map = await as(pb, fx.users.professional).collection('maps').create({ team: fx.teamId, youth_name: 'Noor' });
		const { code } = await invitation('youth', 'Noor', map.id);
		const account = newAccount('Noor');
		const res = await api.accept(null, { code, ...account });
		expect(res.status).toBe(200);
		const updated = await admin.collection('maps').getOne(map.id);
		const noor = await admin.collection('users').getFirstListItem(admin.filter('email = {:e}', { e: account.email }));
		expect(updated.youth).toBe(noor.id);
		expect(await isMember(noor.id, map.id)).toBe('youth');
	});

	it('someone already on the map gets 409 and the invitation stays open', async () => {
		const { code } = await invitation();
		const res = await api.accept(fx.users.youth, { code });
		expect(res.status).toBe(409);
		expect(res.body.message).toBeTruthy();
		expect(await isMember(fx.users.youth.id)).toBe('youth');
		expect((await api.check(code)).body.state).toBe('open');
	});

	it('used, expired and withdrawn codes answer 410 with their state and grant nothing', async () => {
		const used = await invitation();
		expect((await api.accept(null, { code: used.code, ...newAccount('Eerste') })).status).toBe(200);
		const expired = await invitation();
		await admin.collection('invitations').update(expired.id, { expires_at: new Date(Date.now() - 1000).toISOString() });
		const revoked = await invitation();
		expect((await api.revoke(fx.users.professional, revoked.id)).status).toBe(204);

		for (const [inv, state] of [
			[used, 'used'],
			[expired, 'expired'],
			[revoked, 'revoked']
		] as const) {
			const late = await createUser(pb, 'Laat');
			const asUser = await api.accept(late, { code: inv.code });
			expect(asUser.status).toBe(410);
			expect(asUser.body.state).toBe(state);
			expect(await isMember(late.id)).toBeNull();

			const account = newAccount('Nieuw');
			const asNew = await api.accept(null, { code: inv.code, ...account });
			expect(asNew.status).toBe(410);
			expect(asNew.body.state).toBe(state);
			expect(await admin.collection('users').getList(1, 1, { filter: admin.filter('email = {:e}', { e: account.email }) })).toMatchObject({
				totalItems: 0
			});
		}
	});

	it('an unknown code is not found and grants nothing', async () => {
		const account = newAccount('Raad');
		const res = await api.accept(null, { code: 'ZZZZ-ZZZZ-ZZZZZ', ...account });
		expect(res.status).toBe(404);
		expect(res.body.state).toBe('unknown');
		expect((await admin.collection('users').getList(1, 1, { filter: admin.filter('email = {:e}', { e: account.email }) })).totalItems).toBe(
			0
		);
	});

	it.each<[string, Record<string, string>]>([
		['no name', { name: '' }],
		['a name of 81 characters', { name: 'n'.repeat(81) }],
		['no e-mail address', { email: '' }],
		['a bad e-mail address', { email: 'geen-adres' }],
		['a password of 9 characters', { password: 'kort-1234', passwordConfirm: 'kort-1234' }],
		['two different passwords', { passwordConfirm: 'iets-anders-1' }]
	])('a new account with %s is refused (400) and the code stays open', async (_, change) => {
		const { code } = await invitation();
		const res = await api.accept(null, { code, ...newAccount('Fout'), ...change });
		expect(res.status).toBe(400);
		expect(res.body.message).toBeTruthy();
		expect((await api.check(code)).body.state).toBe('open');
	});

	it('an e-mail address that has an account already is refused with 400 and says so', async () => {
		const { code } = await invitation();
		const res = await api.accept(null, { code, ...newAccount('Dubbel'), email: fx.users.outsider.email });
		expect(res.status).toBe(400);
		expect(res.body.data.email.code).toBe('validation_not_unique');
		expect((await api.check(code)).body.state).toBe('open');
		expect(await isMember(fx.users.outsider.id)).toBeNull();
	});

	it('an e-mail address with an account in other capitals is the same address: refused, no second account', async () => {
		const { code } = await invitation();
		const taken = fx.users.outsider.email.toUpperCase();
		const res = await api.accept(null, { code, ...newAccount('Hoofdletters'), email: taken });
		expect(res.status).toBe(400);
		expect(res.body.data.email.code).toBe('validation_not_unique');
		expect((await api.check(code)).body.state).toBe('open');
		const same = await admin.collection('users').getFullList({ filter: admin.filter('email ~ {:e}', { e: fx.users.outsider.email }) });
		expect(same.map((u) => u.id)).toEqual([fx.users.outsider.id]);
	});

	it('a new account is stored with its e-mail lower-cased and logs in whatever the capitals', async () => {
		const { code } = await invitation();
		const account = newAccount('Kapitaal');
		const res = await api.accept(null, { code, ...account, email: account.email.toUpperCase() });
		expect(res.status).toBe(200);
		expect(res.body.email).toBe(account.email);
		const client = new PocketBase(pb.url);
		await client.collection('users').authWithPassword(account.email.toUpperCase(), account.password);
		expect(client.authStore.record?.email).toBe(account.email);
	});

	it('two accepts of one code at the same time: exactly one wins', async () => {
		const { code, id } = await invitation();
		const [a, b] = await Promise.all([createUser(pb, 'Een'), createUser(pb, 'Twee')]);
		const accounts = [newAccount('Drie'), newAccount('Vier')];
		const replies = await Promise.all([
			api.accept(a, { code }),
			api.accept(b, { code }),
			api.accept(null, { code, ...accounts[0] }),
			api.accept(null, { code, ...accounts[1] })
		]);
		expect(replies.map((r) => r.status).sort()).toEqual([200, 410, 410, 410]);
		for (const r of replies.filter((r) => r.status === 410)) expect(r.body.state).toBe('used');
		const inv = await admin.collection('invitations').getOne(id);
		const members = await admin.collection('map_members').getFullList({ filter: admin.filter('user = {:u}', { u: inv.used_by }) });
		expect(members).toHaveLength(1);
		const granted = [a.id, b.id].map((u) => isMember(u));
		const newUsers = await admin.collection('users').getFullList({
			filter: accounts.map((acc) => admin.filter('email = {:e}', { e: acc.email })).join(' || ')
		});
		expect((await Promise.all(granted)).filter(Boolean).length + newUsers.length).toBe(1);
	});
});

describe('guessing codes', () => {
	it('after 10 unknown codes from one address, the 11th try is refused with 429', async () => {
		const ip = freshIp();
		const { code } = await invitation();
		for (let i = 0; i < 5; i++) {
			expect((await api.check(`ABCD-EFGH-JKM${ALPHABET[i]}${ALPHABET[i]}`, ip)).status).toBe(404);
			expect((await api.accept(null, { code: `ABCD-EFGH-JKN${ALPHABET[i]}${ALPHABET[i]}`, ...newAccount('Gok') }, ip)).status).toBe(404);
		}
		const blocked = await api.check('ABCD-EFGH-JKMPP', ip);
		expect(blocked.status).toBe(429);
		expect(blocked.body.message).toBeTruthy();
		// Even a right code from that address waits, so guessing tells nothing more.
		expect((await api.check(code, ip)).status).toBe(429);
		expect((await api.accept(fx.users.outsider, { code }, ip)).status).toBe(429);
		// Another address is not affected.
		expect((await api.check(code, freshIp())).body.state).toBe('open');
	});

	it('right codes do not count as guesses', async () => {
		const ip = freshIp();
		const { code } = await invitation();
		for (let i = 0; i < 12; i++) expect((await api.check(code, ip)).status).toBe(200);
		expect((await api.check('ABCD-EFGH-JKMPP', ip)).status).toBe(404);
	});
});

describe('codes stay out of the logs', () => {
	it('the request log holds the routes but no code', async () => {
		// Kring's PocketBase logs failed requests only (migrations/1765400000_request_logs.go); an
		// operator may log every request, and then no code may show either.
		await admin.settings.update({ logs: { minLevel: 0 } });
		const { code } = await invitation();
		expect((await api.check(code)).status).toBe(200);
		expect((await api.accept(null, { code, ...newAccount('Log') })).status).toBe(200);
		// PocketBase writes its request log in batches: wait for this accept to show up.
		const logs = await vi.waitFor(
			async () => {
				const list = await admin.logs.getList(1, 500, { filter: 'data.url ~ "/api/kring/"' });
				const accepted = list.items.filter((l) => l.data.url === '/api/kring/invitations/accept' && l.data.status === 200);
				expect(accepted.length).toBeGreaterThan(0);
				return list.items;
			},
			{ timeout: 15_000, interval: 200 }
		);
		const text = JSON.stringify(logs);
		expect(text).not.toContain(code);
		expect(text).not.toContain(code.toLowerCase());
	});
});
