// A JIM reads the map's versions (each the whole map as it was) only once the youth said yes to
// them, as the newest version records it: PocketBase itself refuses, not only the history page, so
// a JIM's own token reaches no more than the page shows (hooks/jim_consent.go).
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { addPerson } from '../../src/lib/doc/people.ts';
import { recordChoice, recordConsent, type Recorder } from '../../src/lib/doc/jim.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { project } from '../../src/lib/doc/projection.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let admin: PocketBase;
const origin = localOrigin('test');

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	admin = await adminClient(pb);
});
afterAll(() => pb?.stop());

function as(user: FixtureUser): PocketBase {
	const client = new PocketBase(pb.url);
	client.autoCancellation(false);
	client.authStore.save(user.token, null);
	return client;
}

/** Keeps the map as it is in `doc` as a version, as the sync server does, `minutes` after the first. */
async function keepVersion(doc: Y.Doc, minutes: number): Promise<string> {
	const takenAt = new Date(Date.UTC(2026, 0, 1, 9, minutes)).toISOString();
	return (await admin.collection('map_versions').create({ map: fx.mapId, kind: 'auto', taken_at: takenAt, projection: project(doc) })).id;
}

const status = (call: () => Promise<unknown>) =>
	call().then(
		() => 200,
		(err: { status: number }) => err.status
	);

it("keeps the map's versions from a JIM until the youth says yes to them, and again after the yes is withdrawn", async () => {
	const doc = new Y.Doc();
	const kevinNode = addPerson(doc, { name: 'Kevin', sector: 'vrienden', ring: 1 }, origin);
	const noraNode = addPerson(doc, { name: 'Tante Nora', sector: 'familie', ring: 1 }, origin);
	const sam: Recorder = { userId: fx.users.youth.id, name: 'youth', role: 'youth' };
	const before = await keepVersion(doc, 0);

	const kevin = await createUser(pb, 'kevin');
	await admin.collection('map_members').create({ map: fx.mapId, user: kevin.id, role: 'jim', person: kevinNode });
	const ofMap = { filter: `map = "${fx.mapId}"` };
	const versionsAs = (user: FixtureUser) => as(user).collection('map_versions');

	// Not chosen yet: neither the list nor one version; everyone else on the map still reads them.
	expect(await status(() => versionsAs(kevin).getFullList(ofMap))).toBe(403);
	expect(await status(() => versionsAs(kevin).getOne(before))).toBe(403);
	expect((await versionsAs(fx.users.youth).getFullList(ofMap)).map((v) => v.id)).toEqual([before]);
	// The JIM the fixture made without a person is held back by the pages, as on the live map.
	expect(await status(() => versionsAs(fx.users.jim).getFullList(ofMap))).toBe(200);

	// Sam says yes to Nora: that is no yes to Kevin.
	recordChoice(doc, { personId: noraNode, personName: 'Tante Nora', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
	recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
	await keepVersion(doc, 1);
	expect(await status(() => versionsAs(kevin).getFullList(ofMap))).toBe(403);

	// Sam picks Kevin and says yes to him: the whole history opens, the oldest version too.
	recordChoice(doc, { personId: kevinNode, personName: 'Kevin', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
	recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
	await keepVersion(doc, 2);
	expect(await versionsAs(kevin).getFullList(ofMap)).toHaveLength(3);
	expect((await versionsAs(kevin).getOne(before)).id).toBe(before);

	// Sam takes the yes back: closed again.
	recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: false }, sam, origin);
	await keepVersion(doc, 3);
	expect(await status(() => versionsAs(kevin).getFullList(ofMap))).toBe(403);
	expect(await status(() => versionsAs(kevin).getOne(before))).toBe(403);

	// A refused reading is not a reading: the access log has only the visit in which Kevin read the history.
	const log = await admin.collection('access_log').getFullList({ filter: `map = "${fx.mapId}" && user = "${kevin.id}"` });
	expect(log.map((row) => row.action)).toEqual(['history']);
});
