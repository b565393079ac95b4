/**
 * The map page, measured: a map of 200 people and 300 ties opened in Debian's Chromium against the
 * whole system started as `npm start` starts it.
 *
 *   npx tsx bench/map-page.ts [--runs 5] [--warmup 1]
 *
 * Prints a table (median, min, max) and writes bench/results/map-page.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startKring, type KringSystem } from '../tests/helpers/system.ts';
import { localChanges } from '../tests/helpers/local-copy.ts';
import { ringBand, ringRadius, sectorStart } from '../src/lib/canvas/layout.ts';
import { buildBigMap, createMap, findOwner, superuserClient, PEOPLE, type BigMap, type BenchOwner } from './big-map.ts';
import { kib, logIn, median, stopCleanly } from './stats.ts';
import * as Y from 'yjs';
import { readPeople } from '../src/lib/doc/index.ts';
import { clickNow, firstRenderProbe, KEEP_NAMES_SHIM, planDrag, watchForMove, watchForPerson, type ProbeState } from './probes.ts';
import type PocketBase from 'pocketbase';

const here = dirname(fileURLToPath(import.meta.url));
const EMAIL = 'hulpverlener@demo.local';
const PASSWORD = 'jim-demo-1234';
const TEAM = 'Team Noord';
const VIEWPORT = { width: 1280, height: 800 };
/** A phone held upright, for Sam's map (the demo youth's). */
const PHONE = { width: 360, height: 740 };
const SAM = 'Sam';
/** Every wait is bounded; a figure that does not come within this is a failure, not a number. */
const STEP_TIMEOUT = 30_000;
/** Adds after the first in each run: the first add after opening costs more (code and caches still cold). */
const LATER_ADDS = 4;
/** The drag: a person from the outer ring of Familie into its second ring. */
const DRAG = { sector: 'familie', from: 4, to: 2 } as const;

const { values: args } = parseArgs({
	options: { runs: { type: 'string', default: '5' }, warmup: { type: 'string', default: '1' } }
});
const runs = Number(args.runs);
const warmup = Number(args.warmup);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
	console.error('usage: npx tsx bench/map-page.ts [--runs N (≥ 1)] [--warmup N (≥ 0)]');
	process.exit(2);
}

interface RunFigures {
	firstRenderA: number;
	firstRenderB: number;
	addRemoteCanvas: number;
	addRemoteCanvasLater: number;
	addRemotePage: number;
	addLocalCanvas: number;
	dragLocal: number;
	dragRemote: number;
	firstRenderSam: number;
	firstRenderSamSlow: number;
}

const FIGURES: { key: keyof RunFigures; label: string; spans: string }[] = [
	{
		key: 'firstRenderA',
		label: 'first render',
		spans:
			"A's navigation start (performance.now() = 0) → first animation frame in which A's Cytoscape holds all 200 person nodes; the map is opened for the first time since the server started it (sync room cold: state read from PocketBase); HTTP cache holds only what the login and map list pages loaded; IndexedDB empty"
	},
	{
		key: 'firstRenderB',
		label: 'first render, map already open',
		spans: 'the same in B, opened while A has the map open (sync room warm on the server)'
	},
	{
		key: 'addRemoteCanvas',
		label: 'remote add → canvas',
		spans:
			"B's click on 'Toevoegen' (clock read in the same task) → the new person's node added to A's Cytoscape (cy 'add' event); spans B's form handler and Yjs write, the websocket to the server and on to A, A's Yjs update and canvas binding; not A's paint"
	},
	{
		key: 'addRemoteCanvasLater',
		label: 'remote add → canvas, later adds',
		spans: `the same for B's next ${LATER_ADDS} adds, one after another (their median): what an add costs once the map has been open a moment`
	},
	{
		key: 'addRemotePage',
		label: 'remote add → page text',
		spans: "B's click → the new name first in A's DOM (MutationObserver; the people list)"
	},
	{
		key: 'addLocalCanvas',
		label: 'local add → own canvas',
		spans: "B's click → the node added to B's own Cytoscape (no network)"
	},
	{
		key: 'dragLocal',
		label: 'drag, local',
		spans:
			"A's mouseup (capture listener on window) → A's canvas puts the node at its new slot in the target ring (cy 'position' event after the drop): Cytoscape's drop handling, the document write and the re-layout of 200 nodes; not the paint"
	},
	{
		key: 'dragRemote',
		label: 'drag, remote',
		spans:
			"A's mouseup → B's canvas shows the node in the target ring (cy 'position' event): all of 'drag, local' plus the websocket round via the server and B's update"
	},
	{
		key: 'firstRenderSam',
		label: "first render, Sam's map at 360 px",
		spans:
			"the same as 'first render' for the demo map of Sam (all the people on its circle), opened at the end of each run in a fresh " +
			'context at 360×740 px (the phone layout): HTTP cache from the login only, IndexedDB empty; the sync room is cold the first time ' +
			'and then as the server left it'
	},
	{
		key: 'firstRenderSamSlow',
		label: "Sam's map again, slow network",
		spans:
			"Sam's map opened once more in the same context, its page's requests slowed as Chromium's 'Slow 4G' (" +
			'562.5 ms round trip, 1.4 Mbit/s down): navigation start → the first frame with all its people; the device keeps the map ' +
			"(IndexedDB) and the app (service worker) from the first opening. Chromium slows the page's own requests (the map's " +
			"state, the socket), not the service worker's: the page itself, which the worker fetches, comes at the network's own speed"
	}
];

/** Chromium DevTools' 'Slow 4G' preset: a phone on poor mobile data. Throughputs in bytes per second. */
const SLOW_4G = { offline: false, latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 };

/** The same angle in (-π, π], as Math.atan2 gives it. */
const normaliseAngle = (theta: number) => Math.atan2(Math.sin(theta), Math.cos(theta));

const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

/** Waits for the probe state to satisfy `ready` (polled every animation frame), then returns it. */
async function probe<K extends keyof ProbeState>(page: Page, key: K, what: string): Promise<NonNullable<ProbeState[K]>> {
	const handle = await page
		.waitForFunction((k) => (window as Window & { __bench?: ProbeState }).__bench?.[k], key, {
			polling: 'raf',
			timeout: STEP_TIMEOUT
		})
		.catch((err: Error) => {
			throw new Error(`${what}: not seen within ${STEP_TIMEOUT / 1000} s (${err.message.split('\n')[0]})`);
		});
	return (await handle.jsonValue()) as NonNullable<ProbeState[K]>;
}

/** A context of its own (cookies, HTTP cache, IndexedDB), logged in through the login form. */
async function loggedInContext(browser: Browser, baseURL: string, viewport = VIEWPORT, people = PEOPLE): Promise<BrowserContext> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport });
	context.setDefaultTimeout(STEP_TIMEOUT);
	await context.addInitScript({ content: KEEP_NAMES_SHIM });
	await context.addInitScript(firstRenderProbe, people);
	const page = await context.newPage();
	await logIn(page, EMAIL, PASSWORD);
	return context;
}

async function openMap(context: BrowserContext, mapId: string, what: string, people = PEOPLE) {
	const page = context.pages()[0];
	await page.goto(`/kaarten/${mapId}`, { waitUntil: 'commit' });
	const firstRender = await probe(page, 'firstRender', `${what}: ${people} people on the canvas`);
	await page.getByRole('status').filter({ hasText: 'Verbonden' }).first().waitFor();
	return { page, firstRender };
}

/** Sam's demo map: its id, and how many people its circle shows (the others wait in the tray). */
async function samsMap(pb: PocketBase): Promise<{ mapId: string; people: number }> {
	const map = await pb.collection('maps').getFirstListItem(pb.filter('youth_name = {:name}', { name: SAM }));
	const stored = await pb.collection('map_docs').getFirstListItem(pb.filter('map = {:map}', { map: map.id }));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Buffer.from(String(stored.state), 'base64'));
	const people = readPeople(doc).filter((p) => p.sector !== null && p.ring !== null).length;
	doc.destroy();
	return { mapId: map.id, people };
}

/**
 * Sam's map opened on a phone-sized screen in a fresh context: its first render; then opened once
 * more in that context on a slow network, once the device keeps it.
 */
async function measureSam(
	browser: Browser,
	kring: KringSystem,
	sam: { mapId: string; people: number }
): Promise<{ first: number; againSlow: number }> {
	const context = await loggedInContext(browser, kring.baseUrl, PHONE, sam.people);
	try {
		const { page, firstRender } = await openMap(context, sam.mapId, `Sam (${PHONE.width} px)`, sam.people);
		// Opened again only once the device keeps the map (y-indexeddb writes each change as it comes).
		const deadline = Date.now() + STEP_TIMEOUT;
		while ((await page.evaluate(localChanges, `kring-map-${sam.mapId}`)) === 0)
			if (Date.now() > deadline) throw new Error(`Sam: the map not kept on the device within ${STEP_TIMEOUT / 1000} s`);
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
		await page.goto(`/kaarten/${sam.mapId}`, { waitUntil: 'commit' });
		const again = await probe(page, 'firstRender', `Sam again on a slow network: ${sam.people} people on the canvas`);
		return { first: firstRender.at, againSlow: again.at };
	} finally {
		await context.close();
	}
}

/** One run: a fresh copy of the map, two fresh logged-in contexts, the four measurements. */
async function measureRun(
	browser: Browser,
	kring: KringSystem,
	pb: PocketBase,
	owner: BenchOwner,
	map: BigMap,
	run: number,
	sam: { mapId: string; people: number }
) {
	const mapId = await createMap(pb, owner, map.state, `Bench ${run}`);
	const [contextA, contextB] = await Promise.all([loggedInContext(browser, kring.baseUrl), loggedInContext(browser, kring.baseUrl)]);
	try {
		const a = await openMap(contextA, mapId, 'A');
		const b = await openMap(contextB, mapId, 'B');
		const layout = { people: a.firstRender.people, ties: a.firstRender.ties, canvas: a.firstRender.canvas };
		console.log(`bench: run ${run}: first render ${ms(a.firstRender.at)} (A), ${ms(b.firstRender.at)} (B)`);

		// A remote change: B adds a person through the form, A sees it.
		const add = async (name: string) => {
			await a.page.evaluate(watchForPerson, name);
			await b.page.evaluate(watchForPerson, name);
			await b.page.getByLabel('Naam of bijnaam').fill(name);
			const button = await b.page.getByRole('button', { name: 'Toevoegen', exact: true }).elementHandle();
			if (!button) throw new Error("B: no 'Toevoegen' button");
			const clickedAt = await b.page.evaluate(clickNow, button);
			return {
				remoteCanvas: (await probe(a.page, 'addedOnCanvas', `A: '${name}' on the canvas`)) - clickedAt,
				remotePage: (await probe(a.page, 'addedInPage', `A: '${name}' in the page`)) - clickedAt,
				localCanvas: (await probe(b.page, 'addedOnCanvas', `B: '${name}' on its own canvas`)) - clickedAt
			};
		};
		const first = await add(`Nieuw ${run}`);
		const later: number[] = [];
		for (let i = 1; i <= LATER_ADDS; i++) later.push((await add(`Nieuw ${run}.${i}`)).remoteCanvas);
		const { remoteCanvas: addRemoteCanvas, remotePage: addRemotePage, localCanvas: addLocalCanvas } = first;

		// A drag: A moves one person two rings inwards, B sees it.
		const candidates = map.people.filter((p) => p.sector === DRAG.sector && p.ring === DRAG.from).map((p) => p.id);
		const plan = await a.page.evaluate(planDrag, {
			candidates,
			targetRadius: ringRadius(DRAG.to),
			sectorMiddle: normaliseAngle(sectorStart(DRAG.sector) + Math.PI / 4)
		});
		const [inner, outer] = ringBand(DRAG.to);
		const band = { nodeId: plan.nodeId, inner, outer };
		await a.page.evaluate(watchForMove, { ...band, afterMouseUp: true });
		await b.page.evaluate(watchForMove, { ...band, afterMouseUp: false });
		await a.page.mouse.move(plan.start.x, plan.start.y);
		await a.page.mouse.down();
		await a.page.mouse.move(plan.end.x, plan.end.y, { steps: 10 });
		await a.page.mouse.up();
		const mouseUp = await probe(a.page, 'mouseUp', 'A: mouseup');
		const dragLocal = (await probe(a.page, 'moved', `A: ${plan.nodeId} placed in ring ${DRAG.to}`)) - mouseUp;
		const dragRemote = (await probe(b.page, 'moved', `B: ${plan.nodeId} shown in ring ${DRAG.to}`)) - mouseUp;

		const samFigures = await measureSam(browser, kring, sam);
		const figures: RunFigures = {
			firstRenderA: a.firstRender.at,
			firstRenderB: b.firstRender.at,
			addRemoteCanvas,
			addRemoteCanvasLater: median(later),
			addRemotePage,
			addLocalCanvas,
			dragLocal,
			dragRemote,
			firstRenderSam: samFigures.first,
			firstRenderSamSlow: samFigures.againSlow
		};
		return { figures, layout, drag: { nodePx: plan.nodePx, zoom: plan.zoom } };
	} finally {
		await Promise.all([contextA.close(), contextB.close()]);
	}
}

interface ScriptFile {
	url: string;
	raw: number;
	gzip: number;
	/** The body's bytes on the wire, in the server's own encoding. */
	transferred: number;
	servedAs: string;
}

/**
 * Every JavaScript file the map page loads, opened directly in a context with an empty cache
 * (cookies only, from a login), gzipped at level 9 here whatever the server sends.
 */
async function measureScripts(browser: Browser, kring: KringSystem, mapId: string): Promise<ScriptFile[]> {
	const login = await loggedInContext(browser, kring.baseUrl);
	const storageState = await login.storageState();
	await login.close();
	const context = await browser.newContext({ baseURL: kring.baseUrl, locale: 'nl-NL', viewport: VIEWPORT, storageState });
	context.setDefaultTimeout(STEP_TIMEOUT);
	try {
		await context.addInitScript({ content: KEEP_NAMES_SHIM });
		await context.addInitScript(firstRenderProbe, PEOPLE);
		const page = await context.newPage();
		const files = new Map<string, Promise<ScriptFile | null>>();
		page.on('response', (response) => {
			const url = response.url();
			const isScript = response.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(url).pathname);
			if (!isScript || files.has(url) || !response.ok()) return;
			files.set(
				url,
				Promise.all([response.body(), response.request().sizes()])
					.then(([body, sizes]) => ({
						url,
						raw: body.length,
						gzip: gzipSync(body, { level: 9 }).length,
						transferred: sizes.responseBodySize,
						servedAs: response.headers()['content-encoding'] ?? 'identity'
					}))
					.catch(() => null)
			);
		});
		await page.goto(`/kaarten/${mapId}`);
		await probe(page, 'firstRender', 'script measurement: 200 people on the canvas');
		// Chunks loaded lazily right after the first render count too.
		await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
		const all = await Promise.all(files.values());
		return all.filter((f): f is ScriptFile => f !== null).sort((x, y) => y.gzip - x.gzip);
	} finally {
		await context.close();
	}
}

function gitRevision(): string {
	try {
		const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: here, encoding: 'utf8' }).trim();
		return dirty ? `${rev} (with uncommitted changes)` : rev;
	} catch {
		return 'unknown';
	}
}

/** Ends the child processes this script started (Kring's launcher, Chromium), by their ids. */
function killChildren(): void {
	try {
		const pids = execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)], { encoding: 'utf8' })
			.split('\n')
			.map((s) => Number(s.trim()))
			.filter((pid) => pid > 0);
		for (const pid of pids) {
			try {
				process.kill(pid, 'SIGINT');
			} catch {
				// already gone
			}
		}
	} catch {
		// ps found no children
	}
}

async function main() {
	const command = `npx tsx bench/map-page.ts --runs ${runs} --warmup ${warmup}`;
	let kring: KringSystem | null = null;
	let browser: Browser | null = null;
	let cleaning: Promise<void> | null = null;
	const cleanUp = () =>
		(cleaning ??= (async () => {
			await browser?.close().catch(() => undefined);
			await kring?.destroy().catch(() => undefined);
		})());

	// A hard ceiling for the whole run, on top of every bounded step (the first build of PocketBase
	// from Go can take minutes).
	const deadline = stopCleanly(cleanUp, 15 * 60_000 + (runs + warmup) * 90_000, killChildren);

	// Two cores shared by Chromium, the app and PocketBase: a busy machine shows in every figure.
	const loadAtStart = loadavg()[0];
	try {
		console.log('bench: starting Kring (builds what changed first) …');
		kring = await startKring();
		const pb = await superuserClient(kring.pocketbaseUrl, kring.dataDir);
		const owner = await findOwner(pb, TEAM, EMAIL);
		const map = buildBigMap();
		console.log(`bench: map of ${map.people.length} people and ${map.ties} ties (${kib(map.state.length)} of Yjs state)`);
		const sam = await samsMap(pb);
		console.log(`bench: Sam's map shows ${sam.people} people on its circle`);

		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
			// Playwright's own handlers exit the process at once, leaving Kring running: ours close both.
			handleSIGINT: false,
			handleSIGTERM: false
		});

		const samples: RunFigures[] = [];
		let layout: { people: number; ties: number; canvas: { width: number; height: number } } | null = null;
		let drag: { nodePx: number; zoom: number } | null = null;
		for (let i = 0; i < warmup + runs; i++) {
			const isWarmup = i < warmup;
			const result = await measureRun(browser, kring, pb, owner, map, i + 1, sam);
			layout = result.layout;
			drag = result.drag;
			if (!isWarmup) samples.push(result.figures);
			const f = result.figures;
			console.log(
				`bench: ${isWarmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: first render ${ms(f.firstRenderA)}, ` +
					`remote add ${ms(f.addRemoteCanvas)} (later ${ms(f.addRemoteCanvasLater)}), drag local ${ms(f.dragLocal)}, remote ${ms(f.dragRemote)}, Sam ${ms(f.firstRenderSam)}, again on a slow network ${ms(f.firstRenderSamSlow)}`
			);
		}

		const lastMap = await createMap(pb, owner, map.state, 'Bench scripts');
		const scripts = await measureScripts(browser, kring, lastMap);
		const gzipTotal = scripts.reduce((s, f) => s + f.gzip, 0);
		const rawTotal = scripts.reduce((s, f) => s + f.raw, 0);
		const transferredTotal = scripts.reduce((s, f) => s + f.transferred, 0);
		const encodings = [...new Set(scripts.map((f) => f.servedAs))].join(', ');
		const chromiumVersion = browser.version();

		const metrics = Object.fromEntries(
			FIGURES.map(({ key, label, spans }) => {
				const xs = samples.map((s) => s[key]);
				return [key, { label, unit: 'ms', median: median(xs), min: Math.min(...xs), max: Math.max(...xs), samples: xs, spans }];
			})
		);
		const machine = {
			cpu: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			os: `${platform()} ${release()}`,
			node: process.version,
			chromium: chromiumVersion,
			loadAverage1m: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) }
		};
		const shortUrl = (url: string) => new URL(url).pathname;

		const rows = FIGURES.map(({ key, label }) => [label, ms(metrics[key].median), ms(metrics[key].min), ms(metrics[key].max)]);
		const widths = [0, 1, 2, 3].map((c) => Math.max(...[['figure', 'median', 'min', 'max'], ...rows].map((r) => r[c].length)));
		const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
		const out = [
			'',
			`Kring map page: ${map.people.length} people, ${map.ties} ties; ${runs} runs after ${warmup} warm-up`,
			'',
			line(['figure', 'median', 'min', 'max']),
			line(widths.map((w) => '-'.repeat(w))),
			...rows.map(line),
			'',
			`map page JavaScript: ${kib(gzipTotal)} gzipped (level 9), ${kib(rawTotal)} raw, ${scripts.length} files ` +
				`(as served: ${kib(transferredTotal)}, ${encodings}); largest gzipped:`,
			...scripts.slice(0, 3).map((f) => `  ${kib(f.gzip).padStart(10)}  ${shortUrl(f.url)}`),
			'',
			`canvas at first render: ${layout!.people} people, ${layout!.ties} ties drawn, ${layout!.canvas.width}×${layout!.canvas.height} px; ` +
				`dragged node ${drag!.nodePx.toFixed(0)} px wide at zoom ${drag!.zoom.toFixed(2)}`,
			`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}; ` +
				`load average (1 min) ${machine.loadAverage1m.start} at start, ${machine.loadAverage1m.end} at end`,
			`revision: ${gitRevision()}`,
			`reproduce: ${command}`,
			'',
			'What each figure spans:',
			...FIGURES.map(({ label, spans }) => `  ${label}: ${spans}`)
		];
		console.log(out.join('\n'));

		const resultsFile = join(here, 'results', 'map-page.json');
		await mkdir(dirname(resultsFile), { recursive: true });
		const json = {
			date: new Date().toISOString(),
			command,
			revision: gitRevision(),
			machine,
			map: { people: map.people.length, ties: map.ties, stateBytes: map.state.length },
			runs,
			warmup,
			viewport: VIEWPORT,
			canvasAtFirstRender: layout,
			drag: { ...DRAG, ...drag },
			metrics,
			javascript: {
				gzipLevel: 9,
				gzipTotal,
				rawTotal,
				transferredTotal,
				files: scripts.map((f) => ({ path: shortUrl(f.url), raw: f.raw, gzip: f.gzip, transferred: f.transferred, servedAs: f.servedAs }))
			}
		};
		await writeFile(resultsFile, JSON.stringify(json, null, 2) + '\n');
		console.log(`\nbench: wrote ${relative(process.cwd(), resultsFile)}`);
	} finally {
		clearTimeout(deadline);
		await cleanUp();
	}
}

main().then(
	() => process.exit(0),
	(err: unknown) => {
		console.error(`bench: failed: ${err instanceof Error ? (err.stack ?? err.message) : err}`);
		process.exit(1);
	}
);
