import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createUndoManager } from './undo.ts';
import { addPerson, readPeople, removePerson } from './people.ts';
import { updatePerson } from './details.ts';
import { readTies, setTie } from './ties.ts';
import { setCentreName } from './meta.ts';
import { localOrigin, SEED_ORIGIN } from './origin.ts';
import { CENTRE } from './schema.ts';
import { project } from './projection.ts';

/** Two clients wired to each other, each with its own origin and undo manager. */
function twoClients() {
	const a = new Y.Doc();
	const b = new Y.Doc();
	a.on('update', (u: Uint8Array, from: unknown) => from !== 'wire' && Y.applyUpdate(b, u, 'wire'));
	b.on('update', (u: Uint8Array, from: unknown) => from !== 'wire' && Y.applyUpdate(a, u, 'wire'));
	const originA = localOrigin('a');
	const originB = localOrigin('b');
	return { a, b, originA, originB, undoA: createUndoManager(a, originA, { captureTimeout: 0 }) };
}

describe('undo', () => {
	it('reverts one’s own change and leaves a remote change intact', () => {
		const { a, b, originA, originB, undoA } = twoClients();
		const oma = addPerson(a, { name: 'Oma' }, originA);
		undoA.clear();
		updatePerson(a, oma, { note: 'van A' }, originA);
		updatePerson(b, oma, { contact: 'dagelijks' }, originB);
		const trainer = addPerson(b, { name: 'Trainer' }, originB);
		undoA.undo();
		expect(readPeople(a).find((p) => p.id === oma)).toMatchObject({ note: '', contact: 'dagelijks' });
		expect(readPeople(a).map((p) => p.id)).toContain(trainer);
		expect(project(a)).toEqual(project(b));
		undoA.redo();
		expect(readPeople(b).find((p) => p.id === oma)!.note).toBe('van A');
	});

	it('never undoes a seed, an upgrade or the other client', () => {
		const { a, b, originB, undoA } = twoClients();
		setCentreName(a, 'Sam', SEED_ORIGIN);
		addPerson(b, { name: 'Oma' }, originB);
		expect(undoA.canUndo()).toBe(false);
	});

	it('undoing a delete brings the person back with their ties', () => {
		const { a, originA, undoA } = twoClients();
		const oma = addPerson(a, { name: 'Oma', sector: 'familie', ring: 1 }, originA);
		setTie(a, CENTRE, oma, { quality: 'sterk', support: 'beide' }, originA);
		removePerson(a, oma, originA);
		expect(readTies(a)).toEqual([]);
		undoA.undo();
		expect(readPeople(a).map((p) => p.id)).toEqual([oma]);
		expect(readTies(a)).toMatchObject([{ from: CENTRE, to: oma, support: 'beide' }]);
	});

	it('undoing one’s own add while the other drew a tie to that person leaves no visible dangling tie', () => {
		const { a, b, originA, originB, undoA } = twoClients();
		const oma = addPerson(a, { name: 'Oma' }, originA);
		setTie(b, CENTRE, oma, {}, originB);
		undoA.undo();
		expect(project(a).people).toEqual([]);
		expect(project(a).ties).toEqual([]);
		expect(project(a)).toEqual(project(b));
	});
});
