import * as Y from 'yjs';
import { expect, it, vi } from 'vitest';
import { localOrigin } from './origin.ts';
import { addPerson } from './people.ts';
import { addAgreement, addGoal, askQuestion, setPlanDates, updateAgreement } from './plan.ts';
import { observeMap } from './roots.ts';

const origin = localOrigin('test');
const sam = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };

it('reports every change to the support plan too, down to one field of an agreement', () => {
	const doc = new Y.Doc();
	const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	const onChange = vi.fn();
	const stop = observeMap(doc, onChange);
	setPlanDates(doc, { startOn: '2026-11-01', everyWeeks: 8 }, origin);
	const goal = addGoal(doc, { domain: 'school-werk', text: 'Elke dag naar school' }, sam, origin);
	const visit = addAgreement(doc, { what: 'Langs bij oma', who: { kind: 'person', personId: oma }, goalId: goal }, origin);
	askQuestion(doc, { text: 'Wat zou jij doen?' }, sam, origin);
	expect(onChange).toHaveBeenCalledTimes(4);
	updateAgreement(doc, visit, { status: 'gelukt' }, origin);
	expect(onChange).toHaveBeenCalledTimes(5);
	stop();
	updateAgreement(doc, visit, { status: 'bezig' }, origin);
	expect(onChange).toHaveBeenCalledTimes(5);
});
