import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addPerson, placePerson, readPeople } from '../doc/people.ts';
import { positionOf } from './layout.ts';
import { removeTie, setTie } from '../doc/ties.ts';
import { updatePerson } from '../doc/details.ts';
import { localOrigin } from '../doc/origin.ts';
import { CENTRE } from '../doc/schema.ts';
import { bind, selectPerson, type BindOptions } from './bind.ts';
import { recordChoice, recordStatus } from '../doc/jim.ts';
import { addAgreement, removeAgreement, updateAgreement } from '../doc/plan.ts';
import { showPresence } from './presence.ts';
import { canvasStyle } from './style.ts';
import { updateBends } from './draw.ts';

const origin = localOrigin('test');
const labels: BindOptions['labels'] = {
	rings: ['1', '2', '3', '4'],
	sectors: { familie: 'Familie', vrienden: 'Vrienden', school: 'School', hulpverleners: 'Hulpverleners' },
	jim: 'JIM',
	reserve: 'reserve',
	agreements: (count) => (count === 1 ? '1 afspraak' : `${count} afspraken`)
};
const cleanup: (() => void)[] = [];
afterEach(() => {
	for (const fn of cleanup.splice(0)) fn();
});

function setup(opts: Partial<BindOptions> = {}) {
	const doc = new Y.Doc();
	const cy: Core = cytoscape({ headless: true, styleEnabled: true, style: canvasStyle });
	const unbind = bind(cy, doc, { origin, readOnly: false, labels, ...opts });
	cleanup.push(() => {
		unbind();
		cy.destroy();
	});
	const oma = addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, origin);
	const vader = addPerson(doc, { name: 'Vader', sector: 'familie', ring: 3 }, origin);
	return { doc, cy, oma, vader, node: (id: string) => cy.getElementById(`person-${id}`) as NodeSingular };
}

describe('ties on the canvas', () => {
	it('draws the youth’s ties and ties between people, and follows changes', () => {
		const { doc, cy, oma, vader } = setup();
		setTie(doc, CENTRE, oma, { quality: 'sterk', support: 'naar-jongere' }, origin);
		setTie(doc, oma, vader, { quality: 'gespannen' }, origin);
		const youthTie = cy.getElementById(`tie-centre:${oma}`);
		expect(youthTie.source().id()).toBe('centre');
		expect(youthTie.hasClass('sterk') && youthTie.hasClass('arrow-source')).toBe(true);
		expect(cy.edges('.tie.gespannen').length).toBe(1);
		expect(cy.edges('.tie.gespannen').style('curve-style')).toBe('segments');

		setTie(doc, CENTRE, oma, { quality: 'verbroken', support: 'geen' }, origin);
		expect(youthTie.hasClass('verbroken') && !youthTie.hasClass('arrow-source')).toBe(true);
		expect(youthTie.data('bendWeights')).toHaveLength(8);
		setTie(doc, CENTRE, oma, { quality: 'zwak' }, origin);
		expect(youthTie.data('bendWeights')).toBeUndefined();
		expect(youthTie.style('line-style')).toBe('dashed');

		removeTie(doc, CENTRE, oma, origin);
		expect(cy.edges('.tie').length).toBe(1);
	});

	it('leaves out the ties of people waiting in the tray', () => {
		const { doc, cy, oma } = setup();
		setTie(doc, CENTRE, oma, {}, origin);
		placePerson(doc, oma, null, origin);
		expect(cy.edges('.tie').length).toBe(0);
		placePerson(doc, oma, { sector: 'vrienden', ring: 2 }, origin);
		expect(cy.edges('.tie').length).toBe(1);
	});
});

describe('people on the canvas', () => {
	it('marks a possible JIM with ☆', () => {
		const { doc, oma, node } = setup();
		updatePerson(doc, oma, { jimCandidate: true }, origin);
		expect(node(oma).data('label')).toBe('Oma ☆');
		expect(node(oma).data('name')).toBe('Oma');
	});

	it('opens a person on double-tap, long-press and right-click', () => {
		const onOpen = vi.fn();
		const { oma, node } = setup({ onOpen });
		for (const event of ['dbltap', 'taphold', 'cxttap']) node(oma).emit(event);
		expect(onOpen.mock.calls).toEqual([[oma], [oma], [oma]]);
	});

	it('writes a dropped person’s new group and ring as soon as they are let go', () => {
		const { doc, oma, node } = setup();
		node(oma).emit('grab').emit('drag');
		node(oma).position(positionOf('vrienden', 3, 0.5));
		node(oma).emit('free');
		expect(readPeople(doc).find((p) => p.id === oma)).toMatchObject({ sector: 'vrienden', ring: 3 });
		// A tap without a drag moves nobody.
		node(oma).emit('grab').emit('free');
		expect(readPeople(doc).find((p) => p.id === oma)).toMatchObject({ sector: 'vrienden', ring: 3 });
	});

	it('reports a drag from the first move until release, not for a plain tap', () => {
		const onDrag = vi.fn();
		const { oma, node } = setup({ onDrag });
		node(oma).emit('grab').emit('free');
		expect(onDrag).not.toHaveBeenCalled();
		node(oma).emit('grab').emit('drag').emit('drag').emit('free');
		expect(onDrag.mock.calls).toEqual([[oma], [null]]);
	});

	it('shows a selection made elsewhere without reporting "nothing selected" on the way', () => {
		const onSelect = vi.fn();
		const { cy, oma, vader, node } = setup({ onSelect });
		selectPerson(cy, oma);
		selectPerson(cy, vader);
		expect(node(vader).selected() && !node(oma).selected()).toBe(true);
		expect(onSelect.mock.calls).toEqual([[oma], [vader]]);
		selectPerson(cy, null);
		expect(onSelect).toHaveBeenLastCalledWith(null);
	});

	it('keeps others’ presence marks when people are redrawn', () => {
		const { doc, cy, oma, node } = setup();
		showPresence(cy, [{ colour: '#047857', mark: 'F', selection: oma, dragging: null }]);
		expect(node(oma).hasClass('peer')).toBe(true);
		expect(node(oma).data('peerColour')).toBe('#047857');
		// Back to the tray and placed again: a new node, which must get the mark too.
		placePerson(doc, oma, null, origin);
		placePerson(doc, oma, { sector: 'school', ring: 2 }, origin);
		expect(node(oma).hasClass('peer')).toBe(true);
		showPresence(cy, []);
		expect(node(oma).hasClass('peer')).toBe(false);
	});
});

describe('redrawing after a change', () => {
	it('restyles only the people and ties whose drawing changed, not the whole map', () => {
		const { doc, cy } = setup();
		const sectors = ['familie', 'vrienden', 'school', 'hulpverleners'] as const;
		for (let i = 0; i < 40; i++) {
			const id = addPerson(doc, { name: `Persoon ${i}`, sector: sectors[i % 4], ring: ((i % 4) + 1) as 1 | 2 | 3 | 4 }, origin);
			setTie(doc, CENTRE, id, { quality: 'sterk' }, origin);
		}
		showPresence(cy, []);
		// What a change touches: the elements it adds, moves or relabels, and the ties of those.
		const touched = new Set<string>();
		const restyled = new Set<string>();
		const touch = (e: { target: cytoscape.SingularElementArgument }) => {
			touched.add(e.target.id());
			if (e.target.isNode()) e.target.connectedEdges().forEach((edge) => void touched.add(edge.id()));
		};
		cy.on('add data position class', touch);
		cy.on('style', (e) => void restyled.add(e.target.id()));

		addPerson(doc, { name: 'Nieuw', sector: 'school', ring: 2 }, origin);
		showPresence(cy, []);

		expect(cy.getElementById(`person-${readPeople(doc).find((p) => p.name === 'Nieuw')!.id}`).nonempty()).toBe(true);
		expect([...restyled].filter((id) => !touched.has(id))).toEqual([]);
		// A person far from the new one (another group, nothing changed) is not restyled.
		expect(restyled.size).toBeLessThan(cy.nodes('.person').length);
	});
	it('draws a tie again for where its ends are, also after it was bent for a drag in between', () => {
		const { doc, cy, oma, vader, node } = setup();
		setTie(doc, oma, vader, { quality: 'gespannen' }, origin);
		const edge = cy.edges('.tie.gespannen')[0] as cytoscape.EdgeSingular;
		const drawn = edge.data('bendDistances') as number[];
		const at = { ...node(oma).position() };
		// A partner drags Oma far away and back (presence.ts bends her ties as she moves).
		node(oma).position({ x: at.x + 400, y: at.y + 400 });
		updateBends(edge);
		expect(edge.data('bendDistances')).not.toEqual(drawn);
		node(oma).position(at);
		// Any change draws the scene: her tie is bent for where she is, not for where she was.
		addPerson(doc, { name: 'Buurman', sector: 'school', ring: 4 }, origin);
		expect(edge.data('bendDistances')).toEqual(drawn);
		// A change of the tie itself is drawn.
		setTie(doc, oma, vader, { quality: 'verbroken' }, origin);
		expect(edge.hasClass('verbroken')).toBe(true);
		expect(edge.hasClass('gespannen')).toBe(false);
	});
});

describe('the JIM on the canvas', () => {
	it('marks the chosen JIM and the backup with a word and a double border, live, whoever recorded it', () => {
		const { doc, node, oma, vader } = setup();
		const sam = { userId: 'samuser00000001', name: 'Sam', role: 'youth' as const };
		expect(node(oma).data('label')).toBe('Oma');
		recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		recordChoice(doc, { personId: vader, personName: 'Vader', pick: 'reserve', chosenBy: 'Sam' }, sam, origin);
		expect(node(oma).data('label')).toBe('Oma\nJIM');
		expect(node(oma).style('border-style')).toBe('double');
		expect(node(vader).data('label')).toBe('Vader\nreserve');
		recordStatus(doc, { personId: oma, personName: 'Oma', status: 'ja' }, sam, origin);
		recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'geen', chosenBy: 'Sam' }, sam, origin);
		expect(node(oma).data('label')).toBe('Oma');
		expect(node(oma).style('border-style')).toBe('solid');
	});
});

describe('agreements on the canvas', () => {
	it('counts a person’s open agreements under their name, live, beside the JIM word', () => {
		const { doc, node, oma } = setup();
		const sam = { userId: 'samuser00000001', name: 'Sam', role: 'youth' as const };
		const visit = addAgreement(doc, { what: 'Elke week langs', who: { kind: 'person', personId: oma } }, origin);
		expect(node(oma).data('label')).toBe('Oma\n1 afspraak');
		// The count is a line of its own: the label wraps at the line break instead of being cut.
		expect(node(oma).style('text-wrap')).toBe('wrap');
		const homework = addAgreement(doc, { what: 'Helpen met huiswerk', who: { kind: 'person', personId: oma }, status: 'bezig' }, origin);
		addAgreement(doc, { what: 'Sam belt', who: { kind: 'youth' } }, origin);
		expect(node(oma).data('label')).toBe('Oma\n2 afspraken');
		recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'jim', chosenBy: 'Sam' }, sam, origin);
		expect(node(oma).data('label')).toBe('Oma\nJIM · 2 afspraken');
		// Finished agreements no longer count.
		updateAgreement(doc, visit, { status: 'gelukt' }, origin);
		expect(node(oma).data('label')).toBe('Oma\nJIM · 1 afspraak');
		recordChoice(doc, { personId: oma, personName: 'Oma', pick: 'geen', chosenBy: 'Sam' }, sam, origin);
		removeAgreement(doc, visit, origin);
		expect(node(oma).data('label')).toBe('Oma\n1 afspraak');
		updateAgreement(doc, homework, { status: 'niet-gelukt' }, origin);
		expect(node(oma).data('label')).toBe('Oma');
	});
});
