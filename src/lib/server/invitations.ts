import type { TypedPocketBase } from '$lib/pocketbase-types';
import { ClientResponseError } from 'pocketbase';
import type { MapRole } from '$lib/roles';

/**
 * The web side of PocketBase's /api/kring invitation and access routes (server/pocketbase/hooks).
 * Every call goes out as the requesting user through their own `locals.pb`.
 */

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 13;

/** What someone typed, as the server stores it: upper case, no spaces or dashes. */
export function normalizeCode(typed: string): string {
	return typed.toUpperCase().replace(/[\s-]+/g, '');
}

export function isWellFormedCode(code: string): boolean {
	return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
}

/** XXXX-XXXX-XXXXX: short groups are easier to read aloud and to type over. */
export function formatCode(code: string): string {
	return [code.slice(0, 4), code.slice(4, 8), code.slice(8)].filter(Boolean).join('-');
}

export type InvitationState = 'open' | 'used' | 'expired' | 'revoked';

export interface CreatedInvitation {
	id: string;
	code: string;
	expires_at: string;
	role: MapRole;
	label: string;
}

export interface InvitationRow {
	id: string;
	role: MapRole;
	label: string;
	person: string;
	created_by_name: string;
	created: string;
	expires_at: string;
	state: InvitationState;
	used_at: string;
	used_by_name: string;
	revoked_at: string;
}

export interface AccessMember {
	id: string;
	name: string;
	role: MapRole;
	since: string;
	invited_by_name: string;
	person: string;
	you: boolean;
}

export interface MapAccess {
	members: AccessMember[];
	team: { name: string; reviewers: number | unknown[] } | null;
}

export type CodeCheck =
	| { state: 'open'; role: MapRole; label: string; youth_name: string; invited_by_name: string; expires_at: string }
	| { state: 'used' | 'expired' | 'revoked' | 'unknown' | 'too-many' };

// The SDK sends an object body as JSON.
const post = (body?: object, headers?: Record<string, string>) => ({ method: 'POST', body, headers });

export function createInvitation(pb: TypedPocketBase, map: string, input: { role: MapRole; label: string; person?: string }) {
	return pb.send<CreatedInvitation>(`/api/kring/maps/${encodeURIComponent(map)}/invitations`, post(input));
}

export async function listInvitations(pb: TypedPocketBase, map: string): Promise<InvitationRow[]> {
	const res = await pb.send<{ items: InvitationRow[] }>(`/api/kring/maps/${encodeURIComponent(map)}/invitations`, { method: 'GET' });
	return res.items ?? [];
}

export function revokeInvitation(pb: TypedPocketBase, id: string) {
	return pb.send(`/api/kring/invitations/${encodeURIComponent(id)}/revoke`, post());
}

export function mapAccess(pb: TypedPocketBase, map: string) {
	return pb.send<MapAccess>(`/api/kring/maps/${encodeURIComponent(map)}/access`, { method: 'GET' });
}

/**
 * Whether a code can be used. The client's address travels along so that PocketBase's guess
 * limit counts per person, not per web server (it reads it only if it trusts this proxy).
 */
export async function checkCode(pb: TypedPocketBase, code: string, clientAddress: string): Promise<CodeCheck> {
	try {
		const res = await pb.send<CodeCheck>('/api/kring/invitations/check', post({ code }, { 'x-forwarded-for': clientAddress }));
		return res.state === 'open' ? res : { state: knownState(res.state) };
	} catch (e) {
		if (e instanceof ClientResponseError && e.status === 429) return { state: 'too-many' };
		if (e instanceof ClientResponseError && e.status === 404) return { state: 'unknown' };
		if (e instanceof ClientResponseError && e.status === 410) return { state: knownState(e.response?.state) };
		throw e;
	}
}

function knownState(state: unknown): 'used' | 'expired' | 'revoked' | 'unknown' {
	return state === 'used' || state === 'expired' || state === 'revoked' ? state : 'unknown';
}

/** 410 means the code existed but can no longer be used; without a reason, call it expired. */
function goneState(state: unknown): 'used' | 'expired' | 'revoked' {
	return state === 'used' || state === 'revoked' ? state : 'expired';
}

export interface AcceptInput {
	code: string;
	name?: string;
	email?: string;
	password?: string;
	passwordConfirm?: string;
}

export type AcceptResult =
	| { ok: true; map: string; role: MapRole; email: string }
	| { ok: false; reason: 'used' | 'expired' | 'revoked' | 'unknown' | 'too-many' | 'already-member' | 'email-taken' | 'invalid' };

export async function acceptInvitation(pb: TypedPocketBase, input: AcceptInput, clientAddress: string): Promise<AcceptResult> {
	try {
		const res = await pb.send<{ map: string; role: MapRole; email: string }>(
			'/api/kring/invitations/accept',
			post(input, { 'x-forwarded-for': clientAddress })
		);
		return { ok: true, ...res };
	} catch (e) {
		if (!(e instanceof ClientResponseError)) throw e;
		switch (e.status) {
			case 404:
				return { ok: false, reason: 'unknown' };
			case 409:
				return { ok: false, reason: 'already-member' };
			case 410:
				return { ok: false, reason: goneState(e.response?.state) };
			case 429:
				return { ok: false, reason: 'too-many' };
			case 400:
				return { ok: false, reason: emailTaken(e) ? 'email-taken' : 'invalid' };
			default:
				throw e;
		}
	}
}

/** PocketBase names a unique-email clash validation_not_unique; a hook may say so in its message. */
function emailTaken(e: ClientResponseError): boolean {
	const data = e.response?.data as Record<string, { code?: string }> | undefined;
	if (data?.email?.code) return data.email.code === 'validation_not_unique';
	const message = String(e.response?.message ?? '');
	return /e-?mail/i.test(message) && /(taken|exists|unique|in use|already)/i.test(message);
}

/** Whether someone born on this date (PocketBase date or YYYY-MM-DD) is 16 or older today. */
export function isSixteenOrOlder(birthdate: string | null | undefined, today = new Date()): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(birthdate ?? '');
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	const sixteenth = Date.UTC(year + 16, month - 1, day);
	return sixteenth <= Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
}

/**
 * The roles this viewer may hand out, as PocketBase decides them: the professional any role;
 * the youth a JIM, and parents too from 16. The server checks again; this only shapes the form.
 */
export function invitableRoles(viewer: string, youthBirthdate: string | null | undefined): MapRole[] {
	if (viewer === 'professional') return ['youth', 'jim', 'parent', 'professional'];
	if (viewer === 'youth') return isSixteenOrOlder(youthBirthdate) ? ['jim', 'parent'] : ['jim'];
	return [];
}

/** The professional removes anyone but themselves; the youth removes JIMs and parents. */
export function mayRemove(viewer: string, member: Pick<AccessMember, 'role' | 'you'>): boolean {
	if (member.you) return false;
	if (viewer === 'professional') return true;
	return viewer === 'youth' && (member.role === 'jim' || member.role === 'parent');
}
