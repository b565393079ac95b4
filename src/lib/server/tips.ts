import type { TypedPocketBase } from '$lib/pocketbase-types';
import { isTipTheme, SEARCH_MAX, type TipTheme } from '$lib/tips';

export { SEARCH_MAX };
import { mapAccess } from './invitations';

/**
 * JIM-tips through PocketBase, always as the requesting user (`locals.pb`): the jim_tips API
 * rules decide who sees and changes what. A tip's map and who offered it are hidden fields, so
 * offering and the per-map and own lists go through the /api/kring tip routes
 * (server/pocketbase/hooks/tips.go).
 */

export interface TipRow {
	id: string;
	text: string;
	theme: TipTheme;
	relation: string;
	status: 'offered' | 'published';
	created: string;
	published_at: string;
	/** The question it answers, without names ('' for tips from before questions were kept). */
	question: string;
	/** That question's id in the map's document: one tip per question. */
	question_id: string;
	/** Whether the requesting user offered it. */
	mine: boolean;
}

export interface PublishedTip {
	id: string;
	text: string;
	theme: TipTheme;
	relation: string;
	published_at: string;
	question: string;
}

export interface TipInput {
	text: string;
	theme: TipTheme;
	relation: string;
	question?: string;
	/** Only when offering: which question of the map the tip answers. */
	question_id?: string;
}

const json = (body: object) => ({ method: 'POST', body });

export function offerTip(pb: TypedPocketBase, map: string, input: TipInput) {
	return pb.send<TipRow>(`/api/kring/maps/${encodeURIComponent(map)}/tips`, json(input));
}

function known(rows: TipRow[]): TipRow[] {
	return rows.filter((row) => isTipTheme(row.theme));
}

/** The tips of this map: all of them for its professional, the caller's own for anyone else. */
export async function tipsOfMap(pb: TypedPocketBase, map: string): Promise<TipRow[]> {
	const res = await pb.send<{ items: TipRow[] }>(`/api/kring/maps/${encodeURIComponent(map)}/tips`, { method: 'GET' });
	return known(res.items ?? []);
}

/** Every tip the caller offered, on any map. */
export async function myTips(pb: TypedPocketBase): Promise<TipRow[]> {
	const res = await pb.send<{ items: TipRow[] }>('/api/kring/tips/mine', { method: 'GET' });
	return known(res.items ?? []);
}

export function publishTip(pb: TypedPocketBase, id: string, input: TipInput) {
	return pb.collection('jim_tips').update(id, { ...input, status: 'published' });
}

export function deleteTip(pb: TypedPocketBase, id: string) {
	return pb.collection('jim_tips').delete(id);
}

const SEARCH_WORDS_MAX = 8;
export const PAGE_SIZE = 20;

/** One page of the tips search. */
export interface TipsPage {
	items: PublishedTip[];
	page: number;
	/** The place of the page's first tip in the whole result (1 on the first page). */
	first: number;
	/** Another page follows. */
	hasNext: boolean;
}

/**
 * Published tips, newest first, for a professional: of one theme, and holding every word of
 * `q` in the text or the relation. User input only ever reaches the filter as a parameter.
 *
 * Nothing counts every match: a count reads every published tip of the organisation. The page
 * is read newest first along an index and stops early (migration 1765300000), so the search
 * costs the same with 100 tips or 10,000. The first page reads one tip more, to know whether a
 * next page follows; a later page assumes one follows when it is full (a last page that is just
 * full leads to an empty page that says so). Not a second request for that one tip: PocketBase
 * slows down empty filtered lists (up to 500 ms) once a client had three in three seconds.
 */
export async function publishedTips(
	pb: TypedPocketBase,
	{ theme, q, page }: { theme: TipTheme | null; q: string; page: number }
): Promise<TipsPage> {
	const { filter, sort } = tipsSearch(pb, { theme, q });
	const perPage = page === 1 ? PAGE_SIZE + 1 : PAGE_SIZE;
	const list = await pb
		.collection('jim_tips')
		.getList(page, perPage, { filter, sort, skipTotal: true, fields: 'id,text,theme,relation,published_at,question' });
	return {
		items: list.items.slice(0, PAGE_SIZE).filter((t) => isTipTheme(t.theme)) as unknown as PublishedTip[],
		page,
		first: (page - 1) * PAGE_SIZE + 1,
		hasNext: page === 1 ? list.items.length > PAGE_SIZE : list.items.length === PAGE_SIZE
	};
}

/** The tips search's filter and order (bench/org/http.ts times the same query). */
function tipsSearch(pb: TypedPocketBase, { theme, q }: { theme: TipTheme | null; q: string }): { filter: string; sort: string } {
	const params: Record<string, string> = {};
	const parts = ['status = "published"'];
	if (theme) {
		parts.push('theme = {:theme}');
		params.theme = theme;
	}
	q.split(/\s+/u)
		.filter(Boolean)
		.slice(0, SEARCH_WORDS_MAX)
		.forEach((word, i) => {
			parts.push(`(text ~ {:w${i}} || relation ~ {:w${i}})`);
			params[`w${i}`] = word;
		});
	return { filter: pb.filter(parts.join(' && '), params), sort: '-published_at,-created' };
}

/**
 * The names the server can see for a map: the youth's and every member's (and who invited
 * them). The names of people on the circle live only in the live document, which the browser
 * scrubs; this is the server's second look, not the gate: the professional's check is.
 */
export async function knownNames(pb: TypedPocketBase, map: string, youthName: string): Promise<string[]> {
	const access = await mapAccess(pb, map).catch(() => null);
	const names = [youthName];
	for (const member of access?.members ?? []) names.push(member.name, member.invited_by_name);
	return names.filter(Boolean);
}
