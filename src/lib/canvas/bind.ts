import type { Core, EventObject, NodeSingular } from 'cytoscape';
import * as Y from 'yjs';
import { CENTRE, META, ROOT, type Ring, type Sector } from '../doc/schema.ts';
import { placePerson } from '../doc/people.ts';
import { observeMap } from '../doc/roots.ts';
import { contentReader } from '../doc/entry-reader.ts';
import { jimState, readJimLog } from '../doc/jim.ts';
import { readPlan } from '../doc/plan.ts';
import type { Origin } from '../doc/origin.ts';
import type { CanvasLabels } from './decor.ts';
import { CENTRE_ID, drawBackdrop, drawScene, scaleOf, updateBends } from './draw.ts';
import { slotAt, type Point } from './layout.ts';
import { applyPresence } from './presence.ts';
import { hideTieHandle, showTieHandle, TIE_HANDLE_ID, tieGesture } from './tie-handle.ts';

export interface BindOptions {
	/** This client's origin: its own writes carry it. */
	origin: Origin;
	readOnly: boolean;
	labels: CanvasLabels;
	/** The youth's name for the centre while the map has none of its own (a new map). */
	youthName?: string;
	/** Called when the user selects a person on the canvas (null: nothing selected). */
	onSelect?: (personId: string | null) => void;
	/**
	 * Called on double-tap, long-press or right-click on a person: "show me everything about
	 * this person". Long-press is how touch users reach it.
	 */
	onOpen?: (personId: string) => void;
	/** Called when the user starts dragging a person (their id) and when they let go (null). */
	onDrag?: (personId: string | null) => void;
	/** Called while the user drags a person, with where the circle is now (model units): for others to watch. */
	onDragAt?: (personId: string, at: Point) => void;
	/** Called after a drop that put a person in another slot: "Oma → dichtbij". */
	onMoved?: (personId: string, name: string, slot: { sector: Sector; ring: Ring }, before: { sector: Sector; ring: Ring }) => void;
	/** Called when a tie is tapped (its id): to change its kind. */
	onTie?: (tieId: string) => void;
	/** Called when the user drew a line from one person (or the youth, CENTRE) to another with the handle. */
	onDrawTie?: (from: string, to: string) => void;
}

/**
 * Binds a Cytoscape instance to a map document: the canvas shows the document's placed people
 * and the ties between them, and writes the user's drags back as sector, ring and angle.
 * Returns the unbind function.
 */
export function bind(cy: Core, doc: Y.Doc, opts: BindOptions): () => void {
	drawBackdrop(cy, opts.labels);

	/** How many times the circle was drawn: a drop draws it itself only when the document did not. */
	let drawn = 0;
	// A change re-reads only the people and ties it touched (the circle is drawn on every change).
	const content = contentReader(doc);
	const render = () => {
		drawn++;
		const centreName = doc.getMap(ROOT.meta).get(META.centreName);
		const people = content.people();
		drawScene(
			cy,
			{
				centreName: typeof centreName === 'string' && centreName.trim() ? centreName : (opts.youthName ?? ''),
				people,
				ties: content.ties(people),
				jim: jimState(readJimLog(doc)),
				plan: readPlan(doc)
			},
			{ labels: opts.labels, readOnly: opts.readOnly }
		);
		applyPresence(cy);
		followHandle();
	};

	let dragging: string | null = null;
	let dragFrom: { sector: Sector; ring: Ring } | null = null;
	const onGrab = (e: EventObject) => {
		const node = e.target as NodeSingular;
		dragFrom = slotAt(node.position(), scaleOf(cy).stretch);
	};
	const onDrag = (e: EventObject) => {
		const node = e.target as NodeSingular;
		node.connectedEdges('.tie').forEach(updateBends);
		// Reported on the first move, not on grab, so a plain tap does not tell others "dragging".
		const id = node.data('personId') as string;
		if (dragging !== id) {
			dragging = id;
			hideTieHandle(cy);
			opts.onDrag?.(id);
		}
		opts.onDragAt?.(id, { ...node.position() });
	};
	// On 'free' rather than Cytoscape's 'dragfree', which comes tens of milliseconds later: the
	// drop is written (and sent to the others) as soon as the finger or button lets go.
	const onFree = (e: EventObject) => {
		// The handle waits for the finger to let go (see tie-handle.ts).
		setTimeout(() => !cy.destroyed() && followHandle(), 0);
		if (dragging === null) return;
		dragging = null;
		const node = e.target as NodeSingular;
		const id = node.data('personId') as string;
		const slot = slotAt(node.position(), scaleOf(cy).stretch);
		const before = drawn;
		placePerson(doc, id, slot, opts.origin);
		opts.onDrag?.(null);
		// The document decides where the person sits: the circle snaps to its place in the slot
		// (drawn already when the drop changed the document).
		if (drawn === before) render();
		if (dragFrom && (dragFrom.sector !== slot.sector || dragFrom.ring !== slot.ring))
			opts.onMoved?.(id, node.data('name') as string, slot, dragFrom);
		dragFrom = null;
	};
	const followHandle = () => {
		const selected = cy.$('node.person:selected');
		if (opts.readOnly || selected.length !== 1 || dragging) hideTieHandle(cy);
		else showTieHandle(cy, selected[0] as NodeSingular);
	};
	const onSelect = (e: EventObject) => {
		opts.onSelect?.((e.target as NodeSingular).data('personId') ?? null);
		followHandle();
	};
	const onUnselect = () => {
		if (cy.$('node.person:selected').empty()) opts.onSelect?.(null);
		followHandle();
	};
	const onOpen = (e: EventObject) => opts.onOpen?.((e.target as NodeSingular).data('personId') as string);
	const onTieTap = (e: EventObject) => opts.onTie?.(e.target.data('tieId') as string);

	// Once per transaction, after all of it: a transaction that touches people, ties and the plan
	// (loading the map does) would otherwise draw the whole circle once for each. After Yjs has
	// handed the change on ('update': to the server, to IndexedDB), so the others get this
	// client's change without waiting for its own circle to be drawn.
	let changed = false;
	const unobserveMap = observeMap(doc, () => (changed = true));
	const afterTransactions = () => {
		if (!changed) return;
		changed = false;
		render();
	};
	doc.on('afterAllTransactions', afterTransactions);
	const unobserve = () => {
		unobserveMap();
		doc.off('afterAllTransactions', afterTransactions);
	};
	const handlers: [string, (e: EventObject) => void][] = [
		['grab', onGrab],
		['drag', onDrag],
		['free', onFree],
		['select', onSelect],
		['unselect', onUnselect],
		['dbltap taphold cxttap', onOpen]
	];
	for (const [events, handler] of handlers) cy.on(events, 'node.person', handler);
	cy.on('tap', 'edge.tie', onTieTap);
	const stopGesture = opts.readOnly
		? () => {}
		: tieGesture(cy, (from, to) => {
				const end = (n: NodeSingular) => (n.id() === CENTRE_ID ? CENTRE : (n.data('personId') as string));
				opts.onDrawTie?.(end(from), end(to));
			});
	render();

	return () => {
		unobserve();
		content.stop();
		stopGesture();
		for (const [events, handler] of handlers) cy.off(events, 'node.person', handler);
		cy.off('tap', 'edge.tie', onTieTap);
		cy.getElementById(TIE_HANDLE_ID).remove();
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
