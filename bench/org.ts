/**
 * Kring at the size of an organisation (issue 15): seeds (and caches) an organisation of 40
 * teams, 500 professionals, 40 reviewers and 5,000 youths with a map each, and measures lists,
 * pages, the sync upgrade, many open maps, a restart, idle cost and memory at 1,000, 5,000 and
 * 20,000 maps (20,000: four times the organisation, more teams in the same proportions).
 *
 *   npm run bench:org -- [--maps 1000,5000,20000] [--only lists,page,upgrade,create,dashboard,tips,accesslog,load,restart,idle,memory]
 *                        [--runs 30] [--load-maps 2000] [--idle-seconds 30] [--restart-signal SIGTERM] [--no-build]
 *
 * Prints each figure as it comes, a table per size with the command that reproduces each figure,
 * and a growth table; writes bench/results/org.json. The seeded data lives in
 * .cache/bench-org/<seed version>-<maps>/ and is copied to a temporary folder for every run.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp, buildPocketBase, buildServer } from '../server/launch/build.ts';
import { stopCleanly } from './stats.ts';
import { PHASES, type Figure, type Phase } from './org/figures.ts';
import { accessLogPhase, createPhase, dashboardPhase, listsPhase, pagePhase, tipsPhase, type HttpContext } from './org/http.ts';
import { planOrganisation, SEED_VERSION, type PlannedMap } from './org/plan.ts';
import { ensureOrganisation, openCopy, SEED_BCRYPT_COST, type Manifest } from './org/seed.ts';
import { closeFleet, idlePhase, loadFigures, memoryFigures, openFleet, restartPhase, upgradePhase, type Fleet } from './org/sync.ts';
import { startOrgSystem, type OrgSystem } from './org/system.ts';
import { login, loginAll } from './org/users.ts';

const here = dirname(fileURLToPath(import.meta.url));

const { values: args } = parseArgs({
	options: {
		maps: { type: 'string', default: '1000,5000,20000' },
		only: { type: 'string', default: PHASES.join(',') },
		runs: { type: 'string', default: '30' },
		'load-maps': { type: 'string', default: '2000' },
		'idle-seconds': { type: 'string', default: '30' },
		'restart-signal': { type: 'string', default: 'SIGTERM' },
		'no-build': { type: 'boolean', default: false }
	}
});
const SIZES = args.maps.split(',').map(Number);
const ONLY = args.only.split(',').map((s) => s.trim()) as Phase[];
const RUNS = Number(args.runs);
const LOAD_MAPS = Number(args['load-maps']);
const IDLE_SECONDS = Number(args['idle-seconds']);
const SIGNAL = args['restart-signal'] as NodeJS.Signals;
if (
	!SIZES.every((n) => Number.isInteger(n) && n >= 10) ||
	!ONLY.every((p) => PHASES.includes(p)) ||
	!(RUNS >= 1) ||
	!(LOAD_MAPS >= 1) ||
	!(IDLE_SECONDS > 0) ||
	!['SIGTERM', 'SIGINT', 'SIGKILL'].includes(SIGNAL)
) {
	console.error(
		`usage: npm run bench:org -- [--maps 1000,5000,20000] [--only ${PHASES.join(',')}] [--runs N] [--load-maps N] [--idle-seconds N] [--restart-signal SIGTERM|SIGKILL] [--no-build]`
	);
	process.exit(2);
}
const has = (...phases: Phase[]) => phases.some((p) => ONLY.includes(p));

const log = (msg: string) => console.log(`bench: ${msg}`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function commandFor(size: number, phase: Phase): string {
	const extra = [
		RUNS !== 30 && ['lists', 'page', 'upgrade', 'create', 'dashboard', 'tips', 'accesslog'].includes(phase) ? ` --runs ${RUNS}` : '',
		LOAD_MAPS !== 2000 && ['load', 'restart', 'idle', 'memory'].includes(phase) ? ` --load-maps ${LOAD_MAPS}` : '',
		IDLE_SECONDS !== 30 && phase === 'idle' ? ` --idle-seconds ${IDLE_SECONDS}` : '',
		SIGNAL !== 'SIGTERM' && phase === 'restart' ? ` --restart-signal ${SIGNAL}` : ''
	].join('');
	return `npm run bench:org -- --maps ${size} --only ${phase}${extra}`;
}

function format(f: Figure): { main: string; second: string } {
	if (f.unit === 'ms' && f.p95 !== undefined) return { main: `${f.p95.toFixed(1)} ms`, second: `${f.median!.toFixed(1)} ms` };
	const v = f.value ?? NaN;
	const text =
		f.unit === 'count'
			? String(v)
			: f.unit === 'req/s'
				? `${v.toFixed(2)} req/s`
				: f.unit === '%'
					? `${v >= 0 ? '+' : ''}${v.toFixed(1)} %`
					: `${v.toFixed(f.unit === 's' ? 1 : 0)} ${f.unit}`;
	return { main: text, second: '' };
}

function table(head: string[], rows: string[][]): string {
	const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => (r[c] ?? '').length)));
	const line = (r: string[]) =>
		r
			.map((cell, c) => (c === 0 || c === r.length - 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
			.join('  ')
			.trimEnd();
	return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

interface SizeResult {
	maps: number;
	manifest: Manifest;
	copyMs: number;
	startMs: number;
	figures: (Figure & { command: string })[];
}

/** Polls the app's RSS every 5 s until it is within 10% of `target` or, after 90 s, has not fallen 2% in 20 s (at most 3 minutes). */
async function settledRss(system: OrgSystem, target: number): Promise<{ rss: number; ms: number }> {
	const t0 = performance.now();
	const readings = [await system.rssNow()];
	while (performance.now() - t0 < 180_000) {
		const rss = readings.at(-1)!;
		if (rss <= target * 1.1) break;
		// V8's memory reducer starts after some 30 s of quiet: judge 'no longer falling' only after 90 s.
		if (performance.now() - t0 > 90_000 && readings.at(-5)! - rss < readings.at(-5)! * 0.02) break;
		await new Promise((r) => setTimeout(r, 5_000));
		readings.push(await system.rssNow());
	}
	return { rss: readings.at(-1)!, ms: performance.now() - t0 };
}

async function waitRoomsUnloaded(system: OrgSystem): Promise<void> {
	const loaded = system.app.counts.get('room loaded') ?? 0;
	await system.app.waitForCount('room unloaded', loaded, 300_000);
}

async function runSize(size: number): Promise<SizeResult> {
	const org = await ensureOrganisation(size, log);
	const t0 = performance.now();
	const copy = await openCopy(org);
	const copyMs = performance.now() - t0;
	log(`copied the cached data (${(org.manifest.dataBytes / 2 ** 20).toFixed(0)} MiB) to ${copy} in ${seconds(copyMs)}`);
	const teams = planOrganisation(size);
	const figures: SizeResult['figures'] = [];
	const add = (fs: Figure[]) => {
		for (const f of fs) {
			const command = commandFor(size, f.phase);
			figures.push({ ...f, command });
			const { main, second } = format(f);
			log(
				`[${size} maps] ${f.label}: ${f.p95 !== undefined ? `p95 ${main}, median ${second}` : main}${f.bar ? ` (bar ${f.bar}: ${f.meets === undefined ? '—' : f.meets ? 'met' : 'MISSED'})` : ''}`
			);
		}
	};
	let system: OrgSystem | null = null;
	let fleet: Fleet | null = null;
	const cleanUp = async () => {
		if (fleet) closeFleet(fleet.clients);
		fleet = null;
		await system?.stop().catch(() => undefined);
		await rm(copy, { recursive: true, force: true });
	};
	current = cleanUp;
	try {
		const s0 = performance.now();
		system = await startOrgSystem(copy, org.superuser, log);
		const startMs = performance.now() - s0;
		log(
			`Kring is running on ${system.appUrl} (PocketBase ${system.pocketbaseUrl}, the app's PocketBase through the counting proxy ${system.proxyUrl}), started in ${seconds(startMs)}`
		);
		const ctx: HttpContext = { system, teams, runs: RUNS, log };
		if (has('lists')) add(await listsPhase(ctx));
		if (has('page')) add(await pagePhase(ctx));
		if (has('create')) add(await createPhase(ctx));
		if (has('dashboard')) add(await dashboardPhase(ctx));
		if (has('tips')) add(await tipsPhase(ctx));
		if (has('accesslog')) add(await accessLogPhase(ctx));

		const allMaps = teams.flatMap((t) => t.maps);
		if (has('upgrade')) {
			// Youths of maps from the end of the organisation, each map once, none open yet.
			const picks = allMaps.slice(-(RUNS + 3)).reverse();
			const sessions = await Promise.all(picks.map(async (map) => ({ map, session: await login(system!.pocketbaseUrl, map.youth) })));
			add(await upgradePhase(system, sessions, RUNS, log));
			await waitRoomsUnloaded(system);
		}

		if (has('load', 'idle', 'memory', 'restart')) {
			const fleetMaps: PlannedMap[] = allMaps.slice(0, Math.min(LOAD_MAPS, allMaps.length));
			const l0 = performance.now();
			const sessions = await loginAll(
				system.pocketbaseUrl,
				fleetMaps.flatMap((m) => [m.youth, m.second])
			);
			log(
				`logged in ${sessions.length} users (youth and JIM or parent of ${fleetMaps.length} maps), each their own session, in ${seconds(performance.now() - l0)}`
			);
			const pairs = fleetMaps.map((map, i) => ({
				map,
				sessions: [sessions[2 * i], sessions[2 * i + 1]] as [(typeof sessions)[0], (typeof sessions)[0]]
			}));
			const base = has('memory') ? await system.memory() : null;

			if (has('load', 'idle', 'memory')) {
				log(`opening ${pairs.length * 2} clients on ${pairs.length} maps at once …`);
				fleet = await openFleet(system, pairs, 120_000);
				const loadFs = loadFigures(fleet, pairs.length);
				const told = [...system.app.counts].filter(([msg]) =>
					/^(upgrade refused|access check failed|access checked|realtime|log lines dropped)/.test(msg)
				);
				if (told.length > 0) log(`the app's log meanwhile: ${told.map(([msg, n]) => `'${msg}' ×${n}`).join(', ')}`);
				if (has('load')) add(loadFs);
				else log(`${pairs.length * 2} clients synced after ${seconds(fleet.ms)}`);
				if (has('idle')) {
					const first = fleetMaps[0];
					const other = fleetMaps.find((m) => m.professional.id !== first.professional.id)!;
					const removed = { map: first, session: await login(system.pocketbaseUrl, first.professional) };
					const loggedOut = { map: other, session: await login(system.pocketbaseUrl, other.professional) };
					add(await idlePhase(system, fleet, IDLE_SECONDS, { removed, loggedOut }, log));
				}
				if (has('memory')) {
					const withFleet = await system.memory();
					// Open maps nobody changes rest after 10 s (their live document dropped, the
					// encoding kept): read again once every map of the fleet rests.
					log('memory: waiting until every open map rests …');
					const resting = await waitAllResting(system, pairs.length, 180_000);
					// As after they leave: V8 hands pages back once the process is quiet, not at a forced GC.
					const restRss = await settledRss(system, base!.rssAfterGc);
					const atRest = await system.memory();
					log(`memory: RSS ${(restRss.rss / 2 ** 20).toFixed(0)} MiB after ${seconds(restRss.ms)} at rest`);
					log(`memory: ${resting} of ${pairs.length} open maps at rest`);
					closeFleet(fleet.clients);
					fleet = null;
					log('memory: all clients left; waiting until every room has unloaded …');
					await waitRoomsUnloaded(system);
					// V8 gives pages back to the system when the process has gone quiet (its memory
					// reducer), not at a forced collection: watch RSS, with no forced collection, until it
					// is back or stops falling.
					const idle = await settledRss(system, base!.rssAfterGc);
					log(`memory: RSS ${(idle.rss / 2 ** 20).toFixed(0)} MiB after ${seconds(idle.ms)} of quiet`);
					const after = await system.memory();
					add(memoryFigures(base!, withFleet, { ...atRest, resting }, { ...after, idleRss: idle.rss, idleMs: idle.ms }, pairs.length));
				}
			}
			if (has('restart')) {
				if (!fleet) {
					log(`opening ${pairs.length * 2} clients on ${pairs.length} maps for the restart …`);
					fleet = await openFleet(system, pairs, 120_000);
					log(`${fleet.done} of ${pairs.length * 2} clients synced after ${seconds(fleet.ms)}`);
				}
				add(await restartPhase(system, fleet, SIGNAL, log));
			}
		}
		return { maps: size, manifest: org.manifest, copyMs, startMs, figures };
	} finally {
		await cleanUp();
		current = null;
	}
}

/** Stops the running system and removes its data copy (on Ctrl-C too). */
let current: (() => Promise<void>) | null = null;

function gitRevision(): string {
	if (process.env.KRING_BENCH_REVISION) return process.env.KRING_BENCH_REVISION;
	try {
		const rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: here, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: here, encoding: 'utf8' }).trim();
		return dirty ? `${rev} (with uncommitted changes in the tree)` : rev;
	} catch {
		return 'unknown (not a git checkout)';
	}
}

function printSize(r: SizeResult): void {
	const m = r.manifest;
	const c = m.counts;
	console.log(
		[
			'',
			`Kring organisation bench: ${r.maps} maps (${c.teams} teams, ${c.professionals} professionals, ${c.reviewers} reviewers, ${c.youths} youths, ${c.jims} JIMs, ${c.parents} parents; ${c.versions} versions, ${c.accessLog} access-log rows, ${c.tips} published tips)`,
			`data: seeded in ${seconds(m.totalSeedMs)} from nothing${m.extendedFrom ? ` (this step ${seconds(m.seedMs)}, extending ${m.extendedFrom} maps)` : ''}; ${(m.dataBytes / 2 ** 20).toFixed(0)} MiB on disk; copied for this run in ${seconds(r.copyMs)}`,
			'',
			table(
				['figure', 'p95 / value', 'median', 'bar', 'met', 'reproduce'],
				r.figures.map((f) => {
					const { main, second } = format(f);
					return [f.label, main, second, f.bar ?? '', f.meets === undefined ? '' : f.meets ? 'yes' : 'NO', f.command];
				})
			),
			'',
			'notes:',
			...r.figures.filter((f) => f.note).map((f) => `  ${f.label}: ${f.note}`)
		].join('\n')
	);
}

function printGrowth(results: SizeResult[]): void {
	if (results.length < 2) return;
	const sizes = results.map((r) => r.maps);
	const first = results[0];
	const keys = [...new Set(results.flatMap((r) => r.figures.map((f) => f.key)))];
	const valueOf = (r: SizeResult, key: string) => {
		const f = r.figures.find((x) => x.key === key);
		return f ? (f.p95 !== undefined ? f.p95 : f.value) : undefined;
	};
	const rows = keys.map((key) => {
		const f = results.flatMap((r) => r.figures).find((x) => x.key === key)!;
		const base = valueOf(first, key);
		const cells = results.map((r) => {
			const v = valueOf(r, key);
			return v === undefined ? '' : f.unit === 'ms' ? v.toFixed(1) : f.unit === 'count' ? String(v) : v.toFixed(2);
		});
		const ratios = results.slice(1).map((r) => {
			const v = valueOf(r, key);
			return v === undefined || base === undefined || base === 0 ? '' : `${(v / base).toFixed(2)}×`;
		});
		return [`${f.label.replace(/ \(\d+ maps\)/, '')}${f.p95 !== undefined ? ' (p95 ms)' : ` (${f.unit})`}`, ...cells, ...ratios];
	});
	console.log(
		[
			'',
			`Growth (p95 for timings; bar: every p95 grows ≤ 1.5× from ${first.maps} to ${sizes.at(-1)} maps)`,
			'',
			table(
				['figure', ...sizes.map((s) => `${s} maps`), ...sizes.slice(1).map((s) => `${s / 1000}k/${first.maps / 1000}k`), ''],
				rows.map((r) => [...r, ''])
			)
		].join('\n')
	);
}

async function main() {
	// y-websocket adds a process 'exit' listener for each provider in Node.
	process.setMaxListeners(0);
	const deadline = stopCleanly(async () => current?.(), 6 * 60 * 60_000);
	const began = Date.now();
	const loadAtStart = loadavg()[0];
	if (!args['no-build']) {
		await buildPocketBase(log);
		await buildApp(log);
		await buildServer(log);
	}
	log(
		`sizes ${SIZES.join(', ')} maps; phases ${ONLY.join(', ')}; ${RUNS} runs per timing; seed ${SEED_VERSION} (versions monthly for a year; account passwords at bcrypt cost ${SEED_BCRYPT_COST})`
	);
	const results: SizeResult[] = [];
	const machine = () => ({
		cpu: cpus()[0]?.model ?? 'unknown',
		cores: cpus().length,
		os: `${platform()} ${release()}`,
		node: process.version,
		loadAverage1m: { start: Number(loadAtStart.toFixed(2)), end: Number(loadavg()[0].toFixed(2)) }
	});
	const write = async () => {
		const file = join(here, 'results', 'org.json');
		await mkdir(dirname(file), { recursive: true });
		await writeFile(
			file,
			JSON.stringify(
				{
					date: new Date().toISOString(),
					command: `npm run bench:org -- --maps ${SIZES.join(',')} --only ${ONLY.join(',')}`,
					revision: gitRevision(),
					machine: machine(),
					sizes: results
				},
				null,
				'\t'
			)
		);
	};
	try {
		for (const size of SIZES) {
			results.push(await runSize(size));
			printSize(results.at(-1)!);
			await write();
		}
		printGrowth(results);
		const m = machine();
		console.log(
			[
				'',
				`machine: ${m.cpu}, ${m.cores} cores, ${m.os}, Node ${m.node}; load average (1 min) ${m.loadAverage1m.start} at start, ${m.loadAverage1m.end} at end (other work on the machine counts)`,
				`revision: ${gitRevision()}; whole run ${seconds(Date.now() - began)}`,
				'The app reaches PocketBase through the counting proxy for every figure; SDK figures go to PocketBase directly.',
				`wrote ${join('bench', 'results', 'org.json')}`
			].join('\n')
		);
	} finally {
		clearTimeout(deadline);
	}
}

main().then(
	() => process.exit(0),
	(err) => {
		console.error(err);
		process.exit(1);
	}
);

/** Waits until the app says every one of `open` maps rests (its 'rooms at rest' line); how many did. */
async function waitAllResting(system: OrgSystem, open: number, timeoutMs: number): Promise<number> {
	const resting = () => Number(system.app.lastOf('rooms at rest')?.resting ?? 0);
	const until = performance.now() + timeoutMs;
	while (resting() < open && performance.now() < until) {
		const seen = system.app.counts.get('rooms at rest') ?? 0;
		await system.app.waitForCount('rooms at rest', seen + 1, Math.max(1, until - performance.now())).catch(() => undefined);
	}
	return resting();
}
