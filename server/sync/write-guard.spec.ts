import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { writeRefusal, type Writer } from './write-guard.ts';
import { addPerson, placePerson } from '../../src/lib/doc/people.ts';
import { updatePerson } from '../../src/lib/doc/details.ts';
import { removeTie, setTie } from '../../src/lib/doc/ties.ts';
import { createUndoManager } from '../../src/lib/doc/undo.ts';
import { jimLogOf, recordChoice, recordConsent, recordStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { EVALUATION_ORIGIN, localOrigin, UPGRADE_ORIGIN } from '../../src/lib/doc/origin.ts';
import { markErased } from '../../src/lib/doc/erase.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import {
	addAgreement,
	addGoal,
	answerQuestion,
	askQuestion,
	recordEvaluationHeld,
	removeAgreement,
	removeGoal,
	removePersonWithAgreements,
	setPlanDates,
	updateAgreement,
	updateGoal,
	upgradePlan
} from '../../src/lib/doc/plan.ts';
import { CENTRE, NAME_MAX, NOTE_MAX, ROOT, YOUTH_NAME_MAX } from '../../src/lib/doc/schema.ts';
import { PERSON_FIELDS } from '../../src/lib/doc/records.ts';

const origin = localOrigin('test');
const sam: Recorder & Writer = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };
const fatima: Recorder & Writer = { userId: 'fatimauser00001', name: 'Fatima Yilmaz', role: 'professional' };
const nora: Writer = { userId: 'norauser0000001', name: 'Tante Nora', role: 'jim' };

/** The server's copy and a client's copy of one map, and the client's next change as an update. */
function setup() {
	const server = new Y.Doc();
	upgrade(server);
	upgradePlan(server, UPGRADE_ORIGIN);
	const oma = addPerson(server, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	recordChoice(server, { personId: oma, personName: 'Oma', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const change = (fn: (doc: Y.Doc) => void): Uint8Array => {
		const before = Y.encodeStateVector(client);
		fn(client);
		return Y.encodeStateAsUpdate(client, before);
	};
	return { server, client, oma, change };
}

describe('the JIM record', () => {
	it('lets the JIM draw the map', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => {
			addPerson(doc, { name: 'Buurvrouw', sector: 'familie', ring: 2 }, origin);
			updatePerson(doc, oma, { note: 'belt elke week', support: ['praktisch'] }, origin);
		});
		expect(writeRefusal(server, update, nora)).toBeNull();
	});

	it('refuses the JIM writing to the record, even in the youth’s name', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'actief' }, sam, origin));
		expect(writeRefusal(server, update, nora)).toMatch(/role jim/);
	});

	it('lets the youth and the professional record in their own name, together with map edits', () => {
		const { server, oma, change } = setup();
		const bySam = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'gevraagd' }, sam, origin));
		expect(writeRefusal(server, bySam, sam)).toBeNull();
		// (A fresh pair: an update builds on the one before, which the server has not taken here.)
		const other = setup();
		const byFatima = other.change((doc) => {
			addPerson(doc, { name: 'Tante Nora', sector: 'familie', ring: 2 }, origin);
			recordStatus(doc, { personId: other.oma, personName: 'Oma', status: 'ja' }, fatima, origin);
		});
		expect(writeRefusal(other.server, byFatima, fatima)).toBeNull();
	});

	it('refuses a record in someone else’s name, or under a name that is not the account’s', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'ja' }, sam, origin));
		expect(writeRefusal(server, update, fatima)).toMatch(/someone else/);
		expect(writeRefusal(server, update, { ...sam, role: 'professional' })).toMatch(/someone else/);
		const next = setup();
		const forged = next.change((doc) =>
			recordStatus(doc, { personId: next.oma, personName: 'Oma', status: 'ja' }, { ...sam, name: 'Fatima Yilmaz' }, origin)
		);
		expect(writeRefusal(next.server, forged, sam)).toMatch(/someone else/);
	});

	it('refuses erasing an entry, and junk in the record, from anyone', () => {
		const first = setup();
		const erase = first.change((doc) => jimLogOf(doc).delete(0, 1));
		expect(writeRefusal(first.server, erase, sam)).toMatch(/deletes/);
		const { server, change } = setup();
		const junk = change((doc) => jimLogOf(doc).push([{ kind: 'choice', personId: 'x' }]));
		expect(writeRefusal(server, junk, sam)).toMatch(/well-formed/);
		const third = setup();
		const nested = third.change((doc) => jimLogOf(doc).push([new Y.Map()]));
		expect(writeRefusal(third.server, nested, sam)).toMatch(/plain entry/);
	});

	it('places items whose parent is only known through their neighbour', () => {
		const { server, change } = setup();
		// A second entry is encoded with its left neighbour as origin and no parent of its own.
		const update = change((doc) => recordStatus(doc, { personId: 'p', personName: 'Oma', status: 'nee' }, sam, origin));
		expect(writeRefusal(server, update, nora)).toMatch(/role jim/);
		Y.applyUpdate(server, update);
		const next = change((doc) => recordStatus(doc, { personId: 'p', personName: 'Oma', status: 'ja' }, sam, origin));
		expect(writeRefusal(server, next, nora)).toMatch(/role jim/);
	});

	it('never lets an entry that could not be placed yet join the log with the one it waited for', () => {
		const { server, client, oma } = setup();
		const updates: Uint8Array[] = [];
		client.on('update', (u: Uint8Array) => updates.push(u));
		recordConsent(client, { subject: 'jongere', givenBy: 'Sam', way: 'persoonlijk', given: true }, sam, origin);
		recordStatus(client, { personId: oma, personName: 'Oma', status: 'actief' }, { ...fatima, userId: sam.userId, role: 'youth' }, origin);
		// The forged entry first: it builds on the consent the server has not seen.
		expect(writeRefusal(server, updates[1], sam)).toMatch(/not seen/);
		expect(writeRefusal(server, updates[0], sam)).toBeNull();
		Y.applyUpdate(server, updates[0]);
		expect(jimLogOf(server).length).toBe(2);
	});
});

describe('delete sets and changes the map has not seen', () => {
	it('refuses a delete set for clocks the server has not seen, so nobody can delete future edits', () => {
		const { server, client, change } = setup();
		// Deletes of the professional's client id (seen in presence), clocks 0 to 1,000,000, and nothing else.
		const forged = deleteOnly(client.clientID, 0, 1_000_000);
		expect(writeRefusal(server, forged, nora)).toMatch(/deletes changes the map has not seen/);
		expect(writeRefusal(server, forged, fatima)).toMatch(/deletes changes the map has not seen/);
		// An honest client's full delete set (everything it saw deleted) is fine.
		const honest = change((doc) =>
			updatePerson(doc, addPerson(doc, { name: 'X', sector: 'school', ring: 3 }, origin), { note: 'a' }, origin)
		);
		expect(writeRefusal(server, honest, nora)).toBeNull();
	});

	it('refuses a change that skips the writer’s own earlier ones', () => {
		const { server, client } = setup();
		const updates: Uint8Array[] = [];
		client.on('update', (u: Uint8Array) => updates.push(u));
		setCentreName(client, 'Samuel', origin);
		setCentreName(client, 'Sam', origin);
		expect(writeRefusal(server, updates[1], nora)).toMatch(/not seen/);
		expect(writeRefusal(server, updates[0], nora)).toBeNull();
	});
});

describe('what only the server writes', () => {
	it('refuses the schema versions, the last evaluation and the erasure note from every client', () => {
		for (const writer of [nora, sam, fatima]) {
			const one = setup();
			expect(
				writeRefusal(
					one.server,
					one.change((doc) => doc.getMap(ROOT.meta).set('schemaVersion', 99)),
					writer
				)
			).toMatch(/only the server|server only/);
			const two = setup();
			expect(
				writeRefusal(
					two.server,
					two.change((doc) => doc.getMap(ROOT.plan).set('schemaVersion', 99)),
					writer
				)
			).toMatch(/only the server|server only/);
			const three = setup();
			const held = three.change((doc) => recordEvaluationHeld(doc, '2999-12-31', EVALUATION_ORIGIN));
			expect(writeRefusal(three.server, held, writer)).toMatch(/only the server|server only/);
			const four = setup();
			expect(
				writeRefusal(
					four.server,
					four.change((doc) => markErased(doc, origin)),
					writer
				)
			).toMatch(/only the server|server only/);
			const five = setup();
			expect(
				writeRefusal(
					five.server,
					five.change((doc) => doc.getMap(ROOT.meta).delete('schemaVersion')),
					writer
				)
			).toMatch(/only the server/);
		}
	});

	it('takes back what the server already has, schema versions included, with a real change beside it', () => {
		// A device's IndexedDB copy loads after the socket opened: y-websocket sends it all as one
		// update. Yjs skips what the map holds, so it changes nothing and must not be refused.
		for (const writer of [nora, sam, fatima]) {
			const { server, client, change } = setup();
			expect(writeRefusal(server, Y.encodeStateAsUpdate(client), writer)).toBeNull();
			const added = change((doc) => addPerson(doc, { name: 'Buurvrouw', sector: 'familie', ring: 2 }, origin));
			expect(writeRefusal(server, Y.mergeUpdates([Y.encodeStateAsUpdate(server), added]), writer)).toBeNull();
			// What the server has is no cover for what it has not: a new schema version is still refused.
			change((doc) => doc.getMap(ROOT.meta).set('schemaVersion', 99));
			expect(writeRefusal(server, Y.encodeStateAsUpdate(client), writer)).toMatch(/only the server|server only/);
		}
	});

	it('refuses overwriting an erasure note the server made', () => {
		const { server, client, change } = setup();
		markErased(server, origin);
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		expect(
			writeRefusal(
				server,
				change((doc) => markErased(doc, origin)),
				fatima
			)
		).toMatch(/only the server|server only/);
		// Other notes on the map are the writers' as ever.
		const other = setup();
		expect(
			writeRefusal(
				other.server,
				other.change((doc) => setCentreName(doc, 'Samuel', origin)),
				nora
			)
		).toBeNull();
	});
});

describe('content and authorship', () => {
	it('takes a goal, a question and an answer signed by the writer', () => {
		const { server, change } = setup();
		const goal = change((doc) => addGoal(doc, { domain: 'school-werk', text: 'Mijn diploma halen' }, nora, origin));
		expect(writeRefusal(server, goal, nora)).toBeNull();
		Y.applyUpdate(server, goal);
		let q = '';
		const ask = change((doc) => (q = askQuestion(doc, { text: 'Wat doe jij als je boos bent?' }, sam, origin)));
		expect(writeRefusal(server, ask, sam)).toBeNull();
		Y.applyUpdate(server, ask);
		const answer = change((doc) => answerQuestion(doc, q, 'Even wandelen.', nora, origin));
		expect(writeRefusal(server, answer, nora)).toBeNull();
	});

	it('refuses authorship in someone else’s name', () => {
		const { server, change } = setup();
		const goal = change((doc) => addGoal(doc, { domain: 'thuis', text: 'Op tijd thuis' }, fatima, origin));
		expect(writeRefusal(server, goal, nora)).toMatch(/someone other than the writer/);
		const ask = setup();
		expect(
			writeRefusal(
				ask.server,
				ask.change((doc) => askQuestion(doc, { text: 'Vraag' }, fatima, origin)),
				sam
			)
		).toMatch(/someone other/);
	});

	it('refuses an answer that does not say who gave it', () => {
		const { server, client, change } = setup();
		const q = askQuestion(client, { text: 'Vraag' }, sam, origin);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
		const bare = change((doc) => (doc.getMap(ROOT.questions).get(q) as Y.Map<unknown>).set('answer', 'Zo.'));
		expect(writeRefusal(server, bare, nora)).toMatch(/answer: written without answeredBy/);
	});

	it('holds names, notes and choices to the limits and values of the model', () => {
		const cases: [string, (doc: Y.Doc, oma: string) => void, RegExp][] = [
			['a name past the limit', (doc, oma) => person(doc, oma).set('name', 'x'.repeat(NAME_MAX + 1)), /longer than/],
			['a note past the limit', (doc, oma) => person(doc, oma).set('note', 'x'.repeat(NOTE_MAX + 1)), /longer than/],
			['an empty name', (doc, oma) => person(doc, oma).set('name', '  '), /empty/],
			['a control character in a name', (doc, oma) => person(doc, oma).set('name', 'Oma\u0007'), /control/],
			['a sector that does not exist', (doc, oma) => person(doc, oma).set('sector', 'buren'), /allowed value/],
			['a field the model does not have', (doc, oma) => person(doc, oma).set('evil', 1), /not a field/],
			['a nested type in a person', (doc, oma) => person(doc, oma).set('note', new Y.Text('x')), /one plain value/],
			['a date in the future', (doc, oma) => person(doc, oma).set('createdAt', Date.now() + 10 * 86_400_000), /time/],
			['a person that is a plain value', (doc) => doc.getMap(ROOT.people).set('p1', 'Oma'), /not a record/],
			['a person without a name', (doc) => doc.getMap(ROOT.people).set('p2', new Y.Map()), /created without name/],
			['a root the schema does not have', (doc) => doc.getMap('junk').set('a', 1), /root the schema does not have/],
			['list content in a keyed root', (doc) => doc.getArray(ROOT.people).push([1]), /list content/],
			// The youth's name: as long as the map record's youth_name may be (80), no longer.
			['a centre name past the limit', (doc) => setRaw(doc, ROOT.meta, 'centreName', 'x'.repeat(YOUTH_NAME_MAX + 1)), /longer than/],
			['a relation that is not text', (doc, oma) => person(doc, oma).set('relation', 42), /not text/],
			[
				'“since when” past its limit',
				(doc, oma) => person(doc, oma).set('knownSince', 'x'.repeat(PERSON_FIELDS.knownSince.max + 1)),
				/longer than/
			],
			['“since when” as a number', (doc, oma) => person(doc, oma).set('knownSince', 2019), /not text/],
			['plan every 0 weeks', (doc) => setRaw(doc, ROOT.plan, 'everyWeeks', 0), /range/]
		];
		for (const [what, write, why] of cases) {
			const { server, oma, change } = setup();
			expect(
				writeRefusal(
					server,
					change((doc) => write(doc, oma)),
					fatima
				),
				what
			).toMatch(why);
		}
	});
});

describe('a map that holds a value from before its limit', () => {
	it('stays editable: other fields of that person, and the person panel sending the old value back, pass', () => {
		const { server, client, oma, change } = setup();
		// Written before the limit held (the server's own writes are not held to the rules).
		const long = 'Oma '.repeat(20);
		person(server, oma).set('name', long);
		Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
		const edit = change((doc) => updatePerson(doc, oma, { name: long, note: 'belt op zondag' }, origin));
		expect(writeRefusal(server, edit, fatima)).toBeNull();
		expect(person(client, oma).get('name')).toBe(long);
	});

	it('refuses a new value past the limit', () => {
		const { server, oma, change } = setup();
		const longer = change((doc) => person(doc, oma).set('name', 'x'.repeat(NAME_MAX + 1)));
		expect(writeRefusal(server, longer, fatima)).toMatch(/longer than/);
	});

	it('takes “since when” written by the person panel', () => {
		const { server, oma, change } = setup();
		const since = change((doc) => updatePerson(doc, oma, { knownSince: 'sinds groep 5' }, origin));
		expect(writeRefusal(server, since, fatima)).toBeNull();
	});

	it('takes a youth name as long as the map record allows', () => {
		const { server, change } = setup();
		const name = change((doc) => setRaw(doc, ROOT.meta, 'centreName', 'x'.repeat(YOUTH_NAME_MAX)));
		expect(writeRefusal(server, name, fatima)).toBeNull();
	});
});

describe('the reason, which goes to the log', () => {
	it('names roots and fields of the schema only, never a key or id a client chose', () => {
		const { server, change } = setup();
		const junkKey = change((doc) => doc.getMap(ROOT.meta).set('Kees Verhoef', 1));
		expect(writeRefusal(server, junkKey, fatima)).toBe('meta/?: is not a field of the schema');
		const other = setup();
		const badName = other.change((doc) => person(doc, other.oma).set('name', 'x'.repeat(NAME_MAX + 1)));
		expect(writeRefusal(other.server, badName, fatima)).toBe(`people/*/name: is longer than ${NAME_MAX}`);
	});
});

function person(doc: Y.Doc, id: string): Y.Map<unknown> {
	return doc.getMap(ROOT.people).get(id) as Y.Map<unknown>;
}

function setRaw(doc: Y.Doc, root: string, key: string, value: unknown): void {
	doc.getMap(root).set(key, value);
}

/** An update with no structs and one delete range, as a hostile client would craft it (V1 encoding). */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0); // struct groups
	encoding.writeVarUint(encoder, 1); // delete set: one client
	encoding.writeVarUint(encoder, client);
	encoding.writeVarUint(encoder, 1); // one range
	encoding.writeVarUint(encoder, clock);
	encoding.writeVarUint(encoder, len);
	return encoding.toUint8Array(encoder);
}

describe('every write the app makes passes', () => {
	/**
	 * A client that makes every kind of change the model offers, with undo and redo, as one writer;
	 * the server's copy takes each transaction's update only if the guard lets it through.
	 */
	function session(writer: Writer & { role: 'youth' | 'professional' | 'jim' }) {
		const { server, client, oma } = setup();
		const refusals: string[] = [];
		client.on('update', (update: Uint8Array) => {
			const why = writeRefusal(server, update, writer);
			if (why) refusals.push(why);
			else Y.applyUpdate(server, update);
		});
		return { client, oma, refusals };
	}

	for (const writer of [sam, fatima, nora]) {
		it(`as ${writer.role}`, () => {
			const { client: doc, oma, refusals } = session(writer as Writer & { role: 'youth' });
			const undo = createUndoManager(doc, origin, { captureTimeout: 0 });
			const step = (fn: () => void) => {
				fn();
				undo.stopCapturing();
			};
			let kees = '';
			let goal = '';
			let agreement = '';
			let question = '';
			step(() => setCentreName(doc, 'Samuel', origin));
			step(
				() =>
					(kees = addPerson(
						doc,
						{
							name: 'Kees',
							relation: 'oom',
							sector: 'familie',
							ring: 2,
							support: ['emotioneel'],
							contact: 'wekelijks',
							knownFor: 'meer-dan-vijf-jaar',
							jimCandidate: true,
							note: 'Zegt "hoi" \\o/\nelke dag'
						},
						origin
					))
			);
			step(() => addPerson(doc, { name: 'Juf Ans' }, origin));
			step(() =>
				updatePerson(doc, kees, { name: 'Oom Kees', support: ['praktisch'], contact: null, jimCandidate: false, note: '' }, origin)
			);
			step(() => placePerson(doc, kees, { sector: 'vrienden', ring: 4, angle: 0.9 }, origin));
			step(() => placePerson(doc, kees, null, origin));
			step(() => setTie(doc, CENTRE, oma, { quality: 'gespannen', support: 'naar-jongere' }, origin));
			step(() => setTie(doc, kees, oma, { quality: 'zwak' }, origin));
			step(() => removeTie(doc, kees, oma, origin));
			step(() => setPlanDates(doc, { startOn: '2026-01-05', everyWeeks: 6, nextOn: '2026-03-01' }, origin));
			step(() => setPlanDates(doc, { nextOn: null }, origin));
			step(() => (goal = addGoal(doc, { domain: 'school-werk', text: 'Mijn diploma halen' }, writer, origin)));
			step(() => updateGoal(doc, goal, { domain: 'thuis', text: 'Op tijd thuis' }, origin));
			step(
				() =>
					(agreement = addAgreement(
						doc,
						{ what: 'Samen huiswerk', who: { kind: 'person', personId: kees }, due: '2026-02-01', goalId: goal },
						origin
					))
			);
			step(() => updateAgreement(doc, agreement, { status: 'bezig', who: { kind: 'jim' }, due: null }, origin));
			step(() => (question = askQuestion(doc, { text: 'Wat doe jij als het thuis ruzie is?', goalId: goal }, writer, origin)));
			step(() => answerQuestion(doc, question, 'Ik ga even naar buiten.', writer, origin));
			step(() => removePersonWithAgreements(doc, kees, { kind: 'youth' }, origin));
			step(() => removeGoal(doc, goal, origin));
			step(() => removeAgreement(doc, agreement, origin));
			if (writer.role !== 'jim') {
				const recorder = writer as Recorder;
				recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'reserve', chosenBy: 'Sam' }, recorder, origin);
				recordStatus(doc, { personId: oma, personName: 'Oma', status: 'gevraagd' }, recorder, origin);
				recordConsent(doc, { subject: 'ouders', givenBy: 'moeder Anja', way: 'telefoon', given: true }, recorder, origin);
			}
			while (undo.canUndo()) undo.undo();
			while (undo.canRedo()) undo.redo();
			for (let i = 0; i < 5; i++) undo.undo();
			expect(refusals).toEqual([]);
		});
	}
});
