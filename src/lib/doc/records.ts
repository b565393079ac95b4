/**
 * Each record of a map defined once: one table per record type, a field per key with its kind,
 * default and limit (fields.ts). From these tables come the record types (Person, Tie), reading
 * and writing a record, what an update may change, the history's slimmed copy, the forms'
 * maxlength, the export's import check and the sync server's write guard (write-rules.ts).
 *
 * Adding a field to a person is one line here, its words in the messages, and its place in the
 * person panel.
 */
import { choice, fixed, flag, fraction, id, keysOf, keysWith, note, options, rules, text, time, type RecordOf } from './fields.ts';

/** The four life areas of the netwerkcirkel, in drawing order (clockwise from the top left). */
export const SECTORS = ['familie', 'vrienden', 'school', 'hulpverleners'] as const;
export type Sector = (typeof SECTORS)[number];

/** Closeness rings from the centre outwards: 1 = heel dichtbij … 4 = bekend maar ver weg. */
export const RINGS = [1, 2, 3, 4] as const;
export type Ring = (typeof RINGS)[number];

/** Kinds of support (steun), after the Dutch social-support scale, in display order. */
export const SUPPORT_KINDS = ['emotioneel', 'praktisch', 'informatie', 'gezelschap', 'waardering'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];

export const CONTACT_FREQUENCIES = ['dagelijks', 'wekelijks', 'maandelijks', 'paar-keer-per-jaar'] as const;
export type ContactFrequency = (typeof CONTACT_FREQUENCIES)[number];

export const KNOWN_FOR = ['minder-dan-jaar', 'een-tot-vijf-jaar', 'meer-dan-vijf-jaar'] as const;
export type KnownFor = (typeof KNOWN_FOR)[number];

/**
 * Support kinds are flat keys on the person's own Y.Map ("support.emotioneel": true, absent when
 * off) rather than a nested Y.Map or Y.Array: each kind merges on its own under concurrent toggles,
 * and a person from schema 1 needs no nested map created lazily, which two clients could race to
 * create (the loser's toggles would vanish).
 */
export function supportKey(kind: SupportKind): string {
	return `support.${kind}`;
}

/** Hartman's line kinds: solid/bold, dashed, jagged, cut. */
export const TIE_QUALITIES = ['sterk', 'zwak', 'gespannen', 'verbroken'] as const;
export type TieQuality = (typeof TIE_QUALITIES)[number];

/** Which way support flows, seen from the youth. Between two other people only 'beide' or 'geen'. */
export const TIE_SUPPORT = ['naar-jongere', 'van-jongere', 'beide', 'geen'] as const;
export type TieSupport = (typeof TIE_SUPPORT)[number];

/** The support plan's life domains (plan.ts). */
export const DOMAINS = ['thuis', 'school-werk', 'vrienden', 'gezondheid', 'geld', 'vrije-tijd'] as const;
export type Domain = (typeof DOMAINS)[number];

export const AGREEMENT_STATUSES = ['afgesproken', 'bezig', 'gelukt', 'niet-gelukt'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A name on the map: a person's, a JIM's in the JIM record. The canvas has little room. */
export const NAME_MAX = 60;
/** A name in the JIM record (the person chosen, who chose, who gave consent): a name on the map. */
export const JIM_TEXT_MAX = NAME_MAX;
/** The youth's name: the map record's youth_name (PocketBase, 80) and the centre of the map. */
export const YOUTH_NAME_MAX = 80;
/** An account's name, as PocketBase takes it when an invitation makes an account (invitations.go maxName). */
export const ACCOUNT_NAME_MAX = 80;
/** Whom an invitation is for, in the inviter's words (invitations.go maxLabel). */
export const INVITE_LABEL_MAX = 60;
/** What a person is to the youth, in the youth's words. */
export const RELATION_MAX = 60;
export const NOTE_MAX = 500;
/** A goal's or an agreement's text. */
export const TEXT_MAX = 300;

/** A person on the netwerkcirkel, in the order their fields are read, shown and compared. */
export const PERSON_FIELDS = {
	id: id({ history: true }),
	name: text(NAME_MAX, { required: true, create: true, edit: true, history: true }),
	relation: text(RELATION_MAX, { edit: true, history: true }),
	/** null while the person waits in the tray (named but not placed yet). */
	sector: choice(SECTORS, null, { history: true }),
	ring: choice(RINGS, null, { history: true }),
	/** 0..1 within the sector, so people in one slot do not overlap. */
	angle: fraction({ history: true }),
	createdAt: time({ history: true }),
	/** In SUPPORT_KINDS order, no duplicates. */
	support: options(SUPPORT_KINDS, supportKey, { edit: true, sparse: true }),
	contact: choice(CONTACT_FREQUENCIES, null, { edit: true, sparse: true }),
	knownFor: choice(KNOWN_FOR, null, { edit: true, sparse: true }),
	/** Since when the youth knows them, in their own words ("2019", "sinds groep 5"). */
	knownSince: text(40, { edit: true, sparse: true, optional: true }),
	/** "Kan misschien helpen": a possible JIM. */
	jimCandidate: flag({ edit: true, sparse: true, history: true }),
	note: note(NOTE_MAX, { edit: true, sparse: true })
} as const;

export type Person = RecordOf<typeof PERSON_FIELDS>;
/** The person's keys in their Y.Map (support's own keys: supportKey). */
export const PERSON = keysOf(PERSON_FIELDS);

/** What updatePerson may change, in table order. Place (sector, ring, angle) goes through placePerson. */
export const PERSON_EDIT_KEYS = keysWith(PERSON_FIELDS, 'edit');
/** What the history page reads of a person (no support, contact, how long known, notes). */
export const PERSON_HISTORY_KEYS = keysWith(PERSON_FIELDS, 'history');

export const TIE_FIELDS = {
	/** Deterministic from the ends (tieId), so concurrent creators converge on one tie. */
	id: id(),
	/** CENTRE for the youth's own tie; between two people the smaller id. */
	from: id({ create: true }),
	to: id({ create: true }),
	/** A new tie is a plain line (Hartman's ordinary connection) without arrows until someone says more. */
	quality: choice(TIE_QUALITIES, 'sterk', { edit: true }),
	support: choice(TIE_SUPPORT, 'geen', { edit: true }),
	createdAt: time()
} as const;

export type Tie = RecordOf<typeof TIE_FIELDS>;
export const TIE = keysOf(TIE_FIELDS);

/** The map's own values (meta); the server's keys (schemaVersion, erasedAt) are its own. */
export const META_FIELDS = {
	centreName: text(YOUTH_NAME_MAX)
} as const;

/** Who wrote a goal, asked or answered a question: an account as it signs in the map (accountName). */
export interface Author {
	userId: string;
	name: string;
	role: string;
}

export function isAuthor(v: unknown): v is Author {
	if (!v || typeof v !== 'object') return false;
	const a = v as Record<string, unknown>;
	return typeof a.userId === 'string' && typeof a.name === 'string' && typeof a.role === 'string';
}

const author = <const O extends object>(options: O) => fixed<Author | null, O>(null, isAuthor, rules.signedByWriter, options);
const goalRef = () => fixed('', (v) => typeof v === 'string', rules.idOrEmpty, {});

/**
 * The support plan's records as stored (plan.ts reads them into Goal, Agreement and Question):
 * what a member may write, and the limits the forms keep.
 */
export const GOAL_FIELDS = {
	domain: choice(DOMAINS, DOMAINS[0]),
	text: text(TEXT_MAX, { required: true }),
	writtenBy: author({ create: true }),
	createdAt: time()
} as const;

export const AGREEMENT_FIELDS = {
	what: text(TEXT_MAX, { required: true }),
	/** "", youth, jim, professional, or person:<id>. */
	who: fixed('', (v) => typeof v === 'string', rules.carrier, {}),
	/** A day, or "" for none. */
	due: fixed('', (v) => typeof v === 'string', rules.dayOrEmpty, {}),
	status: choice(AGREEMENT_STATUSES, 'afgesproken'),
	goalId: goalRef(),
	createdAt: time()
} as const;

export const QUESTION_FIELDS = {
	text: note(NOTE_MAX, { required: true }),
	goalId: goalRef(),
	askedBy: author({ create: true }),
	askedAt: time(),
	answer: note(NOTE_MAX),
	answeredBy: author({}),
	answeredAt: time()
} as const;
