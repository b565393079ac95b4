/**
 * Published JIM-tips for the demo: tante Nora's two answers from Sam's plan, and advice from the
 * JIMs of three other youths in team Noord, on different themes. Each tip is checked here as the
 * app checks it: every name on its map is taken out, and only a theme and the JIM's relation remain.
 */
import type PocketBase from 'pocketbase';
import type * as Y from 'yjs';
import { jimState, readJimLog } from '../../src/lib/doc/jim.ts';
import { namesOnMap } from '../../src/lib/doc/map-names.ts';
import { readPeople } from '../../src/lib/doc/people.ts';
import { relationPhrase, scrubTip, type TipTheme } from '../../src/lib/tips.ts';
import { DAY } from './seed-sam.ts';

export interface TipSource {
	mapId: string;
	doc: Y.Doc;
	/** The JIM's account (a member of the map as jim) and the professional who checked the tip. */
	jimUser: string;
	professional: string;
	tips: { theme: TipTheme; text: string; daysAgo: number }[];
}

/** The JIM's relation to the youth as a tip says it ("een tante"), from the JIM record and the map. */
function jimRelation(doc: Y.Doc): string {
	const chosen = jimState(readJimLog(doc)).jim;
	const person = readPeople(doc).find((p) => p.id === chosen?.personId);
	return person ? relationPhrase(person.relation, namesOnMap(doc)) : '';
}

export async function seedTips(pb: PocketBase, sources: TipSource[]): Promise<void> {
	for (const source of sources) {
		const names = namesOnMap(source.doc);
		const relation = jimRelation(source.doc);
		for (const tip of source.tips) {
			await pb.collection('jim_tips').create({
				text: scrubTip(tip.text, names).text,
				theme: tip.theme,
				relation,
				status: 'published',
				map: source.mapId,
				offered_by: source.jimUser,
				published_by: source.professional,
				published_at: new Date(Date.now() - tip.daysAgo * DAY).toISOString()
			});
		}
	}
}

/** What the JIMs of other youths in team Noord advised, by the youth's name in the caseload. */
export const CASELOAD_TIPS: Record<string, { jimName: string; tips: TipSource['tips'] }> = {
	Lotte: {
		jimName: 'Henk Visser',
		tips: [
			{
				theme: 'school',
				daysAgo: 120,
				text: 'Ik breng haar de eerste week zelf naar school en vraag ’s avonds hoe het ging. Niet te veel vragen, gewoon er zijn.'
			},
			{
				theme: 'gezondheid',
				daysAgo: 60,
				text: 'Als ze niet slaapt, gaan we ’s avonds samen een rondje lopen met de hond. Dan praat ze vanzelf.'
			}
		]
	},
	Bilal: {
		jimName: 'Fatma Demir',
		tips: [
			{
				theme: 'politie',
				daysAgo: 90,
				text: 'Ik ga mee naar het gesprek op het bureau. Vooraf spreken we af wat hij zelf zegt. Achteraf gaan we samen wat eten.'
			},
			{
				theme: 'vrienden',
				daysAgo: 30,
				text: 'Ik vraag wie zijn vrienden zijn en nodig ze uit om te komen gamen. Dan leer ik ze kennen zonder dat het een verhoor wordt.'
			}
		]
	},
	Fenna: {
		jimName: 'Ingrid de Boer',
		tips: [
			{
				theme: 'ruzie-thuis',
				daysAgo: 40,
				text: 'Ze mag altijd bij mij komen slapen als het thuis te veel wordt. Ik stuur thuis dan een berichtje, zodat ze weten waar ze is.'
			}
		]
	}
};
