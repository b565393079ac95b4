import PocketBase, { BaseAuthStore } from 'pocketbase';
import { describe, expect, it } from 'vitest';
import {
	connectProvider,
	destroyProvider,
	markPerson,
	personName,
	rawConnect,
	startSync,
	waitForDoc,
	waitSynced,
	useSyncStack
} from './sync-harness.ts';

const ctx = useSyncStack();

const mapUrl = (mapId: string, token?: string) =>
	`${ctx.sync.wsBase}/${mapId}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

async function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
	const outcome = await rawConnect(url, headers);
	if (outcome.kind === 'open') {
		outcome.ws.terminate();
		return 101;
	}
	return outcome.status;
}

describe('the upgrade is refused', () => {
	it('without a token: 401', async () => {
		expect(await upgradeStatus(mapUrl(ctx.fx.mapId))).toBe(401);
	});

	it('with a garbage token: 401', async () => {
		expect(await upgradeStatus(mapUrl(ctx.fx.mapId, 'not-a-token.at.all'))).toBe(401);
		expect(await upgradeStatus(mapUrl(ctx.fx.mapId), { Cookie: 'pb_auth=garbage.garbage.garbage' })).toBe(401);
	});

	it('for a user of another team: 403', async () => {
		expect(await upgradeStatus(mapUrl(ctx.fx.mapId, ctx.fx.users.outsider.token))).toBe(403);
	});

	it('for a map that does not exist or a malformed id: 403', async () => {
		const token = ctx.fx.users.professional.token;
		expect(await upgradeStatus(mapUrl('zzzzzzzzzzzzzzz', token))).toBe(403);
		expect(await upgradeStatus(mapUrl('Not-A-Record-Id', token))).toBe(403);
		expect(await upgradeStatus(mapUrl(`${ctx.fx.mapId}x`, token))).toBe(403);
		expect(await upgradeStatus(`${ctx.sync.wsBase}/${ctx.fx.mapId}/extra?token=${token}`)).toBe(403);
	});

	it('never asks about paths outside /sync', async () => {
		// The harness destroys sockets the sync server declines; the client sees a hang-up, not a status.
		await expect(rawConnect(`${ctx.sync.wsBase.replace('/sync', '/other')}/${ctx.fx.mapId}`)).rejects.toThrow();
	});
});

describe('a member connects', () => {
	it('with the token parameter, and syncs', async () => {
		const writer = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
		markPerson(writer.doc, 'auth-test', 'Auth test');
		await waitSynced(writer);
		const reader = connectProvider(ctx.sync.wsBase, ctx.fx.mapId, ctx.fx.users.youth.token);
		await waitSynced(reader);
		await waitForDoc(reader.doc, (d) => personName(d, 'auth-test') === 'Auth test');
		destroyProvider(writer);
		destroyProvider(reader);
	});

	it('with a raw pb_auth cookie', async () => {
		const outcome = await rawConnect(mapUrl(ctx.fx.mapId), { Cookie: `other=1; pb_auth=${ctx.fx.users.youth.token}` });
		expect(outcome.kind).toBe('open');
		if (outcome.kind === 'open') {
			expect([...outcome.firstMessage.slice(0, 2)]).toEqual([0, 0]); // sync step 1
			outcome.ws.terminate();
		}
	});

	it('with the SDK exportToCookie() cookie', async () => {
		// What the app's server sets: a logged-in SDK client's auth store, exported as a cookie.
		const client = new PocketBase(ctx.pb.url, new BaseAuthStore());
		await client.collection('users').authWithPassword(ctx.fx.users.jim.email, ctx.fx.users.jim.password);
		const cookie = client.authStore.exportToCookie().split(';')[0];
		expect(cookie.startsWith('pb_auth=%7B')).toBe(true); // URL-encoded JSON
		const outcome = await rawConnect(mapUrl(ctx.fx.mapId), { Cookie: cookie });
		expect(outcome.kind).toBe('open');
		if (outcome.kind === 'open') outcome.ws.terminate();
	});
});

describe('a browser on another site', () => {
	it('cannot ride on the cookie: a foreign Origin gets 403, the app’s own origin is let in', async () => {
		const guarded = await startSync(ctx.pb, { allowedOrigins: ['http://localhost:3000'] });
		try {
			const url = `${guarded.wsBase}/${ctx.fx.mapId}`;
			const cookie = `pb_auth=${ctx.fx.users.youth.token}`;
			expect(await upgradeStatus(url, { Cookie: cookie, Origin: 'http://evil.example' })).toBe(403);
			expect(await upgradeStatus(url, { Cookie: cookie, Origin: 'http://localhost:3000' })).toBe(101);
		} finally {
			await guarded.close();
		}
	});
});
