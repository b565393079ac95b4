import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { acceptInvitation, checkCode, isWellFormedCode, normalizeCode, type AcceptResult } from '$lib/server/invitations';
import type { Actions, PageServerLoad } from './$types';

const PASSWORD_MIN = 10;

/** What the page shows about an open invitation; echoed back by the accept form for display only. */
interface OpenInvitation {
	role: string;
	youthName: string;
	invitedBy: string;
	expiresAt: string;
}

/** Why a code cannot be used; the page words each one. */
type Refusal = 'missing' | 'malformed' | 'unknown' | 'used' | 'expired' | 'revoked' | 'too-many';

const STATUS: Record<Refusal, number> = {
	missing: 400,
	malformed: 400,
	unknown: 404,
	used: 410,
	expired: 410,
	revoked: 410,
	'too-many': 429
};

const refuse = (typed: string, state: Refusal) => fail(STATUS[state], { typed, state });

function echoedInvitation(raw: FormDataEntryValue | null): OpenInvitation | null {
	try {
		const value = JSON.parse(String(raw ?? ''));
		const fields = ['role', 'youthName', 'invitedBy', 'expiresAt'] as const;
		if (!value || fields.some((f) => typeof value[f] !== 'string')) return null;
		return Object.fromEntries(fields.map((f) => [f, value[f].slice(0, 200)])) as unknown as OpenInvitation;
	} catch {
		return null;
	}
}

export const load = (({ locals }) => ({ email: locals.user?.email ?? null })) satisfies PageServerLoad;

export const actions = {
	check: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		const typed = String(form.get('code') ?? '').slice(0, 64);
		const code = normalizeCode(typed);
		if (!code) return refuse(typed, 'missing');
		if (!isWellFormedCode(code)) return refuse(typed, 'malformed');
		const result = await checkCode(locals.pb, code, getClientAddress()).catch(() => null);
		if (!result) return fail(503, { typed, message: m.login_unavailable() });
		if (result.state !== 'open') return refuse(typed, result.state);
		const invitation: OpenInvitation = {
			role: result.role,
			youthName: result.youth_name,
			invitedBy: result.invited_by_name,
			expiresAt: result.expires_at
		};
		return { typed, state: 'open' as const, invitation };
	},

	accept: async ({ request, locals, getClientAddress }) => {
		const form = await request.formData();
		const typed = String(form.get('code') ?? '').slice(0, 64);
		const code = normalizeCode(typed);
		if (!isWellFormedCode(code)) return refuse(typed, 'malformed');
		const invitation = echoedInvitation(form.get('invitation'));
		const name = String(form.get('name') ?? '')
			.trim()
			.slice(0, 120);
		const email = String(form.get('email') ?? '')
			.trim()
			.slice(0, 254);
		const password = String(form.get('password') ?? '').slice(0, 256);
		const passwordConfirm = String(form.get('passwordConfirm') ?? '').slice(0, 256);
		// Back to the same form, with what was typed (never the passwords).
		const again = (status: number, message: string) => fail(status, { typed, state: 'open' as const, invitation, name, email, message });

		if (!locals.user) {
			if (!name) return again(400, m.join_name_missing());
			if (!email) return again(400, m.join_email_missing());
			if (password.length < PASSWORD_MIN) return again(400, m.join_password_short());
			if (password !== passwordConfirm) return again(400, m.join_password_mismatch());
		}
		let result: AcceptResult;
		try {
			// Logged in: PocketBase adds this account; otherwise it creates the account first.
			const input = locals.user ? { code } : { code, name, email, password, passwordConfirm };
			result = await acceptInvitation(locals.pb, input, getClientAddress());
		} catch {
			return again(503, m.login_unavailable());
		}
		if (!result.ok) {
			switch (result.reason) {
				case 'already-member':
					return fail(409, {
						typed,
						state: 'open' as const,
						invitation,
						name,
						email,
						message: m.join_already_member(),
						alreadyMember: true
					});
				case 'email-taken':
					return again(400, m.join_email_taken());
				case 'invalid':
					return again(400, m.join_failed());
				default:
					return refuse(typed, result.reason);
			}
		}
		if (!locals.user) {
			// The auth hook writes the session cookie for this login.
			const loggedIn = await locals.pb
				.collection('users')
				.authWithPassword(result.email || email, password)
				.then(() => true)
				.catch(() => false);
			if (!loggedIn) redirect(303, `/login?next=${encodeURIComponent(`/kaarten/${result.map}`)}`);
		}
		redirect(303, `/kaarten/${result.map}`);
	}
} satisfies Actions;
