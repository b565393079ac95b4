import PocketBase, { ClientResponseError } from 'pocketbase';
import { adminClient, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { forwardedFor, type PocketBaseInstance } from '../helpers/pocketbase.ts';

/** Plain calls to PocketBase's /api/kring routes, as a user or anonymous. */

export interface Reply {
	status: number;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	text: string;
}

let lastIp = 0;
/**
 * A fresh client address for the code routes. PocketBase trusts X-Forwarded-For with the proxy
 * secret (as from the Node server in front of it), so each test's failed guesses count apart.
 */
export function freshIp(): string {
	lastIp++;
	return `10.${(lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`;
}

export function kringApi(pb: PocketBaseInstance) {
	async function call(user: FixtureUser | null, method: 'GET' | 'POST', path: string, body?: unknown, ip?: string): Promise<Reply> {
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (user) headers.authorization = user.token;
		if (ip) Object.assign(headers, forwardedFor(pb, ip));
		const res = await fetch(`${pb.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
		const text = await res.text();
		return { status: res.status, body: text ? JSON.parse(text) : null, text };
	}
	return {
		call,
		invite: (user: FixtureUser | null, map: string, input: { role: string; label: string; person?: string; days?: unknown }) =>
			call(user, 'POST', `/api/kring/maps/${map}/invitations`, input),
		invitations: (user: FixtureUser | null, map: string) => call(user, 'GET', `/api/kring/maps/${map}/invitations`),
		revoke: (user: FixtureUser | null, id: string) => call(user, 'POST', `/api/kring/invitations/${id}/revoke`),
		access: (user: FixtureUser | null, map: string) => call(user, 'GET', `/api/kring/maps/${map}/access`),
		check: (code: string, ip = freshIp()) => call(null, 'POST', '/api/kring/invitations/check', { code }, ip),
		accept: (user: FixtureUser | null, body: Record<string, string>, ip = freshIp()) =>
			call(user, 'POST', '/api/kring/invitations/accept', body, ip)
	};
}

export function as(pb: PocketBaseInstance, user: FixtureUser | null): PocketBase {
	const client = new PocketBase(pb.url);
	client.autoCancellation(false);
	if (user) client.authStore.save(user.token);
	return client;
}

/** The HTTP status of an SDK call, 200 when it succeeds. */
export async function status(call: () => Promise<unknown>): Promise<number> {
	try {
		await call();
		return 200;
	} catch (e) {
		if (e instanceof ClientResponseError) return e.status;
		throw e;
	}
}

export type Who = keyof Fixture['users'] | 'parent' | 'anonymous';

/** The fixture plus a parent on its map (added as superuser, which stays allowed). */
export async function withParent(pb: PocketBaseInstance, fx: Fixture) {
	const parent = await createUser(pb, 'parent');
	const admin = await adminClient(pb);
	await admin.collection('map_members').create({ map: fx.mapId, user: parent.id, role: 'parent' });
	const users = { ...fx.users, parent };
	return { users, user: (who: Who) => (who === 'anonymous' ? null : users[who]) };
}

/** YYYY-MM-DD of today (UTC) shifted by whole years and days. */
export function utcDate(years: number, days = 0): string {
	const now = new Date();
	const d = new Date(Date.UTC(now.getUTCFullYear() + years, now.getUTCMonth(), now.getUTCDate() + days));
	return d.toISOString().slice(0, 10);
}
