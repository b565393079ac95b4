import { error, fail } from '@sveltejs/kit';
import { ClientResponseError } from 'pocketbase';
import QRCode from 'qrcode';
import { m } from '$lib/paraglide/messages.js';
import { roleOnMap, type MapRole } from '$lib/roles';
import { roleName } from '$lib/components/access-words';
import { INVITE_LABEL_MAX } from '$lib/doc/records';
import {
	createInvitation,
	formatCode,
	invitableRoles,
	listInvitations,
	mapAccess,
	mayRemove,
	revokeInvitation,
	type InvitationRow
} from '$lib/server/invitations';
import { failUnavailable, isOutage, unlessOutage } from '$lib/server/outage';
import type { Actions, PageServerLoad } from './$types';

// As the server's limit (hooks/invitations.go maxLabel, maxPerson).
const PERSON_ID = /^[A-Za-z0-9_-]{1,40}$/;
const ROLES: readonly string[] = ['youth', 'professional', 'jim', 'parent'];

export const load = (async ({ locals, params, url }) => {
	const pb = locals.pb;
	// The view rule decides: a map that does not exist and one you may not see look the same.
	const map = await pb
		.collection('maps')
		.getOne(params.id, { fields: 'id,youth_name,youth_birthdate,closed_at' })
		.catch(unlessOutage(() => error(404, m.map_not_found())));
	const access = await mapAccess(pb, map.id).catch(unlessOutage(() => error(404, m.map_not_found())));
	const viewer = roleOnMap(access.members.filter((member) => member.you).map((member) => member.role));
	const canInvite = viewer === 'professional' || viewer === 'youth';
	const invitations: InvitationRow[] = canInvite ? await listInvitations(pb, map.id).catch(() => []) : [];
	const invitable = invitableRoles(viewer, map.youth_birthdate);
	const reviewers = access.team?.reviewers;
	return {
		map: { id: map.id, youthName: map.youth_name, closed: Boolean(map.closed_at) },
		viewer,
		members: access.members.map((member) => ({ ...member, removable: mayRemove(viewer, member) })),
		team: access.team ? { name: access.team.name, reviewers: Array.isArray(reviewers) ? reviewers.length : Number(reviewers ?? 0) } : null,
		invitable,
		// The youth under 16 (or without a known birth date) is told why parents are not on the list.
		parentLater: viewer === 'youth' && !invitable.includes('parent'),
		invitations,
		preset: presetFrom(url.searchParams, invitable),
		// The youth (it is their file) and their professional see who opened the map.
		accessLog: viewer === 'youth' || viewer === 'professional' ? await accessLog(pb, map.id, url.searchParams) : null
	};
}) satisfies PageServerLoad;

const LOG_PAGE = 50;

/** One page of who opened the map, newest first (the access_log rules decide who may read it); null when it cannot be read. */
async function accessLog(pb: App.Locals['pb'], mapId: string, query: URLSearchParams) {
	const asked = Number(query.get('inzage') ?? '1');
	const page = Number.isInteger(asked) && asked >= 1 && asked <= 10_000 ? asked : 1;
	try {
		const list = await pb.collection('access_log').getList(page, LOG_PAGE, {
			filter: pb.filter('map = {:map}', { map: mapId }),
			sort: '-created',
			fields: 'id,user_name,role,action,detail,created'
		});
		return {
			page: list.page,
			pages: Math.max(1, list.totalPages),
			items: list.items.map((row) => ({
				id: row.id,
				name: String(row.user_name ?? ''),
				role: String(row.role ?? ''),
				action: String(row.action ?? ''),
				detail: String(row.detail ?? ''),
				at: String(row.created ?? '')
			}))
		};
	} catch {
		return { page, pages: 1, items: [], unavailable: true };
	}
}

/** From the JIM panel's link: the role to invite for and which person on the map it is (an id, never a name). */
function presetFrom(query: URLSearchParams, invitable: string[]): { role?: string; person?: string } {
	const role = query.get('rol') ?? '';
	const person = query.get('persoon') ?? '';
	if (!invitable.includes(role)) return {};
	return { role, person: PERSON_ID.test(person) ? person : undefined };
}

export const actions = {
	invite: async ({ request, locals, params, url }) => {
		const form = await request.formData();
		const role = String(form.get('role') ?? '');
		const label = String(form.get('label') ?? '').trim();
		const personField = String(form.get('person') ?? '');
		const person = PERSON_ID.test(personField) ? personField : undefined;
		if (!label) return fail(400, { action: 'invite' as const, role, label, message: m.invite_label_missing() });
		if (label.length > INVITE_LABEL_MAX) return fail(400, { action: 'invite' as const, role, label, message: m.invite_label_too_long() });
		if (!ROLES.includes(role)) return fail(400, { action: 'invite' as const, role, label, message: m.invite_failed() });
		let created;
		try {
			created = await createInvitation(locals.pb, params.id, { role: role as MapRole, label, person });
		} catch (e) {
			const status = e instanceof ClientResponseError ? e.status : 0;
			// Each invitation can mint an account, so PocketBase lets one user make only so many an hour.
			if (status === 429) return fail(429, { action: 'invite' as const, role, label, message: m.invite_too_many() });
			if (isOutage(e)) return failUnavailable({ action: 'invite' as const, role, label });
			const refused = status === 403 || status === 404;
			const message = refused ? m.invite_not_allowed({ role: roleName(role) }) : m.invite_failed();
			return fail(refused ? 403 : 400, { action: 'invite' as const, role, label, message });
		}
		// The code goes in the fragment: a browser never sends that part of a link to a server.
		const link = `${url.origin}/uitnodiging#${created.code}`;
		const qrSvg = await QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
		return {
			action: 'invite' as const,
			invited: {
				code: formatCode(created.code),
				link,
				qrSvg,
				expiresAt: created.expires_at,
				role: created.role || role,
				label: created.label || label
			}
		};
	},

	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const label = String(form.get('label') ?? '');
		try {
			await revokeInvitation(locals.pb, id);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ action: 'revoke' as const });
			return fail(409, { action: 'revoke' as const, message: m.invitation_revoke_failed() });
		}
		return { action: 'revoke' as const, done: m.invitation_revoked({ label }) };
	},

	remove: async ({ request, locals }) => {
		const form = await request.formData();
		const id = String(form.get('id') ?? '');
		const name = String(form.get('name') ?? '');
		try {
			// map_members' delete rule decides who may remove whom.
			await locals.pb.collection('map_members').delete(id);
		} catch (e) {
			if (isOutage(e)) return failUnavailable({ action: 'remove' as const });
			return fail(403, { action: 'remove' as const, message: m.who_remove_failed() });
		}
		return { action: 'remove' as const, done: m.who_removed({ name }) };
	}
} satisfies Actions;
