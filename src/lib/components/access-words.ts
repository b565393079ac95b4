import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';

/** Words for map roles and invitation states (PocketBase stores stable keys). */
export function roleName(role: string): string {
	const names: Record<string, () => string> = {
		youth: m.role_youth,
		professional: m.role_professional,
		jim: m.role_jim,
		parent: m.role_parent,
		reviewer: m.role_reviewer
	};
	return (names[role] ?? (() => role))();
}

export function invitationStateName(state: string): string {
	const names: Record<string, () => string> = {
		open: m.invitation_state_open,
		used: m.invitation_state_used,
		expired: m.invitation_state_expired,
		revoked: m.invitation_state_revoked
	};
	return (names[state] ?? (() => state))();
}

/** A PocketBase date ("2026-11-25 05:49:56.123Z") as a date in words; empty when unset. */
export function formatDate(value: string | null | undefined): string {
	if (!value) return '';
	const date = new Date(value.replace(' ', 'T'));
	if (Number.isNaN(date.getTime())) return '';
	return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'long' }).format(date);
}
