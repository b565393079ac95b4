/** The mark for "kan misschien helpen" (a possible JIM): text, so it never depends on colour. */
export const JIM_MARK = '☆';

/** Longer names are cut by us, not by Cytoscape, so the ☆ after a long name is never cut off. */
const LABEL_MAX = 16;

/**
 * A person's label on the canvas: the name, ☆ after it for a JIM candidate, and for the chosen
 * JIM (or backup) a second line with that word, so the JIM stands out without colour.
 */
export function personLabel(name: string, jimCandidate: boolean, badge?: string): string {
	const chars = Array.from(name.trim());
	const short = chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : chars.join('');
	const first = jimCandidate && !badge ? `${short} ${JIM_MARK}` : short;
	return badge ? `${first}\n${badge}` : first;
}
