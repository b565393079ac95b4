/**
 * Takes every name out of a text before it leaves the map (a JIM-tip for other families): the
 * youth's name, and each name and each part of a name of the people on the map, matched whole
 * (not inside a longer word), in any case, with a possessive ("Sams", "Nora's") too.
 * Words that say how someone is related (tante, oma, trainer …) stay: they are not names, and a
 * tip needs them ("een oudere broer").
 */

export const NAME_MARK = '[naam]';

/** Relation words and titles that are part of names on maps but say nothing about who. */
const NOT_NAMES = new Set(
	[
		'oma', 'opa', 'tante', 'oom', 'moeder', 'vader', 'mama', 'papa', 'mam', 'pap', 'broer', 'broertje', 'zus', 'zusje',
		'neef', 'nicht', 'buurman', 'buurvrouw', 'buren', 'trainer', 'coach', 'juf', 'meester', 'mentor', 'dokter', 'huisarts',
		'de', 'het', 'een', 'van', 'der', 'den', 'ter', 'ten', 'te', 'en', 'op', 'in', 'la', 'le', 'el', 'al', 'mevrouw', 'meneer',
		'mijn', 'z’n', "z'n", 'haar', 'zijn', 'school', 'stiefvader', 'stiefmoeder', 'pleegmoeder', 'pleegvader', 'vriend', 'vriendin',
		// Small words and roles in descriptions used as names ("Baas bij de bakker", "Vriend van de club").
		'bij', 'aan', 'uit', 'met', 'voor', 'na', 'om', 'baas', 'club', 'beste', 'grote', 'kleine', 'oudere', 'jongere',
		'klasgenoot', 'klasgenote', 'teamgenoot', 'collega', 'docent', 'leraar', 'lerares', 'jongerenwerker', 'werker',
		'wijkagent', 'psycholoog', 'stiefbroer', 'stiefzus', 'halfbroer', 'halfzus', 'buurjongen', 'buurmeisje'
	].map((w) => w.toLocaleLowerCase('nl'))
);

const LETTER = '\\p{L}\\p{M}\\p{N}';

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The names to remove: whole names and their parts of two or more letters, longest first. */
export function namesToRemove(names: readonly string[]): string[] {
	const out = new Set<string>();
	for (const raw of names) {
		const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
		if (!name) continue;
		const parts = name.split(/[\s\-‐–—.,/()]+/u).filter(Boolean);
		const meaningful = parts.filter((p) => Array.from(p).length >= 2 && !NOT_NAMES.has(p.toLocaleLowerCase('nl')));
		// The whole name once, when it has no relation word to keep ("Jean-Luc" → one mark).
		if (meaningful.length > 0 && meaningful.length === parts.length) out.add(name);
		for (const part of meaningful) out.add(part);
	}
	return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The text with every name replaced by NAME_MARK; also reports which names it found, each once
 * and spelled as on the map ("mo" and "MO" in the text are "Mo").
 */
export function scrubNames(text: string, names: readonly string[]): { text: string; removed: string[] } {
	const list = namesToRemove(names);
	if (list.length === 0) return { text, removed: [] };
	const spelled = new Map(list.map((name) => [name.toLocaleLowerCase('nl'), name]));
	// Whole words only: not preceded or followed by a letter; a possessive s or 's may follow.
	const pattern = new RegExp(`(?<![${LETTER}])(${list.map(escape).join('|')})(?:['’]?s)?(?![${LETTER}])`, 'giu');
	const removed = new Set<string>();
	const scrubbed = text.normalize('NFC').replace(pattern, (_match, name: string) => {
		removed.add(spelled.get(name.toLocaleLowerCase('nl')) ?? name);
		return NAME_MARK;
	});
	return { text: scrubbed, removed: [...removed] };
}
