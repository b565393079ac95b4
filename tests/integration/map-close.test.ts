// Closing a map (retention): only the map's professional closes it, the server stamps when and
// by whom, and from then on PocketBase's rules and the sync server keep it as it is, while everyone
// who could read it still reads it. Real PocketBase, real sync server.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { pocketbaseCommand } from '../../server/launch/paths.ts';
import { adminClient } from '../helpers/fixtures.ts';
import { as, kringApi, status } from './kring-api.ts';
import {
	connectProvider,
	destroyProvider,
	markPerson,
	personName,
	storedDoc,
	syncApi,
	useSyncStack,
	waitForDoc,
	waitSynced
} from './sync-harness.ts';

const ctx = useSyncStack();

it('the professional closes the map: from then on nobody changes it, and everyone still reads it', async () => {
	const { pb, fx, sync } = ctx;
	const api = kringApi(pb);
	const close = (who: keyof typeof fx.users) => api.call(fx.users[who], 'POST', `/api/kring/maps/${fx.mapId}/close`);
	const admin = await adminClient(pb);
	const offer = () => api.call(fx.users.jim, 'POST', `/api/kring/maps/${fx.mapId}/tips`, { text: 'Ga samen wandelen.', theme: 'geld' });

	const professional = connectProvider(sync.wsBase, fx.mapId, fx.users.professional.token);
	try {
		await waitSynced(professional);
		markPerson(professional.doc, 'oma', 'Oma');
		const stored = async () => personName(await storedDoc(pb, fx.mapId), 'oma') === 'Oma';
		await expect.poll(stored, { timeout: 10_000 }).toBe(true);

		// Nobody sets the closing fields through the records API, not even the professional.
		expect(
			await status(() => as(pb, fx.users.professional).collection('maps').update(fx.mapId, { closed_at: '2020-01-01 00:00:00.000Z' }))
		).not.toBe(200);
		for (const who of ['youth', 'jim', 'reviewer'] as const) {
			const refused = await close(who);
			expect(refused.status).toBe(403);
			expect(refused.body.message).toBe('Alleen de hulpverlener van deze kaart kan de kaart afsluiten.');
		}
		expect((await close('outsider')).status).toBe(404);
		expect((await admin.collection('maps').getOne(fx.mapId)).closed_at).toBe('');
		// While open, the JIM offers a tip from it.
		expect((await offer()).status).toBe(200);

		// An invitation nobody used yet: closing withdraws it.
		const pending = await api.invite(fx.users.professional, fx.mapId, { role: 'jim', label: 'oom Kees' });
		expect(pending.status).toBe(201);

		const before = Date.now();
		const closed = await close('professional');
		expect(closed.status).toBe(200);
		const record = await admin.collection('maps').getOne(fx.mapId);
		expect(record.closed_by).toBe(fx.users.professional.id);
		expect(Date.parse(record.closed_at.replace(' ', 'T'))).toBeGreaterThanOrEqual(before - 1000);
		expect((await close('professional')).status).toBe(409);
		expect((await api.check(pending.body.code)).body.state).toBe('revoked');
		// The youth's access log says who closed the file, once (the refused second try is no closing).
		const closings = await admin.collection('access_log').getFullList({ filter: `map = "${fx.mapId}" && action = "close"` });
		expect(closings.map((row) => [row.user, row.role])).toEqual([[fx.users.professional.id, 'professional']]);

		// The professional's open connection is closed and comes back read-only.
		await sync.waitForLog((e) => e.msg === 'closing connection: map closed' && e.fields.userId === fx.users.professional.id);
		await sync.waitForLog(
			(e) => e.msg === 'connection opened' && e.fields.userId === fx.users.professional.id && e.fields.readOnly === true
		);
		await waitSynced(professional);
		markPerson(professional.doc, 'na-afsluiten', 'Na het afsluiten');
		destroyProvider(professional);
		await sync.waitForLog(
			(e) => e.msg === 'dropped messages' && e.fields.userId === fx.users.professional.id && e.fields.readOnly === true
		);
		expect(personName(await storedDoc(pb, fx.mapId), 'na-afsluiten')).toBeUndefined();
	} finally {
		destroyProvider(professional);
	}

	// PocketBase refuses changes to it: its name, a JIM-tip, an invitation.
	expect(await status(() => as(pb, fx.users.professional).collection('maps').update(fx.mapId, { youth_name: 'Sam B.' }))).not.toBe(200);
	expect((await admin.collection('maps').getOne(fx.mapId)).youth_name).not.toBe('Sam B.');
	expect((await offer()).status).toBe(403);
	const invite = await api.invite(fx.users.professional, fx.mapId, { role: 'parent', label: 'Moeder' });
	expect(invite.status).toBe(403);
	expect(invite.body.message).toBe('Deze kaart is afgesloten. Je kunt niemand meer uitnodigen.');

	// The sync server: no evaluation moment.
	const evaluation = await syncApi(sync, `/sync-api/maps/${fx.mapId}/evaluations`, fx.users.professional.token, { note: 'na afloop' });
	expect(evaluation.status).toBe(409);
	expect(evaluation.body.code).toBe('map-closed');

	// Everyone who could read it still does.
	for (const who of ['youth', 'professional', 'jim', 'reviewer'] as const) {
		expect(await status(() => as(pb, fx.users[who]).collection('maps').getOne(fx.mapId))).toBe(200);
	}
	expect(await status(() => as(pb, fx.users.outsider).collection('maps').getOne(fx.mapId))).toBe(404);
	const youth = connectProvider(sync.wsBase, fx.mapId, fx.users.youth.token);
	try {
		await waitSynced(youth);
		await waitForDoc(youth.doc, (d) => personName(d, 'oma') === 'Oma');
		expect(personName(youth.doc, 'na-afsluiten')).toBeUndefined();
	} finally {
		destroyProvider(youth);
	}
});

it('the retention command counts the closed map and lists none of it as due: it closed today, not 20 years ago', async () => {
	// After the test above (one file, in order): the fixture's map is closed.
	const { stdout } = await promisify(execFile)(pocketbaseCommand(), ['retention', '--dir', ctx.pb.dataDir, '--dev=false']);
	expect(stdout).toMatch(/^1 closed files; 0 past their retention date \(20 years after closing\)/);
});
