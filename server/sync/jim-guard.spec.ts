import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { jimRecordRefusal, type Writer } from './jim-guard.ts';
import { addPerson } from '../../src/lib/doc/people.ts';
import { updatePerson } from '../../src/lib/doc/details.ts';
import { jimLogOf, recordChoice, recordStatus, type Recorder } from '../../src/lib/doc/jim.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';
import { localOrigin } from '../../src/lib/doc/origin.ts';
import { markErased } from '../../src/lib/doc/erase.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';

const origin = localOrigin('test');
const sam: Recorder = { userId: 'samuser00000001', name: 'Sam', role: 'youth' };
const fatima: Recorder = { userId: 'fatimauser00001', name: 'Fatima', role: 'professional' };
const nora: Writer = { userId: 'norauser0000001', role: 'jim' };

/** The server's copy and a client's copy of one map, and the client's next change as an update. */
function setup() {
	const server = new Y.Doc();
	upgrade(server);
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

describe('who may write the JIM record', () => {
	it('lets the JIM draw the map', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => {
			addPerson(doc, { name: 'Buurvrouw', sector: 'familie', ring: 2 }, origin);
			updatePerson(doc, oma, { note: 'belt elke week' }, origin);
		});
		expect(jimRecordRefusal(server, update, nora)).toBeNull();
	});

	it('refuses the JIM writing to the record, even in the youth’s name', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'actief' }, sam, origin));
		expect(jimRecordRefusal(server, update, nora)).toMatch(/role jim/);
	});

	it('lets the youth and the professional record in their own name, together with map edits', () => {
		const { server, oma, change } = setup();
		const bySam = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'gevraagd' }, sam, origin));
		expect(jimRecordRefusal(server, bySam, { userId: sam.userId, role: 'youth' })).toBeNull();
		const byFatima = change((doc) => {
			addPerson(doc, { name: 'Tante Nora', sector: 'familie', ring: 2 }, origin);
			recordStatus(doc, { personId: oma, personName: 'Oma', status: 'ja' }, fatima, origin);
		});
		expect(jimRecordRefusal(server, byFatima, { userId: fatima.userId, role: 'professional' })).toBeNull();
	});

	it('refuses a record in someone else’s name', () => {
		const { server, oma, change } = setup();
		const update = change((doc) => recordStatus(doc, { personId: oma, personName: 'Oma', status: 'ja' }, sam, origin));
		expect(jimRecordRefusal(server, update, { userId: fatima.userId, role: 'professional' })).toMatch(/someone else/);
		expect(jimRecordRefusal(server, update, { userId: sam.userId, role: 'professional' })).toMatch(/someone else/);
	});

	it('refuses erasing an entry, and junk in the record, from anyone', () => {
		const first = setup();
		const erase = first.change((doc) => jimLogOf(doc).delete(0, 1));
		expect(jimRecordRefusal(first.server, erase, { userId: sam.userId, role: 'youth' })).toMatch(/deletes/);
		// (A fresh pair: an update carries its document's whole delete set.)
		const { server, change } = setup();
		const junk = change((doc) => jimLogOf(doc).push([{ kind: 'choice', personId: 'x' }]));
		expect(jimRecordRefusal(server, junk, { userId: sam.userId, role: 'youth' })).toMatch(/malformed/);
		const third = setup();
		const nested = third.change((doc) => jimLogOf(doc).push([new Y.Map()]));
		expect(jimRecordRefusal(third.server, nested, { userId: sam.userId, role: 'youth' })).toMatch(/other than entries/);
	});

	it('places items whose parent is only known through their neighbour', () => {
		const { server, change } = setup();
		// A second entry is encoded with its left neighbour as origin and no parent of its own.
		const update = change((doc) => recordStatus(doc, { personId: 'p', personName: 'Oma', status: 'nee' }, sam, origin));
		expect(jimRecordRefusal(server, update, nora)).toMatch(/role jim/);
		Y.applyUpdate(server, update);
		const next = change((doc) => recordStatus(doc, { personId: 'p', personName: 'Oma', status: 'ja' }, sam, origin));
		expect(jimRecordRefusal(server, next, nora)).toMatch(/role jim/);
	});

	it('refuses a note that someone was erased from any client: only the server makes one', () => {
		for (const writer of [nora, { userId: sam.userId, role: 'youth' }, { userId: fatima.userId, role: 'professional' }]) {
			const { server, change } = setup();
			expect(jimRecordRefusal(server, change((doc) => markErased(doc, origin)), writer)).toBe('notes an erasure');
		}
		// Other notes on the map are the writers' as ever.
		const { server, change } = setup();
		expect(jimRecordRefusal(server, change((doc) => setCentreName(doc, 'Samuel', origin)), nora)).toBeNull();
	});
});
