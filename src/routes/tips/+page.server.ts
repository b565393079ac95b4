import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { deleteTip, myTips, publishedTips, SEARCH_MAX, type TipsPage } from '$lib/server/tips';
import { ownMemberships } from '$lib/server/memberships';
import { failUnavailable, isOutage, unlessOutage } from '$lib/server/outage';
import { isTipTheme } from '$lib/tips';
import type { Actions, PageServerLoad } from './$types';

/**
 * "Wat zou JIM doen?": every professional of every team reads published JIM-tips by theme and
 * words; whoever offered tips sees their own and may withdraw them.
 */
export const load = (async ({ locals, url }) => {
	const pb = locals.pb;
	const own = await ownMemberships(pb, locals.user!.id).catch(unlessOutage(() => null));
	const isProfessional = !!own?.teams.some((row) => row.role === 'professional');

	const rawTheme = url.searchParams.get('onderwerp') ?? '';
	const rawQ = (url.searchParams.get('zoek') ?? '').trim();
	const page = Math.max(1, Math.min(1000, Math.trunc(Number(url.searchParams.get('pagina'))) || 1));
	const problems: string[] = [];
	const theme = isTipTheme(rawTheme) ? rawTheme : null;
	if (rawTheme && !theme) problems.push(m.tips_theme_not_known());
	let q = rawQ;
	if (Array.from(q).length > SEARCH_MAX) {
		problems.push(m.tips_q_too_long({ max: SEARCH_MAX }));
		q = Array.from(q).slice(0, SEARCH_MAX).join('');
	}

	const [tips, mine] = await Promise.all([
		isProfessional
			? publishedTips(pb, { theme, q, page }).catch(
					unlessOutage((): TipsPage | null => {
						problems.push(m.tips_load_failed());
						return null;
					})
				)
			: null,
		myTips(pb).catch(unlessOutage(() => []))
	]);
	return { isProfessional, filter: { theme: theme ?? '', q }, problems, tips, mine };
}) satisfies PageServerLoad;

export const actions = {
	withdraw: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		try {
			// The delete rule: the JIM who offered it withdraws it, at any time.
			await deleteTip(locals.pb, id);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({});
			return fail(404, { message: m.tips_withdraw_failed() });
		}
		return { done: m.tips_withdrawn() };
	}
} satisfies Actions;
