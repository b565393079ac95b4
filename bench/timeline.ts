/**
 * The map's history, measured on a map of 200 people with a year of weekly versions (52): the
 * storage per version, comparing two versions, and in Debian's Chromium the time to open the
 * history page with its timeline and the time to step the timeline one version.
 *
 *   npx tsx bench/timeline.ts [--runs 5] [--steps 20]
 *
 * Each week a handful of people move rings, some ties change and now and then someone joins or
 * leaves, as a real map does; the versions are stored as the sync server stores them.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startKring, type KringSystem } from '../tests/helpers/system.ts';
import { addPerson, placePerson, readPeople, removePerson } from '../src/lib/doc/people.ts';
import { setTie } from '../src/lib/doc/ties.ts';
import { project } from '../src/lib/doc/projection.ts';
import { metricsOf } from '../src/lib/doc/metrics.ts';
import { compareMaps } from '../src/lib/doc/compare.ts';
import { CENTRE, RINGS, SECTORS, TIE_QUALITIES, type MapJson } from '../src/lib/doc/schema.ts';
import { SEED_ORIGIN } from '../src/lib/doc/origin.ts';
import { buildBigMap, createMap, findOwner, seededRandom, superuserClient } from './big-map.ts';
import { kib, median, quantile } from './stats.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' }, steps: { type: 'string', default: '20' } } });
const runs = Number(args.runs);
const steps = Number(args.steps);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(steps) || steps < 1 || steps > 51) {
	console.error('usage: npx tsx bench/timeline.ts [--runs N (≥ 1)] [--steps N (1–51)]');
	process.exit(2);
}

const WEEKS = 52;
const DAY = 24 * 60 * 60 * 1000;
const EMAIL = 'hulpverlener@demo.local';
const PASSWORD = 'jim-demo-1234';
const VIEWPORT = { width: 1280, height: 800 };
const TIMEOUT = 60_000;

const p95 = (xs: number[]) => quantile(xs, 0.95);
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;

interface StoredVersion {
	takenAt: string;
	state: string;
	projection: MapJson;
	metrics: ReturnType<typeof metricsOf>;
}

/** A year of weekly versions of the 200-person map, oldest first. */
function aYearOfVersions(): StoredVersion[] {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, buildBigMap().state);
	const random = seededRandom(52);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
	const versions: StoredVersion[] = [];
	for (let week = 0; week < WEEKS; week++) {
		if (week > 0) {
			const people = readPeople(doc);
			for (let i = 0; i < 6; i++) placePerson(doc, pick(people).id, { sector: pick(SECTORS), ring: pick(RINGS) }, SEED_ORIGIN);
			for (let i = 0; i < 4; i++) setTie(doc, CENTRE, pick(people).id, { quality: pick(TIE_QUALITIES) }, SEED_ORIGIN);
			if (week % 3 === 0) addPerson(doc, { name: `Nieuw ${week}`, relation: 'vriend', sector: 'vrienden', ring: 3 }, SEED_ORIGIN);
			if (week % 5 === 0) removePerson(doc, pick(people).id, SEED_ORIGIN);
		}
		const projection = project(doc);
		versions.push({
			takenAt: new Date(Date.now() - (WEEKS - week) * 7 * DAY).toISOString(),
			state: Buffer.from(Y.encodeStateAsUpdateV2(doc)).toString('base64'),
			projection,
			metrics: metricsOf(projection)
		});
	}
	return versions;
}

/** Times `fn` `times` times after two warm-up calls; median and p95 in ms. */
function timeIt(fn: () => unknown, times: number): { median: number; p95: number } {
	fn();
	fn();
	const samples: number[] = [];
	for (let i = 0; i < times; i++) {
		const t0 = performance.now();
		fn();
		samples.push(performance.now() - t0);
	}
	return { median: median(samples), p95: p95(samples) };
}

/**
 * One step of the timeline, timed in the page: from the slider's input event (as an arrow key
 * gives it) to the moment the step's work is done, seen by a MutationObserver on the step text,
 * which runs once Svelte has updated the page and the circle has been given the version's
 * people (their move animation then runs on its own frames). Also until the next frame starts.
 */
function stepOnce(): Promise<{ work: number; nextFrame: number }> {
	const slider = document.querySelector<HTMLInputElement>('input[type=range]')!;
	const current = document.querySelector('[data-testid=timeline-current]')!;
	return new Promise((resolve) => {
		let work = 0;
		const t0 = performance.now();
		const observer = new MutationObserver(() => {
			observer.disconnect();
			work = performance.now() - t0;
			requestAnimationFrame(() => resolve({ work, nextFrame: performance.now() - t0 }));
		});
		observer.observe(current, { subtree: true, characterData: true, childList: true });
		slider.value = String(Number(slider.value) + 1);
		slider.dispatchEvent(new Event('input', { bubbles: true }));
	});
}

async function openHistory(page: Page, mapId: string, people: number): Promise<number> {
	const t0 = Date.now();
	await page.goto(`/kaarten/${mapId}/geschiedenis`);
	await page.waitForFunction(
		(n) => {
			const el = document.querySelector('[data-testid=history-canvas]') as
				(Element & { _cyreg?: { cy: { nodes: (s: string) => { length: number } } } }) | null;
			return !!el?._cyreg && el._cyreg.cy.nodes('.person').length >= n;
		},
		people,
		{ polling: 'raf', timeout: TIMEOUT }
	);
	return Date.now() - t0;
}

let kring: KringSystem | undefined;
let browser: Browser | undefined;
try {
	const load = loadavg()[0];
	const versions = aYearOfVersions();
	const first = versions[0].projection;
	const last = versions.at(-1)!.projection;

	const stateBytes = versions.map((v) => v.state.length);
	const projectionBytes = versions.map((v) => JSON.stringify(v.projection).length);
	const metricsBytes = versions.map((v) => JSON.stringify(v.metrics).length);
	const compareFirstLast = timeIt(() => compareMaps(first, last), 50);
	const compareAdjacent = timeIt(() => compareMaps(versions[25].projection, versions[26].projection), 50);
	const metrics = timeIt(() => metricsOf(last), 50);
	const changes = compareMaps(first, last).length;

	console.log('bench: starting Kring (builds what changed first) …');
	kring = await startKring();
	const pb = await superuserClient(kring.pocketbaseUrl, kring.dataDir);
	const owner = await findOwner(pb, 'Team Noord', EMAIL);
	const finalState = new Y.Doc();
	Y.applyUpdateV2(finalState, Buffer.from(versions.at(-1)!.state, 'base64'));
	const mapId = await createMap(pb, owner, Y.encodeStateAsUpdate(finalState), 'Tijdlijn');
	for (const v of versions) {
		await pb
			.collection('map_versions')
			.create({ map: mapId, kind: 'auto', note: '', taken_at: v.takenAt, state: v.state, projection: v.projection, metrics: v.metrics });
	}

	browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
	});
	const context = await browser.newContext({ baseURL: kring.baseUrl, locale: 'nl-NL', viewport: VIEWPORT });
	// Motion is the user's choice; the step is measured without it so each step starts from rest.
	await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
	const page = await context.newPage();
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(EMAIL);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/kaarten$/);

	const opens: number[] = [];
	const work: number[] = [];
	const nextFrame: number[] = [];
	let pageBytes = 0;
	for (let run = 0; run < runs; run++) {
		const response = page.waitForResponse((r) => r.url().includes('/geschiedenis') && r.request().resourceType() === 'document');
		opens.push(await openHistory(page, mapId, first.people.length - 20));
		pageBytes = (await (await response).body()).length;
		// Back to the first version, then step forward one version at a time.
		await page.locator('input[type=range]').fill('0');
		for (let i = 0; i < steps; i++) {
			const step = await page.evaluate(stepOnce);
			work.push(step.work);
			nextFrame.push(step.nextFrame);
		}
	}

	const row = (label: string, value: string) => console.log(`${label.padEnd(48)} ${value}`);
	console.log(
		`\nThe map's history: ${first.people.length} people at the start, ${WEEKS} weekly versions (machine load at start ${load.toFixed(1)})\n`
	);
	row('storage per version: Yjs state (V2, base64)', `median ${kib(median(stateBytes))}, last ${kib(stateBytes.at(-1)!)}`);
	row('storage per version: projection (JSON)', `median ${kib(median(projectionBytes))}`);
	row('storage per version: metrics (JSON)', `median ${median(metricsBytes)} bytes`);
	row('storage for the year', kib(stateBytes.reduce((a, b) => a + b, 0) + projectionBytes.reduce((a, b) => a + b, 0)));
	row(`compare first ↔ last (${changes} changes)`, `median ${ms(compareFirstLast.median)}, p95 ${ms(compareFirstLast.p95)}`);
	row('compare two weeks in a row', `median ${ms(compareAdjacent.median)}, p95 ${ms(compareAdjacent.p95)}`);
	row('metrics of one version', `median ${ms(metrics.median)}`);
	row(`open the history page (${runs} runs)`, `median ${ms(median(opens))}, max ${ms(Math.max(...opens))} (document ${kib(pageBytes)})`);
	row(`step one version: work (${work.length} steps)`, `median ${ms(median(work))}, p95 ${ms(p95(work))} (goal < 16 ms)`);
	row('step one version: until the next frame starts', `median ${ms(median(nextFrame))}, p95 ${ms(p95(nextFrame))}`);
	console.log(`\nreproduce: npx tsx bench/timeline.ts --runs ${runs} --steps ${steps}`);
	console.log(
		"open: navigation start → the circle holds the first version's people. step work: slider input → the page and the circle updated (MutationObserver), not the paint."
	);
} finally {
	await browser?.close();
	await kring?.destroy();
}
