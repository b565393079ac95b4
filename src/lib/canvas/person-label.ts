/** The mark for "kan misschien helpen" (a possible JIM): text, so it never depends on colour. */
export const JIM_MARK = '☆';

/** Longer names are cut by us, not by Cytoscape, so the ☆ after a long name is never cut off. */
const LABEL_MAX = 16;

/**
 * A person's label on the canvas: the name, ☆ after it for a JIM candidate, and a second line
 * with the word for the chosen JIM (or backup) and the count of open agreements ("2 afspraken"),
 * so both stand out without colour.
 */
export function personLabel(name: string, jimCandidate: boolean, badge?: string, agreements?: string): string {
	const chars = Array.from(name.trim());
	const short = chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : chars.join('');
	const first = jimCandidate && !badge ? `${short} ${JIM_MARK}` : short;
	const second = [badge, agreements].filter(Boolean).join(' · ');
	return second ? `${first}\n${second}` : first;
}
