/**
 * CSV as RFC 4180 says (comma, CRLF, every field quoted), with a byte-order mark so that Excel
 * reads é and ë. A field a spreadsheet would run as a formula (=, +, -, @ at the start: a name is
 * typed by people) gets a leading apostrophe, so opening the file never runs anything.
 */
export function csv(rows: readonly (readonly string[])[]): string {
	const field = (value: string) => {
		const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
		return `"${safe.replace(/"/g, '""')}"`;
	};
	return '\ufeff' + rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
