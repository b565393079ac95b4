import { m } from '$lib/paraglide/messages.js';
import type { ConsentEntry, ConsentSubject, Pick } from '$lib/doc/jim';
import { consentWayName, dayName } from '$lib/i18n/labels';

/** "Gekozen door Sam op 4 mei 2026", or, when the professional recorded it, who did. */
export function chosenLine(pick: Pick, youthName: string): string {
	const date = dayName(pick.on);
	const youth = pick.chosenBy || youthName;
	return pick.recordedBy.role === 'youth'
		? m.jim_chosen_by({ youth, date })
		: m.jim_chosen_recorded_by({ youth, recorder: pick.recordedBy.name, date });
}

/** The latest consent of one subject in words: who, when, how, and who recorded it. */
export function consentLine(entry: ConsentEntry | undefined): string {
	if (!entry) return m.jim_consent_none();
	const parts = { who: entry.givenBy, date: dayName(entry.on), way: consentWayName(entry.way), recorder: entry.recordedBy.name };
	return entry.given ? m.jim_consent_given(parts) : m.jim_consent_refused(parts);
}

export function consentSubjectTitle(subject: ConsentSubject, youthName: string): string {
	return subject === 'jongere' ? m.jim_consent_jongere({ youth: youthName }) : m.jim_consent_ouders({ youth: youthName });
}
