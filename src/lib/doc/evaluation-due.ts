import { addDays, daysBetween, isDay, today } from './days.ts';

/** Teams evaluate every 6 to 8 weeks; a plan starts with 8. */
export const DEFAULT_EVERY_WEEKS = 8;

/** A plan's evaluation dates, as the document holds them or as the dashboard reads them from a version. */
export interface PlanDates {
	startOn: string | null;
	everyWeeks: number | null;
	nextOn: string | null;
}

export interface EvaluationDue {
	/** The day the next evaluation is (or was) due; null when the plan has no dates yet. */
	on: string | null;
	/** Days past that day; 0 when it is today or still ahead. */
	daysLate: number;
}

/**
 * When the next evaluation is due, and whether that day has passed. The plan's page and the
 * team's dashboard ask the same question, so both answer it here:
 *   - a date set by hand (nextOn) after the last evaluation held is the date;
 *   - else one rhythm (every `everyWeeks` weeks) after the last evaluation held;
 *   - with none held yet, one rhythm after the plan's start;
 *   - no start and none held: no date.
 */
export function evaluationDue(plan: PlanDates | null, lastHeldOn: string | null, on = today()): EvaluationDue {
	const last = isDay(lastHeldOn) ? lastHeldOn : null;
	const weeks = plan?.everyWeeks && Number.isInteger(plan.everyWeeks) && plan.everyWeeks >= 1 ? plan.everyWeeks : DEFAULT_EVERY_WEEKS;
	const nextOn = plan?.nextOn;
	const startOn = plan?.startOn;
	let due: string | null = null;
	if (isDay(nextOn) && (last === null || nextOn > last)) due = nextOn;
	else if (last !== null) due = addDays(last, weeks * 7);
	else if (isDay(startOn)) due = addDays(startOn, weeks * 7);
	return { on: due, daysLate: due !== null && due < on ? daysBetween(due, on) : 0 };
}
