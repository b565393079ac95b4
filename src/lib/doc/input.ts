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
export function cleanNote(value: unknown, max: number, field: string): string {
	if (typeof value !== 'string') throw new InvalidInputError(field, 'invalid');
	const clean = value
		.replace(/\r\n?/g, '\n')
		// eslint-disable-next-line no-control-regex -- matching control characters is the point
		.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
		.trim();
	if (clean.length > max) throw new InvalidInputError(field, 'too-long');
	return clean;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
