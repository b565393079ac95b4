import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkImportedMap, docFromMap, ImportError, isEmptyMap, writeImported } from './import.ts';
import { addPerson } from './people.ts';
import { updatePerson } from './details.ts';
import { setTie } from './ties.ts';
import { setCentreName } from './meta.ts';
import { localOrigin } from './origin.ts';
import { CENTRE } from './schema.ts';
import { project } from './projection.ts';
import { addAgreement, addGoal, answerQuestion, askQuestion, upgradePlan } from './plan.ts';
import { recordChoice, recordConsent } from './jim.ts';
import { upgrade } from './upgrade.ts';

const me = localOrigin('test');
const fatima = { userId: 'u-fatima', name: 'Fatima', role: 'professional' as const };
const nora = { userId: 'u-nora', name: 'Nora', role: 'jim' as const };

/** Sam's map with every kind of content: people with details, ties, a JIM record, a plan with a question answered. */
function sam() {
	const doc = new Y.Doc();
	upgrade(doc);
	upgradePlan(doc, me);
	setCentreName(doc, 'Sam', me);
	const oma = addPerson(
		doc,
		{
			name: 'Oma',
			relation: 'oma',
			sector: 'familie',
			ring: 1,
			support: ['emotioneel', 'praktisch'],
			contact: 'wekelijks',
			jimCandidate: true,
			note: 'Bakt\nkoekjes'
		},
		me
	);
	const vader = addPerson(doc, { name: 'Vader', sector: 'familie', ring: 3 }, me);
	addPerson(doc, { name: 'Nieuw', sector: null, ring: null }, me);
	updatePerson(doc, vader, { knownFor: 'meer-dan-vijf-jaar' }, me);
	setTie(doc, CENTRE, oma, { quality: 'sterk', support: 'beide' }, me);
	setTie(doc, oma, vader, { quality: 'gespannen' }, me);
	recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'jim', on: '2026-01-10', chosenBy: 'Sam' }, fatima, me);
	recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true, on: '2026-01-11' }, fatima, me);
	const goal = addGoal(doc, { domain: 'thuis', text: 'Minder ruzie thuis' }, fatima, me);
	addAgreement(doc, { what: 'Oma belt op zondag', who: { kind: 'person', personId: oma }, goalId: goal, due: '2026-03-01' }, me);
	addAgreement(doc, { what: 'Sam zoekt een bijbaan' }, me);
	const q = askQuestion(doc, { text: 'Wat zou jij doen?', goalId: goal }, fatima, me);
	answerQuestion(doc, q, 'Rustig blijven', nora, me);
	return doc;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const refusal = (value: unknown) => {
	try {
		checkImportedMap(value);
	} catch (e) {
		if (e instanceof ImportError) return e.where;
		throw e;
	}
	return null;
};

describe('import of an exported map', () => {
	it('gives back the same projection, JIM record and plan included', () => {
		const exported = clone(project(sam()));
		const checked = checkImportedMap(clone(exported));
		expect(project(docFromMap(checked))).toEqual(exported);
	});

	it('writes into a new map so that the new map projects the same', () => {
		const exported = clone(project(sam()));
		const live = new Y.Doc();
		upgrade(live);
		upgradePlan(live, me);
		expect(isEmptyMap(project(live))).toBe(true);
		writeImported(live, docFromMap(checkImportedMap(exported)));
		expect(project(live)).toEqual(exported);
		expect(isEmptyMap(project(live))).toBe(false);
	});

	it('refuses what the schema does not allow, and says where', () => {
		const good = clone(project(sam()));
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a hostile file is any shape
		const bad = (change: (m: any) => void) => {
			const m = clone(good);
			change(m);
			return refusal(m);
		};
		expect(refusal(good)).toBeNull();
		expect(refusal('not a map')).toBe('map');
		expect(bad((m) => (m.people[0].ring = 9))).toBe('people[0].ring');
		expect(bad((m) => (m.people[0].name = 'x'.repeat(61)))).toBe('people[0].name');
		expect(bad((m) => (m.people[0].name = 'Oma\u0007'))).toBe('people[0].name');
		expect(bad((m) => (m.people[0].script = '<script>'))).toBe('people[0].script');
		expect(bad((m) => (m.people[1].id = m.people[0].id))).toBe('people[1].id');
		expect(bad((m) => (m.people[0].id = 'centre'))).toBe('people[0].id');
		expect(bad((m) => (m.people[0].support = ['geld']))).toBe('people[0].support');
		expect(bad((m) => (m.people[0].createdAt = Date.now() + 3 * 86_400_000))).toBe('people[0].createdAt');
		// People come in id order, which is random: take one who is on the circle.
		const placed = good.people.findIndex((p) => p.sector !== null);
		expect(bad((m) => (m.people[placed].sector = null))).toBe(`people[${placed}].ring`);
		expect(bad((m) => (m.ties[0].quality = 'super'))).toBe('ties[0].quality');
		expect(bad((m) => (m.ties[0].to = 'nobody'))).toBe('map');
		expect(bad((m) => (m.schemaVersion = 99))).toBe('map.schemaVersion');
		expect(bad((m) => (m.evil = {}))).toBe('map.evil');
		expect(bad((m) => (m.jim[0].recordedBy.role = 'jim'))).toBe('jim[0]');
		expect(bad((m) => (m.plan.goals[0].domain = 'mars'))).toBe('plan.goals[0].domain');
		expect(bad((m) => (m.plan.goals[0].writtenBy.role = 'admin'))).toBe('plan.goals[0].writtenBy.role');
		expect(bad((m) => (m.plan.agreements[0].who = { kind: 'person', personId: 'gone' }))).toBe('plan.agreements[0].who.personId');
		expect(bad((m) => (m.plan.agreements[0].goalId = 'nope'))).toBe('plan.agreements[0].goalId');
		expect(bad((m) => (m.plan.questions[0].answeredBy = null))).toBe('plan.questions[0].answeredBy');
		expect(bad((m) => (m.plan.everyWeeks = 0))).toBe('plan.everyWeeks');
		expect(bad((m) => (m.people = new Array(10_001).fill(m.people[0])))).toBe('map.people');
	});
});
