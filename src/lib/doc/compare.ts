import { CENTRE, type MapJson, type Person, type Ring, type Sector, type Tie, type TieQuality } from './schema.ts';
import { isJimEntry, jimState, type ConsentSubject, type JimState, type JimStatus } from './jim.ts';
import type { AgreementStatus, Domain, PlanJson } from './plan.ts';
import { normalizeProjection } from './diff.ts';

/**
 * What changed between two versions of a map, as a list a team reads at an evaluation moment and
 * the circle marks. Pure and deterministic: the same two projections give the same list, whatever
 * order their arrays come in. Every change carries the names it needs, so describing it needs
 * nothing else.
 */

/** A person as a change names them: the name in the newer version where there is one. */
export interface PersonRef {
	id: string;
	name: string;
}

export type Change =
	| { kind: 'person-new'; person: PersonRef; sector: Sector | null; ring: Ring | null }
	| { kind: 'person-gone'; person: PersonRef; sector: Sector | null; ring: Ring | null }
	/** From the tray (named, not placed) onto the circle, and back. */
	| { kind: 'person-placed'; person: PersonRef; sector: Sector; ring: Ring }
	| { kind: 'person-unplaced'; person: PersonRef; sector: Sector; ring: Ring }
	/** Ring 1 is the closest. */
	| { kind: 'person-closer'; person: PersonRef; from: Ring; to: Ring }
	| { kind: 'person-further'; person: PersonRef; from: Ring; to: Ring }
	| { kind: 'person-sector'; person: PersonRef; from: Sector; to: Sector }
	| { kind: 'person-renamed'; person: PersonRef; from: string }
	/** other null: the tie is with the youth. */
	| { kind: 'tie-new'; tieId: string; person: PersonRef; other: PersonRef | null; quality: TieQuality }
	| { kind: 'tie-gone'; tieId: string; person: PersonRef; other: PersonRef | null; quality: TieQuality }
	| { kind: 'tie-quality'; tieId: string; person: PersonRef; other: PersonRef | null; from: TieQuality; to: TieQuality }
	| { kind: 'jim-chosen'; person: PersonRef }
	| { kind: 'jim-unchosen'; person: PersonRef }
	| { kind: 'jim-reserve-chosen'; person: PersonRef }
	| { kind: 'jim-reserve-unchosen'; person: PersonRef }
	/** The person's last recorded step; null: no step recorded (only when going back in time). */
	| { kind: 'jim-status'; person: PersonRef; from: JimStatus | null; to: JimStatus | null }
	/** given null: no consent of this subject on record (only when going back in time). */
	| { kind: 'jim-consent'; subject: ConsentSubject; givenBy: string; from: boolean | null; to: boolean | null }
	| { kind: 'goal-new'; goalId: string; domain: Domain; text: string }
	| { kind: 'goal-gone'; goalId: string; domain: Domain; text: string }
	| { kind: 'agreement-new'; agreementId: string; what: string; status: AgreementStatus }
	| { kind: 'agreement-gone'; agreementId: string; what: string; status: AgreementStatus }
	| { kind: 'agreement-status'; agreementId: string; what: string; from: AgreementStatus; to: AgreementStatus };

export type ChangeKind = Change['kind'];

/** The order of the list: people first, then ties, the JIM, the plan; within a kind, map order. */
export const CHANGE_KINDS = [
	'person-new',
	'person-placed',
	'person-closer',
	'person-further',
	'person-sector',
	'person-unplaced',
	'person-gone',
	'person-renamed',
	'tie-new',
	'tie-quality',
	'tie-gone',
	'jim-chosen',
	'jim-reserve-chosen',
	'jim-status',
	'jim-consent',
	'jim-unchosen',
	'jim-reserve-unchosen',
	'goal-new',
	'goal-gone',
	'agreement-new',
	'agreement-status',
	'agreement-gone'
] as const satisfies readonly ChangeKind[];

export type ChangeGroup = 'people' | 'ties' | 'jim' | 'plan';

/** Which part of the map a change is about, for headings in a list. */
export function groupOf(change: Change): ChangeGroup {
	const k = change.kind;
	if (k.startsWith('person-')) return 'people';
	if (k.startsWith('tie-')) return 'ties';
	if (k.startsWith('jim-')) return 'jim';
	return 'plan';
}

const byCreated = <T extends { id: string; createdAt: number }>(a: T, b: T) => a.createdAt - b.createdAt || cmp(a.id, b.id);
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Side {
	people: Map<string, Person>;
	ties: Map<string, Tie>;
	jim: JimState;
	plan: PlanJson | undefined;
}

function sideOf(map: MapJson): Side {
	const n = normalizeProjection(map);
	const people = new Map([...n.people].sort(byCreated).map((p) => [p.id, p]));
	const present = (end: string) => end === CENTRE || people.has(end);
	// A tie to someone not on the map is not part of the map (older or hand-made projections).
	const ties = [...n.ties].filter((t) => t.from !== t.to && present(t.from) && present(t.to)).sort((a, b) => cmp(a.id, b.id));
	return { people, ties: new Map(ties.map((t) => [t.id, t])), jim: jimState((map.jim ?? []).filter(isJimEntry)), plan: map.plan };
}

/** The ordered list of what changed from `before` to `after`; [] when nothing did. */
export function compareMaps(before: MapJson, after: MapJson): Change[] {
	const a = sideOf(before);
	const b = sideOf(after);
	const changes: Change[] = [];
	const ref = (id: string, fallback = ''): PersonRef => ({ id, name: b.people.get(id)?.name ?? a.people.get(id)?.name ?? fallback });

	for (const now of b.people.values()) {
		const was = a.people.get(now.id);
		const person = ref(now.id);
		if (!was) {
			changes.push({ kind: 'person-new', person, sector: now.sector, ring: now.ring });
			continue;
		}
		if (was.name !== now.name) changes.push({ kind: 'person-renamed', person, from: was.name });
		const placedBefore = was.sector !== null && was.ring !== null;
		const placedNow = now.sector !== null && now.ring !== null;
		if (!placedBefore && placedNow) changes.push({ kind: 'person-placed', person, sector: now.sector!, ring: now.ring! });
		if (placedBefore && !placedNow) changes.push({ kind: 'person-unplaced', person, sector: was.sector!, ring: was.ring! });
		if (placedBefore && placedNow) {
			if (now.ring! < was.ring!) changes.push({ kind: 'person-closer', person, from: was.ring!, to: now.ring! });
			if (now.ring! > was.ring!) changes.push({ kind: 'person-further', person, from: was.ring!, to: now.ring! });
			if (now.sector !== was.sector) changes.push({ kind: 'person-sector', person, from: was.sector!, to: now.sector! });
		}
	}
	for (const was of a.people.values()) {
		if (!b.people.has(was.id)) changes.push({ kind: 'person-gone', person: ref(was.id), sector: was.sector, ring: was.ring });
	}

	const tieIds = [...new Set([...a.ties.keys(), ...b.ties.keys()])].sort(cmp);
	for (const id of tieIds) {
		const was = a.ties.get(id);
		const now = b.ties.get(id);
		const tie = (now ?? was)!;
		const youth = tie.from === CENTRE || tie.to === CENTRE;
		const ends = youth
			? { person: ref(tie.from === CENTRE ? tie.to : tie.from), other: null }
			: { person: ref(tie.from), other: ref(tie.to) };
		if (!was) changes.push({ kind: 'tie-new', tieId: id, ...ends, quality: now!.quality });
		else if (!now) changes.push({ kind: 'tie-gone', tieId: id, ...ends, quality: was.quality });
		else if (was.quality !== now.quality) changes.push({ kind: 'tie-quality', tieId: id, ...ends, from: was.quality, to: now.quality });
	}

	compareJim(a.jim, b.jim, ref, changes);
	comparePlan(a.plan, b.plan, changes);

	const rank = new Map<ChangeKind, number>(CHANGE_KINDS.map((k, i) => [k, i]));
	// Array sort is stable, so within a kind the map's own order stays.
	return changes.sort((x, y) => rank.get(x.kind)! - rank.get(y.kind)!);
}

function compareJim(a: JimState, b: JimState, ref: (id: string, fallback?: string) => PersonRef, changes: Change[]): void {
	if (a.jim?.personId !== b.jim?.personId) {
		if (b.jim) changes.push({ kind: 'jim-chosen', person: ref(b.jim.personId, b.jim.personName) });
		if (a.jim) changes.push({ kind: 'jim-unchosen', person: ref(a.jim.personId, a.jim.personName) });
	}
	if (a.reserve?.personId !== b.reserve?.personId) {
		if (b.reserve) changes.push({ kind: 'jim-reserve-chosen', person: ref(b.reserve.personId, b.reserve.personName) });
		if (a.reserve) changes.push({ kind: 'jim-reserve-unchosen', person: ref(a.reserve.personId, a.reserve.personName) });
	}
	// Only recorded steps count: being picked (status 'kandidaat' by default) is the choice above.
	const names = new Map<string, string>();
	for (const s of [a, b]) for (const p of [s.jim, s.reserve]) if (p) names.set(p.personId, p.personName);
	const ids = [...new Set([...a.steps.keys(), ...b.steps.keys()])].sort(cmp);
	for (const id of ids) {
		const from = a.steps.get(id)?.at(-1)?.status ?? null;
		const to = b.steps.get(id)?.at(-1)?.status ?? null;
		if (from !== to) changes.push({ kind: 'jim-status', person: ref(id, names.get(id) ?? ''), from, to });
	}
	for (const subject of ['jongere', 'ouders'] as const) {
		const was = a.consent[subject];
		const now = b.consent[subject];
		if ((was?.given ?? null) === (now?.given ?? null) && was?.givenBy === now?.givenBy) continue;
		changes.push({ kind: 'jim-consent', subject, givenBy: (now ?? was)!.givenBy, from: was?.given ?? null, to: now?.given ?? null });
	}
}

function comparePlan(a: PlanJson | undefined, b: PlanJson | undefined, changes: Change[]): void {
	const goalsA = new Map((a?.goals ?? []).map((g) => [g.id, g]));
	const goalsB = new Map((b?.goals ?? []).map((g) => [g.id, g]));
	for (const g of [...goalsB.values()].sort(byCreated)) {
		if (!goalsA.has(g.id)) changes.push({ kind: 'goal-new', goalId: g.id, domain: g.domain, text: g.text });
	}
	for (const g of [...goalsA.values()].sort(byCreated)) {
		if (!goalsB.has(g.id)) changes.push({ kind: 'goal-gone', goalId: g.id, domain: g.domain, text: g.text });
	}
	const agA = new Map((a?.agreements ?? []).map((x) => [x.id, x]));
	const agB = new Map((b?.agreements ?? []).map((x) => [x.id, x]));
	for (const now of [...agB.values()].sort(byCreated)) {
		const was = agA.get(now.id);
		if (!was) changes.push({ kind: 'agreement-new', agreementId: now.id, what: now.what, status: now.status });
		else if (was.status !== now.status) {
			changes.push({ kind: 'agreement-status', agreementId: now.id, what: now.what, from: was.status, to: now.status });
		}
	}
	for (const was of [...agA.values()].sort(byCreated)) {
		if (!agB.has(was.id)) changes.push({ kind: 'agreement-gone', agreementId: was.id, what: was.what, status: was.status });
	}
}

/**
 * The mark a person gets on the circle, drawn as a shape or word and never by colour alone.
 * 'moved': to another sector in the same ring. A person placed from the tray is 'new' on the
 * circle, one taken off it 'gone'.
 */
export const PERSON_MARKS = ['new', 'gone', 'closer', 'further', 'moved', 'tie-changed'] as const;
export type PersonMark = (typeof PERSON_MARKS)[number];

const MARK_OF: Partial<Record<ChangeKind, PersonMark>> = {
	'person-new': 'new',
	'person-placed': 'new',
	'person-gone': 'gone',
	'person-unplaced': 'gone',
	'person-closer': 'closer',
	'person-further': 'further',
	'person-sector': 'moved'
};

/**
 * Per person id, the one mark to show: the first of PERSON_MARKS that applies. Both people at the
 * ends of a changed tie get 'tie-changed' unless something bigger happened to them. Renames and JIM
 * or plan changes mark nobody (the list says them).
 */
export function changeMarks(changes: readonly Change[]): Record<string, PersonMark> {
	const marks: Record<string, PersonMark> = {};
	const give = (id: string, mark: PersonMark) => {
		const had = marks[id];
		if (!had || PERSON_MARKS.indexOf(mark) < PERSON_MARKS.indexOf(had)) marks[id] = mark;
	};
	for (const c of changes) {
		const mark = MARK_OF[c.kind];
		if (mark && 'person' in c) give(c.person.id, mark);
		if (c.kind === 'tie-new' || c.kind === 'tie-gone' || c.kind === 'tie-quality') {
			give(c.person.id, 'tie-changed');
			if (c.other) give(c.other.id, 'tie-changed');
		}
	}
	return marks;
}
