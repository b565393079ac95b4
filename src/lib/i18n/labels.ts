import { m } from '$lib/paraglide/messages.js';
import {
	RINGS,
	SECTORS,
	type ContactFrequency,
	type KnownFor,
	type Ring,
	type Sector,
	type SupportKind,
	type TieQuality,
	type TieSupport
} from '$lib/doc/schema';
import type { CanvasLabels } from '$lib/canvas/decor';
import type { InvalidInputError } from '$lib/doc/input';
import type { ConsentWay, JimStatus } from '$lib/doc/jim';
import type { AgreementStatus, Domain } from '$lib/doc/plan';
import { getLocale } from '$lib/paraglide/runtime.js';

/** Words for the model's values in the current language (the model stores stable keys). */
export function sectorName(sector: Sector): string {
	return { familie: m.sector_familie, vrienden: m.sector_vrienden, school: m.sector_school, hulpverleners: m.sector_hulpverleners }[
		sector
	]();
}

export function ringName(ring: Ring): string {
	return [m.ring_1, m.ring_2, m.ring_3, m.ring_4][ring - 1]();
}

export function supportName(kind: SupportKind): string {
	return {
		emotioneel: m.support_emotioneel,
		praktisch: m.support_praktisch,
		informatie: m.support_informatie,
		gezelschap: m.support_gezelschap,
		waardering: m.support_waardering
	}[kind]();
}

export function contactName(value: ContactFrequency): string {
	return {
		dagelijks: m.contact_dagelijks,
		wekelijks: m.contact_wekelijks,
		maandelijks: m.contact_maandelijks,
		'paar-keer-per-jaar': m.contact_paar_keer_per_jaar
	}[value]();
}

export function knownForName(value: KnownFor): string {
	return {
		'minder-dan-jaar': m.known_minder_dan_jaar,
		'een-tot-vijf-jaar': m.known_een_tot_vijf_jaar,
		'meer-dan-vijf-jaar': m.known_meer_dan_vijf_jaar
	}[value]();
}

export function tieQualityName(value: TieQuality): string {
	return { sterk: m.tie_sterk, zwak: m.tie_zwak, gespannen: m.tie_gespannen, verbroken: m.tie_verbroken }[value]();
}

export function tieSupportName(value: TieSupport, youth: string): string {
	return {
		'naar-jongere': () => m.tie_support_naar_jongere({ youth }),
		'van-jongere': () => m.tie_support_van_jongere({ youth }),
		beide: () => m.tie_support_beide(),
		geen: () => m.tie_support_geen()
	}[value]();
}

/** A clear message for what the model refused; the user's text stays where it was. */
export function invalidInputMessage(e: InvalidInputError): string {
	const byKey: Record<string, () => string> = {
		'name:required': m.invalid_name_required,
		'name:too-long': m.invalid_name_too_long,
		'relation:too-long': m.invalid_relation_too_long,
		'note:too-long': m.invalid_note_too_long,
		'on:invalid': m.invalid_day,
		'givenBy:required': m.invalid_given_by_required,
		'text:required': m.invalid_text_required,
		'what:required': m.invalid_text_required,
		'text:too-long': m.invalid_text_too_long,
		'what:too-long': m.invalid_text_too_long,
		'answer:required': m.invalid_answer_required,
		'due:invalid': m.invalid_plan_day,
		'startOn:invalid': m.invalid_plan_day,
		'nextOn:invalid': m.invalid_plan_day,
		'everyWeeks:invalid': m.invalid_every_weeks,
		'goal:missing': m.invalid_goal_missing,
		'agreement:missing': m.invalid_plan_missing,
		'question:missing': m.invalid_plan_missing
	};
	const known = byKey[`${e.field}:${e.reason}`];
	if (known) return known();
	return e.reason === 'missing' ? m.invalid_missing() : m.invalid_generic();
}

export function jimStatusName(status: JimStatus): string {
	return {
		kandidaat: m.jim_status_kandidaat,
		gevraagd: m.jim_status_gevraagd,
		ja: m.jim_status_ja,
		nee: m.jim_status_nee,
		actief: m.jim_status_actief,
		gestopt: m.jim_status_gestopt
	}[status]();
}

export function consentWayName(way: ConsentWay): string {
	return { persoonlijk: m.jim_way_persoonlijk, telefoon: m.jim_way_telefoon, schriftelijk: m.jim_way_schriftelijk }[way]();
}

/** A recorded day (YYYY-MM-DD) in the reader's language, e.g. "4 mei 2026". */
/** Says recorded days ("4 mei 2026") with one formatter, for lists that say many. */
export function dayFormatter(): (day: string) => string {
	const format = new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'nl-NL', { day: 'numeric', month: 'long', year: 'numeric' });
	return (day) => format.format(new Date(`${day}T12:00:00`));
}

/** "3 dagen te laat". */
export function lateWords(days: number): string {
	return days === 1 ? m.dashboard_late_one() : m.dashboard_late_many({ days });
}

export function dayName(day: string): string {
	return dayFormatter()(day);
}

export function domainName(domain: Domain): string {
	return {
		thuis: m.domain_thuis,
		'school-werk': m.domain_school_werk,
		vrienden: m.domain_vrienden,
		gezondheid: m.domain_gezondheid,
		geld: m.domain_geld,
		'vrije-tijd': m.domain_vrije_tijd
	}[domain]();
}

export function agreementStatusName(status: AgreementStatus): string {
	return {
		afgesproken: m.agreement_status_afgesproken,
		bezig: m.agreement_status_bezig,
		gelukt: m.agreement_status_gelukt,
		'niet-gelukt': m.agreement_status_niet_gelukt
	}[status]();
}

/** "1 afspraak", "2 afspraken": the count of open agreements shown beside a person. */
export function agreementsCount(count: number): string {
	return count === 1 ? m.plan_agreements_one() : m.plan_agreements_many({ count });
}

/** The words the circle draws: ring and sector names, the JIM badges, open agreements. */
export function canvasLabels(): CanvasLabels {
	return {
		rings: RINGS.map(ringName),
		sectors: Object.fromEntries(SECTORS.map((s) => [s, sectorName(s)])) as Record<Sector, string>,
		jim: m.jim_badge(),
		reserve: m.jim_reserve_badge(),
		agreements: agreementsCount
	};
}
