import { DEFAULT_EVERY_WEEKS, type PlanJson } from '../../lib/doc/plan.ts';

/**
 * When the team should evaluate a youth next, and whether that day has passed.
 *
 * The plan's own page asks "which evaluation date is ahead of us?" (nextEvaluation in
 * $lib/doc/plan.ts, which never answers with a past date). The team asks "is this youth evaluated
 * in time?", so the count starts at the last evaluation moment that was kept:
 *   - a date set by hand (nextOn) after the last evaluation moment is the date;
 *   - else the plan's rhythm from the last evaluation moment (every `everyWeeks` weeks);
 *   - with no evaluation moment yet, the rhythm from the plan's start;
 *   - no start and no evaluation moment: no date.
 * Days are YYYY-MM-DD; comparing them as text compares them as dates.
 */
export interface EvaluationDue {
	/** The day the next evaluation is (or was) due; null when the plan has no dates yet. */
	on: string | null;
	/** Days past that day; 0 when it is today or still ahead. */
	daysLate: number;
}

type PlanDates = Pick<PlanJson, 'startOn' | 'nextOn'> & { everyWeeks: number | null };

const DAY_MS = 24 * 60 * 60 * 1000;
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function addDays(day: string, days: number): string {
	const d = new Date(`${day}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

export function evaluationDue(plan: PlanDates | null, lastEvaluation: string | null, today: string): EvaluationDue {
	const last = isDay(lastEvaluation) ? lastEvaluation : null;
	const weeks = plan?.everyWeeks && Number.isInteger(plan.everyWeeks) && plan.everyWeeks >= 1 ? plan.everyWeeks : DEFAULT_EVERY_WEEKS;
	const nextOn = plan?.nextOn;
	const startOn = plan?.startOn;
	let on: string | null = null;
	if (isDay(nextOn) && (last === null || nextOn > last)) on = nextOn;
	else if (last !== null) on = addDays(last, weeks * 7);
	else if (isDay(startOn)) on = addDays(startOn, weeks * 7);
	return { on, daysLate: on !== null && on < today ? daysBetween(on, today) : 0 };
}
