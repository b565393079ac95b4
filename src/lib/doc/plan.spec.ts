import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	addAgreement,
	addGoal,
	answerQuestion,
	askQuestion,
	evaluationDue,
	isCarriedBy,
	startPlanOn,
	recordEvaluationHeld,
	openAgreementsOf,
	readPlan,
	removeGoal,
	removePersonWithAgreements,
	setPlanDates,
	upgradePlan,
	updateAgreement,
	type Agreement
} from './plan.ts';
import { addPerson, readPeople } from './people.ts';
import { setTie } from './ties.ts';
import { CENTRE } from './schema.ts';
import { upgrade } from './upgrade.ts';
import { localOrigin } from './origin.ts';
import { createUndoManager } from './undo.ts';
import { InvalidInputError } from './input.ts';

const origin = localOrigin('test');
const sam = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };
const nora = { userId: 'norauser0000001', name: 'Nora', role: 'jim' };

function setup() {
	const doc = new Y.Doc();
	upgrade(doc);
	upgradePlan(doc, origin);
	const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	const mo = addPerson(doc, { name: 'Trainer Mo', sector: 'school', ring: 3 }, origin);
	return { doc, oma, mo };
}

describe('the support plan', () => {
	it('keeps goals in the youth’s words with who wrote them, and agreements tied to people', () => {
		const { doc, oma } = setup();
		const goal = addGoal(doc, { domain: 'school-werk', text: 'Ik wil mijn diploma halen' }, sam, origin);
		const a = addAgreement(
			doc,
			{ what: 'Elke dinsdag huiswerk bij oma', who: { kind: 'person', personId: oma }, due: '2026-12-01', goalId: goal },
			origin
		);
		addAgreement(doc, { what: 'Sam belt de JIM na school', who: { kind: 'jim' } }, origin);
		const plan = readPlan(doc);
		expect(plan.goals).toMatchObject([{ domain: 'school-werk', text: 'Ik wil mijn diploma halen', writtenBy: { name: 'Sam' } }]);
		expect(openAgreementsOf(plan, oma).map((x) => x.id)).toEqual([a]);
		updateAgreement(doc, a, { status: 'gelukt' }, origin);
		expect(openAgreementsOf(readPlan(doc), oma)).toEqual([]);
		removeGoal(doc, goal, origin);
		expect(readPlan(doc).agreements.find((x) => x.id === a)?.goalId).toBeNull();
	});

	it('refuses careless input and writes nothing', () => {
		const { doc } = setup();
		const before = Y.encodeStateVector(doc);
		const calls: (() => unknown)[] = [
			() => addGoal(doc, { domain: 'werk' as never, text: 'x' }, sam, origin),
			() => addGoal(doc, { domain: 'geld', text: '   ' }, sam, origin),
			() => addAgreement(doc, { what: 'x', who: { kind: 'person', personId: 'nobody' } }, origin),
			() => addAgreement(doc, { what: 'x', due: '2026-13-01' }, origin),
			() => addAgreement(doc, { what: 'x', goalId: 'no-goal' }, origin),
			() => setPlanDates(doc, { everyWeeks: 0 }, origin)
		];
		for (const call of calls) expect(call).toThrow(InvalidInputError);
		expect(Y.encodeStateVector(doc)).toEqual(before);
	});

	it('deleting a person moves their agreements, or keeps them without a person, and one undo restores both', () => {
		const { doc, oma, mo } = setup();
		setTie(doc, CENTRE, oma, { quality: 'sterk' }, origin);
		const a = addAgreement(doc, { what: 'Oma haalt Sam op', who: { kind: 'person', personId: oma } }, origin);
		const undo = createUndoManager(doc, origin);
		removePersonWithAgreements(doc, oma, { kind: 'person', personId: mo }, origin);
		expect(readPeople(doc).map((p) => p.name)).toEqual(['Trainer Mo']);
		expect(readPlan(doc).agreements[0].who).toEqual({ kind: 'person', personId: mo });
		undo.undo();
		// Both were added in the same millisecond in setup(), so their order is not meaningful here.
		expect(
			readPeople(doc)
				.map((p) => p.name)
				.sort()
		).toEqual(['Oma', 'Trainer Mo']);
		expect(readPlan(doc).agreements.find((x) => x.id === a)?.who).toEqual({ kind: 'person', personId: oma });

		removePersonWithAgreements(doc, oma, null, origin);
		expect(readPlan(doc).agreements[0]).toMatchObject({ what: 'Oma haalt Sam op', who: null });
	});

	it('puts a question to the JIM and keeps the answer beside it', () => {
		const { doc } = setup();
		const q = askQuestion(doc, { text: 'Sam heeft weer geld van zijn moeder gepakt. Wat zou jij doen?' }, sam, origin);
		expect(readPlan(doc).questions[0]).toMatchObject({ answer: '', answeredBy: null });
		answerQuestion(doc, q, 'Ik zou eerst met hem gaan wandelen en vragen waarom.', nora, origin);
		expect(readPlan(doc).questions[0]).toMatchObject({
			answer: 'Ik zou eerst met hem gaan wandelen en vragen waarom.',
			answeredBy: { name: 'Nora' }
		});
	});

	it('counts the next evaluation from the last one held, which only moves forward', () => {
		const doc = new Y.Doc();
		upgradePlan(doc, origin);
		setPlanDates(doc, { startOn: '2026-09-01', everyWeeks: 8 }, origin);
		const due = () => evaluationDue(readPlan(doc), readPlan(doc).lastHeldOn, '2026-11-25');
		expect(readPlan(doc).lastHeldOn).toBeNull();
		expect(due()).toEqual({ on: '2026-10-27', daysLate: 29 });
		recordEvaluationHeld(doc, '2026-11-02', origin);
		expect(readPlan(doc).lastHeldOn).toBe('2026-11-02');
		expect(due()).toEqual({ on: '2026-12-28', daysLate: 0 });
		recordEvaluationHeld(doc, '2026-10-01', origin);
		expect(readPlan(doc).lastHeldOn).toBe('2026-11-02');
		expect(() => recordEvaluationHeld(doc, '2026-02-30', origin)).toThrow(InvalidInputError);
	});

	it('merges edits from two devices', () => {
		const { doc: a, oma } = setup();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const id = addAgreement(a, { what: 'Samen sporten', who: { kind: 'person', personId: oma } }, origin);
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		updateAgreement(a, id, { status: 'bezig' }, origin);
		updateAgreement(b, id, { due: '2026-12-24' }, origin);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readPlan(a)).toEqual(readPlan(b));
		expect(readPlan(a).agreements[0]).toMatchObject({ status: 'bezig', due: '2026-12-24' });
	});

	it('an agreement is carried by the person it names, and one for "de JIM" by the chosen JIM only', () => {
		const a = (who: Agreement['who']): Agreement => ({
			id: 'a',
			what: 'x',
			who,
			due: null,
			status: 'afgesproken',
			goalId: null,
			createdAt: 0
		});
		const nora = 'nora',
			kevin = 'kevin';
		expect(isCarriedBy(a({ kind: 'person', personId: nora }), nora, nora)).toBe(true);
		expect(isCarriedBy(a({ kind: 'person', personId: nora }), kevin, nora)).toBe(false);
		expect(isCarriedBy(a({ kind: 'jim' }), nora, nora)).toBe(true);
		// A second JIM does not take over what goes to the JIM the youth chose.
		expect(isCarriedBy(a({ kind: 'jim' }), kevin, nora)).toBe(false);
		// A member linked to nobody on the map carries nothing.
		expect(isCarriedBy(a({ kind: 'jim' }), '', null)).toBe(false);
		expect(isCarriedBy(a({ kind: 'youth' }), nora, nora)).toBe(false);
		expect(isCarriedBy(a(null), nora, nora)).toBe(false);
	});

	it('a plan without a start day starts on the day given, so its first evaluation is due 8 weeks later; a start set by people is kept', () => {
		const doc = new Y.Doc();
		upgradePlan(doc, origin);
		expect(evaluationDue(readPlan(doc), null, '2026-03-01').on).toBeNull();
		expect(startPlanOn(doc, '2026-01-05', origin)).toBe(true);
		expect(readPlan(doc).startOn).toBe('2026-01-05');
		expect(evaluationDue(readPlan(doc), null, '2026-03-10')).toEqual({ on: '2026-03-02', daysLate: 8 });
		setPlanDates(doc, { startOn: '2026-02-01' }, origin);
		expect(startPlanOn(doc, '2026-03-10', origin)).toBe(false);
		expect(readPlan(doc).startOn).toBe('2026-02-01');
	});
});
