// Sessions that can end: every login token names its session (the `sid` claim); logging out or
// passing the session's end makes the token worth nothing, and guessing passwords is throttled
// per account and address in PocketBase itself.
import PocketBase, { ClientResponseError } from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { forwardedFor, startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';

let pb: PocketBaseInstance;
let fx: Fixture;

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
});
afterAll(() => pb?.stop());

function client(token?: string): PocketBase {
	const c = new PocketBase(pb.url);
	c.autoCancellation(false);
	if (token) c.authStore.save(token);
	return c;
}

async function login(user: FixtureUser): Promise<PocketBase> {
	const c = client();
	await c.collection('users').authWithPassword(user.email, user.password);
	return c;
}

function sidOf(token: string): unknown {
	return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sid;
}

/** The HTTP status of a call, 200 when it succeeds. */
async function status(call: () => Promise<unknown>): Promise<number> {
	try {
		await call();
		return 200;
	} catch (e) {
		if (e instanceof ClientResponseError) return e.status;
		throw e;
	}
}

const mapsSeenWith = async (token: string) => (await client(token).collection('maps').getFullList()).map((m) => m.id);

describe('sessions', () => {
	it('a login token names its session, and refreshing it keeps that session', async () => {
		const jim = await login(fx.users.jim);
		const sid = sidOf(jim.authStore.token);
		expect(sid).toMatch(/^[a-z0-9]{15}$/);
		await jim.collection('users').authRefresh();
		expect(sidOf(jim.authStore.token)).toBe(sid);
		expect(await mapsSeenWith(jim.authStore.token)).toEqual([fx.mapId]);
	});

	it('after logout the old token sees nothing and cannot be refreshed; other sessions go on', async () => {
		const phone = await login(fx.users.jim);
		const laptop = await login(fx.users.jim);
		const token = phone.authStore.token;
		expect(await mapsSeenWith(token)).toEqual([fx.mapId]);

		expect(await status(() => phone.send('/api/kring/logout', { method: 'POST' }))).toBe(200);

		expect(await mapsSeenWith(token)).toEqual([]);
		expect(await status(() => client(token).collection('users').authRefresh())).toBe(401);
		expect(await status(() => client(token).send('/api/kring/logout', { method: 'POST' }))).toBe(401);
		expect(await mapsSeenWith(laptop.authStore.token)).toEqual([fx.mapId]);
	});

	it("logging out also ends the session's open realtime connection", async () => {
		const jim = await login(fx.users.jim);
		const stream = await fetch(`${pb.url}/api/realtime`);
		const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
		let received = '';
		while (!received.includes('PB_CONNECT')) {
			const chunk = await reader.read();
			if (chunk.done) throw new Error('realtime stream ended before PB_CONNECT');
			received += chunk.value;
		}
		const clientId = JSON.parse(/data:(\{.*\})/.exec(received)![1]).clientId;
		const subscribed = await fetch(`${pb.url}/api/realtime`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: jim.authStore.token },
			body: JSON.stringify({ clientId, subscriptions: ['maps'] })
		});
		expect(subscribed.status).toBe(204);

		await jim.send('/api/kring/logout', { method: 'POST' });

		// The stream ends (without the session check it stays open until PocketBase's idle timeout).
		const untilEnd = async () => {
			while (!(await reader.read()).done);
			return 'ended';
		};
		expect(await untilEnd()).toBe('ended');
	});

	it('a session past its end is refused the same way', async () => {
		const jim = await login(fx.users.jim);
		const token = jim.authStore.token;
		const admin = await adminClient(pb);
		await admin.collection('sessions').update(String(sidOf(token)), { expires_at: '2020-01-01 00:00:00.000Z' });

		expect(await mapsSeenWith(token)).toEqual([]);
		expect(await status(() => client(token).collection('users').authRefresh())).toBe(401);
	});

	it('a token without a session (a superuser impersonating) counts as anonymous', async () => {
		const admin = await adminClient(pb);
		const impersonated = await admin.collection('users').impersonate(fx.users.jim.id, 3600);
		expect(sidOf(impersonated.authStore.token)).toBeUndefined();
		expect(await mapsSeenWith(impersonated.authStore.token)).toEqual([]);
	});

	it('nobody but the servers reads the sessions', async () => {
		const jim = await login(fx.users.jim);
		expect(await status(() => jim.collection('sessions').getList())).toBe(403);
	});
});

describe('login throttling', () => {
	/** A login as the Node server makes it for a browser at `address`. */
	const attempt = (email: string, password: string, address: string) =>
		status(() =>
			client()
				.collection('users')
				.authWithPassword(email, password, { headers: forwardedFor(pb, address) })
		);

	it('after 10 wrong passwords from one address the account is refused there, a correct password too; others are not', async () => {
		const user = await createUser(pb, 'guessed');
		for (let i = 0; i < 10; i++) {
			// The identity counts whatever its case.
			const email = i % 2 ? user.email.toUpperCase() : user.email;
			expect(await attempt(email, `wrong-${i}`, '203.0.113.7')).toBe(400);
		}
		expect(await attempt(user.email, 'wrong-10', '203.0.113.7')).toBe(429);
		expect(await attempt(user.email, user.password, '203.0.113.7')).toBe(429);
		expect(await attempt(fx.users.youth.email, fx.users.youth.password, '203.0.113.7')).toBe(200);
	});

	it('a stranger who guesses wrong for an account does not lock its owner out at his own address', async () => {
		const user = await createUser(pb, 'targeted');
		for (let i = 0; i < 11; i++) await attempt(user.email, `wrong-${i}`, '203.0.113.8');
		expect(await attempt(user.email, user.password, '203.0.113.8')).toBe(429);
		expect(await attempt(user.email, user.password, '198.51.100.20')).toBe(200);
	});
});
