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

/** One line of the access log in words: "Fatima (hulpverlener) opende de kaart". */
export function accessLine(row: { name: string; role: string; action: string; detail?: string }): string {
	const words: Record<string, (v: { name: string; role: string; detail: string }) => string> = {
		view: m.access_log_view,
		print: m.access_log_print,
		evaluation: m.access_log_evaluation,
		restore: m.access_log_restore,
		erase: m.access_log_erase,
		history: m.access_log_history,
		export: m.access_log_export,
		'export-log': m.access_log_export_log,
		close: m.access_log_close,
		'remove-member': (v) => m.access_log_remove_member({ ...v, detail: removedWords(v.detail) })
	};
	return (words[row.action] ?? m.access_log_view)({ name: row.name || '?', role: roleName(row.role), detail: row.detail ?? '' });
}

/** "parent: Anja" (as the server notes who was removed) in words: "Anja (ouder)". */
function removedWords(detail: string): string {
	const at = detail.indexOf(': ');
	return at < 0 ? detail : `${detail.slice(at + 2)} (${roleName(detail.slice(0, at))})`;
}
