import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import { m } from '$lib/paraglide/messages.js';
import { roleOnMap } from '$lib/roles';
import { mapAccess } from '$lib/server/invitations';
import { failUnavailable, isOutage, unlessOutage } from '$lib/server/outage';
import { deleteTip, knownNames, offerTip, publishTip, tipsOfMap, type TipInput } from '$lib/server/tips';
import { tipProblemMessage } from '$lib/i18n/tip-labels';
import { checkTipInput, namesLeft, type TipTheme } from '$lib/tips';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/**
 * A map's JIM-tips: its professional checks what the JIM offered and publishes it, or removes it;
 * the JIM sees what they offered from here. The JIM's offer form (on the plan's questions) posts
 * to the `offer` action.
 */
export const load = (async ({ locals, params }) => {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(params.id, { fields: 'id,youth_name' })
		.catch(unlessOutage(() => error(404, m.map_not_found())));
	const youthName = map.youth_name;
	const access = await mapAccess(pb, map.id).catch(unlessOutage(() => null));
	const viewer = roleOnMap((access?.members ?? []).filter((member) => member.you).map((member) => member.role));
	const tips = viewer === 'professional' || viewer === 'jim' ? await tipsOfMap(pb, map.id).catch(unlessOutage(() => [])) : [];
	// The professional's page checks the words against these and, live, against the map's own names.
	const names = viewer === 'professional' ? await knownNames(pb, map.id, youthName) : [];
	return { map: { id: map.id, youthName }, viewer, tips, names };
}) satisfies PageServerLoad;

/** A question's id in the map's document (a uuid). */
const QUESTION_ID = /^[0-9a-f-]{36}$/;

/** The tip fields of a form, trimmed, or why they are refused. */
async function readTip(request: Request): Promise<{ id: string; input: TipInput; published: boolean; message?: string }> {
	const form = await request.formData();
	const questionId = String(form.get('question_id') ?? '');
	const input: TipInput = {
		text: String(form.get('text') ?? '').trim(),
		theme: String(form.get('theme') ?? '') as TipTheme,
		relation: String(form.get('relation') ?? '').trim(),
		question: String(form.get('question') ?? '').trim(),
		...(QUESTION_ID.test(questionId) ? { question_id: questionId } : {})
	};
	const id = String(form.get('id') ?? '');
	const problem = checkTipInput(input);
	return { id, input, published: form.get('published') === '1', message: problem && tipProblemMessage(problem) };
}

/** Names of the map the server knows that are still in the tip: a clear message, or null. */
async function namesMessage(event: RequestEvent, input: TipInput): Promise<string | null> {
	const map = await event.locals.pb
		.collection('maps')
		.getOne(event.params.id, { fields: 'youth_name' })
		.catch((e) => {
			if (isOutage(e)) throw e;
			return null;
		});
	if (!map) return null;
	const left = namesLeft(input, await knownNames(event.locals.pb, event.params.id, map.youth_name));
	return left.length ? m.tips_names_left({ names: left.join(', ') }) : null;
}

export const actions = {
	offer: async (event) => {
		const tip = await readTip(event.request);
		if (tip.message) return fail(400, { action: 'offer' as const, message: tip.message });
		try {
			// The browser took every name on the map out already; this catches a name typed back in.
			const names = await namesMessage(event, tip.input);
			if (names) return fail(400, { action: 'offer' as const, message: names });
			await offerTip(event.locals.pb, event.params.id, tip.input);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ action: 'offer' as const, ...tip.input });
			if (e instanceof ClientResponseError && (e.status === 403 || e.status === 401)) {
				return fail(403, { action: 'offer' as const, message: m.tips_offer_not_allowed() });
			}
			// This answer went out as a tip already (from another tab or device): say so, offer nothing twice.
			if (e instanceof ClientResponseError && e.status === 409)
				return fail(409, { action: 'offer' as const, message: m.tips_offer_already(), already: true });
			return fail(400, { action: 'offer' as const, message: m.tips_failed() });
		}
		return { action: 'offer' as const, done: m.tips_offer_sent() };
	},

	publish: async (event) => {
		const tip = await readTip(event.request);
		if (tip.message) return fail(400, { action: 'publish' as const, id: tip.id, ...tip.input, message: tip.message });
		try {
			const names = await namesMessage(event, tip.input);
			if (names) return fail(400, { action: 'publish' as const, id: tip.id, ...tip.input, message: names });
			// The update rule lets only the map's professional do this; PocketBase stamps who and when.
			await publishTip(event.locals.pb, tip.id, tip.input);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ action: 'publish' as const, id: tip.id, ...tip.input });
			return fail(404, { action: 'publish' as const, id: tip.id, ...tip.input, message: m.tips_publish_failed() });
		}
		return { action: 'publish' as const, done: tip.published ? m.tips_saved() : m.tips_published() };
	},

	remove: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		try {
			await deleteTip(locals.pb, id);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ action: 'remove' as const });
			return fail(404, { action: 'remove' as const, message: m.tips_remove_failed() });
		}
		return { action: 'remove' as const, done: m.tips_removed() };
	}
} satisfies Actions;
