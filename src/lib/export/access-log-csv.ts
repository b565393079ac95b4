import { m } from '$lib/paraglide/messages.js';
import { accessLine, roleName } from '$lib/components/access-words';
import { csv } from './csv.ts';
import type { ExportedAccess } from './format.ts';

/** Dutch time as a spreadsheet sorts it: "2026-12-06 14:03:05". */
const stamp = new Intl.DateTimeFormat('sv-SE', {
	timeZone: 'Europe/Amsterdam',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** A time of the log (ISO, or PocketBase's "2026-12-06 10:00:00.000Z") in Dutch time; '' when unreadable. */
export function dutchTime(at: string): string {
	const date = new Date(at.replace(' ', 'T'));
	return Number.isNaN(date.getTime()) ? '' : stamp.format(date);
}

/** The access log as CSV, in the reader's language: when, who, as what, and what they did in words. */
export function accessLogCsv(rows: readonly ExportedAccess[]): string {
	const when = dutchTime;
	return csv([
		[m.export_csv_when(), m.export_csv_who(), m.export_csv_role(), m.export_csv_what()],
		...rows.map((row) => [when(row.at), row.name, roleName(row.role), accessLine(row)])
	]);
}
