/**
 * Seeds the organisation of plan.ts through PocketBase's API as its superuser (batch requests,
 * several in flight) and caches the data folder in .cache/bench-org/<seed version>-<maps>/.
 * A larger size starts from the largest cached smaller one and adds teams. Runs never use the
 * cache itself: openCopy() copies it to a temporary folder first.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PocketBase, { ClientResponseError } from 'pocketbase';
import { upsertSuperuser, startPocketBase, type Superuser } from '../../server/launch/pocketbase.ts';
import { cacheDir } from '../../server/launch/paths.ts';
import { freePort } from '../../tests/helpers/ports.ts';
import { mapYear } from './history.ts';
import {
	countsOf,
	MAPS_PER_TEAM,
	passwordOf,
	planTeam,
	recordId,
	SEED_VERSION,
	teamCount,
	VERSIONS_PER_MAP,
	type PlannedMap,
	type PlannedTeam,
	type PlannedUser
} from './plan.ts';
import { TIP_TEXTS } from './tips.ts';
import { du, mkdtempIn } from './files.ts';
import { superuserClient } from '../../server/sync/service.ts';

export const ORG_CACHE = join(cacheDir, 'bench-org');
/**
 * The bench's accounts get bcrypt cost 4 (PocketBase's default is 10): at cost 10, hashing the
 * passwords of 10,540 accounts alone takes about 10 CPU-minutes, all of the seeding budget, and
 * 4,000 logins per run another 4. No figure the bench prints includes a password check (pages
 * and the sync server check tokens). The users collection is set back to the default afterwards.
 */
export const SEED_BCRYPT_COST = 4;
const MAPS_PER_BATCH = 5;
const BATCHES_IN_FLIGHT = 3;
const DAY = 24 * 60 * 60 * 1000;

export interface Manifest {
	seedVersion: string;
	maps: number;
	counts: ReturnType<typeof countsOf> & { versions: number; accessLog: number; tips: number; mapMembers: number };
	versionsPerMap: number;
	/** This step: from an empty folder or from `extendedFrom`. */
	seedMs: number;
	/** The whole organisation from nothing (this step plus the steps it extends). */
	totalSeedMs: number;
	extendedFrom: number | null;
	bcryptCost: number;
	dataBytes: number;
	seededAt: string;
}

export interface CachedOrg {
	dir: string;
	manifest: Manifest;
	superuser: Superuser;
}

type Log = (msg: string) => void;

function folderOf(maps: number): string {
	return join(ORG_CACHE, `${SEED_VERSION}-${maps}`);
}

async function readManifest(dir: string): Promise<Manifest | null> {
	return readFile(join(dir, 'manifest.json'), 'utf8')
		.then((t) => JSON.parse(t) as Manifest)
		.catch(() => null);
}

/** The largest cached organisation made of whole teams that is smaller than `maps`. */
async function largestBase(maps: number): Promise<{ dir: string; manifest: Manifest } | null> {
	const names = await readdir(ORG_CACHE).catch(() => [] as string[]);
	let best: { dir: string; manifest: Manifest } | null = null;
	for (const name of names) {
		const m = new RegExp(`^${SEED_VERSION}-(\\d+)$`).exec(name);
		const size = m ? Number(m[1]) : 0;
		if (!m || size >= maps || size % MAPS_PER_TEAM !== 0) continue;
		const manifest = await readManifest(join(ORG_CACHE, name));
		if (manifest && (!best || size > best.manifest.maps)) best = { dir: join(ORG_CACHE, name), manifest };
	}
	return best;
}

/** The cached organisation of `maps` maps, seeded (or extended) first when there is none. */
export async function ensureOrganisation(maps: number, log: Log): Promise<CachedOrg> {
	const dir = folderOf(maps);
	const ready = await readManifest(dir);
	if (ready) {
		log(`using the cached organisation of ${maps} maps (${dir}, seeded in ${(ready.totalSeedMs / 1000).toFixed(0)} s)`);
		return { dir, manifest: ready, superuser: await readSuperuser(dir) };
	}
	await mkdir(ORG_CACHE, { recursive: true });
	const base = await largestBase(maps);
	const building = `${dir}.building-${process.pid}`;
	await rm(building, { recursive: true, force: true });
	if (base) {
		log(`extending the cached organisation of ${base.manifest.maps} maps to ${maps} maps …`);
		await cp(base.dir, building, { recursive: true });
		await rm(join(building, 'manifest.json'));
	} else {
		log(`seeding an organisation of ${maps} maps from nothing …`);
		await mkdir(join(building, 'pb_data'), { recursive: true, mode: 0o700 });
		const superuser = { email: 'bench-org@kring.test', password: randomBytes(18).toString('base64url') };
		await writeFile(join(building, 'superuser.json'), JSON.stringify(superuser), { mode: 0o600 });
	}
	const superuser = await readSuperuser(building);
	const started = Date.now();
	const firstTeam = base ? teamCount(base.manifest.maps) : 0;
	const added = await seedTeams(building, superuser, firstTeam, maps, log);
	const seedMs = Date.now() - started;
	const teams = Array.from({ length: teamCount(maps) }, (_, t) => planTeam(t, maps));
	const baseCounts = base?.manifest.counts;
	const manifest: Manifest = {
		seedVersion: SEED_VERSION,
		maps,
		counts: {
			...countsOf(teams),
			versions: (baseCounts?.versions ?? 0) + added.versions,
			accessLog: (baseCounts?.accessLog ?? 0) + added.accessLog,
			tips: (baseCounts?.tips ?? 0) + added.tips,
			mapMembers: (baseCounts?.mapMembers ?? 0) + added.mapMembers
		},
		versionsPerMap: VERSIONS_PER_MAP,
		seedMs,
		totalSeedMs: (base?.manifest.totalSeedMs ?? 0) + seedMs,
		extendedFrom: base?.manifest.maps ?? null,
		bcryptCost: SEED_BCRYPT_COST,
		dataBytes: await du(building),
		seededAt: new Date().toISOString()
	};
	await writeFile(join(building, 'manifest.json'), JSON.stringify(manifest, null, '\t'));
	await rename(building, dir);
	log(
		`seeded ${maps} maps in ${(seedMs / 1000).toFixed(0)} s (whole organisation from nothing: ${(manifest.totalSeedMs / 1000).toFixed(0)} s), ${(manifest.dataBytes / 2 ** 20).toFixed(0)} MiB on disk`
	);
	return { dir, manifest, superuser };
}

async function readSuperuser(dir: string): Promise<Superuser> {
	return JSON.parse(await readFile(join(dir, 'superuser.json'), 'utf8')) as Superuser;
}

/** A copy of the cached organisation in a temporary folder, for one run to change as it likes. */
export async function openCopy(org: CachedOrg): Promise<string> {
	const dir = await mkdtempIn(tmpdir(), 'kring-bench-org-');
	await cp(org.dir, dir, { recursive: true });
	return dir;
}

interface Op {
	collection: string;
	body: Record<string, unknown>;
}

async function sendBatch(pb: PocketBase, ops: Op[]): Promise<void> {
	const batch = pb.createBatch();
	for (const op of ops) batch.collection(op.collection).create(op.body);
	try {
		await batch.send({ requestKey: null });
	} catch (err) {
		const detail = err instanceof ClientResponseError ? JSON.stringify(err.response).slice(0, 2000) : String(err);
		throw new Error(`seed batch of ${ops.length} failed: ${detail}`, { cause: err });
	}
}

function userOp(u: PlannedUser): Op {
	const password = passwordOf(u.email);
	return { collection: 'users', body: { id: u.id, email: u.email, name: u.name, password, passwordConfirm: password, verified: true } };
}

function teamOps(team: PlannedTeam): Op[] {
	const users = [team.reviewer, ...team.professionals, ...team.maps.flatMap((m) => [m.youth, m.second])];
	return [
		{ collection: 'teams', body: { id: team.id, name: team.name } },
		...users.map(userOp),
		{ collection: 'team_members', body: { id: recordId('tr', team.index), team: team.id, user: team.reviewer.id, role: 'reviewer' } },
		...team.professionals.map((p, k) => ({
			collection: 'team_members',
			body: { id: recordId('tp', team.index * 100 + k), team: team.id, user: p.id, role: 'professional' }
		}))
	];
}

interface Added {
	versions: number;
	accessLog: number;
	tips: number;
	mapMembers: number;
}

function mapOps(map: PlannedMap, now: number, added: Added): Op[] {
	const year = mapYear(map, now);
	const i = map.index;
	const birth = new Date(now - (12 + (i % 11)) * 365.25 * DAY - (i % 300) * DAY).toISOString().slice(0, 10);
	const ops: Op[] = [
		{
			collection: 'maps',
			body: {
				id: map.id,
				team: recordId('tm', map.team),
				youth: map.youth.id,
				youth_name: map.youthName,
				created_by: map.professional.id,
				youth_birthdate: `${birth} 00:00:00.000Z`
			}
		}
	];
	const members: [PlannedUser, string][] = [
		[map.professional, 'professional'],
		[map.youth, 'youth'],
		[map.second, map.second.kind]
	];
	members.forEach(([u, role], k) =>
		ops.push({ collection: 'map_members', body: { id: recordId('mm', i * 4 + k), map: map.id, user: u.id, role } })
	);
	ops.push({ collection: 'map_docs', body: { id: recordId('md', i), map: map.id, state: year.live } });
	year.versions.forEach((v, k) => ops.push({ collection: 'map_versions', body: { id: recordId('mv', i * 16 + k), map: map.id, ...v } }));
	// The access log of that year: the professional and the youth opened the map every month, the
	// JIM or parent every other month, and each evaluation moment was logged. PocketBase stamps
	// `created` itself (an autodate field cannot be set through the API), so every row carries the
	// seeding's time: the page's query (newest 50 of a map, by its index) costs the same.
	let row = 0;
	const log = (u: PlannedUser, role: string, action: string) =>
		ops.push({
			collection: 'access_log',
			body: {
				id: recordId('al', i * 64 + row++),
				map: map.id,
				user: u.id,
				user_name: u.name,
				role,
				action,
				address: `10.${i % 250}.${row % 250}.${(i >> 8) % 250}`
			}
		});
	year.versions.forEach((v, k) => {
		log(map.professional, 'professional', 'view');
		log(map.youth, 'youth', 'view');
		if (k % 2 === 0) log(map.second, map.second.kind, 'view');
		if (v.kind === 'evaluation') log(map.professional, 'professional', 'evaluation');
	});
	if (i % 10 === 0 && map.second.kind === 'jim') {
		const tip = TIP_TEXTS[(i / 10) % TIP_TEXTS.length];
		ops.push({
			collection: 'jim_tips',
			body: {
				id: recordId('jt', i),
				text: tip.text,
				theme: tip.theme,
				relation: tip.relation,
				status: 'published',
				map: map.id,
				offered_by: map.second.id,
				published_by: map.professional.id,
				published_at: new Date(now - (i % 300) * DAY).toISOString()
			}
		});
		added.tips++;
	}
	added.versions += year.versions.length;
	added.accessLog += row;
	added.mapMembers += members.length;
	return ops;
}

async function setPasswordCost(pb: PocketBase, cost: number): Promise<void> {
	const users = await pb.collections.getOne('users');
	const fields = users.fields.map((f) => (f.type === 'password' ? { ...f, cost } : f));
	await pb.collections.update('users', { fields });
}

/** Adds teams firstTeam … of an organisation of `maps` maps to the data folder `dir`. */
async function seedTeams(dir: string, superuser: Superuser, firstTeam: number, maps: number, log: Log): Promise<Added> {
	const pbData = join(dir, 'pb_data');
	await upsertSuperuser(pbData, superuser);
	const port = await freePort();
	const server = await startPocketBase({
		dataDir: pbData,
		host: '127.0.0.1',
		port,
		env: { KRING_PROXY_SECRET: randomBytes(16).toString('hex') }
	});
	const added: Added = { versions: 0, accessLog: 0, tips: 0, mapMembers: 0 };
	try {
		const pb = await superuserClient(server.url, superuser);
		await pb.settings.update({ batch: { enabled: true, maxRequests: 1000, timeout: 300, maxBodySize: 256 << 20 } });
		await setPasswordCost(pb, SEED_BCRYPT_COST);
		const now = Date.now();
		const teams = Array.from({ length: teamCount(maps) - firstTeam }, (_, k) => planTeam(firstTeam + k, maps));
		// Work in order: a team's accounts first, then its maps in chunks; a chunk waits for its
		// team's accounts (they may still be in flight in another worker).
		type Job = { team: PlannedTeam; maps: PlannedMap[] | null };
		const jobs: Job[] = teams.flatMap((team) => [
			{ team, maps: null },
			...Array.from({ length: Math.ceil(team.maps.length / MAPS_PER_BATCH) }, (_, c) => ({
				team,
				maps: team.maps.slice(c * MAPS_PER_BATCH, (c + 1) * MAPS_PER_BATCH)
			}))
		]);
		const accountsDone = new Map<number, Promise<void>>();
		let next = 0;
		let mapsDone = 0;
		const total = teams.reduce((n, t) => n + t.maps.length, 0);
		const started = Date.now();
		let lastLog = started;
		await Promise.all(
			Array.from({ length: BATCHES_IN_FLIGHT }, async () => {
				while (next < jobs.length) {
					const job = jobs[next++];
					if (job.maps === null) {
						const done = sendBatch(pb, teamOps(job.team));
						accountsDone.set(job.team.index, done);
						await done;
						continue;
					}
					const ops = job.maps.flatMap((m) => mapOps(m, now, added));
					await accountsDone.get(job.team.index);
					await sendBatch(pb, ops);
					mapsDone += job.maps.length;
					if (Date.now() - lastLog > 15_000 || mapsDone === total) {
						lastLog = Date.now();
						const rate = mapsDone / ((Date.now() - started) / 1000);
						log(`seed: ${mapsDone}/${total} maps (${rate.toFixed(1)} maps/s, about ${((total - mapsDone) / rate).toFixed(0)} s to go)`);
					}
				}
			})
		);
		await setPasswordCost(pb, 0);
		// Fold the WAL into the database so the cached folder is one file plus a small log.
		await pb.send('/api/kring/checkpoint', { method: 'POST' }).catch(() => undefined);
	} finally {
		await server.stop();
	}
	return added;
}

export function cachedFolderExists(maps: number): boolean {
	return existsSync(join(folderOf(maps), 'manifest.json'));
}
