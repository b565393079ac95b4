/**
 * Where the map page's first render spends its time: a CPU profile of Chromium's renderer from
 * the navigation to the first frame with all 200 people on the canvas, read back against the
 * build's source maps (build with `npx vite build --sourcemap` for names; without, chunk names).
 *
 *   npx tsx bench/profile-map-page.ts [--runs 3] [--sam] [--add]
 *
 * `--add` profiles adding a person through the form instead, from the click on 'Toevoegen' to
 * the node on the page's own canvas (bench/map-page.ts's 'local add'). `--remote` profiles the
 * partner's side of it: a second page B adds, and A is profiled from B's click to the node on A's
 * canvas ('remote add'), with when A's socket received the change.
 *
 * Prints, per run, the profile's busiest functions (self and inclusive time) and scripts, and a
 * timeline (script loads, websocket, first render) with the page's timeOrigin; at the end, the
 * sync server's own log of each connection on the wall clock. Writes bench/results/map-page.cpuprofile.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { startKring, type KringSystem } from '../tests/helpers/system.ts';
import { buildBigMap, createMap, findOwner, superuserClient, PEOPLE } from './big-map.ts';
import { clickNow, firstRenderProbe, KEEP_NAMES_SHIM, watchForPerson, type ProbeState } from './probes.ts';
import { logIn } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const EMAIL = 'hulpverlener@demo.local';
const PASSWORD = 'jim-demo-1234';
const TEAM = 'Team Noord';

const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '3' },
		sam: { type: 'boolean', default: false },
		'no-cpu': { type: 'boolean', default: false },
		/** Profile adding a person through the form instead (click → the node on the own canvas). */
		add: { type: 'boolean', default: false },
		/** Profile a partner's add instead: B adds through the form, A is profiled until the node is on A's canvas. */
		remote: { type: 'boolean', default: false }
	}
});

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
	columnNumber: number;
}
interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	parent?: number;
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

const maps = new Map<string, TraceMap | null>();
async function mapFor(url: string): Promise<TraceMap | null> {
	if (!maps.has(url)) {
		let map: TraceMap | null = null;
		try {
			const path = new URL(url).pathname;
			const file = join(root, 'build/client', path + '.map');
			if (path.startsWith('/_app/') && existsSync(file)) map = new TraceMap(await readFile(file, 'utf8'));
		} catch {
			map = null;
		}
		maps.set(url, map);
	}
	return maps.get(url)!;
}

async function nameOf(frame: CallFrame): Promise<string> {
	const shortUrl = frame.url ? new URL(frame.url, 'http://x').pathname.replace(/^\/_app\/immutable\//, '') : '';
	const map = frame.url ? await mapFor(frame.url) : null;
	if (map && frame.lineNumber >= 0) {
		const pos = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
		if (pos.source) {
			const src = pos.source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
			return `${pos.name ?? frame.functionName ?? '(anon)'} ${src}:${pos.line}`;
		}
	}
	return `${frame.functionName || '(anonymous)'} ${shortUrl}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

function sourceOf(name: string): string {
	const m = / (\S+):\d+$/.exec(name);
	if (!m) return name;
	const src = m[1];
	if (src.includes('cytoscape')) return 'cytoscape';
	if (
		src.includes('yjs') ||
		src.includes('lib0') ||
		src.includes('y-protocols') ||
		src.includes('y-indexeddb') ||
		src.includes('y-websocket')
	)
		return 'yjs & co';
	if (src.includes('svelte/src') || src.startsWith('svelte/')) return 'svelte runtime';
	if (src.includes('@sveltejs/kit')) return 'sveltekit';
	return src.replace(/^src\//, '');
}

async function analyse(profile: Profile, label: string, tail = 0) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n.id;
	const names = new Map<number, string>();
	for (const n of profile.nodes) names.set(n.id, await nameOf(n.callFrame));
	const self = new Map<string, number>();
	const incl = new Map<string, number>();
	const bySource = new Map<string, number>();
	const firstSeen = new Map<string, number>();
	const focus = (process.env.FOCUS ?? '').split(',').filter(Boolean);
	const within = new Map<string, Map<string, number>>(focus.map((f) => [f, new Map()]));
	let t = 0;
	// The window from the sync state's arrival (the first sample in readSyncStep2) to the first render.
	let t0 = -1;
	const afterState = new Map<string, number>();
	for (let i = 0; i < profile.samples.length; i++) {
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		t += profile.timeDeltas[i] / 1000;
		const leaf = profile.samples[i];
		if (t0 < 0 && tail > 0) {
			for (let id: number | undefined = leaf; id !== undefined; id = byId.get(id)!.parent)
				if (names.get(id)!.startsWith('readSyncStep2 ')) t0 = t;
		}
		if (t0 >= 0 && t <= t0 + tail) {
			const seenHere = new Set<string>();
			for (let id: number | undefined = leaf; id !== undefined; id = byId.get(id)!.parent) {
				const n = names.get(id)!;
				if (seenHere.has(n)) continue;
				seenHere.add(n);
				afterState.set(n, (afterState.get(n) ?? 0) + dt);
			}
		}
		const leafName = names.get(leaf)!;
		self.set(leafName, (self.get(leafName) ?? 0) + dt);
		const src = sourceOf(leafName);
		bySource.set(src, (bySource.get(src) ?? 0) + dt);
		const seen = new Set<string>();
		const stack: string[] = [];
		for (let id: number | undefined = leaf; id !== undefined; id = byId.get(id)!.parent) stack.push(names.get(id)!);
		for (const f of focus) {
			const at = stack.findIndex((n) => n.startsWith(f + ' '));
			if (at < 0) continue;
			const m = within.get(f)!;
			for (const n of new Set(stack.slice(0, at + 1))) m.set(n, (m.get(n) ?? 0) + dt);
		}
		for (let id: number | undefined = leaf; id !== undefined; id = byId.get(id)!.parent) {
			const name = names.get(id)!;
			if (seen.has(name)) continue;
			seen.add(name);
			incl.set(name, (incl.get(name) ?? 0) + dt);
			if (!firstSeen.has(name)) firstSeen.set(name, t);
		}
	}
	// A timeline in 25 ms steps: what the main thread did (the outermost known frame of each sample).
	const KNOWN = [
		'_hydrate',
		'mountCircle',
		'readSyncStep2',
		'drawScene',
		'ME.render',
		'PeopleList',
		'update_effect',
		'flush',
		'(program)',
		'(garbage collector)',
		'(idle)'
	];
	const buckets = new Map<number, Map<string, number>>();
	let tb = 0;
	for (let i = 0; i < profile.samples.length; i++) {
		tb += profile.timeDeltas[i] / 1000;
		const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
		const stack: string[] = [];
		for (let id: number | undefined = profile.samples[i]; id !== undefined; id = byId.get(id)!.parent) stack.unshift(names.get(id)!);
		const label =
			KNOWN.map((k) => stack.find((n) => n === k || n.startsWith(k + ' ')))
				.find(Boolean)
				?.split(' ')[0] ??
			stack[1]?.split(' ').slice(0, 2).join(' ') ??
			'?';
		const b = Math.floor(tb / 25) * 25;
		if (!buckets.has(b)) buckets.set(b, new Map());
		const m = buckets.get(b)!;
		m.set(label, (m.get(label) ?? 0) + dt);
	}
	if (process.env.TIMELINE)
		console.log(
			'timeline (profile ms):\n' +
				[...buckets.entries()]
					.map(
						([b, m]) =>
							`  ${String(b).padStart(5)}  ` +
							[...m.entries()]
								.sort((x, y) => y[1] - x[1])
								.slice(0, 4)
								.map(([k, v]) => `${k} ${v.toFixed(0)}`)
								.join(', ')
					)
					.join('\n')
		);
	const top = (m: Map<string, number>, n: number) =>
		[...m.entries()]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}${firstSeen.has(k) ? `  (from ${firstSeen.get(k)!.toFixed(0)} ms)` : ''}`)
			.join('\n');
	console.log(`\n=== ${label}: profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms ===`);
	console.log('self time by source:\n' + top(bySource, 15));
	console.log('self time:\n' + top(self, 30));
	console.log('inclusive time:\n' + top(incl, 60));
	if (tail > 0) console.log(`from the state's arrival to the first render (${tail.toFixed(0)} ms), inclusive:\n` + top(afterState, 70));
	for (const [f, m] of within) console.log(`within ${f}:\n` + top(m, 40));
}

async function loggedIn(browser: Browser, baseURL: string, viewport: { width: number; height: number }, expected: number) {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL', viewport });
	await context.addInitScript({ content: KEEP_NAMES_SHIM });
	await context.addInitScript(firstRenderProbe, expected);
	await context.addInitScript(() => {
		const w = window as Window & { __marks?: [string, number][]; __socketIn?: number[] };
		w.__marks = [];
		const Native = window.WebSocket;
		window.WebSocket = class extends Native {
			constructor(url: string | URL, protocols?: string | string[]) {
				super(url, protocols);
				w.__marks!.push(['ws new', performance.now()]);
				this.addEventListener('open', () => w.__marks!.push(['ws open', performance.now()]), { once: true });
				let n = 0;
				// Before the provider's own handler (added later): when the message came, not when it was handled.
				this.addEventListener('message', (e) => {
					w.__socketIn?.push(performance.timeOrigin + performance.now());
					if (n++ < 4) w.__marks!.push([`ws message ${n} (${(e.data as ArrayBuffer).byteLength ?? '?'} B)`, performance.now()]);
				});
			}
		} as typeof WebSocket;
	});
	const page = await context.newPage();
	await logIn(page, EMAIL, PASSWORD);
	return { context, page };
}

async function profileOnce(context: BrowserContext, mapId: string, label: string, write: boolean) {
	const page = context.pages()[0];
	const cdp = await context.newCDPSession(page);
	// The websocket as DevTools' Network domain reports it (when the renderer sent the handshake, got its
	// answer, and the state's frame), against the document's request.
	await cdp.send('Network.enable');
	const net: [string, number][] = [];
	let navAt = 0;
	cdp.on('Network.requestWillBeSent', (e) => {
		if (e.type === 'Document' && navAt === 0) navAt = e.timestamp;
	});
	cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => net.push(['ws handshake sent (devtools)', e.timestamp]));
	cdp.on('Network.webSocketHandshakeResponseReceived', (e) => net.push(['ws handshake answered (devtools)', e.timestamp]));
	cdp.on('Network.webSocketFrameReceived', (e) => {
		if (e.response.payloadData.length > 100_000) net.push(['ws state frame received (devtools)', e.timestamp]);
	});
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
	if (!args['no-cpu']) await cdp.send('Profiler.start');
	await page.goto(`/kaarten/${mapId}`, { waitUntil: 'commit' });
	const handle = await page.waitForFunction(() => (window as Window & { __bench?: ProbeState }).__bench?.firstRender, undefined, {
		polling: 'raf',
		timeout: 30_000
	});
	const first = (await handle.jsonValue()) as NonNullable<ProbeState['firstRender']>;
	const profile = args['no-cpu'] ? null : ((await cdp.send('Profiler.stop')) as { profile: Profile }).profile;
	const timeline = await page.evaluate(() => {
		const marks = ((window as Window & { __marks?: [string, number][] }).__marks ?? []).map(([k, v]) => `${v.toFixed(0)} ms ${k}`);
		const res = performance
			.getEntriesByType('resource')
			.filter((e) => /\.js$/.test(e.name) || e.name.includes('__data'))
			.map(
				(e) =>
					`${e.startTime.toFixed(0)}–${(e as PerformanceResourceTiming).responseEnd.toFixed(0)} ms ${new URL(e.name).pathname.slice(-40)}`
			);
		const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
		return [
			`${nav.requestStart.toFixed(0)} ms html request (timeOrigin ${new Date(performance.timeOrigin).toISOString()})`,
			`${nav.responseStart.toFixed(0)} ms html first byte, ${nav.responseEnd.toFixed(0)} ms html end, ${nav.domContentLoadedEventEnd.toFixed(0)} ms DCL`,
			...res,
			...marks
		];
	});
	// Network timestamps are seconds on the browser's clock: placed against the document request's start.
	const requestStart = Number(timeline[0].split(' ')[0]);
	for (const [what, at] of net) timeline.push(`${((at - navAt) * 1000 + requestStart).toFixed(0)} ms ${what}`);
	console.log(
		`\n${label}: first render at ${first.at.toFixed(0)} ms\n  ` + timeline.sort((a, b) => parseFloat(a) - parseFloat(b)).join('\n  ')
	);
	const stateAt = Number((timeline.find((l) => /ws message \d+ \(1\d{5} B\)/.test(l)) ?? '0').split(' ')[0]);
	if (profile) await analyse(profile, label, stateAt > 0 ? first.at - stateAt : 0);
	if (write && profile) {
		await mkdir(join(here, 'results'), { recursive: true });
		await writeFile(join(here, 'results', 'map-page.cpuprofile'), JSON.stringify(profile));
	}
	await cdp.detach();
}

/**
 * The map is open: `adder` adds a person through its form, and `profiled` is profiled from the
 * click to the node on its canvas. The same page for a local add; for a partner's (remote) add,
 * it also says when the profiled page's socket received the change (the page's clock).
 */
async function profileAdd(profiled: Page, adder: Page, label: string) {
	// Short: a longer name is wrapped on the canvas, and the probe looks for it in one line.
	const name = `Nieuw ${label.replace(/\D/g, '')}`;
	await profiled.evaluate(watchForPerson, name);
	await profiled.evaluate(() => ((window as Window & { __socketIn?: number[] }).__socketIn = []));
	await adder.getByLabel('Naam of bijnaam').fill(name);
	const button = await adder.getByRole('button', { name: 'Toevoegen', exact: true }).elementHandle();
	if (!button) throw new Error("no 'Toevoegen' button");
	const cdp = await profiled.context().newCDPSession(profiled);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
	await cdp.send('Profiler.start');
	const clickedAt = await adder.evaluate(clickNow, button);
	const handle = await profiled.waitForFunction(() => (window as Window & { __bench?: ProbeState }).__bench?.addedOnCanvas, undefined, {
		polling: 'raf',
		timeout: 30_000
	});
	const added = (await handle.jsonValue()) as number;
	const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
	if (profiled === adder) console.log(`\n${label}: click → node on the own canvas ${(added - clickedAt).toFixed(0)} ms`);
	else {
		const received = await profiled.evaluate(() => (window as Window & { __socketIn?: number[] }).__socketIn ?? []);
		const first = received.find((t) => t >= clickedAt);
		console.log(
			`\n${label}: the partner's click → this page's socket received ${first === undefined ? '?' : (first - clickedAt).toFixed(1)} ms → node on its canvas ${(added - clickedAt).toFixed(1)} ms`
		);
	}
	await analyse(profile, label);
	await cdp.detach();
}

async function main() {
	let kring: KringSystem | null = null;
	let browser: Browser | null = null;
	try {
		kring = await startKring();
		const pb = await superuserClient(kring.pocketbaseUrl, kring.dataDir);
		const owner = await findOwner(pb, TEAM, EMAIL);
		const map = buildBigMap();
		browser = await chromium.launch({
			executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
		});
		for (let i = 0; i < Number(args.runs); i++) {
			if (args.sam) {
				const sam = await pb.collection('maps').getFirstListItem(`youth_name = "Sam"`);
				const { context } = await loggedIn(browser, kring.baseUrl, { width: 360, height: 740 }, 1);
				await profileOnce(context, sam.id, `Sam run ${i + 1}`, false);
				await context.close();
				continue;
			}
			const mapId = await createMap(pb, owner, map.state, `Profile ${i}`);
			const { context } = await loggedIn(browser, kring.baseUrl, { width: 1280, height: 800 }, PEOPLE);
			await profileOnce(context, mapId, `run ${i + 1}`, i === Number(args.runs) - 1 && !args.add && !args.remote);
			if (args.add) await profileAdd(context.pages()[0], context.pages()[0], `add ${i + 1}`);
			if (args.remote) {
				const partner = await loggedIn(browser, kring.baseUrl, { width: 1280, height: 800 }, PEOPLE);
				await partner.context.pages()[0].goto(`/kaarten/${mapId}`);
				await partner.context
					.pages()[0]
					.waitForFunction(() => (window as Window & { __bench?: ProbeState }).__bench?.firstRender, undefined, {
						timeout: 30_000
					});
				await profileAdd(context.pages()[0], partner.context.pages()[0], `remote add ${i + 1}`);
				await partner.context.close();
			}
			await context.close();
		}
		// The server's side of each websocket, on the wall clock (the runs print their pages' timeOrigin):
		// 'connection opened' is logged as the handshake's answer is written.
		console.log(
			'\nthe sync server, as it logged:\n' +
				kring
					.output()
					.split('\n')
					.filter((l) => /"msg":"(connection opened|room loaded)"/.test(l))
					.join('\n')
		);
		console.log(`\nwrote ${relative(process.cwd(), join(here, 'results', 'map-page.cpuprofile'))}`);
	} finally {
		await browser?.close().catch(() => undefined);
		await kring?.destroy().catch(() => undefined);
	}
}

main().then(
	() => process.exit(0),
	(err: unknown) => {
		console.error(err);
		process.exit(1);
	}
);
