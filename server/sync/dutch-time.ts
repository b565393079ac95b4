// Days and dates as they are in the Netherlands, whatever the server's own time zone (often UTC).

/** The day in the Netherlands, YYYY-MM-DD (the server's own time zone may be UTC). */
export function dutchDay(at: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** "12 maart 2025": the note of a restore names the day of the version put back. */
export function dutchDate(at: Date): string {
	return new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(at);
}
