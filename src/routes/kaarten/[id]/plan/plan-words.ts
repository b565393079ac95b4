import { m } from '$lib/paraglide/messages.js';
import { today, type JimState } from '$lib/doc/jim';
import { evaluationDue, type Carrier, type PlanJson } from '$lib/doc/plan';
import { dayName, lateWords } from '$lib/i18n/labels';
import type { Person } from '$lib/doc/schema';

/** A carrier as one string, for a <select>: '' is nobody, 'person:<id>' a person on the map. */
export function carrierKey(carrier: Carrier): string {
	if (carrier === null) return '';
	return carrier.kind === 'person' ? `person:${carrier.personId}` : carrier.kind;
}

export function carrierFrom(key: string): Carrier {
	if (key.startsWith('person:')) return { kind: 'person', personId: key.slice('person:'.length) };
	return key === 'youth' || key === 'jim' || key === 'professional' ? { kind: key } : null;
}

export interface WhoContext {
	people: readonly Person[];
	youthName: string;
	/** The name of the JIM the youth chose, if any. */
	jimName: string | null;
	/** Which person on the map that JIM is, if any. */
	jimPersonId: string | null;
}

/** Who is who around an agreement, from the map's content. */
export function whoContext(content: { people: readonly Person[]; jim: JimState }, youthName: string): WhoContext {
	return {
		people: content.people,
		youthName,
		jimName: content.jim.jim?.personName ?? null,
		jimPersonId: content.jim.jim?.personId ?? null
	};
}

/** Who carries an agreement, in words: "Oma", "Sam (de jongere)", "de JIM (Tante Nora)". */
export function carrierName(carrier: Carrier, ctx: WhoContext): string {
	if (carrier === null) return m.plan_who_nobody();
	switch (carrier.kind) {
		case 'person':
			return ctx.people.find((p) => p.id === carrier.personId)?.name ?? m.plan_who_gone();
		case 'youth':
			return m.plan_who_youth({ youth: ctx.youthName });
		case 'jim':
			return ctx.jimName ? m.plan_who_jim_named({ name: ctx.jimName }) : m.plan_who_jim();
		case 'professional':
			return m.plan_who_professional();
	}
}

/** The day of a moment (ms since 1970), for "gevraagd op 4 mei 2026". */
export function dayOf(ms: number): string {
	return today(new Date(ms));
}

/** "Volgende evaluatie: 4 mei 2026", with how late it is when that day has passed. */
export function nextEvaluationLine(plan: PlanJson, on = today()): string {
	const due = evaluationDue(plan, plan.lastHeldOn, on);
	if (!due.on) return m.plan_no_evaluation();
	const date = dayName(due.on);
	return due.daysLate > 0 ? m.plan_next_evaluation_late({ date, late: lateWords(due.daysLate) }) : m.plan_next_evaluation({ date });
}
