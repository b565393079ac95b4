/** Published JIM-tips for the seeded organisation: one on every tenth map (those have a JIM). */
import type { TipTheme } from '../../src/lib/tips.ts';

export const TIP_TEXTS: { theme: TipTheme; text: string; relation: string }[] = [
	{
		theme: 'school',
		relation: 'een tante',
		text: 'Ik breng haar de eerste week zelf naar school en vraag ’s avonds hoe het ging. Niet te veel vragen, gewoon er zijn.'
	},
	{
		theme: 'gezondheid',
		relation: 'een buurman',
		text: 'Als hij niet slaapt, gaan we ’s avonds samen een rondje lopen met de hond. Dan praat hij vanzelf.'
	},
	{
		theme: 'politie',
		relation: 'een oom',
		text: 'Ik ga mee naar het gesprek op het bureau. Vooraf spreken we af wat hij zelf zegt. Achteraf gaan we samen wat eten.'
	},
	{
		theme: 'vrienden',
		relation: 'een trainer',
		text: 'Ik vraag wie zijn vrienden zijn en nodig ze uit om te komen gamen. Dan leer ik ze kennen zonder dat het een verhoor wordt.'
	},
	{
		theme: 'ruzie-thuis',
		relation: 'een oma',
		text: 'Ze mag altijd bij mij komen slapen als het thuis te veel wordt. Ik stuur thuis dan een berichtje, zodat ze weten waar ze is.'
	},
	{
		theme: 'geld',
		relation: 'een neef',
		text: 'We maken samen een lijstje van wat er elke maand binnenkomt en wat eruit gaat. Ik betaal niets voor hem, maar ik kijk mee.'
	},
	{
		theme: 'werk',
		relation: 'een buurvrouw',
		text: 'Ik heb gevraagd of hij een dag mee mocht lopen bij de bakker om de hoek. Nu werkt hij er op zaterdag.'
	},
	{
		theme: 'online',
		relation: 'een zus',
		text: 'We spreken af dat de telefoon ’s nachts in de keuken ligt. Ik doe het zelf ook, dan is het eerlijk.'
	},
	{
		theme: 'wonen',
		relation: 'een tante',
		text: 'Ik ga mee naar de woningcorporatie en schrijf op wat ze zeggen. Thuis lezen we het samen nog eens door.'
	},
	{
		theme: 'vrije-tijd',
		relation: 'een coach',
		text: 'Elke woensdag gaan we zwemmen. Het gaat niet om het zwemmen, maar om het vaste moment in de week.'
	},
	{
		theme: 'school',
		relation: 'een opa',
		text: 'Ik help met huiswerk aan de keukentafel, een uur per week. Als het niet lukt, bellen we samen de mentor.'
	},
	{
		theme: 'anders',
		relation: 'een vriend van de familie',
		text: 'Ik bel elke zondag even. Soms duurt het twee minuten, soms een uur. Het belangrijkste is dat ik bel.'
	}
];
