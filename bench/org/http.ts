/**
 * The request figures: map lists (SDK and the /kaarten page), a map page, creating a map, the
 * team dashboard, tips search and the access log page. Every user is logged in with their own
 * password and session; runs rotate over users of teams spread across the organisation.
 */
import type { PlannedTeam, PlannedUser } from './plan.ts';
import { timeRuns, timing, type Figure } from './figures.ts';
import { login, type Session } from './users.ts';
import type { OrgSystem } from './system.ts';

export interface HttpContext {
	system: OrgSystem;
	teams: PlannedTeam[];
	runs: number;
	log: (msg: string) => void;
}

const WARMUPS = 3;
/** How many teams the runs rotate over (spread across the organisation). */
const TEAMS_SAMPLED = 5;

function sampledTeams(teams: PlannedTeam[]): PlannedTeam[] {
	const full = teams.filter((t) => t.maps.length > 0);
	const picks = new Set(
		Array.from({ length: TEAMS_SAMPLED }, (_, k) => Math.round((k * (full.length - 1)) / Math.max(1, TEAMS_SAMPLED - 1)))
	);
	return [...picks].map((i) => full[i]);
}

/** The professional of each sampled team with the largest caseload (15 maps), and the team's reviewer. */
async function people(ctx: HttpContext) {
	const teams = sampledTeams(ctx.teams);
	const pros = await Promise.all(teams.map((t) => login(ctx.system.pocketbaseUrl, t.professionals[0])));
	const reviewers = await Promise.all(teams.map((t) => login(ctx.system.pocketbaseUrl, t.reviewer)));
	const mapsOf = (team: PlannedTeam, pro: PlannedUser) => team.maps.filter((m) => m.professional.id === pro.id);
	return { teams, pros, reviewers, mapsOf };
}

async function page(ctx: HttpContext, path: string, session: Session, expect: (body: string) => boolean, what: string): Promise<void> {
	const res = await fetch(ctx.system.appUrl + path, { headers: { cookie: session.cookie }, redirect: 'manual' });
	const body = await res.text();
	if (res.status !== 200 || !expect(body))
		throw new Error(
			`${what}: GET ${path} as ${session.user.email} answered ${res.status} ${res.status === 200 ? '(without what it should show)' : body.slice(0, 200)}`
		);
}

export async function listsPhase(ctx: HttpContext): Promise<Figure[]> {
	const { teams, pros, reviewers, mapsOf } = await people(ctx);
	const own = teams.map((t, k) => mapsOf(t, pros[k].user));
	const figures: Figure[] = [];
	const n = teams.length;

	const proSdk = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const s = pros[k];
		const rows = await s.pb.collection('map_members').getFullList({ filter: `user = "${s.user.id}"`, expand: 'map' });
		if (rows.length !== own[k].length || rows.some((r) => !r.expand?.map))
			throw new Error(`own map list: ${rows.length} rows for ${s.user.email}, expected ${own[k].length} with their map`);
	});
	figures.push(
		timing(
			'lists',
			'listSdkProfessional',
			`own map list, SDK, professional (${own[0].length} maps)`,
			proSdk,
			{ p95Below: 100 },
			"map_members.getFullList({ filter: 'user = \"<me>\"', expand: 'map' }) straight to PocketBase"
		)
	);
	ctx.log(`lists: SDK professional p95 ${figures.at(-1)!.p95!.toFixed(1)} ms`);

	const revSdk = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const rows = await reviewers[k].pb.collection('maps').getFullList({ filter: `team = "${teams[k].id}"` });
		if (rows.length < teams[k].maps.length)
			throw new Error(`team map list: ${rows.length} maps for ${reviewers[k].user.email}, expected ${teams[k].maps.length} or more`);
	});
	figures.push(
		timing(
			'lists',
			'listSdkReviewer',
			`own map list, SDK, reviewer (${teams[0].maps.length} maps)`,
			revSdk,
			{ p95Below: 200 },
			'maps.getFullList({ filter: \'team = "<team>"\' }) straight to PocketBase'
		)
	);
	ctx.log(`lists: SDK reviewer p95 ${figures.at(-1)!.p95!.toFixed(1)} ms`);

	const unfilteredPro = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const list = await pros[Math.abs(run) % n].pb.collection('maps').getList(1, 50);
		if (list.items.length === 0) throw new Error('unfiltered list: no maps');
	});
	figures.push(
		timing(
			'lists',
			'unfilteredProfessional',
			'maps list with no filter (maps.getList()), professional',
			unfilteredPro,
			{ p95Below: 100 },
			'maps.getList(1, 50) with no filter, with the total count: the API rule decides; PocketBase starts from the maps the user is on and the teams they review (hooks/maps_list.go)'
		)
	);
	const unfilteredRev = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const list = await reviewers[k].pb.collection('maps').getList(1, 50);
		if (list.totalItems < teams[k].maps.length)
			throw new Error(`unfiltered list: ${list.totalItems} maps for a reviewer of ${teams[k].maps.length}`);
	});
	figures.push(
		timing('lists', 'unfilteredReviewer', 'maps list with no filter (maps.getList()), reviewer', unfilteredRev, { p95Below: 200 })
	);
	ctx.log(`lists: unfiltered p95 ${figures.at(-2)!.p95!.toFixed(1)} / ${figures.at(-1)!.p95!.toFixed(1)} ms`);

	const proPage = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		await page(ctx, '/kaarten', pros[k], (body) => own[k].every((m) => body.includes(`/kaarten/${m.id}`)), 'map list page');
	});
	figures.push(
		timing(
			'lists',
			'listPageProfessional',
			`/kaarten page, professional (${own[0].length} maps)`,
			proPage,
			{ p95Below: 100 },
			'GET /kaarten with the pb_auth cookie: server-rendered HTML, every own map linked'
		)
	);
	const revPage = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		await page(ctx, '/kaarten', reviewers[k], (body) => teams[k].maps.every((m) => body.includes(`/kaarten/${m.id}`)), 'map list page');
	});
	figures.push(timing('lists', 'listPageReviewer', `/kaarten page, reviewer (${teams[0].maps.length} maps)`, revPage, { p95Below: 200 }));
	ctx.log(`lists: /kaarten p95 ${figures.at(-2)!.p95!.toFixed(1)} / ${figures.at(-1)!.p95!.toFixed(1)} ms`);
	return figures;
}

export async function pagePhase(ctx: HttpContext): Promise<Figure[]> {
	const { teams, pros, mapsOf } = await people(ctx);
	const n = teams.length;
	const own = teams.map((t, k) => mapsOf(t, pros[k].user));
	// Warm-ups open other maps than the timed runs: each first opening of a map (per user, per 5
	// minutes) writes the access log, and that is part of opening a map, so the runs keep it.
	const samples = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const list = own[k];
		const map = run < 0 ? list[list.length - 1] : list[Math.floor(run / n) % (list.length - 1)];
		await page(ctx, `/kaarten/${map.id}`, pros[k], (body) => body.includes(map.youthName), 'map page');
	});
	const firstOpens = Math.min(ctx.runs, n * (own[0].length - 1));
	return [
		timing(
			'page',
			'mapPage',
			'open a map page (server part), professional',
			samples,
			{ p95Below: 100 },
			`GET /kaarten/<id> HTML as its professional; ${firstOpens} of ${ctx.runs} runs are a first opening (access log written)`
		)
	];
}

export async function createPhase(ctx: HttpContext): Promise<Figure[]> {
	const { teams, pros } = await people(ctx);
	const n = teams.length;
	const samples = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const map = await pros[k].pb.collection('maps').create({ team: teams[k].id, youth_name: `Bench ${run}` });
		if (!map.id) throw new Error('create: no id');
	});
	return [
		timing(
			'create',
			'createMap',
			'create a map (SDK, professional of the team)',
			samples,
			{ p95Below: 50 },
			'maps.create({ team, youth_name }) straight to PocketBase (its hook adds the professional as member)'
		)
	];
}

export async function dashboardPhase(ctx: HttpContext): Promise<Figure[]> {
	const { teams, reviewers } = await people(ctx);
	const n = teams.length;
	const route = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		const res = await fetch(`${ctx.system.pocketbaseUrl}/api/kring/teams/${teams[k].id}/dashboard`, {
			headers: { authorization: reviewers[k].token }
		});
		const body = (await res.json()) as { maps?: unknown[] };
		// At least the seeded maps: the create phase may have added some.
		if (!res.ok || (body.maps?.length ?? 0) < teams[k].maps.length)
			throw new Error(`dashboard: ${res.status}, ${body.maps?.length} maps, expected ${teams[k].maps.length} or more`);
	});
	const pageSamples = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const k = Math.abs(run) % n;
		await page(ctx, `/team?team=${teams[k].id}`, reviewers[k], (body) => body.includes(teams[k].maps[0].youthName), 'team page');
	});
	return [
		timing(
			'dashboard',
			'dashboardRoute',
			`team dashboard route, reviewer (${teams[0].maps.length} maps)`,
			route,
			{ p95Below: 300 },
			'GET /api/kring/teams/{team}/dashboard straight to PocketBase'
		),
		timing(
			'dashboard',
			'dashboardPage',
			`/team page, reviewer (${teams[0].maps.length} maps)`,
			pageSamples,
			undefined,
			'GET /team?team=<team> HTML with the cookie'
		)
	];
}

const SEARCHES = [
	{ theme: 'school', q: 'samen' },
	{ theme: '', q: 'bel' },
	{ theme: 'gezondheid', q: '' },
	{ theme: '', q: 'samen eten' },
	{ theme: 'vrienden', q: 'gamen' }
];

export async function tipsPhase(ctx: HttpContext): Promise<Figure[]> {
	const { pros } = await people(ctx);
	const n = pros.length;
	const pageSamples = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const s = SEARCHES[Math.abs(run) % SEARCHES.length];
		const query = new URLSearchParams({ ...(s.theme ? { onderwerp: s.theme } : {}), ...(s.q ? { zoek: s.q } : {}) });
		await page(ctx, `/tips?${query}`, pros[Math.abs(run) % n], (body) => body.includes('<main'), 'tips page');
	});
	const sdk = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const s = SEARCHES[Math.abs(run) % SEARCHES.length];
		const pb = pros[Math.abs(run) % n].pb;
		const parts = ['status = "published"'];
		const params: Record<string, string> = {};
		if (s.theme) {
			parts.push('theme = {:theme}');
			params.theme = s.theme;
		}
		s.q
			.split(/\s+/)
			.filter(Boolean)
			.forEach((w, i) => (parts.push(`(text ~ {:w${i}} || relation ~ {:w${i}})`), (params[`w${i}`] = w)));
		// As src/lib/server/tips.ts asks for a first page: one tip more than it shows, no count.
		const list = await pb.collection('jim_tips').getList(1, 21, {
			filter: pb.filter(parts.join(' && '), params),
			sort: '-published_at,-created',
			skipTotal: true,
			fields: 'id,text,theme,relation,published_at,question'
		});
		if (list.items.length === 0) throw new Error(`tips search ${JSON.stringify(s)} found nothing`);
	});
	return [
		timing(
			'tips',
			'tipsPage',
			'tips search, /tips page (professional)',
			pageSamples,
			{ p95Below: 150 },
			`GET /tips?onderwerp=…&zoek=… over ${SEARCHES.length} searches`
		),
		timing(
			'tips',
			'tipsSdk',
			'tips search, the query the page makes (SDK)',
			sdk,
			undefined,
			'jim_tips.getList(1, 21, status/theme/words filter, newest first, no count) straight to PocketBase'
		)
	];
}

export async function accessLogPhase(ctx: HttpContext): Promise<Figure[]> {
	const { teams, pros, mapsOf } = await people(ctx);
	const n = teams.length;
	const own = teams.map((t, k) => mapsOf(t, pros[k].user));
	const mapOf = (run: number) => own[Math.abs(run) % n][Math.floor(Math.abs(run) / n) % own[0].length];
	const pageSamples = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		await page(ctx, `/kaarten/${mapOf(run).id}/wie`, pros[Math.abs(run) % n], (body) => body.includes(mapOf(run).youth.name), 'who page');
	});
	const sdk = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const pb = pros[Math.abs(run) % n].pb;
		const list = await pb.collection('access_log').getList(1, 50, {
			filter: pb.filter('map = {:map}', { map: mapOf(run).id }),
			sort: '-created',
			fields: 'id,user_name,role,action,created'
		});
		if (list.items.length === 0) throw new Error('access log: no rows');
	});
	const check = await timeRuns(ctx.runs, WARMUPS, async (run) => {
		const res = await fetch(`${ctx.system.appUrl}/kaarten/${mapOf(run).id}/toegang`, {
			headers: { cookie: pros[Math.abs(run) % n].cookie },
			redirect: 'manual'
		});
		await res.arrayBuffer();
		if (res.status !== 204) throw new Error(`toegang: ${res.status}`);
	});
	return [
		timing(
			'accesslog',
			'accessLogPage',
			'access log page (/kaarten/<id>/wie, professional)',
			pageSamples,
			{ p95Below: 150 },
			'GET /kaarten/<id>/wie HTML: members, invitations and the newest 50 access-log rows'
		),
		timing(
			'accesslog',
			'accessLogSdk',
			'access log query the page makes (SDK)',
			sdk,
			undefined,
			'access_log.getList(1, 50, map = <id>, newest first) straight to PocketBase'
		),
		timing(
			'accesslog',
			'toegang',
			'map access check /kaarten/<id>/toegang',
			check,
			undefined,
			'GET /kaarten/<id>/toegang (204): what the map page asks when its socket is refused'
		)
	];
}
