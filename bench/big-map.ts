/**
 * The benchmark's map: 200 people over the four sectors and four rings and 300 ties, built with
 * the document model and a seeded generator, and stored in PocketBase the way the demo seed
 * stores Sam's map (server/launch/seed.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import * as Y from 'yjs';
import {
	addPerson,
	CENTRE,
	CONTACT_FREQUENCIES,
	RINGS,
	SECTORS,
	SEED_ORIGIN,
	setCentreName,
	setTie,
	SUPPORT_KINDS,
	TIE_QUALITIES,
	upgrade,
	type Ring,
	type Sector,
	type TieSupport
} from '../src/lib/doc/index.ts';
import type { Superuser } from '../server/launch/pocketbase.ts';
import { seededRandom } from '../server/launch/seeded-random.ts';
import { superuserClient as serviceSuperuserClient } from '../server/sync/service.ts';

export const PEOPLE = 200;
/** One tie from the youth to each person, plus this many between two people. */
export const TIES_BETWEEN = 100;
const SEED = 20_240_601;

export { seededRandom };

const FIRST_NAMES = ['Anouk', 'Bram', 'Daan', 'Emma', 'Fenna', 'Jesse', 'Lotte', 'Milan', 'Noor', 'Sem', 'Tess', 'Yara'];
const RELATIONS: Record<Sector, string[]> = {
	familie: ['moeder', 'vader', 'oma', 'opa', 'tante', 'oom', 'broer', 'zus', 'neef', 'nicht'],
	vrienden: ['vriend', 'vriendin', 'buurjongen', 'teamgenoot'],
	school: ['mentor op school', 'trainer', 'docent', 'collega', 'klasgenoot'],
	hulpverleners: ['jeugdhulp', 'huisarts', 'psycholoog', 'wijkagent']
};
const CENTRE_SUPPORT: TieSupport[] = ['naar-jongere', 'van-jongere', 'beide', 'geen'];

export interface BenchPerson {
	id: string;
	name: string;
	sector: Sector;
	ring: Ring;
}

export interface BigMap {
	/** Y.encodeStateAsUpdate of the document, as map_docs stores it. */
	state: Uint8Array;
	people: BenchPerson[];
	ties: number;
}

export function buildBigMap(): BigMap {
	const random = seededRandom(SEED);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	const doc = new Y.Doc();
	upgrade(doc);
	setCentreName(doc, 'Benchmark', SEED_ORIGIN);

	const people: BenchPerson[] = [];
	for (let i = 0; i < PEOPLE; i++) {
		const sector = pick(SECTORS);
		const ring = pick(RINGS);
		const name = `${pick(FIRST_NAMES)} ${i + 1}`;
		const id = addPerson(
			doc,
			{
				name,
				relation: pick(RELATIONS[sector]),
				sector,
				ring,
				support: SUPPORT_KINDS.filter(() => random() < 0.3),
				contact: pick(CONTACT_FREQUENCIES),
				jimCandidate: random() < 0.05
			},
			SEED_ORIGIN
		);
		people.push({ id, name, sector, ring });
	}

	let ties = 0;
	for (const person of people) {
		setTie(doc, CENTRE, person.id, { quality: pick(TIE_QUALITIES), support: pick(CENTRE_SUPPORT) }, SEED_ORIGIN);
		ties++;
	}
	// Distinct pairs: setTie on a pair that already has a tie changes it rather than adding one.
	const pairs = new Set<string>();
	while (pairs.size < TIES_BETWEEN) {
		const a = pick(people).id;
		const b = pick(people).id;
		const key = a < b ? `${a}|${b}` : `${b}|${a}`;
		if (a === b || pairs.has(key)) continue;
		pairs.add(key);
		setTie(doc, a, b, { quality: pick(TIE_QUALITIES), support: random() < 0.5 ? 'beide' : 'geen' }, SEED_ORIGIN);
		ties++;
	}

	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return { state, people, ties };
}

/** A superuser client with the service account `npm start` wrote into the data folder. */
export async function superuserClient(pocketbaseUrl: string, dataDir: string): Promise<PocketBase> {
	const superuser = JSON.parse(await readFile(join(dataDir, 'superuser.json'), 'utf8')) as Superuser;
	return serviceSuperuserClient(pocketbaseUrl, superuser);
}

export interface BenchOwner {
	teamId: string;
	professionalId: string;
}

/** The demo team and professional the benchmark's maps belong to. */
export async function findOwner(pb: PocketBase, team: string, email: string): Promise<BenchOwner> {
	const teamRecord = await pb.collection('teams').getFirstListItem(pb.filter('name = {:team}', { team }));
	const user = await pb.collection('users').getFirstListItem(pb.filter('email = {:email}', { email }));
	return { teamId: teamRecord.id, professionalId: user.id };
}

/**
 * A new map holding `state`, with the professional as its member. A fresh map for every run:
 * each run opens the same content, never one the previous run added to or dragged in.
 */
export async function createMap(pb: PocketBase, owner: BenchOwner, state: Uint8Array, youthName: string): Promise<string> {
	const map = await pb.collection('maps').create({ team: owner.teamId, youth_name: youthName, created_by: owner.professionalId });
	// As superuser the start-map hook adds no member (server/pocketbase/hooks): add the professional here.
	await pb.collection('map_members').create({ map: map.id, user: owner.professionalId, role: 'professional' });
	await pb.collection('map_docs').create({ map: map.id, state: Buffer.from(state).toString('base64') });
	return map.id;
}
