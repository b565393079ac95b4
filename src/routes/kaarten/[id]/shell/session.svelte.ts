import { getContext, setContext } from 'svelte';
import { SvelteSet } from 'svelte/reactivity';
import type * as Y from 'yjs';
import { m } from '$lib/paraglide/messages.js';
import { addPerson, placePerson, readPeople, type NewPerson } from '$lib/doc/people';
import { updatePerson, type PersonPatch } from '$lib/doc/details';
import { removeTie, setTie, type TieProps } from '$lib/doc/ties';
import { InvalidInputError } from '$lib/doc/input';
import {
	recordChoice,
	recordConsent,
	recordStatus,
	type ChoiceInput,
	type ConsentInput,
	type Recorder,
	type StatusInput
} from '$lib/doc/jim';
import { createUndoManager } from '$lib/doc/undo';
import {
	addAgreement,
	addGoal,
	answerQuestion,
	askQuestion,
	readPlan,
	removeAgreement,
	removeGoal,
	removePersonWithAgreements,
	setPlanDates,
	updateAgreement,
	updateGoal,
	type AgreementInput,
	type Author,
	type Carrier,
	type Domain
} from '$lib/doc/plan';
import { localOrigin, type Origin } from '$lib/doc/origin';
import type { Ring, Sector } from '$lib/doc/schema';
import { invalidInputMessage } from '$lib/i18n/labels';
import type { MapContent } from '$lib/sync/map-content.svelte';

export type Outcome = { ok: true } | { ok: false; message: string };

/**
 * What a form says when the map refused its change: `take` keeps an outcome's message (or clears
 * it) and says whether the change went through.
 */
export class Refusal {
	message = $state('');

	take = (outcome: Outcome): boolean => {
		this.message = outcome.ok ? '' : outcome.message;
		return outcome.ok;
	};
}

/**
 * One open map on this page (MapEditor.svelte makes one per connection; MapWorkspace shares it
 * through context): what the page does to the document, in one place. Every write goes through
 * the model with this client's origin, so undo covers exactly the user's own changes. Refused
 * input comes back as a message; the document is unchanged.
 */
export class MapSession {
	selected = $state<string | null>(null);
	/** Last thing to announce to screen readers (added, deleted, undone …). */
	announcement = $state('');
	canUndo = $state(false);
	canRedo = $state(false);
	/** Questions whose answer this user offered as a tip while the map is open (the page's data has the earlier ones). */
	readonly tipsOffered = new SvelteSet<string>();
	readonly doc: Y.Doc;
	readonly origin: Origin;
	readonly content: MapContent;
	readonly readOnly: boolean;
	/** Who records JIM choices, steps and consent: the youth or their professional; null for anyone else. */
	readonly recorder: Recorder | null;
	/** Who signs what they write in the support plan (goals, questions, answers); null for readers. */
	readonly author: Author | null;
	readonly #undo: Y.UndoManager;
	/** This device's writes that undo must not bring back (see removeGoal). */
	readonly #untracked: Origin = localOrigin('browser-untracked');

	constructor(
		doc: Y.Doc,
		origin: Origin,
		content: MapContent,
		readOnly: boolean,
		recorder: Recorder | null = null,
		author: Author | null = null
	) {
		this.doc = doc;
		this.origin = origin;
		this.content = content;
		this.readOnly = readOnly;
		this.recorder = readOnly ? null : recorder;
		this.author = readOnly ? null : author;
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

	/**
	 * Removes a person with their ties; their agreements go to `moveTo`, or stay without a person
	 * (null). One undo step brings the person back with their ties and their agreements.
	 */
	remove(id: string, moveTo: Carrier = null): Outcome {
		const name = readPeople(this.doc).find((p) => p.id === id)?.name ?? '';
		this.#undo.stopCapturing();
		const outcome = this.#attempt(() => removePersonWithAgreements(this.doc, id, moveTo, this.origin));
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

	/** A plan write that says, once done, what happened (for screen readers). */
	#plan(write: () => void, said: () => string): Outcome {
		const outcome = this.#attempt(write);
		if (outcome.ok) this.announcement = said();
		return outcome;
	}

	/** Writes that are signed: only someone who may write, with a name, can make them. */
	#signed(write: (author: Author) => void, said: () => string): Outcome {
		const author = this.author;
		if (!author) return { ok: false, message: m.map_read_only() };
		return this.#plan(() => write(author), said);
	}

	setPlanDates(input: { startOn?: string; everyWeeks?: number; nextOn?: string | null }): Outcome {
		return this.#plan(
			() => setPlanDates(this.doc, input, this.origin),
			() => m.plan_dates_saved()
		);
	}

	addGoal(input: { domain: Domain; text: string }): Outcome {
		return this.#signed(
			(a) => addGoal(this.doc, input, a, this.origin),
			() => m.plan_goal_added()
		);
	}

	updateGoal(id: string, patch: { domain?: Domain; text?: string }): Outcome {
		return this.#plan(
			() => updateGoal(this.doc, id, patch, this.origin),
			() => m.plan_saved()
		);
	}

	removeGoal(id: string): Outcome {
		// Undo would write someone else's goal again in their name, which the server refuses (only
		// an author signs their own): removing another's goal is final, so undo does not track it.
		const mine = readPlan(this.doc).goals.find((g) => g.id === id)?.writtenBy.userId === this.author?.userId;
		return this.#plan(
			() => removeGoal(this.doc, id, mine ? this.origin : this.#untracked),
			() => m.plan_goal_removed()
		);
	}

	addAgreement(input: AgreementInput): Outcome {
		return this.#plan(
			() => addAgreement(this.doc, input, this.origin),
			() => m.plan_agreement_added()
		);
	}

	updateAgreement(id: string, patch: Partial<AgreementInput>): Outcome {
		return this.#plan(
			() => updateAgreement(this.doc, id, patch, this.origin),
			() => m.plan_saved()
		);
	}

	removeAgreement(id: string): Outcome {
		return this.#plan(
			() => removeAgreement(this.doc, id, this.origin),
			() => m.plan_agreement_removed()
		);
	}

	askQuestion(input: { text: string; goalId?: string | null }): Outcome {
		return this.#signed(
			(a) => askQuestion(this.doc, input, a, this.origin),
			() => m.plan_question_asked()
		);
	}

	answerQuestion(id: string, answer: string): Outcome {
		return this.#signed(
			(a) => answerQuestion(this.doc, id, answer, a, this.origin),
			() => m.plan_question_answered()
		);
	}

	undo(): void {
		if (this.readOnly || !this.#undo.undo()) return;
		this.announcement = m.undone();
	}

	redo(): void {
		if (this.readOnly || !this.#undo.redo()) return;
		this.announcement = m.redone();
	}

	/** Someone was erased from the map: an undo must not bring them back from this tab's memory. */
	forgetHistory(): void {
		this.#undo.clear();
	}

	destroy(): void {
		this.#undo.destroy();
		this.content.destroy();
	}
}

const KEY = Symbol('map-session');

export function setMapSession(session: MapSession): MapSession {
	return setContext(KEY, session);
}

export function getMapSession(): MapSession {
	return getContext<MapSession>(KEY);
}
