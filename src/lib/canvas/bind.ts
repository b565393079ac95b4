import type { Core, EventObject, NodeSingular } from 'cytoscape';
import * as Y from 'yjs';
import { META, ROOT } from '../doc/schema.ts';
import { peopleOf, placePerson, readPeople } from '../doc/people.ts';
import type { Origin } from '../doc/origin.ts';
import { decorElements, type CanvasLabels } from './decor.ts';
import { layoutPeople, slotAt, type Placed } from './layout.ts';

export interface BindOptions {
	/** This client's origin: its own writes carry it. */
	origin: Origin;
	readOnly: boolean;
	labels: CanvasLabels;
	/** Called when the user selects a person on the canvas (null: nothing selected). */
	onSelect?: (personId: string | null) => void;
}

const CENTRE_ID = 'centre';

/**
 * Binds a Cytoscape instance to a map document: the canvas shows the document's placed people
 * and writes the user's drags back as sector, ring and angle. Returns the unbind function.
 */
export function bind(cy: Core, doc: Y.Doc, opts: BindOptions): () => void {
	cy.add(decorElements(opts.labels));
	cy.add({ data: { id: CENTRE_ID, label: '' }, position: { x: 0, y: 0 }, classes: 'centre', grabbable: false, selectable: false });

	const render = () => {
		const centreName = doc.getMap(ROOT.meta).get(META.centreName);
		cy.getElementById(CENTRE_ID).data('label', typeof centreName === 'string' ? centreName : '');
		const people = readPeople(doc);
		const placed = people.filter((p): p is typeof p & Placed => p.sector !== null && p.ring !== null);
		const positions = layoutPeople(placed);
		const seen = new Set<string>();
		cy.batch(() => {
			for (const p of placed) {
				const id = `person-${p.id}`;
				seen.add(id);
				const position = positions.get(p.id)!;
				let node = cy.getElementById(id) as NodeSingular;
				if (node.empty()) {
					node = cy.add({ data: { id, personId: p.id, label: p.name }, position, classes: 'person' });
					if (opts.readOnly) node.ungrabify();
				} else {
					node.data('label', p.name);
					// Never yank a node from under the user's finger.
					if (!node.grabbed()) node.position(position);
				}
			}
			cy.nodes('.person').forEach((n) => {
				if (!seen.has(n.id())) n.remove();
			});
		});
	};

	const onDragFree = (e: EventObject) => {
		const node = e.target as NodeSingular;
		const id = node.data('personId') as string;
		placePerson(doc, id, slotAt(node.position()), opts.origin);
		// The document decides where the person sits (the slot may have snapped the angle).
		render();
	};
	const onSelect = (e: EventObject) => opts.onSelect?.((e.target as NodeSingular).data('personId') ?? null);
	const onUnselect = () => {
		if (cy.$('node.person:selected').empty()) opts.onSelect?.(null);
	};

	const people = peopleOf(doc);
	const meta = doc.getMap(ROOT.meta);
	people.observeDeep(render);
	meta.observe(render);
	cy.on('dragfree', 'node.person', onDragFree);
	cy.on('select', 'node.person', onSelect);
	cy.on('unselect', 'node.person', onUnselect);
	render();

	return () => {
		people.unobserveDeep(render);
		meta.unobserve(render);
		cy.off('dragfree', 'node.person', onDragFree);
		cy.off('select', 'node.person', onSelect);
		cy.off('unselect', 'node.person', onUnselect);
	};
}
