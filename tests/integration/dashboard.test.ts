// The team's dashboard (GET /api/kring/teams/{team}/dashboard, server/pocketbase/hooks/dashboard.go)
// against the real PocketBase: who gets which maps (the maps view rule), and the numbers.
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCount, type Metrics } from '../../src/lib/doc/metrics.ts';
import { toRow } from '../../src/routes/team/dashboard-rows.ts';
import { adminClient, createFixture, createUser, type Fixture, type FixtureUser } from '../helpers/fixtures.ts';
import { weeklyHistory, type History } from '../helpers/map-history.ts';
import { startPocketBase, type PocketBaseInstance } from '../helpers/pocketbase.ts';
import { kringApi } from './kring-api.ts';
import type { DashboardMap } from '../../src/lib/server/dashboard.ts';

let pb: PocketBaseInstance;
let fx: Fixture;
let admin: PocketBase;
let api: ReturnType<typeof kringApi>;
let colleague: FixtureUser;
let sam: History;
let eva: History;
const ids = { noor: '', eva: '', zuid: '' };

const WEEKS = 10;
const DAY = 24 * 60 * 60 * 1000;
const start = new Date(Date.now() - (WEEKS + 1) * 7 * DAY);

async function storeVersions(map: string, history: History, withMetrics = true) {
	for (const v of history.versions) {
		await admin.collection('map_versions').create({
			map,
			kind: v.kind,
			note: '',
			taken_at: v.taken_at,
			evaluated_on: v.evaluated_on ? `${v.evaluated_on} 00:00:00.000Z` : '',
			state: v.state,
			projection: v.projection,
			...(withMetrics ? { metrics: v.metrics } : {})
		});
	}
}

beforeAll(async () => {
	pb = await startPocketBase();
	fx = await createFixture(pb);
	admin = await adminClient(pb);
	api = kringApi(pb);

	// Sam (the fixture's map): ten weekly versions with metrics, evaluation moments every four weeks.
	sam = weeklyHistory({ youthName: 'Sam', weeks: WEEKS, people: 12, start, seed: 7, evaluationEvery: 4, everyWeeks: 6 });
	await storeVersions(fx.mapId, sam);
	await admin.collection('map_docs').create({ map: fx.mapId, state: sam.live });

	// Noor: a new map of a colleague in the same team, without any version yet.
	colleague = await createUser(pb, 'colleague');
	await admin.collection('team_members').create({ team: fx.teamId, user: colleague.id, role: 'professional' });
	ids.noor = (await admin.collection('maps').create({ team: fx.teamId, youth_name: 'Noor', created_by: colleague.id })).id;
	await admin.collection('map_members').create({ map: ids.noor, user: colleague.id, role: 'professional' });

	// Eva: versions kept before versions carried metrics.
	ids.eva = (await admin.collection('maps').create({ team: fx.teamId, youth_name: 'Eva' })).id;
	eva = weeklyHistory({ youthName: 'Eva', weeks: 4, people: 6, start, seed: 3 });
	await storeVersions(ids.eva, eva, false);

	// A map of the other team, with the outsider on it.
	ids.zuid = (await admin.collection('maps').create({ team: fx.otherTeamId, youth_name: 'Zuid' })).id;
	await admin.collection('map_members').create({ map: ids.zuid, user: fx.users.outsider.id, role: 'professional' });
});
afterAll(() => pb?.stop());

const dashboard = (user: FixtureUser | null, team = fx.teamId) => api.call(user, 'GET', `/api/kring/teams/${team}/dashboard`);
const names = (body: { maps: DashboardMap[] }) => body.maps.map((m) => m.youth_name);

describe('who sees which maps', () => {
	it('a reviewer sees every map of their team, by name', async () => {
		const res = await dashboard(fx.users.reviewer);
		expect(res.status).toBe(200);
		expect(res.body.team).toEqual({ id: fx.teamId, name: 'Noord', role: 'reviewer' });
		expect(names(res.body)).toEqual(['Eva', 'Noor', 'Sam']);
	});

	it('a professional sees only the maps they are on', async () => {
		const own = await dashboard(fx.users.professional);
		expect(own.status).toBe(200);
		expect(own.body.team.role).toBe('professional');
		expect(names(own.body)).toEqual(['Sam']);
		expect(names((await dashboard(colleague)).body)).toEqual(['Noor']);
	});

	it('anyone who is not a professional or reviewer of the team gets 404, also for a team that does not exist', async () => {
		for (const user of [fx.users.outsider, fx.users.youth, fx.users.jim]) {
			const res = await dashboard(user);
			expect(res.status).toBe(404);
			expect(res.text).not.toContain('Sam');
		}
		expect((await dashboard(fx.users.reviewer, 'geenteambestaat')).status).toBe(404);
		// Their own team is no way into another's maps.
		const zuid = await dashboard(fx.users.outsider, fx.otherTeamId);
		expect(names(zuid.body)).toEqual(['Zuid']);
		expect((await dashboard(fx.users.reviewer, fx.otherTeamId)).status).toBe(404);
	});

	it('a superuser gets 403: the route is for people, not for servers', async () => {
		const superuser = { id: '', email: '', password: '', token: admin.authStore.token };
		expect((await dashboard(superuser)).status).toBe(403);
	});

	it('anonymous gets 401', async () => {
		const res = await dashboard(null);
		expect(res.status).toBe(401);
		expect(res.text).not.toContain('Sam');
	});
});

describe('the numbers', () => {
	let maps: Record<string, DashboardMap>;
	beforeAll(async () => {
		const res = await dashboard(fx.users.reviewer);
		maps = Object.fromEntries((res.body.maps as DashboardMap[]).map((m) => [m.youth_name, m]));
	});

	it('carries the metrics of the last eight versions, oldest first', () => {
		const last8 = sam.versions.slice(-8);
		expect(maps.Sam.version_count).toBe(WEEKS);
		expect(maps.Sam.versions.map((v) => new Date(v.taken_at).toISOString())).toEqual(last8.map((v) => v.taken_at));
		expect(maps.Sam.versions.map((v) => closeCount(v.metrics as Metrics))).toEqual(last8.map((v) => closeCount(v.metrics)));
		// The metrics as the sync server stores them: metricsOf(projection).
		expect(maps.Sam.versions.map((v) => v.metrics)).toEqual(last8.map((v) => v.metrics));
		expect(maps.Sam.jim_log).toBeUndefined();
	});

	it('gives the last evaluation moment, the plan dates and the last activity', () => {
		const lastEvaluation = sam.versions.filter((v) => v.kind === 'evaluation').at(-1)!;
		expect(maps.Sam.last_evaluation).toBe(lastEvaluation.evaluated_on);
		const plan = sam.versions.at(-1)!.projection.plan!;
		expect(maps.Sam.plan).toEqual({ startOn: plan.startOn, everyWeeks: 6, nextOn: null });
		// The live document was stored after the last version.
		expect(Date.parse(maps.Sam.last_activity)).toBeGreaterThanOrEqual(Date.parse(sam.versions.at(-1)!.taken_at));
	});

	it('the page reads them as the JIM status, a trend of people close by and the next evaluation', () => {
		const today = new Date().toISOString().slice(0, 10);
		const row = toRow(maps.Sam, today);
		expect(row.jim).toBe('actief');
		expect(row.close).toEqual(sam.versions.slice(-8).map((v) => closeCount(v.metrics)));
		const lastEvaluation = sam.versions.filter((v) => v.kind === 'evaluation').at(-1)!.evaluated_on;
		const due = new Date(Date.parse(`${lastEvaluation}T12:00:00Z`) + 6 * 7 * DAY).toISOString().slice(0, 10);
		expect(row.nextEvaluation).toBe(due);
	});

	it('lists a map without versions', () => {
		expect(maps.Noor).toMatchObject({ version_count: 0, versions: [], plan: null, last_evaluation: '' });
		expect(maps.Noor.last_activity).not.toBe('');
		expect(toRow(maps.Noor, '2026-01-01')).toMatchObject({ jim: 'unknown', close: [], nextEvaluation: null, daysLate: 0 });
	});

	it('counts people per ring from the projection, and sends the JIM record, for versions kept without metrics', () => {
		expect(maps.Eva.versions.map((v) => closeCount(v.metrics as Metrics))).toEqual(eva.versions.map((v) => closeCount(v.metrics)));
		expect(maps.Eva.versions.map((v) => v.metrics?.placed)).toEqual(eva.versions.map((v) => v.metrics.placed));
		expect(maps.Eva.jim_log).toEqual(eva.versions.at(-1)!.projection.jim);
		expect(toRow(maps.Eva, '2026-01-01').jim).toBe(eva.versions.at(-1)!.metrics.jim.status);
	});

	it('keeps the response small: no projections, no states', async () => {
		const res = await dashboard(fx.users.reviewer);
		expect(res.text).not.toContain('"people":[');
		expect(res.text).not.toContain('"state"');
		// Three maps, eight versions of metrics (a few hundred bytes each) at most.
		expect(res.text.length).toBeLessThan(12_000);
	});
});
