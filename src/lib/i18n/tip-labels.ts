import { m } from '$lib/paraglide/messages.js';
import { TIP_QUESTION_MAX, TIP_RELATION_MAX, TIP_TEXT_MAX, type TipProblem, type TipTheme } from '$lib/tips';

/** A JIM-tip's theme in the current language (PocketBase stores the stable key). */
export function themeName(theme: TipTheme): string {
	return {
		school: m.tips_theme_school,
		werk: m.tips_theme_werk,
		geld: m.tips_theme_geld,
		'ruzie-thuis': m.tips_theme_ruzie_thuis,
		vrienden: m.tips_theme_vrienden,
		online: m.tips_theme_online,
		gezondheid: m.tips_theme_gezondheid,
		politie: m.tips_theme_politie,
		wonen: m.tips_theme_wonen,
		'vrije-tijd': m.tips_theme_vrije_tijd,
		anders: m.tips_theme_anders
	}[theme]();
}

/** Why a tip form was refused, in words. */
export function tipProblemMessage(problem: TipProblem): string {
	switch (problem) {
		case 'text-missing':
			return m.tips_text_missing();
		case 'text-too-long':
			return m.tips_text_too_long({ max: TIP_TEXT_MAX });
		case 'theme-unknown':
			return m.tips_theme_unknown();
		case 'relation-too-long':
			return m.tips_relation_too_long({ max: TIP_RELATION_MAX });
		case 'question-too-long':
			return m.tips_question_too_long({ max: TIP_QUESTION_MAX });
	}
}
