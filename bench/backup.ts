/**
 * Backups, measured: how long PocketBase's backup takes (writes wait meanwhile) and how big it is,
 * how long `kring-pocketbase restore` takes, and how long PocketBase then needs to serve, for the
 * demo organisation and, when its cache is there, the organisation bench's data (bench/org.ts).
 *
 *   npm run bench:backup -- [--runs 5] [--org 1000,5000] [--org-cache .cache/bench-org]
 *
 * Each organisation size is measured once per run on a copy of .cache/bench-org/v1-<maps>/
 * (made by `npm run bench:org`; missing sizes are skipped, never seeded here). Prints each
 * figure as it comes and a table; writes bench/results/backup.json.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import PocketBase from 'pocketbase';
import { buildPocketBase } from '../server/launch/build.ts';
import { startPocketBase, upsertSuperuser, type PocketBaseProcess, type Superuser } from '../server/launch/pocketbase.ts';
import { restoreInto } from '../server/launch/restore.ts';
import { seedDemo } from '../server/launch/seed.ts';
import { root } from '../server/launch/paths.ts';
import { freePort } from '../tests/helpers/ports.ts';
import { median } from './stats.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		org: { type: 'string', default: '1000,5000' },
		'org-cache': { type: 'string', default: join(root, '.cache/bench-org') }
	}
});
const RUNS = Number(args.runs);
const ORG_SIZES = args.org ? args.org.split(',').map(Number) : [];
const ORG_CACHE = resolve(args['org-cache']);
if (!(RUNS >= 1) || !ORG_SIZES.every((n) => Number.isInteger(n) && n > 0)) {
	console.error('usage: npm run bench:backup -- [--runs 5] [--org 1000,5000] [--org-cache .cache/bench-org]');
	process.exit(2);
}

const log = (msg: string) => console.log(`bench: ${msg}`);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

interface Figures {
	data: string;
	/** data.db + auxiliary.db before the backup */
	dataBytes: number;
	backupBytes: number;
	backupMs: number[];
	restoreMs: number[];
	/** From spawning PocketBase on the restored folder to "Server started". */
	serveMs: number[];
	command: string;
}

async function folderBytes(dir: string): Promise<number> {
	let total = 0;
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		if (entry.isFile() && /\.db(-wal)?$/.test(entry.name)) total += (await stat(join(dir, entry.name))).size;
	}
	return total;
}

async function serve(pbData: string, backupDir: string): Promise<{ pb: PocketBaseProcess; ms: number }> {
	const started = performance.now();
	const pb = await startPocketBase({
		dataDir: pbData,
		host: '127.0.0.1',
		port: await freePort(),
		env: { KRING_BACKUP_DIR: backupDir, KRING_BACKUP_CRON: 'off' }
	});
	return { pb, ms: performance.now() - started };
}

/** One run: a backup through the API on a serving PocketBase, then a restore and a start on it. */
async function measure(work: string, pbData: string, superuser: Superuser, figures: Figures, run: number): Promise<void> {
	const backups = join(work, 'backups');
	await mkdir(backups, { recursive: true });
	const { pb } = await serve(pbData, backups);
	const name = `bench_${run}.zip`;
	try {
		const admin = new PocketBase(pb.url);
		await admin.collection('_superusers').authWithPassword(superuser.email, superuser.password, { requestKey: null });
		figures.dataBytes = await folderBytes(pbData);
		const t0 = performance.now();
		await admin.backups.create(name, { requestKey: null });
		figures.backupMs.push(performance.now() - t0);
		figures.backupBytes = (await stat(join(backups, name))).size;
	} finally {
		await pb.stop();
	}
	const target = join(work, `restored-${run}`, 'pb_data');
	await mkdir(dirname(target), { recursive: true });
	const t1 = performance.now();
	const code = await restoreInto(target, join(backups, name));
	if (code !== 0) throw new Error(`restore exited with ${code}`);
	figures.restoreMs.push(performance.now() - t1);
	const again = await serve(target, join(work, 'backups-restored'));
	figures.serveMs.push(again.ms);
	await again.pb.stop();
	await rm(dirname(target), { recursive: true, force: true });
	await rm(join(backups, name), { force: true });
	log(
		`${figures.data} run ${run + 1}: backup ${secs(figures.backupMs.at(-1)!)} (${mb(figures.backupBytes)} of ${mb(figures.dataBytes)}), restore ${secs(figures.restoreMs.at(-1)!)}, serving again after ${secs(figures.serveMs.at(-1)!)}`
	);
}

async function demo(): Promise<Figures> {
	const work = await mkdtemp(join(tmpdir(), 'kring-bench-backup-'));
	const figures: Figures = {
		data: 'demo',
		dataBytes: 0,
		backupBytes: 0,
		backupMs: [],
		restoreMs: [],
		serveMs: [],
		command: `npm run bench:backup -- --runs ${RUNS} --org ''`
	};
	try {
		const pbData = join(work, 'pb_data');
		const superuser = { email: 'bench@kring.test', password: `bench-${Math.random().toString(36).slice(2)}-pw` };
		await upsertSuperuser(pbData, superuser);
		const { pb } = await serve(pbData, join(work, 'backups'));
		await seedDemo(pb.url, superuser);
		await pb.stop();
		for (let run = 0; run < RUNS; run++) await measure(work, pbData, superuser, figures, run);
	} finally {
		await rm(work, { recursive: true, force: true });
	}
	return figures;
}

async function organisation(maps: number): Promise<Figures | null> {
	const cached = join(ORG_CACHE, `v1-${maps}`);
	if (!existsSync(join(cached, 'pb_data', 'data.db'))) {
		log(`no organisation of ${maps} maps in ${ORG_CACHE} (npm run bench:org -- --maps ${maps} makes it); skipped`);
		return null;
	}
	const superuser = JSON.parse(await readFile(join(cached, 'superuser.json'), 'utf8')) as Superuser;
	const work = await mkdtemp(join(tmpdir(), 'kring-bench-backup-org-'));
	const figures: Figures = {
		data: `organisation, ${maps} maps`,
		dataBytes: 0,
		backupBytes: 0,
		backupMs: [],
		restoreMs: [],
		serveMs: [],
		command: `npm run bench:backup -- --runs 1 --org ${maps}`
	};
	try {
		await cp(join(cached, 'pb_data'), join(work, 'pb_data'), { recursive: true });
		// Its first start may apply migrations newer than the cache (with a backup before them).
		const first = await serve(join(work, 'pb_data'), join(work, 'backups-first'));
		log(`organisation of ${maps} maps: first start on the copy ${secs(first.ms)}`);
		await first.pb.stop();
		for (let run = 0; run < Math.min(RUNS, 1); run++) await measure(work, join(work, 'pb_data'), superuser, figures, run);
	} finally {
		await rm(work, { recursive: true, force: true });
	}
	return figures;
}

async function main(): Promise<void> {
	await buildPocketBase(log);
	log(`${cpus().length} cores; ${RUNS} runs of the demo, one per organisation size`);
	const results: Figures[] = [await demo()];
	for (const maps of ORG_SIZES) {
		const figures = await organisation(maps);
		if (figures) results.push(figures);
	}
	const rows = results.map((f) => ({
		data: f.data,
		'data (db files)': mb(f.dataBytes),
		backup: mb(f.backupBytes),
		'backup time (median)': secs(median(f.backupMs)),
		'restore time (median)': secs(median(f.restoreMs)),
		'serving after restore': secs(median(f.serveMs)),
		runs: f.backupMs.length,
		command: f.command
	}));
	console.table(rows);
	await mkdir(join(here, 'results'), { recursive: true });
	await writeFile(join(here, 'results', 'backup.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
