import {
	NAME_MAX,
	NOTE_MAX,
	RELATION_MAX,
	SUPPORT_KINDS,
	isContactFrequency,
	isKnownFor,
	isSupportKind,
	type ContactFrequency,
	type KnownFor,
	type SupportKind
} from './schema.ts';

/**
 * What a careless or hostile caller gets: which field, and why. Nothing was written.
 * 'missing': the field names a person who is not (or no longer) on the map.
 */
export class InvalidInputError extends Error {
	constructor(
		readonly field: string,
		readonly reason: 'required' | 'too-long' | 'invalid' | 'missing'
	) {
		super(`${field}: ${reason}`);
	}
}

export function cleanText(field: string, value: unknown, max: number, required: boolean): string {
	if (typeof value !== 'string') throw new InvalidInputError(field, 'invalid');
	// Collapse whitespace and strip control characters: names are shown on a small canvas.
	const clean = value
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (required && !clean) throw new InvalidInputError(field, 'required');
	if (clean.length > max) throw new InvalidInputError(field, 'too-long');
	return clean;
}

/** A note keeps its line breaks (it is read in a panel, not on the canvas). */
export function cleanNote(value: unknown): string {
	if (typeof value !== 'string') throw new InvalidInputError('note', 'invalid');
	const clean = value
		.replace(/\r\n?/g, '\n')
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
		.trim();
	if (clean.length > NOTE_MAX) throw new InvalidInputError('note', 'too-long');
	return clean;
}

/** The details of a person beyond name, relation and place. */
export interface PersonDetails {
	support?: readonly SupportKind[];
	contact?: ContactFrequency | null;
	knownFor?: KnownFor | null;
	jimCandidate?: boolean;
	note?: string;
}

export interface CleanDetails {
	support?: SupportKind[];
	contact?: ContactFrequency | null;
	knownFor?: KnownFor | null;
	jimCandidate?: boolean;
	note?: string;
}

/** Validates the details present in `input` (undefined = not given); throws before anything is written. */
export function cleanDetails(input: PersonDetails): CleanDetails {
	const out: CleanDetails = {};
	if (input.support !== undefined) {
		if (!Array.isArray(input.support) || !input.support.every(isSupportKind)) {
			throw new InvalidInputError('support', 'invalid');
		}
		const chosen = new Set<unknown>(input.support);
		out.support = SUPPORT_KINDS.filter((k) => chosen.has(k));
	}
	if (input.contact !== undefined) {
		if (input.contact !== null && !isContactFrequency(input.contact)) throw new InvalidInputError('contact', 'invalid');
		out.contact = input.contact;
	}
	if (input.knownFor !== undefined) {
		if (input.knownFor !== null && !isKnownFor(input.knownFor)) throw new InvalidInputError('knownFor', 'invalid');
		out.knownFor = input.knownFor;
	}
	if (input.jimCandidate !== undefined) {
		if (typeof input.jimCandidate !== 'boolean') throw new InvalidInputError('jimCandidate', 'invalid');
		out.jimCandidate = input.jimCandidate;
	}
	if (input.note !== undefined) out.note = cleanNote(input.note);
	return out;
}

export const cleanName = (value: unknown) => cleanText('name', value, NAME_MAX, true);
export const cleanRelation = (value: unknown) => cleanText('relation', value, RELATION_MAX, false);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
