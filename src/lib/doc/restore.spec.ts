import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { restoreContent, sameJson, versionDoc } from './restore.ts';
import { addPerson, placePerson, readPeople, removePerson } from './people.ts';
import { updatePerson } from './details.ts';
import { readTies, setTie } from './ties.ts';
import { setCentreName } from './meta.ts';
import { localOrigin, RESTORE_ORIGIN } from './origin.ts';
import { CENTRE, META, ROOT } from './schema.ts';
import { project } from './projection.ts';
import { addAgreement, addGoal, readPlan, recordEvaluationHeld, upgradePlan } from './plan.ts';
import { readJimLog, recordChoice } from './jim.ts';
import { upgrade } from './upgrade.ts';

const me = localOrigin('test');
const fatima = { userId: 'u-fatima', name: 'Fatima', role: 'professional' as const };

/** Sam's map as a version would keep it: oma close, father strained, a goal and an agreement with oma. */
function samAtVersion() {
	const doc = new Y.Doc();
	upgrade(doc);
	upgradePlan(doc, me);
	setCentreName(doc, 'Sam', me);
	const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 2 }, me);
	const vader = addPerson(doc, { name: 'Vader', sector: 'familie', ring: 3 }, me);
	setTie(doc, CENTRE, oma, { quality: 'sterk', support: 'beide' }, me);
	setTie(doc, CENTRE, vader, { quality: 'gespannen' }, me);
	const goal = addGoal(doc, { domain: 'thuis', text: 'Minder ruzie thuis' }, fatima, me);
	addAgreement(doc, { what: 'Oma belt op zondag', who: { kind: 'person', personId: oma }, goalId: goal }, me);
	return { doc, oma, vader, state: Y.encodeStateAsUpdateV2(doc) };
}

/** The projection without the JIM record, which a restore leaves as it is. */
const content = (doc: Y.Doc) => ({ ...project(doc), jim: undefined });

describe('restoreContent', () => {
	it('brings back removed people with their ties and agreements, removes people added since, and resets fields', () => {
		const { doc, oma, vader, state } = samAtVersion();
		const before = content(doc);
		removePerson(doc, oma, me);
		const mo = addPerson(doc, { name: 'Trainer Mo', sector: 'school', ring: 3 }, me);
		placePerson(doc, vader, { sector: 'familie', ring: 1 }, me);
		updatePerson(doc, vader, { note: 'Gaat beter' }, me);
		setCentreName(doc, 'Samuel', me);
		expect(readPeople(doc).map((p) => p.id)).not.toContain(oma);

		expect(restoreContent(doc, versionDoc(state))).toBe(true);

		expect(content(doc)).toEqual(before);
		// Sorted: two people made in the same millisecond come in the order of their (random) ids.
		expect(
			readPeople(doc)
				.map((p) => p.id)
				.sort()
		).toEqual([oma, vader].sort());
		expect(readPeople(doc).map((p) => p.id)).not.toContain(mo);
		expect(
			readTies(doc)
				.map((t) => t.to)
				.sort()
		).toEqual([oma, vader].sort());
	});

	it('reaches another client as one ordinary update, and a second restore writes nothing', () => {
		const { doc, oma, state } = samAtVersion();
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
		removePerson(doc, oma, me);
		Y.applyUpdate(other, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(other)));
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array, origin: unknown) => {
			expect(origin).toBe(RESTORE_ORIGIN);
			updates.push(u);
		});
		restoreContent(doc, versionDoc(state));
		expect(updates).toHaveLength(1);
		Y.applyUpdate(other, updates[0]);
		expect(content(other)).toEqual(content(doc));
		expect(readPeople(other).map((p) => p.name)).toContain('Oma');
		expect(restoreContent(doc, versionDoc(state))).toBe(false);
		expect(updates).toHaveLength(1);
	});

	it('keeps the JIM record and today’s schema version', () => {
		const { doc, oma, state } = samAtVersion();
		recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'jim', chosenBy: 'Sam', on: '2025-01-10' }, fatima, me);
		doc.getMap(ROOT.meta).set(META.schemaVersion, 99);
		restoreContent(doc, versionDoc(state));
		expect(readJimLog(doc)).toHaveLength(1);
		expect(doc.getMap(ROOT.meta).get(META.schemaVersion)).toBe(99);
	});

	it('keeps the evaluation held since the old version, and an old one held before it', () => {
		const { doc, state } = samAtVersion();
		recordEvaluationHeld(doc, '2026-03-02', me);
		restoreContent(doc, versionDoc(state));
		expect(readPlan(doc).lastHeldOn).toBe('2026-03-02');

		const held = samAtVersion();
		recordEvaluationHeld(held.doc, '2026-01-05', me);
		const heldState = Y.encodeStateAsUpdateV2(held.doc);
		const today = samAtVersion().doc;
		restoreContent(today, versionDoc(heldState));
		expect(readPlan(today).lastHeldOn).toBe('2026-01-05');
	});

	it('restores a version kept before the plan existed: the plan empties, the map comes back', () => {
		const old = new Y.Doc();
		setCentreName(old, 'Sam', me);
		old.getMap(ROOT.meta).set(META.schemaVersion, 2);
		addPerson(old, { name: 'Oma', sector: 'familie', ring: 1 }, me);
		const { doc } = samAtVersion();
		restoreContent(doc, versionDoc(Y.encodeStateAsUpdateV2(old)));
		const map = project(doc);
		expect(map.people.map((p) => p.name)).toEqual(['Oma']);
		expect(map.plan?.goals).toEqual([]);
		expect(map.plan?.agreements).toEqual([]);
		expect(map.schemaVersion).toBe(3);
	});
});

describe('sameJson', () => {
	it('compares content, not key order or absent keys', () => {
		expect(sameJson({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
		expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
		expect(sameJson([1], { 0: 1 })).toBe(false);
		expect(sameJson(null, {})).toBe(false);
	});
});
