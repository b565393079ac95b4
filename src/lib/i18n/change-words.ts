// Words for what compare.ts finds: the model says what changed (facts with stable keys), this says
// it in a language. The words for the model's values are the messages labels.ts uses too.
import { m } from '../paraglide/messages.js';
import type { Ring, Sector, TieQuality } from '../doc/schema.ts';
import type { JimStatus } from '../doc/jim.ts';
import type { AgreementStatus, Domain } from '../doc/plan.ts';
import type { Change, PersonMark } from '../doc/compare.ts';

export type ChangeLocale = 'nl' | 'en';

type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;
const snake = <S extends string>(s: S) => s.replaceAll('-', '_') as Snake<S>;
const sectorWord = (s: Sector, locale: ChangeLocale) => m[`sector_${s}`]({}, { locale });
const ringWord = (r: Ring, locale: ChangeLocale) => m[`ring_${r}`]({}, { locale });
const qualityWord = (q: TieQuality, locale: ChangeLocale) => m[`tie_${q}`]({}, { locale });
const statusWord = (s: JimStatus, locale: ChangeLocale) => m[`jim_status_${s}`]({}, { locale });
const agreementWord = (s: AgreementStatus, locale: ChangeLocale) => m[`agreement_status_${snake(s)}`]({}, { locale });
const domainWord = (d: Domain, locale: ChangeLocale) => m[`domain_${snake(d)}`]({}, { locale });

/** The word for a mark, for the circle's legend and labels. */
export function markName(mark: PersonMark, locale: ChangeLocale): string {
	return m[`history_mark_${snake(mark)}`]({}, { locale });
}

/** One change as a plain sentence (B1), e.g. "Oma kwam dichterbij (dichtbij → heel dichtbij)". */
export function describeChange(change: Change, locale: ChangeLocale): string {
	const o = { locale };
	const c = change;
	switch (c.kind) {
		case 'person-new':
			return c.sector
				? m.history_person_new({ name: c.person.name, sector: sectorWord(c.sector, locale) }, o)
				: m.history_person_new_unplaced({ name: c.person.name }, o);
		case 'person-gone':
			return upperFirst(m.history_person_gone({ name: c.person.name }, o));
		case 'person-placed':
			return upperFirst(
				m.history_person_placed({ name: c.person.name, sector: sectorWord(c.sector, locale), ring: ringWord(c.ring, locale) }, o)
			);
		case 'person-unplaced':
			return upperFirst(m.history_person_unplaced({ name: c.person.name }, o));
		case 'person-closer':
		case 'person-further': {
			const say = c.kind === 'person-closer' ? m.history_person_closer : m.history_person_further;
			return upperFirst(say({ name: c.person.name, from: ringWord(c.from, locale), to: ringWord(c.to, locale) }, o));
		}
		case 'person-sector':
			return upperFirst(
				m.history_person_sector({ name: c.person.name, from: sectorWord(c.from, locale), to: sectorWord(c.to, locale) }, o)
			);
		case 'person-renamed':
			return upperFirst(m.history_person_renamed({ from: c.from, to: c.person.name }, o));
		case 'tie-new':
			return c.other
				? m.history_tie_new_between({ a: c.person.name, b: c.other.name, quality: qualityWord(c.quality, locale) }, o)
				: m.history_tie_new_youth({ name: c.person.name, quality: qualityWord(c.quality, locale) }, o);
		case 'tie-gone':
			return c.other
				? m.history_tie_gone_between({ a: c.person.name, b: c.other.name }, o)
				: m.history_tie_gone_youth({ name: c.person.name }, o);
		case 'tie-quality':
			return c.other
				? m.history_tie_quality_between({ a: c.person.name, b: c.other.name, quality: qualityWord(c.to, locale) }, o)
				: m.history_tie_quality_youth({ name: c.person.name, quality: qualityWord(c.to, locale) }, o);
		case 'jim-chosen':
			return m.history_jim_chosen({ name: c.person.name }, o);
		case 'jim-unchosen':
			return m.history_jim_unchosen({ name: c.person.name }, o);
		case 'jim-reserve-chosen':
			return m.history_jim_reserve_chosen({ name: c.person.name }, o);
		case 'jim-reserve-unchosen':
			return m.history_jim_reserve_unchosen({ name: c.person.name }, o);
		case 'jim-status':
			return c.to
				? m[`history_jim_status_${c.to}`]({ name: c.person.name }, o)
				: m.history_jim_status_none({ name: c.person.name, from: c.from ? statusWord(c.from, locale) : '' }, o);
		case 'jim-consent': {
			const say = c.to === null ? m.history_consent_none : c.to ? m.history_consent_given : m.history_consent_refused;
			return say({ by: c.givenBy }, o);
		}
		case 'goal-new':
			return m.history_goal_new({ domain: domainWord(c.domain, locale), text: c.text }, o);
		case 'goal-gone':
			return m.history_goal_gone({ domain: domainWord(c.domain, locale), text: c.text }, o);
		case 'agreement-new':
			return m.history_agreement_new({ what: c.what }, o);
		case 'agreement-gone':
			return m.history_agreement_gone({ what: c.what }, o);
		case 'agreement-status':
			return c.to === 'afgesproken'
				? m.history_agreement_reopened({ what: c.what }, o)
				: m.history_agreement_status({ status: agreementWord(c.to, locale), what: c.what }, o);
	}
}

/** Names are written as the youth typed them ("tante Nora"); a sentence still starts with a capital. */
function upperFirst(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}
