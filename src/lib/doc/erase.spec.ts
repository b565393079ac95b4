import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { erasePerson, markErased, namesOfPerson } from './erase.ts';
import { restoreContent, versionDoc } from './restore.ts';
import { addPerson, readPeople } from './people.ts';
import { readTies, setTie } from './ties.ts';
import { addAgreement, addGoal, answerQuestion, askQuestion, readPlan, upgradePlan } from './plan.ts';
import { readJimLog, recordChoice, recordConsent, type Recorder } from './jim.ts';
import { CENTRE, META, ROOT } from './schema.ts';
import { localOrigin } from './origin.ts';
import { upgrade } from './upgrade.ts';

const origin = localOrigin('test');
const fatima: Recorder = { userId: 'fatimauser00001', name: 'Fatima Yilmaz', role: 'professional' };
const sam = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };

/** Sam's map with Kees de Boer all over it, and Anna, who is not to be touched. */
function mapWithKees() {
	const doc = new Y.Doc({ gc: true });
	upgrade(doc);
	upgradePlan(doc, origin);
	doc.getMap(ROOT.meta).set(META.centreName, 'Sam');
	const kees = addPerson(
		doc,
		{ name: 'Kees de Boer', relation: 'buurman', sector: 'familie', ring: 2, note: 'Kees helpt met fietsen' },
		origin
	);
	const anna = addPerson(doc, { name: 'Anna', relation: 'vriendin', sector: 'vrienden', ring: 1, note: 'Ze kent Kees van school' }, origin);
	setTie(doc, CENTRE, kees, { quality: 'sterk' }, origin);
	setTie(doc, kees, anna, { quality: 'zwak' }, origin);
	setTie(doc, CENTRE, anna, { quality: 'sterk' }, origin);
	addAgreement(doc, { what: 'Samen met Kees de band plakken', who: { kind: 'person', personId: kees }, due: null }, origin);
	addGoal(doc, { domain: 'vrije-tijd', text: 'Vaker fietsen met kees' }, sam, origin);
	const q = askQuestion(doc, { text: 'Wat zou jij doen?' }, fatima, origin);
	answerQuestion(doc, q, 'Ik zou Kees bellen.', sam, origin);
	recordChoice(doc, { personId: kees, personName: 'Kees de Boer', pick: 'reserve', chosenBy: 'Sam', on: '2026-05-04' }, fatima, origin);
	recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true, on: '2026-05-04' }, fatima, origin);
	return { doc, kees, anna };
}

const holds = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text));

describe('erasing a person', () => {
	it('takes them off the circle with their ties, keeps their agreements without a person, and their name out of every text', () => {
		const { doc, kees, anna } = mapWithKees();
		const names = namesOfPerson(doc, kees);
		expect(names).toEqual(['Kees de Boer']);

		expect(erasePerson(doc, kees, names, origin)).toBe(true);

		expect(readPeople(doc).map((p) => p.name)).toEqual(['Anna']);
		expect(readPeople(doc)[0].note).toBe('Ze kent [naam] van school');
		expect(readTies(doc).map((t) => [t.from, t.to])).toEqual([[CENTRE, anna]]);
		const plan = readPlan(doc);
		expect(plan.agreements.map((a) => [a.what, a.who])).toEqual([['Samen met [naam] de band plakken', null]]);
		expect(plan.goals[0].text).toBe('Vaker fietsen met [naam]');
		expect(plan.questions[0].answer).toBe('Ik zou [naam] bellen.');
		const log = readJimLog(doc);
		expect(log.map((e) => (e.kind === 'consent' ? e.givenBy : e.personName))).toEqual(['[naam]', 'Sam']);
		// The record keeps what happened, and its ids.
		expect(log[0]).toMatchObject({ kind: 'choice', personId: kees, pick: 'reserve', chosenBy: 'Sam' });
		expect(doc.getMap(ROOT.meta).get(META.centreName)).toBe('Sam');
	});

	it('leaves nothing of the name in the stored state (garbage collection on), in either encoding', () => {
		const { doc, kees } = mapWithKees();
		expect(holds(Y.encodeStateAsUpdate(doc), 'Kees')).toBe(true);
		erasePerson(doc, kees, namesOfPerson(doc, kees), origin);
		for (const bytes of [Y.encodeStateAsUpdate(doc), Y.encodeStateAsUpdateV2(doc)]) {
			expect(holds(bytes, 'Kees')).toBe(false);
			expect(holds(bytes, 'kees')).toBe(false);
			expect(holds(bytes, 'Boer')).toBe(false);
			expect(holds(bytes, 'Anna')).toBe(true);
		}
	});

	it('works on a copy made from a stored state, and changes nothing where the person never was', () => {
		const { doc, kees } = mapWithKees();
		const copy = new Y.Doc({ gc: true });
		Y.applyUpdateV2(copy, Y.encodeStateAsUpdateV2(doc));
		expect(erasePerson(copy, kees, ['Kees de Boer'], origin)).toBe(true);
		expect(holds(Y.encodeStateAsUpdateV2(copy), 'Kees')).toBe(false);

		// Only taken off (no text held the name): still a change.
		const bare = new Y.Doc({ gc: true });
		const lone = addPerson(bare, { name: 'Kees de Boer', sector: 'familie', ring: 2 }, origin);
		expect(erasePerson(bare, lone, ['Kees de Boer'], origin)).toBe(true);
		expect(holds(Y.encodeStateAsUpdateV2(bare), 'Kees')).toBe(false);

		const other = new Y.Doc({ gc: true });
		upgrade(other);
		addPerson(other, { name: 'Anna', sector: 'vrienden', ring: 1 }, origin);
		expect(erasePerson(other, kees, ['Kees de Boer'], origin)).toBe(false);
		expect(readPeople(other).map((p) => p.name)).toEqual(['Anna']);
	});

	it('notes on the map that someone was erased, and a restore of a version from before keeps that note', () => {
		const { doc, kees } = mapWithKees();
		const before = Y.encodeStateAsUpdateV2(doc);
		erasePerson(doc, kees, namesOfPerson(doc, kees), origin);
		markErased(doc, origin, 1_800_000_000_000);
		restoreContent(doc, versionDoc(before));
		expect(doc.getMap(ROOT.meta).get(META.erasedAt)).toBe(1_800_000_000_000);
	});
});
