import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { namesOnMap } from './map-names.ts';
import { addPerson } from './people.ts';
import { upgrade } from './upgrade.ts';
import { upgradePlan, addGoal, askQuestion, answerQuestion } from './plan.ts';
import { recordChoice, recordConsent } from './jim.ts';
import { setCentreName } from './meta.ts';
import { localOrigin } from './origin.ts';
import { scrubNames } from './scrub.ts';

const origin = localOrigin('test');
const fatima = { userId: 'fatimauser00001', name: 'Fatima Yilmaz', role: 'professional' as const };
const nora = { userId: 'norauser0000001', name: 'Nora Bakker', role: 'jim' };

function samsMap() {
	const doc = new Y.Doc();
	upgrade(doc);
	upgradePlan(doc, origin);
	setCentreName(doc, 'Sam', origin);
	const tante = addPerson(doc, { name: 'Tante Nora', relation: 'tante', sector: 'familie', ring: 2 }, origin);
	addPerson(doc, { name: 'Jayden', sector: 'vrienden', ring: 1 }, origin);
	recordChoice(doc, { personId: tante, personName: 'Tante Nora', pick: 'jim', chosenBy: 'Sam' }, fatima, origin);
	recordConsent(doc, { subject: 'ouders', givenBy: 'moeder Anja', way: 'telefoon', given: true }, fatima, origin);
	addGoal(doc, { domain: 'school-werk', text: 'Elke dag naar school' }, { ...fatima }, origin);
	const q = askQuestion(doc, { text: 'Wat zou jij doen?' }, { ...fatima }, origin);
	answerQuestion(doc, q, 'Rustig blijven.', nora, origin);
	return doc;
}

describe('the names on a map', () => {
	it('are the youth, everyone on the circle, and whoever signed something', () => {
		expect(namesOnMap(samsMap()).sort()).toEqual(['Fatima Yilmaz', 'Jayden', 'Nora Bakker', 'Sam', 'Tante Nora', 'moeder Anja'].sort());
	});

	it('are all gone from an answer after scrubbing, in any case', () => {
		const answer = 'Ik (nora) zou met SAM, jayden en Anja praten. Mevrouw Yilmaz weet ervan; Bakker ook.';
		const { text } = scrubNames(answer, namesOnMap(samsMap()));
		for (const name of ['nora', 'SAM', 'jayden', 'Anja', 'Yilmaz', 'Bakker']) expect(text).not.toContain(name);
		expect(text).toContain('Mevrouw');
	});
});
