import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STATUS_MESSAGE, closeMeaning, decodeStatus, encodeStatus, isStored, type StatusMessage } from './sync.ts';

function roundTrip(message: StatusMessage): StatusMessage {
	const decoder = decoding.createDecoder(encodeStatus(message));
	expect(decoding.readVarUint(decoder)).toBe(STATUS_MESSAGE);
	return decodeStatus(decoder);
}

/** A server copy of `doc` as it is now, and its snapshot as the server would send it. */
function storedCopy(doc: Y.Doc): Uint8Array {
	const server = new Y.Doc();
	Y.applyUpdate(server, Y.encodeStateAsUpdate(doc));
	return Y.encodeSnapshot(Y.snapshot(server));
}

describe('status messages', () => {
	it('round-trip', () => {
		const snapshot = Y.encodeSnapshot(Y.snapshot(new Y.Doc()));
		expect(roundTrip({ kind: 'saved', snapshot })).toEqual({ kind: 'saved', snapshot });
		expect(roundTrip({ kind: 'save-failed' })).toEqual({ kind: 'save-failed' });
		expect(roundTrip({ kind: 'refused', reason: 'too-large' })).toEqual({ kind: 'refused', reason: 'too-large' });
	});

	it('an unknown kind throws instead of guessing', () => {
		const decoder = decoding.createDecoder(new Uint8Array([9]));
		expect(() => decodeStatus(decoder)).toThrow();
	});
});

describe('isStored', () => {
	it('is true when the stored state holds every insertion, false after a new one', () => {
		const doc = new Y.Doc();
		doc.getMap('people').set('oma', 'dichtbij');
		const saved = storedCopy(doc);
		expect(isStored(doc, saved)).toBe(true);
		doc.getMap('people').set('opa', 'ver');
		expect(isStored(doc, saved)).toBe(false);
		expect(isStored(doc, storedCopy(doc))).toBe(true);
	});

	it('notices a deletion that is not stored yet (deletions do not move the state vector)', () => {
		const doc = new Y.Doc();
		const list = doc.getArray<string>('list');
		list.insert(0, ['a', 'b', 'c', 'd']);
		const saved = storedCopy(doc);
		list.delete(1, 2);
		expect(isStored(doc, saved)).toBe(false);
		expect(isStored(doc, storedCopy(doc))).toBe(true);
	});

	it('counts changes from other people that only the server has as stored', () => {
		const doc = new Y.Doc();
		const other = new Y.Doc();
		other.getMap('people').set('tante', 'midden');
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(other));
		expect(isStored(doc, Y.encodeSnapshot(Y.snapshot(server)))).toBe(true);
	});
});

describe('what a close code tells the person', () => {
	it('a socket refused for too many open tabs says so; other closes ask the app about access', () => {
		expect(closeMeaning(4429)).toBe('too-many');
		expect(closeMeaning(4000)).toBe('rights-changed');
		for (const code of [undefined, 1000, 1006, 4401, 4403, 4008]) expect(closeMeaning(code)).toBeNull();
	});
});
