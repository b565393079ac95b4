/** An element, or a collection of one (an empty one is left alone). */
interface Classed {
	hasClass(cls: string): boolean;
	toggleClass(cls: string, on: boolean): unknown;
}

/**
 * Gives an element a class or takes it away, only when that changes anything. Cytoscape's own
 * addClass and removeClass restyle the element even when it already had (or lacked) the class,
 * and a person's restyle restyles their ties: taking 'peer' from every person on each redraw
 * restyled a whole 200-person map for each person added.
 */
export function setClass(ele: Classed, cls: string, on: boolean): void {
	if (ele.hasClass(cls) !== on) ele.toggleClass(cls, on);
}
