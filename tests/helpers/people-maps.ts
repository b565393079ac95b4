import type { Ring, Sector } from '../../src/lib/doc/schema.ts';
import { seededRandom } from '../../server/launch/seeded-random.ts';

/** A person of a generated map: a name as people write them, and a place in the circle. */
export interface GeneratedPerson {
	name: string;
	sector: Sector;
	ring: Ring;
	angle: number;
}

const NAMES: Record<Sector, string[]> = {
	familie: [
		'Oma',
		'Opa Jan',
		'Mama',
		'Papa',
		'Tante Nora',
		'Oom Hendrik-Jan',
		'Neef Daan',
		'Nicht Fleur',
		'Zus Lotte',
		'Broer Youssef',
		'Stiefvader Mark',
		'Oma Aaltje van Dijk',
		'Tante Samira',
		'Opa Kees',
		'Halfbroer Milan'
	],
	vrienden: [
		'Jesse',
		'Noor',
		'Beste vriend Amir',
		'Lisa',
		'Buurjongen Finn',
		'Trainer Mo',
		'Buurvrouw Anneke',
		'Vriendin Sara',
		'Teamgenoot Luuk',
		'Gamevriend Sem',
		'Ilse',
		'Bram de Boer'
	],
	school: [
		'Meneer Visser',
		'Juf Sanne',
		'Mentor mevrouw El Amrani',
		'Stagebegeleider Tom',
		'Klasgenoot Jayden',
		'Baas bij de Jumbo',
		'Conciërge Henk',
		'Docent gym',
		'Zorgcoördinator',
		'Collega Eva'
	],
	hulpverleners: [
		'Dokter Jansen (huisarts)',
		'Coach Fatima',
		'Psycholoog Ruben',
		'Wijkagent',
		'Jeugdconsulent Karin',
		'Tandarts',
		'Begeleider Wonen',
		'Logopedist'
	]
};

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
	let r = rnd() * weighted.reduce((s, [, w]) => s + w, 0);
	for (const [v, w] of weighted) if ((r -= w) < 0) return v;
	return weighted[weighted.length - 1][0];
}

/**
 * A map of `count` people spread over the circle as real maps are: most family and friends,
 * fewer professionals, fewest in the innermost ring; names of mixed length, some long.
 */
export function generatedPeople(count: number, seed = count): GeneratedPerson[] {
	const rnd = seededRandom(seed);
	const used = new Map<string, number>();
	return Array.from({ length: count }, () => {
		const sector = pick<Sector>(rnd, [
			['familie', 35],
			['vrienden', 25],
			['school', 25],
			['hulpverleners', 15]
		]);
		const ring = pick<Ring>(rnd, [
			[1, 15],
			[2, 30],
			[3, 30],
			[4, 25]
		]);
		const names = NAMES[sector];
		let name = names[Math.floor(rnd() * names.length)];
		const n = (used.get(name) ?? 0) + 1;
		used.set(name, n);
		if (n > 1) name = `${name} ${n}`;
		return { name, sector, ring, angle: rnd() };
	});
}
