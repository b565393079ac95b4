/**
 * The team's dashboard, measured: a team with 300 maps, each with a year of weekly versions of a
 * map of about 20 people, against the whole system started as `npm start` starts it.
 *
 *   npx tsx bench/dashboard.ts [--maps 300] [--weeks 52] [--people 16] [--runs 30] [--page-runs 10]
 *
 * Prints the route's response time (GET /api/kring/teams/{team}/dashboard as the team's reviewer)
 * and the /team page's load in Debian's Chromium, median and p95, and writes
 * bench/results/dashboard.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import PocketBase from 'pocketbase';
import { startKring, type KringSystem } from '../tests/helpers/system.ts';
import { weeklyHistory } from '../tests/helpers/map-history.ts';
import { superuserClient } from './big-map.ts';
import { KEEP_NAMES_SHIM } from './probes.ts';
import { kib, median, quantile, stopCleanly } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const STEP_TIMEOUT = 60_000;
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'bench-reviewer-1234';
/** The team's professionals; each map has one of them as its professional, and a youth. */
const PROFESSIONALS = 10;
/** Youth accounts, each on several maps (the dashboard reads memberships, not who they are). */
const YOUTHS = 30;
/** Distinct histories; map i gets history i mod HISTORIES. */
const HISTORIES = 25;

const { values: args } = parseArgs({
	options: {
		maps: { type: 'string', default: '300' },
		weeks: { type: 'string', default: '52' },
		people: { type: 'string', default: '16' },
		runs: { type: 'string', default: '30' },
		'page-runs': { type: 'string', default: '10' }
	}
});
const MAPS = Number(args.maps);
const WEEKS = Number(args.weeks);
const PEOPLE = Number(args.people);
const RUNS = Number(args.runs);
const PAGE_RUNS = Number(args['page-runs']);
if (![MAPS, WEEKS, PEOPLE, RUNS, PAGE_RUNS].every((n) => Number.isInteger(n) && n >= 1)) {
	console.error('usage: npx tsx bench/dashboard.ts [--maps N] [--weeks N] [--people N] [--runs N] [--page-runs N] (all ≥ 1)');
	process.exit(2);
}

const NAMES = [
	'Anouk',
	'Bram',
	'Daan',
	'Emma',
	'Fenna',
	'Jesse',
	'Lotte',
	'Milan',
	'Noor',
	'Sem',
	'Tess',
	'Yara',
	'Ayoub',
	'Dewi',
	'Mehmet'
];

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const seconds = (x: number) => `${(x / 1000).toFixed(1)} s`;

interface BenchTeam {
	teamId: string;
	reviewerEmail: string;
	/** A professional with one map in PROFESSIONALS. */
	professionalEmail: string;
	versions: number;
	generateMs: number;
	insertMs: number;
}

/** Runs `work` over `items` with at most `parallel` at a time. */
async function pool<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: parallel }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}

/**
 * A team of its own with a reviewer and MAPS maps, each with WEEKS weekly versions made with the
 * document model (projection, metrics, Yjs state) and its live document, through PocketBase's
 * batch API as superuser: one batch per map.
 */
async function createBenchTeam(pb: PocketBase): Promise<BenchTeam> {
	await pb.settings.update({ batch: { enabled: true, maxRequests: Math.max(100, WEEKS + 10), timeout: 120, maxBodySize: 256 << 20 } });
	const team = await pb.collection('teams').create({ name: 'Team Bench' });
	const reviewerEmail = `bench-reviewer-${Date.now()}@kring.test`;
	const reviewer = await pb
		.collection('users')
		.create({ email: reviewerEmail, name: 'Bench Reviewer', password: PASSWORD, passwordConfirm: PASSWORD, verified: true });
	await pb.collection('team_members').create({ team: team.id, user: reviewer.id, role: 'reviewer' });
	// Members as a real caseload has them: the dashboard must not slow down with the memberships
	// of the whole organisation (the maps view rule looks at them).
	const stamp = Date.now();
	const professionals = await Promise.all(
		Array.from({ length: PROFESSIONALS }, async (_, i) => {
			const email = `bench-pro-${i + 1}-${stamp}@kring.test`;
			const user = await pb
				.collection('users')
				.create({ email, name: `Bench Pro ${i + 1}`, password: PASSWORD, passwordConfirm: PASSWORD, verified: true });
			await pb.collection('team_members').create({ team: team.id, user: user.id, role: 'professional' });
			return { id: user.id, email };
		})
	);

	const youths = await Promise.all(
		Array.from({ length: YOUTHS }, (_, i) =>
			pb.collection('users').create({
				email: `bench-youth-${i + 1}-${stamp}@kring.test`,
				name: `Jongere ${i + 1}`,
				password: PASSWORD,
				passwordConfirm: PASSWORD,
				verified: true
			})
		)
	);

	const start = new Date(Date.now() - (WEEKS + 1) * 7 * DAY);
	// Histories are made once per kind and shared by several maps: the dashboard reads their
	// numbers, and making 300 of them would take a third of the run.
	const histories = new Map<number, ReturnType<typeof weeklyHistory>>();
	let generateMs = 0;
	let done = 0;
	const started = Date.now();
	await pool(
		Array.from({ length: MAPS }, (_, i) => i),
		3,
		async (i) => {
			const youthName = `${NAMES[i % NAMES.length]} ${i + 1}`;
			const kind = i % HISTORIES;
			let history = histories.get(kind);
			if (!history) {
				const t0 = performance.now();
				history = weeklyHistory({ youthName, weeks: WEEKS, people: PEOPLE, start, seed: 1000 + kind, evaluationEvery: 6 + (kind % 3) });
				generateMs += performance.now() - t0;
				histories.set(kind, history);
			}
			const map = await pb.collection('maps').create({ team: team.id, youth_name: youthName });
			const batch = pb.createBatch();
			batch.collection('map_members').create({ map: map.id, user: professionals[i % PROFESSIONALS].id, role: 'professional' });
			batch.collection('map_members').create({ map: map.id, user: youths[i % YOUTHS].id, role: 'youth' });
			for (const v of history.versions) {
				batch.collection('map_versions').create({
					map: map.id,
					kind: v.kind,
					note: v.kind === 'evaluation' ? 'Evaluatiemoment met het team.' : '',
					taken_at: v.taken_at,
					evaluated_on: v.evaluated_on ? `${v.evaluated_on} 00:00:00.000Z` : '',
					state: v.state,
					projection: v.projection,
					metrics: v.metrics
				});
			}
			batch.collection('map_docs').create({ map: map.id, state: history.live });
			await batch.send();
			if (++done % 50 === 0) console.log(`bench: ${done}/${MAPS} maps stored (${seconds(Date.now() - started)})`);
		}
	);
	return {
		teamId: team.id,
		reviewerEmail,
		professionalEmail: professionals[0].email,
		versions: MAPS * WEEKS,
		generateMs,
		insertMs: Date.now() - started
	};
}

interface ApiFigures {
	samples: number[];
	maps: number;
	rawBytes: number;
	gzipBytes: number;
}

/** The route's response time as the reviewer: request sent → whole body read and parsed. */
async function measureApi(kring: KringSystem, team: BenchTeam, email: string): Promise<ApiFigures> {
	const reviewer = new PocketBase(kring.pocketbaseUrl);
	await reviewer.collection('users').authWithPassword(email, PASSWORD);
	const url = `${kring.pocketbaseUrl}/api/kring/teams/${team.teamId}/dashboard`;
	const once = async () => {
		const t0 = performance.now();
		const res = await fetch(url, { headers: { authorization: reviewer.authStore.token } });
		const text = await res.text();
		const body = JSON.parse(text) as { maps: unknown[] };
		if (!res.ok) throw new Error(`dashboard route: ${res.status} ${text.slice(0, 200)}`);
		return { ms: performance.now() - t0, text, maps: body.maps.length };
	};
	for (let i = 0; i < 3; i++) await once();
	const samples: number[] = [];
	let last = { text: '', maps: 0 };
	for (let i = 0; i < RUNS; i++) {
		const r = await once();
		samples.push(r.ms);
		last = r;
	}
	return { samples, maps: last.maps, rawBytes: Buffer.byteLength(last.text), gzipBytes: gzipSync(last.text).length };
}

interface PageRun {
	/** navigation start → the HTML's last byte (the server's load: PocketBase route plus rendering). */
	html: number;
	/** navigation start → first contentful paint (the cards come in the HTML). */
	fcp: number;
	/** navigation start → the page runs in the browser (hydrated: sorting and filters work). */
	ready: number;
	/** navigation start → load event end. */
	load: number;
	/** 'Volgende evaluatie' chosen → first frame with the new order. */
	sort: number;
	htmlBytes: number;
	cards: number;
}

/** Notes when the page marks itself ready (main[data-ready]); installed before the page's scripts. */
const READY_PROBE = `
	window.__dashboardReady = 0;
	new MutationObserver((_, observer) => {
		if (document.querySelector('main[data-ready]')) {
			window.__dashboardReady = performance.now();
			observer.disconnect();
		}
	}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-ready'] });
`;

async function loggedInPage(browser: Browser, kring: KringSystem, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL: kring.baseUrl, locale: 'nl-NL', viewport: { width: 1280, height: 800 } });
	context.setDefaultTimeout(STEP_TIMEOUT);
	await context.addInitScript({ content: KEEP_NAMES_SHIM });
	await context.addInitScript({ content: READY_PROBE });
	const page = await context.newPage();
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/kaarten$/);
	return page;
}

async function measurePage(page: Page, team: BenchTeam): Promise<PageRun> {
	const response = await page.goto(`/team?team=${team.teamId}`, { waitUntil: 'load' });
	await page.locator('main[data-ready]').waitFor();
	const nav = await page.evaluate(() => {
		const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		const fcp = performance.getEntriesByName('first-contentful-paint')[0];
		return {
			html: n.responseEnd,
			load: n.loadEventEnd,
			fcp: fcp ? fcp.startTime : NaN,
			ready: (window as unknown as { __dashboardReady: number }).__dashboardReady,
			cards: document.querySelectorAll('[data-testid="team-map"]').length
		};
	});
	const sort = await measureSort(page);
	return { ...nav, sort, htmlBytes: (await response!.body()).length };
}

/** Chooses 'Volgende evaluatie' and waits for the first animation frame with the cards in a new order. */
async function measureSort(page: Page): Promise<number> {
	const select = page.getByLabel('Sorteer op');
	const timing = page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const order = () => [...document.querySelectorAll('[data-testid="team-map"] h2')].map((h) => h.textContent).join('|');
				const before = order();
				const select = document.getElementById('filter-sort') as HTMLSelectElement;
				let changedAt = 0;
				select.addEventListener('change', () => (changedAt = performance.now()), { once: true, capture: true });
				const giveUp = setTimeout(() => reject(new Error('the order did not change within 30 s')), 30_000);
				const frame = () => {
					if (changedAt && order() !== before) {
						clearTimeout(giveUp);
						resolve(performance.now() - changedAt);
					} else requestAnimationFrame(frame);
				};
				requestAnimationFrame(frame);
			})
	);
	const [took] = await Promise.all([timing, select.selectOption('evaluatie')]);
	return took;
}

function gitRevision(): string {
	try {
		const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: here, encoding: 'utf8' }).trim();
		return dirty ? `${rev} (with uncommitted changes in the tree)` : rev;
	} catch {
		return 'unknown';
	}
}

async function main() {
	const command = `npx tsx bench/dashboard.ts --maps ${MAPS} --weeks ${WEEKS} --people ${PEOPLE} --runs ${RUNS} --page-runs ${PAGE_RUNS}`;
	let kring: KringSystem | null = null;
	let browser: Browser | null = null;
	let cleaning: Promise<void> | null = null;
	const cleanUp = () =>
		(cleaning ??= (async () => {
			await browser?.close().catch(() => undefined);
			await kring?.destroy().catch(() => undefined);
		})());
	const deadline = stopCleanly(cleanUp, 15 * 60_000);

	const loadAtStart = loadavg()[0];
	const began = Date.now();
	try {
		console.log('bench: starting Kring (builds what changed first) …');
		kring = await startKring();
		const pb = await superuserClient(kring.pocketbaseUrl, kring.dataDir);
		console.log(`bench: storing ${MAPS} maps × ${WEEKS} weekly versions (${PEOPLE}+ people each) …`);
		const team = await createBenchTeam(pb);
		const dbBytes = (await stat(join(kring.dataDir, 'pb_data', 'data.db')).catch(() => ({ size: 0 }))).size;
		console.log(
			`bench: stored ${team.versions} versions in ${seconds(team.insertMs)} (of which ${seconds(team.generateMs)} making them); data.db ${(dbBytes / 2 ** 20).toFixed(0)} MiB`
		);

		const api = await measureApi(kring, team, team.reviewerEmail);
		if (api.maps !== MAPS) throw new Error(`the route returned ${api.maps} maps, not ${MAPS}`);
		console.log(`bench: route: median ${ms(median(api.samples))}, p95 ${ms(quantile(api.samples, 0.95))}`);
		const own = await measureApi(kring, team, team.professionalEmail);
		if (own.maps !== Math.ceil(MAPS / PROFESSIONALS)) throw new Error(`the route gave a professional ${own.maps} maps`);

		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
			handleSIGINT: false,
			handleSIGTERM: false
		});
		const page = await loggedInPage(browser, kring, team.reviewerEmail);
		await measurePage(page, team); // warm-up: the page's scripts into the HTTP cache
		const runs: PageRun[] = [];
		for (let i = 0; i < PAGE_RUNS; i++) {
			const run = await measurePage(page, team);
			if (run.cards !== MAPS) throw new Error(`the page showed ${run.cards} maps, not ${MAPS}`);
			runs.push(run);
			console.log(`bench: page run ${i + 1}/${PAGE_RUNS}: html ${ms(run.html)}, ready ${ms(run.ready)}, sort ${ms(run.sort)}`);
		}

		const figures = [
			{
				key: 'route',
				label: 'route, reviewer',
				xs: api.samples,
				spans: `fetch sent → body read and JSON parsed, from Node on the same machine, as the team's reviewer: ${MAPS} maps, the metrics of 8 versions each`
			},
			{
				key: 'routeProfessional',
				label: 'route, professional',
				xs: own.samples,
				spans: `the same as a professional of the team, who is on ${own.maps} of the maps`
			},
			{
				key: 'html',
				label: 'page HTML',
				xs: runs.map((r) => r.html),
				spans: `navigation start → last byte of /team's HTML: the SvelteKit load (session check, teams, the route) and the server rendering all ${MAPS} cards`
			},
			{
				key: 'fcp',
				label: 'page first paint',
				xs: runs.map((r) => r.fcp),
				spans: 'navigation start → first contentful paint (the cards are in the HTML)'
			},
			{ key: 'load', label: 'page load event', xs: runs.map((r) => r.load), spans: 'navigation start → load event end' },
			{
				key: 'ready',
				label: 'page ready',
				xs: runs.map((r) => r.ready),
				spans: 'navigation start → the page runs in the browser (hydrated: sorting and filters answer)'
			},
			{
				key: 'sort',
				label: 'sort by next evaluation',
				xs: runs.map((r) => r.sort),
				spans: `'Volgende evaluatie' chosen → first animation frame with the ${MAPS} cards in the new order`
			}
		].map((f) => ({ ...f, median: median(f.xs), p95: quantile(f.xs, 0.95), min: Math.min(...f.xs), max: Math.max(...f.xs) }));

		const rows = figures.map((f) => [f.label, ms(f.median), ms(f.p95), ms(f.min), ms(f.max), String(f.xs.length)]);
		const head = ['figure', 'median', 'p95', 'min', 'max', 'runs'];
		const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => r[c].length)));
		const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
		const machine = {
			cpu: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			os: `${platform()} ${release()}`,
			node: process.version,
			chromium: browser.version(),
			loadAverage1m: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) }
		};
		const out = [
			'',
			`Kring team dashboard: ${MAPS} maps × ${WEEKS} weekly versions (${PEOPLE} people at the start, one more every 8 weeks)`,
			'',
			line(head),
			line(widths.map((w) => '-'.repeat(w))),
			...rows.map(line),
			'',
			`route response (reviewer): ${kib(api.rawBytes)} JSON (${kib(api.gzipBytes)} if gzipped); page HTML ${kib(runs.at(-1)!.htmlBytes)}`,
			`data: ${team.versions} versions stored in ${seconds(team.insertMs)} through the batch API; data.db ${(dbBytes / 2 ** 20).toFixed(0)} MiB`,
			`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}; ` +
				`load average (1 min) ${machine.loadAverage1m.start} at start, ${machine.loadAverage1m.end} at end`,
			`revision: ${gitRevision()}; whole run ${seconds(Date.now() - began)}`,
			`reproduce: ${command}`,
			'',
			'What each figure spans:',
			...figures.map((f) => `  ${f.label}: ${f.spans}`)
		];
		console.log(out.join('\n'));

		const resultsFile = join(here, 'results', 'dashboard.json');
		await mkdir(dirname(resultsFile), { recursive: true });
		await writeFile(
			resultsFile,
			JSON.stringify(
				{
					date: new Date().toISOString(),
					command,
					revision: gitRevision(),
					machine,
					data: { maps: MAPS, weeks: WEEKS, people: PEOPLE, versions: team.versions, insertMs: team.insertMs, dbBytes },
					route: { rawBytes: api.rawBytes, gzipBytes: api.gzipBytes, professionalMaps: own.maps },
					figures: Object.fromEntries(
						figures.map(({ key, label, spans, xs, median, p95, min, max }) => [
							key,
							{ label, unit: 'ms', median, p95, min, max, samples: xs, spans }
						])
					)
				},
				null,
				'\t'
			)
		);
		console.log(`\nbench: wrote ${join('bench', 'results', 'dashboard.json')}`);
	} finally {
		clearTimeout(deadline);
		await cleanUp();
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
