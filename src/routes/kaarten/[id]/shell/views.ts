/** The map page's views: the JIM's own ("Voor jou"), the circle, the list and the support plan. */
export type View = 'jim' | 'canvas' | 'list' | 'plan';

/** How each view is named in the address (?weergave=…), so a reload opens the same one. */
export const VIEW_SLUGS: Record<View, string> = { jim: 'voor-jou', canvas: 'cirkel', list: 'lijst', plan: 'steunplan' };

/** The view an address asks for, if this user has it. */
export function viewFromSlug(slug: string | null, views: readonly View[]): View | null {
	return views.find((v) => VIEW_SLUGS[v] === slug) ?? null;
}
