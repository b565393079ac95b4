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
		'oma',
		'opa',
		'tante',
		'oom',
		'moeder',
		'vader',
		'mama',
		'papa',
		'mam',
		'pap',
		'broer',
		'broertje',
		'zus',
		'zusje',
		'neef',
		'nicht',
		'buurman',
		'buurvrouw',
		'buren',
		'trainer',
		'coach',
		'juf',
		'meester',
		'mentor',
		'dokter',
		'huisarts',
		'de',
		'het',
		'een',
		'van',
		'der',
		'den',
		'ter',
		'ten',
		'te',
		'en',
		'op',
		'in',
		'la',
		'le',
		'el',
		'al',
		'mevrouw',
		'meneer',
		'mijn',
		'z’n',
		"z'n",
		'haar',
		'zijn',
		'school',
		'stiefvader',
		'stiefmoeder',
		'pleegmoeder',
		'pleegvader',
		'vriend',
		'vriendin',
		// Small words and roles in descriptions used as names ("Baas bij de bakker", "Vriend van de club").
		'bij',
		'aan',
		'uit',
		'met',
		'voor',
		'na',
		'om',
		'baas',
		'club',
		'beste',
		'grote',
		'kleine',
		'oudere',
		'jongere',
		'klasgenoot',
		'klasgenote',
		'teamgenoot',
		'collega',
		'docent',
		'leraar',
		'lerares',
		'jongerenwerker',
		'werker',
		'wijkagent',
		'psycholoog',
		'stiefbroer',
		'stiefzus',
		'halfbroer',
		'halfzus',
		'buurjongen',
		'buurmeisje'
	].map((w) => w.toLocaleLowerCase('nl'))
);

const LETTER = '\\p{L}\\p{M}\\p{N}';

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name's parts, and those of them that are removed (two or more letters, not a relation word). */
function partsOf(raw: string): { name: string; parts: string[]; meaningful: string[] } {
	const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
	const parts = name.split(/[\s\-‐–—.,/()]+/u).filter(Boolean);
	const meaningful = parts.filter((p) => Array.from(p).length >= 2 && !NOT_NAMES.has(p.toLocaleLowerCase('nl')));
	return { name, parts, meaningful };
}

/** The names to remove: whole names and their parts of two or more letters, longest first. */
export function namesToRemove(names: readonly string[]): string[] {
	const out = new Set<string>();
	for (const raw of names) {
		const { name, parts, meaningful } = partsOf(raw);
		if (!name) continue;
		// The whole name once, when it has no relation word to keep ("Jean-Luc" → one mark).
		if (meaningful.length > 0 && meaningful.length === parts.length) out.add(name);
		for (const part of meaningful) out.add(part);
	}
	return [...out].sort((a, b) => b.length - a.length);
}

/** The words of one name that scrubbing replaces wherever they stand ("Kees de Vries" → Kees, Vries). */
export function nameWords(name: string): string[] {
	return [...new Set(partsOf(name).meaningful)];
}

/**
 * Everyday words that are no names. A "name" made of them is a slip (a JIM who typed a sentence
 * into the name field): scrubbing it would take these words out of every text.
 */
const EVERYDAY_WORDS = new Set(
	[
		'ik',
		'je',
		'jij',
		'jou',
		'jouw',
		'u',
		'hij',
		'zij',
		'ze',
		'we',
		'wij',
		'jullie',
		'hun',
		'hem',
		'mij',
		'me',
		'ons',
		'onze',
		'wie',
		'wat',
		'is',
		'ben',
		'bent',
		'was',
		'waren',
		'wil',
		'wilt',
		'willen',
		'kan',
		'kun',
		'kunt',
		'moet',
		'mag',
		'zal',
		'zou',
		'heb',
		'hebt',
		'heeft',
		'had',
		'ga',
		'gaat',
		'gaan',
		'doe',
		'doet',
		'doen',
		'kom',
		'komt',
		'word',
		'wordt',
		'weet',
		'vind',
		'denk',
		'zeg',
		'zegt',
		'hoe',
		'waar',
		'dat',
		'dit',
		'die',
		'deze',
		'niet',
		'wel',
		'geen',
		'ook',
		'nog',
		'maar',
		'of',
		'als',
		'dan',
		'want',
		'dus',
		'tot',
		'naar',
		'door',
		'over',
		'onder',
		'zo',
		'er',
		'hier',
		'daar',
		'nu',
		'toen',
		'heel',
		'veel',
		'echt',
		'gewoon',
		'graag',
		'ja',
		'nee',
		'alles',
		'iets',
		'niets',
		'iemand',
		'niemand',
		'altijd',
		'nooit',
		'soms',
		'vaak',
		'goed',
		'slecht',
		'leuk',
		'moeilijk',
		'help',
		'hulp',
		'thuis',
		'morgen',
		'vandaag',
		'gisteren',
		'weer',
		'even',
		'meer',
		'minder',
		'andere',
		'anders',
		'omdat',
		'wanneer',
		'waarom',
		'the',
		'and',
		'you',
		'is',
		'not',
		'what',
		'this',
		'that'
	].map((w) => w.toLocaleLowerCase('nl'))
);

/**
 * Whether a name looks like one: it has a part that scrubbing would remove, and none of those
 * parts is an everyday word ("Kees" yes; "is wil school ik" no). Used to propose which older
 * names to scrub; the professional decides.
 */
export function looksLikeName(name: string): boolean {
	const words = nameWords(name);
	return words.length > 0 && !words.some((w) => EVERYDAY_WORDS.has(w.toLocaleLowerCase('nl')));
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
