import type { Core, EdgeSingular, EventObject, NodeSingular } from 'cytoscape';
import * as Y from 'yjs';
import { META, ROOT } from '../doc/schema.ts';
import { placePerson, readPeople } from '../doc/people.ts';
import { observeMap } from '../doc/roots.ts';
import { readTies } from '../doc/ties.ts';
import { jimRoleOf, jimState, readJimLog } from '../doc/jim.ts';
import { openAgreementsOf, readPlan } from '../doc/plan.ts';
import type { Origin } from '../doc/origin.ts';
import { decorElements, type CanvasLabels } from './decor.ts';
import { CENTRE_NODE_SIZE, layoutPeople, NODE_SIZE, slotAt, type Placed } from './layout.ts';
import { personLabel } from './person-label.ts';
import { applyPresence } from './presence.ts';
import { cutMarks, nodeIdOf, rimDistance, tieElement, zigzag } from './ties.ts';

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
}

const CENTRE_ID = 'centre';

function lengthBetween(a: NodeSingular, b: NodeSingular): number {
	const radius = (n: NodeSingular) => (n.id() === CENTRE_ID ? CENTRE_NODE_SIZE : NODE_SIZE) / 2;
	return rimDistance(a.position(), b.position(), radius(a), radius(b));
}

/** Jagged and cut lines are drawn through points that depend on the line's length: redrawn while dragging. */
function updateBends(edge: EdgeSingular): void {
	const quality = edge.data('quality');
	if (quality !== 'gespannen' && quality !== 'verbroken') return;
	const length = lengthBetween(edge.source(), edge.target());
	const bends = quality === 'gespannen' ? zigzag(length) : cutMarks(length);
	edge.data({ bendWeights: bends.weights, bendDistances: bends.distances });
}

/**
 * Binds a Cytoscape instance to a map document: the canvas shows the document's placed people
 * and the ties between them, and writes the user's drags back as sector, ring and angle.
 * Returns the unbind function.
 */
export function bind(cy: Core, doc: Y.Doc, opts: BindOptions): () => void {
	cy.add(decorElements(opts.labels));
	cy.add({ data: { id: CENTRE_ID, label: '' }, position: { x: 0, y: 0 }, classes: 'centre', grabbable: false, selectable: false });

	const render = () => {
		const centreName = doc.getMap(ROOT.meta).get(META.centreName);
		cy.getElementById(CENTRE_ID).data('label', typeof centreName === 'string' ? centreName : '');
		const people = readPeople(doc);
		const jim = jimState(readJimLog(doc));
		const plan = readPlan(doc);
		const placed = people.filter((p): p is typeof p & Placed => p.sector !== null && p.ring !== null);
		const positions = layoutPeople(placed);
		const seen = new Set<string>();
		cy.batch(() => {
			for (const p of placed) {
				const id = `person-${p.id}`;
				seen.add(id);
				const position = positions.get(p.id)!;
				const role = jimRoleOf(jim, p.id);
				const open = openAgreementsOf(plan, p.id).length;
				const label = personLabel(p.name, p.jimCandidate, role ? opts.labels[role] : undefined, open > 0 ? opts.labels.agreements(open) : undefined);
				let node = cy.getElementById(id) as NodeSingular;
				if (node.empty()) {
					// `name` is the plain name, for code that finds a person (the label may carry ☆ or be shortened).
					node = cy.add({ data: { id, personId: p.id, name: p.name, label, jim: role ?? '', open }, position, classes: 'person' });
					if (opts.readOnly) node.ungrabify();
				} else {
					node.data({ name: p.name, label, jim: role ?? '', open });
					// Never yank a node from under the user's finger.
					if (!node.grabbed()) node.position(position);
				}
			}
			cy.nodes('.person').forEach((n) => {
				if (!seen.has(n.id())) n.remove();
			});
			// People in the tray are not drawn, and neither are their ties.
			const drawn = new Set(placed.map((p) => p.id));
			const edgesSeen = new Set<string>();
			for (const tie of readTies(doc, drawn)) {
				const length = lengthBetween(cy.getElementById(nodeIdOf(tie.from)) as NodeSingular, cy.getElementById(nodeIdOf(tie.to)) as NodeSingular);
				const def = tieElement(tie, length);
				const id = def.data.id;
				edgesSeen.add(id);
				const edge = cy.getElementById(id);
				if (edge.empty()) cy.add(def);
				else {
					// An edge's id and ends never change (a tie's id is made from its ends).
					const { id: _id, source: _source, target: _target, ...fields } = def.data;
					if (!('bendWeights' in fields)) edge.removeData('bendWeights bendDistances');
					edge.data(fields);
					edge.classes(def.classes);
				}
			}
			cy.edges('.tie').forEach((e) => {
				if (!edgesSeen.has(e.id())) e.remove();
			});
		});
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
