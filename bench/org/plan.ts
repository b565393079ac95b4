/**
 * The organisation the bench seeds, as a pure function of its size: who exists, which team they
 * are in, which maps they hold which role on. Team t's content depends only on t, so a larger
 * organisation is a smaller one plus more teams (the cache extends rather than rebuilds).
 *
 * Per 5,000 maps: 40 teams of 125 maps, 500 professionals (13 and 12 a team, alternately), one
 * reviewer a team, a youth account per map, a JIM on every even map and a parent on every odd
 * one. Record ids are fixed (a two-letter kind and a number), so a batch can refer to records it
 * creates itself and a later run finds everything without asking.
 */
import { createHash } from 'node:crypto';

/** Bump when what the seed writes changes: the cache folder is named after it. */
export const SEED_VERSION = 'v1';
export const MAPS_PER_TEAM = 125;
/** Each map's versions: one a month over the past year (see history.ts). */
export const VERSIONS_PER_MAP = 12;
export const EMAIL_DOMAIN = 'org.bench.kring.test';

/** Caseloads of a team's professionals, largest first (each list sums to 125). */
const CASELOADS_13 = [15, 13, 12, 11, 10, 10, 9, 9, 9, 8, 7, 6, 6];
const CASELOADS_12 = [15, 14, 13, 12, 11, 11, 10, 10, 9, 8, 7, 5];

const FIRST = [
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
	'Mehmet',
	'Sanne',
	'Bilal',
	'Eva',
	'Jamal',
	'Iris',
	'Luuk',
	'Fatima',
	'Karim',
	'Nina'
];
const LAST = [
	'de Vries',
	'Jansen',
	'Bakker',
	'Visser',
	'Smit',
	'Meijer',
	'de Boer',
	'Mulder',
	'de Groot',
	'Bos',
	'Vos',
	'Peters',
	'Hendriks',
	'El Amrani',
	'Yilmaz',
	'Dekker',
	'Brouwer',
	'van Dijk'
];

export type UserKind = 'reviewer' | 'professional' | 'youth' | 'jim' | 'parent';

export interface PlannedUser {
	id: string;
	email: string;
	name: string;
	kind: UserKind;
}

export interface PlannedMap {
	/** Global map number, 0 … maps-1. */
	index: number;
	id: string;
	team: number;
	youthName: string;
	professional: PlannedUser;
	youth: PlannedUser;
	/** Even maps: a JIM; odd maps: a parent. */
	second: PlannedUser;
}

export interface PlannedTeam {
	index: number;
	id: string;
	name: string;
	reviewer: PlannedUser;
	professionals: PlannedUser[];
	maps: PlannedMap[];
}

/** A record id of PocketBase's shape (15 characters, a-z0-9): a kind of two letters and a number. */
export function recordId(kind: string, n: number): string {
	if (kind.length !== 2 || !/^[a-z]{2}$/.test(kind)) throw new Error(`record kind ${kind}`);
	return kind + String(n).padStart(13, '0');
}

/** Every account has a password of its own, derived from its address so the bench can log in as anyone. */
export function passwordOf(email: string): string {
	return 'org-' + createHash('sha256').update(`kring bench org ${SEED_VERSION} ${email}`).digest('base64url').slice(0, 20);
}

function user(kind: UserKind, code: string, n: number, label: string): PlannedUser {
	const name = `${FIRST[n % FIRST.length]} ${LAST[(n * 7 + code.charCodeAt(1)) % LAST.length]}`;
	return { id: recordId(code, n), email: `${label}-${n}@${EMAIL_DOMAIN}`, name, kind };
}

export function teamCount(maps: number): number {
	return Math.ceil(maps / MAPS_PER_TEAM);
}

/** Team t of an organisation of `maps` maps (the last team may be partial). */
export function planTeam(t: number, maps: number): PlannedTeam {
	const caseloads = t % 2 === 0 ? CASELOADS_13 : CASELOADS_12;
	// Professionals numbered across teams: 13 + 12 per two teams.
	const firstPro = Math.floor(t / 2) * 25 + (t % 2) * 13;
	const professionals = caseloads.map((_, k) => user('professional', 'up', firstPro + k, 'professional'));
	const reviewer = user('reviewer', 'ur', t, 'reviewer');
	const owner: number[] = caseloads.flatMap((count, k) => Array.from({ length: count }, () => k));
	const first = t * MAPS_PER_TEAM;
	const teamMaps: PlannedMap[] = [];
	for (let j = 0; j < MAPS_PER_TEAM && first + j < maps; j++) {
		const i = first + j;
		// Spread each professional's maps over the team's list rather than in one run.
		const professional = professionals[owner[(j * 48) % MAPS_PER_TEAM]];
		const youth = user('youth', 'uy', i, 'youth');
		teamMaps.push({
			index: i,
			id: recordId('mp', i),
			team: t,
			youthName: `${FIRST[(i * 5) % FIRST.length]} ${i + 1}`,
			professional,
			youth: { ...youth, name: `${FIRST[(i * 5) % FIRST.length]} ${i + 1}` },
			second: i % 2 === 0 ? user('jim', 'uj', i, 'jim') : user('parent', 'ua', i, 'parent')
		});
	}
	return { index: t, id: recordId('tm', t), name: `Team ${t + 1}`, reviewer, professionals, maps: teamMaps };
}

/** The whole organisation of `maps` maps. */
export function planOrganisation(maps: number): PlannedTeam[] {
	return Array.from({ length: teamCount(maps) }, (_, t) => planTeam(t, maps));
}

export function countsOf(teams: PlannedTeam[]) {
	const maps = teams.reduce((n, t) => n + t.maps.length, 0);
	return {
		teams: teams.length,
		professionals: teams.reduce((n, t) => n + t.professionals.length, 0),
		reviewers: teams.length,
		youths: maps,
		jims: teams.reduce((n, t) => n + t.maps.filter((m) => m.second.kind === 'jim').length, 0),
		parents: teams.reduce((n, t) => n + t.maps.filter((m) => m.second.kind === 'parent').length, 0),
		maps
	};
}
