/** The mark for "kan misschien helpen" (a possible JIM): text, so it never depends on colour. */
export const JIM_MARK = '☆';

/** Longer names are cut by us, not by Cytoscape, so the ☆ after a long name is never cut off. */
const LABEL_MAX = 16;

/** A person's label on the canvas: the name, and ☆ after it for a JIM candidate. */
export function personLabel(name: string, jimCandidate: boolean): string {
	const chars = Array.from(name.trim());
	const short = chars.length > LABEL_MAX ? `${chars.slice(0, LABEL_MAX - 1).join('')}…` : chars.join('');
	return jimCandidate ? `${short} ${JIM_MARK}` : short;
}
