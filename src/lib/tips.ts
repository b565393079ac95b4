import { NAME_MARK, scrubNames } from './doc/scrub.ts';

/**
 * JIM-tips ("Wat zou JIM doen?"): the limits and themes of PocketBase's jim_tips collection
 * (server/pocketbase/migrations/1764500000_jim_tips.go), and how a JIM's answer becomes a tip
 * without names. Shared by the forms in the browser and their server actions.
 */

export const TIP_THEMES = [
	'school',
	'werk',
	'geld',
	'ruzie-thuis',
	'vrienden',
	'online',
	'gezondheid',
	'politie',
	'wonen',
	'vrije-tijd',
	'anders'
] as const;
export type TipTheme = (typeof TIP_THEMES)[number];

export const TIP_TEXT_MAX = 1000;
export const TIP_RELATION_MAX = 40;
/** The question a tip answers, as stored beside it (1764960000_tip_question.go). */
export const TIP_QUESTION_MAX = 1000;
/** The longest search on the "Wat zou JIM doen?" page. */
export const SEARCH_MAX = 100;

export function isTipTheme(value: unknown): value is TipTheme {
	return typeof value === 'string' && (TIP_THEMES as readonly string[]).includes(value);
}

/** The text with every one of `names` taken out, and which names were found. */
export function scrubTip(text: string, names: readonly string[]): { text: string; removed: string[] } {
	return scrubNames(text.trim(), names);
}

/** The names from `names` still in a tip's words, its relation or its question, each once. */
export function namesLeft(input: { text: string; relation: string; question?: string }, names: readonly string[]): string[] {
	const fields = [input.text, input.relation, input.question ?? ''];
	return [...new Set(fields.flatMap((field) => scrubTip(field, names).removed))];
}

/** Words that already say "a" or "my": "mijn tante" becomes "een tante", "de buurman" stays. */
const ARTICLE = /^(een|de|het|mijn|m'n|z'n|zijn|haar)\s+/iu;

/**
 * How the JIM is related to the youth, as a published tip says it: "tante" → "een tante",
 * "Oudere broer" → "een oudere broer". Names are left out entirely (a relation with a mark in it
 * reads badly), and the result fits the collection's limit.
 */
export function relationPhrase(relation: string, names: readonly string[] = []): string {
	const scrubbed = scrubNames(relation, names).text.split(NAME_MARK).join(' ');
	let words = scrubbed.replace(/\s+/g, ' ').trim();
	if (!words) return '';
	const article = ARTICLE.exec(words);
	if (article && /^(mijn|m'n|z'n|zijn|haar)$/iu.test(article[1])) words = words.slice(article[0].length);
	else if (article) return clip(lowerFirst(words));
	return clip(`een ${lowerFirst(words)}`);
}

function lowerFirst(words: string): string {
	return words.charAt(0).toLocaleLowerCase('nl') + words.slice(1);
}

function clip(words: string): string {
	return Array.from(words).slice(0, TIP_RELATION_MAX).join('').trim();
}

export type TipProblem = 'text-missing' | 'text-too-long' | 'theme-unknown' | 'relation-too-long' | 'question-too-long';

/** What a tip form refuses, before PocketBase does: undefined when the tip may be sent. */
export function checkTipInput(input: { text: string; theme: string; relation: string; question?: string }): TipProblem | undefined {
	if (!input.text.trim()) return 'text-missing';
	if (Array.from(input.text.trim()).length > TIP_TEXT_MAX) return 'text-too-long';
	if (!isTipTheme(input.theme)) return 'theme-unknown';
	if (Array.from(input.relation.trim()).length > TIP_RELATION_MAX) return 'relation-too-long';
	if (Array.from((input.question ?? '').trim()).length > TIP_QUESTION_MAX) return 'question-too-long';
	return undefined;
}
