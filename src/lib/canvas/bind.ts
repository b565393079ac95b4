import type { Core, EventObject, NodeSingular } from 'cytoscape';
import * as Y from 'yjs';
import { META, ROOT } from '../doc/schema.ts';
import { placePerson, readPeople } from '../doc/people.ts';
import { observeMap } from '../doc/roots.ts';
import { readTies } from '../doc/ties.ts';
import { jimState, readJimLog } from '../doc/jim.ts';
import { readPlan } from '../doc/plan.ts';
import type { Origin } from '../doc/origin.ts';
import type { CanvasLabels } from './decor.ts';
import { drawBackdrop, drawScene, updateBends } from './draw.ts';
import { slotAt } from './layout.ts';
import { applyPresence } from './presence.ts';

export interface BindOptions {
	/** This client's origin: its own writes carry it. */
	origin: Origin;
	readOnly: boolean;
	labels: CanvasLabels;
	/** Called when the user selects a person on the canvas (null: nothing selected). */
	onSelect?: (personId: string | null) => void;
	/**
	 * Called on double-tap, long-press or right-click on a person: "show me everything about
	 * this person". Long-press is how touch users reach it.
	 */
	onOpen?: (personId: string) => void;
	/** Called when the user starts dragging a person (their id) and when they let go (null). */
	onDrag?: (personId: string | null) => void;
	/** The youth's name for the centre while the map itself names nobody yet (a new map). */
	youthName?: string;
}

/**
 * Binds a Cytoscape instance to a map document: the canvas shows the document's placed people
 * and the ties between them, and writes the user's drags back as sector, ring and angle.
 * Returns the unbind function.
 */
export function bind(cy: Core, doc: Y.Doc, opts: BindOptions): () => void {
	drawBackdrop(cy, opts.labels);

	const render = () => {
		const centreName = doc.getMap(ROOT.meta).get(META.centreName);
		drawScene(
			cy,
			{
				centreName: (typeof centreName === 'string' && centreName) || opts.youthName || '',
				people: readPeople(doc),
				ties: readTies(doc),
				jim: jimState(readJimLog(doc)),
				plan: readPlan(doc)
			},
			{ labels: opts.labels, readOnly: opts.readOnly }
		);
		applyPresence(cy);
	};

	let dragging: string | null = null;
	const onDrag = (e: EventObject) => {
		const node = e.target as NodeSingular;
		node.connectedEdges('.tie').forEach(updateBends);
		// Reported on the first move, not on grab, so a plain tap does not tell others "dragging".
		const id = node.data('personId') as string;
		if (dragging !== id) {
			dragging = id;
			opts.onDrag?.(id);
		}
	};
	// On 'free' rather than Cytoscape's 'dragfree', which comes tens of milliseconds later: the
	// drop is written (and sent to the others) as soon as the finger or button lets go.
	const onFree = (e: EventObject) => {
		if (dragging === null) return;
		dragging = null;
		const node = e.target as NodeSingular;
		placePerson(doc, node.data('personId') as string, slotAt(node.position()), opts.origin);
		opts.onDrag?.(null);
		// The document decides where the person sits (the slot may have snapped the angle).
		render();
	};
	const onSelect = (e: EventObject) => opts.onSelect?.((e.target as NodeSingular).data('personId') ?? null);
	const onUnselect = () => {
		if (cy.$('node.person:selected').empty()) opts.onSelect?.(null);
	};
	const onOpen = (e: EventObject) => opts.onOpen?.((e.target as NodeSingular).data('personId') as string);

	const unobserve = observeMap(doc, render);
	const handlers: [string, (e: EventObject) => void][] = [
		['drag', onDrag],
		['free', onFree],
		['select', onSelect],
		['unselect', onUnselect],
		['dbltap taphold cxttap', onOpen]
	];
	for (const [events, handler] of handlers) cy.on(events, 'node.person', handler);
	render();

	return () => {
		unobserve();
		for (const [events, handler] of handlers) cy.off(events, 'node.person', handler);
	};
}

/**
 * Shows a selection made elsewhere (the list, the panel) on the canvas. Selects before it
 * unselects, so the canvas never reports "nothing selected" on the way.
 */
export function selectPerson(cy: Core, personId: string | null): void {
	const target = personId === null ? cy.collection() : cy.getElementById(`person-${personId}`);
	if (target.nonempty() && !target.selected()) target.select();
	cy.nodes('.person:selected').not(target).unselect();
}
