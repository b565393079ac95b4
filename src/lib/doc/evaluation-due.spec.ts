import { describe, expect, it } from 'vitest';
import { evaluationDue } from './evaluation-due.ts';

const plan = (startOn: string | null, everyWeeks: number | null, nextOn: string | null = null) => ({ startOn, everyWeeks, nextOn });

describe('evaluationDue', () => {
	it('counts the rhythm from the last evaluation moment', () => {
		expect(evaluationDue(plan('2026-01-05', 6), '2026-03-02', '2026-03-10')).toEqual({ on: '2026-04-13', daysLate: 0 });
	});

	it('is late once that day has passed, by whole days', () => {
		expect(evaluationDue(plan('2026-01-05', 6), '2026-03-02', '2026-04-16')).toEqual({ on: '2026-04-13', daysLate: 3 });
		expect(evaluationDue(plan('2026-01-05', 6), '2026-03-02', '2026-04-13')).toEqual({ on: '2026-04-13', daysLate: 0 });
	});

	it('counts from the start of the plan before the first evaluation moment', () => {
		expect(evaluationDue(plan('2026-01-05', 8), null, '2026-01-20')).toEqual({ on: '2026-03-02', daysLate: 0 });
	});

	it('takes a date set by hand after the last evaluation moment, even a past one', () => {
		expect(evaluationDue(plan('2026-01-05', 8, '2026-02-10'), '2026-01-20', '2026-02-15')).toEqual({ on: '2026-02-10', daysLate: 5 });
		expect(evaluationDue(plan(null, null, '2026-02-10'), null, '2026-02-01')).toEqual({ on: '2026-02-10', daysLate: 0 });
	});

	it('forgets a date set by hand once an evaluation moment was kept on or after it', () => {
		expect(evaluationDue(plan('2026-01-05', 4, '2026-02-10'), '2026-02-10', '2026-02-15')).toEqual({ on: '2026-03-10', daysLate: 0 });
	});

	it('uses eight weeks when the plan has no rhythm, and has no date without a start or an evaluation', () => {
		expect(evaluationDue(plan(null, null), '2026-01-01', '2026-01-02').on).toBe('2026-02-26');
		expect(evaluationDue(plan(null, 8), null, '2026-01-02')).toEqual({ on: null, daysLate: 0 });
		expect(evaluationDue(null, null, '2026-01-02')).toEqual({ on: null, daysLate: 0 });
	});

	it('crosses the change to summer time without losing a day', () => {
		expect(evaluationDue(plan('2026-03-01', 1), null, '2026-03-30')).toEqual({ on: '2026-03-08', daysLate: 22 });
	});
});
