import { getContext, setContext } from 'svelte';
import type * as Y from 'yjs';
import { m } from '$lib/paraglide/messages.js';
import { addPerson, placePerson, readPeople, removePerson, type NewPerson } from '$lib/doc/people';
import { updatePerson, type PersonPatch } from '$lib/doc/details';
import { removeTie, setTie, type TieProps } from '$lib/doc/ties';
import { InvalidInputError } from '$lib/doc/input';
import { recordChoice, recordConsent, recordStatus, type ChoiceInput, type ConsentInput, type Recorder, type StatusInput } from '$lib/doc/jim';
import { createUndoManager } from '$lib/doc/undo';
import type { Origin } from '$lib/doc/origin';
import type { Ring, Sector } from '$lib/doc/schema';
import { invalidInputMessage } from '$lib/i18n/labels';
import type { MapContent } from '$lib/sync/map-content.svelte';

export type Outcome = { ok: true } | { ok: false; message: string };

/**
 * What the map page does to the document, in one place: every write goes through the model
 * with this client's origin, so undo covers exactly the user's own changes. Refused input comes
 * back as a message; the document is unchanged.
 */
export class MapEditor {
	selected = $state<string | null>(null);
	/** Last thing to announce to screen readers (added, deleted, undone …). */
	announcement = $state('');
	canUndo = $state(false);
	canRedo = $state(false);
	readonly doc: Y.Doc;
	readonly origin: Origin;
	readonly content: MapContent;
	readonly readOnly: boolean;
	/** Who records JIM choices, steps and consent: the youth or their professional; null for anyone else. */
	readonly recorder: Recorder | null;
	readonly #undo: Y.UndoManager;

	constructor(doc: Y.Doc, origin: Origin, content: MapContent, readOnly: boolean, recorder: Recorder | null = null) {
		this.doc = doc;
		this.origin = origin;
		this.content = content;
		this.readOnly = readOnly;
		this.recorder = readOnly ? null : recorder;
		this.#undo = createUndoManager(doc, origin);
		const refresh = () => {
			this.canUndo = this.#undo.undoStack.length > 0;
			this.canRedo = this.#undo.redoStack.length > 0;
		};
		this.#undo.on('stack-item-added', refresh);
		this.#undo.on('stack-item-popped', refresh);
		this.#undo.on('stack-cleared', refresh);
	}

	#attempt(write: () => void): Outcome {
		if (this.readOnly) return { ok: false, message: m.map_read_only() };
		try {
			write();
			return { ok: true };
		} catch (e) {
			if (e instanceof InvalidInputError) return { ok: false, message: invalidInputMessage(e) };
			throw e;
		}
	}

	add(person: NewPerson): Outcome {
		const outcome = this.#attempt(() => addPerson(this.doc, person, this.origin));
		if (outcome.ok) this.announcement = m.add_person_added({ name: person.name.trim() });
		return outcome;
	}

	update(id: string, patch: PersonPatch): Outcome {
		return this.#attempt(() => updatePerson(this.doc, id, patch, this.origin));
	}

	place(id: string, slot: { sector: Sector; ring: Ring; angle?: number } | null): Outcome {
		return this.#attempt(() => placePerson(this.doc, id, slot, this.origin));
	}

	tie(from: string, to: string, props: TieProps): Outcome {
		return this.#attempt(() => setTie(this.doc, from, to, props, this.origin));
	}

	untie(from: string, to: string): Outcome {
		return this.#attempt(() => removeTie(this.doc, from, to, this.origin));
	}

	remove(id: string): Outcome {
		const name = readPeople(this.doc).find((p) => p.id === id)?.name ?? '';
		// One undo step brings the person back with their ties.
		this.#undo.stopCapturing();
		const outcome = this.#attempt(() => removePerson(this.doc, id, this.origin));
		this.#undo.stopCapturing();
		if (outcome.ok) {
			if (this.selected === id) this.selected = null;
			this.announcement = m.deleted({ name });
		}
		return outcome;
	}

	/** JIM records are never undone (the log is append-only): a correction is a new record. */
	#record(write: (recorder: Recorder) => void): Outcome {
		const recorder = this.recorder;
		if (!recorder) return { ok: false, message: m.jim_read_only({ youth: this.content.centreName }) };
		const outcome = this.#attempt(() => write(recorder));
		if (outcome.ok) this.announcement = m.jim_recorded();
		return outcome;
	}

	chooseJim(input: ChoiceInput): Outcome {
		return this.#record((r) => recordChoice(this.doc, input, r, this.origin));
	}

	recordJimStatus(input: StatusInput): Outcome {
		return this.#record((r) => recordStatus(this.doc, input, r, this.origin));
	}

	recordConsent(input: ConsentInput): Outcome {
		return this.#record((r) => recordConsent(this.doc, input, r, this.origin));
	}

	undo(): void {
		if (this.readOnly || !this.#undo.undo()) return;
		this.announcement = m.undone();
	}

	redo(): void {
		if (this.readOnly || !this.#undo.redo()) return;
		this.announcement = m.redone();
	}

	destroy(): void {
		this.#undo.destroy();
	}
}

const KEY = Symbol('map-editor');

export function setMapEditor(editor: MapEditor): MapEditor {
	return setContext(KEY, editor);
}

export function getMapEditor(): MapEditor {
	return getContext<MapEditor>(KEY);
}
