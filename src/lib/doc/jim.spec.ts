import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	hasJimConsent,
	isJimEntry,
	jimLogOf,
	jimRoleOf,
	jimState,
	readJimLog,
	recordChoice,
	recordConsent,
	recordStatus,
	statusOf,
	today,
	type Recorder
} from './jim.ts';
import { addPerson } from './people.ts';
import { upgrade } from './upgrade.ts';
import { localOrigin } from './origin.ts';
import { project } from './projection.ts';
import { InvalidInputError } from './input.ts';

const sam: Recorder = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };
const fatima: Recorder = { userId: 'fatimauser00001', name: 'Fatima Yilmaz', role: 'professional' };
const origin = localOrigin();

function mapWithNora() {
	const doc = new Y.Doc();
	upgrade(doc);
	const nora = addPerson(doc, { name: 'Tante Nora', relation: 'tante', sector: 'familie', ring: 2, jimCandidate: true }, origin);
	const mo = addPerson(doc, { name: 'Trainer Mo', sector: 'school', ring: 3, jimCandidate: true }, origin);
	return { doc, nora, mo };
}

describe('the JIM record', () => {
	it('keeps who chose whom, who recorded it, and each step with its date', () => {
		const { doc, nora } = mapWithNora();
		recordChoice(doc, { personId: nora, personName: 'Tante Nora', pick: 'jim', chosenBy: 'Sam', on: '2026-05-04' }, fatima, origin);
		recordStatus(doc, { personId: nora, personName: 'Tante Nora', status: 'gevraagd', on: '2026-05-06' }, sam, origin);
		recordStatus(doc, { personId: nora, personName: 'Tante Nora', status: 'ja', on: '2026-05-10' }, sam, origin);
		const state = jimState(readJimLog(doc));
		expect(state.jim).toMatchObject({
			personId: nora,
			chosenBy: 'Sam',
			recordedBy: { name: 'Fatima Yilmaz', role: 'professional' },
			on: '2026-05-04'
		});
		expect(statusOf(state, nora)).toBe('ja');
		expect(state.steps.get(nora)!.map((s) => [s.status, s.on])).toEqual([
			['gevraagd', '2026-05-06'],
			['ja', '2026-05-10']
		]);
		expect(jimRoleOf(state, nora)).toBe('jim');
	});

	it('a chosen JIM with no steps yet is a candidate; a backup is kept apart; a pick can be taken back', () => {
		const { doc, nora, mo } = mapWithNora();
		recordChoice(doc, { personId: nora, personName: 'Tante Nora', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		recordChoice(doc, { personId: mo, personName: 'Trainer Mo', pick: 'reserve', chosenBy: 'Sam' }, sam, origin);
		let state = jimState(readJimLog(doc));
		expect(statusOf(state, nora)).toBe('kandidaat');
		expect(jimRoleOf(state, mo)).toBe('reserve');
		// Mo becomes the JIM: he is no longer the backup, and Nora no longer the JIM.
		recordChoice(doc, { personId: mo, personName: 'Trainer Mo', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		state = jimState(readJimLog(doc));
		expect(jimRoleOf(state, mo)).toBe('jim');
		expect(state.reserve).toBeNull();
		expect(jimRoleOf(state, nora)).toBeNull();
		recordChoice(doc, { personId: mo, personName: 'Trainer Mo', pick: 'geen', chosenBy: 'Sam' }, sam, origin);
		expect(jimState(readJimLog(doc)).jim).toBeNull();
		// Nothing is erased: every pick is still in the log.
		expect(readJimLog(doc).filter((e) => e.kind === 'choice')).toHaveLength(4);
	});

	it('keeps the latest consent per subject, with who gave it and how', () => {
		const { doc } = mapWithNora();
		recordConsent(doc, { subject: 'ouders', givenBy: 'moeder', way: 'telefoon', given: true, on: '2026-05-05' }, fatima, origin);
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		recordConsent(doc, { subject: 'ouders', givenBy: 'moeder', way: 'schriftelijk', given: false }, fatima, origin);
		const { consent } = jimState(readJimLog(doc));
		expect(consent.jongere).toMatchObject({ givenBy: 'Sam', way: 'persoonlijk', given: true, on: today() });
		expect(consent.ouders).toMatchObject({ givenBy: 'moeder', way: 'schriftelijk', given: false });
	});

	it('consent counts for the JIM chosen when it was recorded: the youth said yes to Nora, not to Mo', () => {
		const { doc, nora, mo } = mapWithNora();
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		// Given before anyone was chosen: it names no JIM, so nobody may look yet.
		expect(hasJimConsent(jimState(readJimLog(doc)), nora)).toBe(false);
		recordChoice(doc, { personId: nora, personName: 'Tante Nora', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		let state = jimState(readJimLog(doc));
		expect(hasJimConsent(state, nora)).toBe(true);
		expect(hasJimConsent(state, mo)).toBe(false);
		expect(hasJimConsent(state, '')).toBe(false);
		// Mo becomes the JIM: Nora keeps what Sam said to her; Mo waits for his own yes.
		recordChoice(doc, { personId: mo, personName: 'Trainer Mo', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		recordConsent(doc, { subject: 'ouders', givenBy: 'moeder', way: 'telefoon', given: true }, fatima, origin);
		state = jimState(readJimLog(doc));
		expect(hasJimConsent(state, mo)).toBe(false);
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		expect(hasJimConsent(jimState(readJimLog(doc)), mo)).toBe(true);
		// Withdrawn: the latest word counts.
		recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: false }, sam, origin);
		state = jimState(readJimLog(doc));
		expect(hasJimConsent(state, mo)).toBe(false);
		expect(hasJimConsent(state, nora)).toBe(true);
	});

	it('refuses careless input and writes nothing', () => {
		const { doc, nora } = mapWithNora();
		const bad: [string, () => unknown][] = [
			[
				'a status that does not exist',
				() => recordStatus(doc, { personId: nora, personName: 'N', status: 'misschien' as never }, sam, origin)
			],
			['a date in the future', () => recordStatus(doc, { personId: nora, personName: 'N', status: 'ja', on: '2999-01-01' }, sam, origin)],
			[
				'a date that is not a day',
				() => recordStatus(doc, { personId: nora, personName: 'N', status: 'ja', on: '2026-02-30' }, sam, origin)
			],
			['an empty name', () => recordChoice(doc, { personId: nora, personName: '  ', pick: 'jim', chosenBy: 'Sam' }, sam, origin)],
			[
				'a parent as recorder',
				() =>
					recordChoice(doc, { personId: nora, personName: 'N', pick: 'jim', chosenBy: 'Sam' }, { ...sam, role: 'parent' as never }, origin)
			],
			['consent without who', () => recordConsent(doc, { subject: 'jongere', givenBy: '', way: 'telefoon', given: true }, sam, origin)],
			[
				'consent in an unknown way',
				() => recordConsent(doc, { subject: 'jongere', givenBy: 'Sam', way: 'sms' as never, given: true }, sam, origin)
			]
		];
		for (const [why, call] of bad) expect(call, why).toThrow(InvalidInputError);
		expect(jimLogOf(doc).length).toBe(0);
	});

	it('skips malformed entries that another client wrote, and the state stays sound', () => {
		const { doc, nora } = mapWithNora();
		jimLogOf(doc).push([{ kind: 'choice', personId: nora }, 'junk', 42, null]);
		recordStatus(doc, { personId: nora, personName: 'Tante Nora', status: 'actief' }, sam, origin);
		expect(readJimLog(doc)).toHaveLength(1);
		expect(isJimEntry({ kind: 'choice' })).toBe(false);
		expect(statusOf(jimState(readJimLog(doc)), nora)).toBe('actief');
	});

	it('merges records made on two devices at once, the same on both', () => {
		const { doc: a, nora, mo } = mapWithNora();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		recordStatus(a, { personId: nora, personName: 'Tante Nora', status: 'gevraagd' }, sam, origin);
		recordChoice(b, { personId: mo, personName: 'Trainer Mo', pick: 'reserve', chosenBy: 'Sam' }, fatima, origin);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(project(a).jim).toEqual(project(b).jim);
		expect(project(a).jim).toHaveLength(2);
	});
});
