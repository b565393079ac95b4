import { dayName } from '$lib/i18n/labels';
import { m } from '$lib/paraglide/messages.js';
import type { VersionView } from './versions';

/** "12 maart 2025": the day a version belongs to, with the time when another version shares that day. */
export const versionDay = (v: VersionView) => (v.time ? m.timeline_day_time({ date: dayName(v.day), time: v.time }) : dayName(v.day));

/** How a version is named in a list of them: its day, number and whether it is an evaluation moment. */
export function versionOption(v: VersionView, n: number): string {
	const say = v.kind === 'evaluation' ? m.timeline_compare_option_evaluation : m.timeline_compare_option;
	return say({ date: versionDay(v), n });
}

/** What a screen reader hears for the timeline's slider. */
export function stepText(v: VersionView, n: number, total: number): string {
	const say = v.kind === 'evaluation' ? m.timeline_step_text_evaluation : m.timeline_step_text;
	return say({ n, total, date: versionDay(v) });
}

/** The marker an evaluation moment carries next to its word, so it stands out without colour. */
export const EVALUATION_MARK = '◆';
