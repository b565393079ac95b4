import type { Core, EdgeSingular, NodeSingular } from 'cytoscape';
import { CENTRE, type MapJson, type Person, type Tie } from '../doc/schema.ts';
import { isJimEntry, jimRoleOf, jimState, type JimState } from '../doc/jim.ts';
import { openAgreementsOf, type PlanJson } from '../doc/plan.ts';
import { normalizeProjection } from '../doc/diff.ts';
import { decorElements, type CanvasLabels } from './decor.ts';
import { CENTRE_NODE_SIZE, layoutPeople, NODE_SIZE, type Placed, type Point } from './layout.ts';
import { personLabel } from './person-label.ts';
import { cutMarks, nodeIdOf, rimDistance, tieElement, zigzag } from './ties.ts';

/**
 * What the circle shows, from wherever it comes: the live document (bind.ts) or a stored
 * version's projection (sceneOf). Drawing it needs nothing else.
 */
export interface Scene {
	centreName: string;
	people: Person[];
	/** Ties to people not drawn (in the tray, or gone) are left out when drawing. */
	ties: Tie[];
	jim: JimState;
	plan: PlanJson | undefined;
}

/** A mark on a person, for comparing versions: `kind` for the style, `text` as a line under the name. */
export interface PersonMarkLabel {
	kind: string;
	text: string;
}

export interface DrawOptions {
	labels: CanvasLabels;
	/** People cannot be dragged. */
	readOnly: boolean;
	/** People already drawn move to their new place over this many ms (0 or absent: at once). */
	duration?: number;
	/** Marks by person id; people without one carry none. */
	marks?: Readonly<Record<string, PersonMarkLabel>>;
}

export const CENTRE_ID = 'centre';

/** A stored version's projection as a scene (projections made before the JIM or the plan existed too). */
export function sceneOf(map: MapJson): Scene {
	const n = normalizeProjection(map);
	return {
		centreName: typeof map.centreName === 'string' ? map.centreName : '',
		people: n.people,
		ties: n.ties,
		jim: jimState((map.jim ?? []).filter(isJimEntry)),
		plan: map.plan
	};
}

/** The rings, axes, names and the youth's node: drawn once, before any scene. */
export function drawBackdrop(cy: Core, labels: CanvasLabels): void {
	cy.add(decorElements(labels));
	cy.add({ data: { id: CENTRE_ID, label: '' }, position: { x: 0, y: 0 }, classes: 'centre', grabbable: false, selectable: false });
}

const radiusOf = (id: string) => (id === CENTRE_ID ? CENTRE_NODE_SIZE : NODE_SIZE) / 2;

function lengthBetween(a: NodeSingular, b: NodeSingular): number {
	return rimDistance(a.position(), b.position(), radiusOf(a.id()), radiusOf(b.id()));
}

/** Jagged and cut lines are drawn through points that depend on the line's length: redrawn while dragging. */
export function updateBends(edge: EdgeSingular): void {
	const quality = edge.data('quality');
	if (quality !== 'gespannen' && quality !== 'verbroken') return;
	const length = lengthBetween(edge.source(), edge.target());
	const bends = quality === 'gespannen' ? zigzag(length) : cutMarks(length);
	edge.data({ bendWeights: bends.weights, bendDistances: bends.distances });
}

/**
 * Brings the canvas to the scene: adds, updates and removes people and ties by id, so a person
 * who is in both the old and the new scene keeps their node (and can move smoothly). A node the
 * user holds is never moved from under their finger.
 */
export function drawScene(cy: Core, scene: Scene, opts: DrawOptions): void {
	cy.getElementById(CENTRE_ID).data('label', scene.centreName);
	const placed = scene.people.filter((p): p is Person & Placed => p.sector !== null && p.ring !== null);
	const positions = layoutPeople(placed);
	const duration = opts.duration ?? 0;
	// Where each node ends up, for the length of jagged and cut lines (while moving, nodes are between places).
	const target = new Map<string, Point>([[CENTRE_ID, { x: 0, y: 0 }]]);
	const seen = new Set<string>();
	const open = openCounts(scene.plan);
	cy.batch(() => {
		for (const p of placed) {
			const id = `person-${p.id}`;
			seen.add(id);
			const position = positions.get(p.id)!;
			const role = jimRoleOf(scene.jim, p.id);
			const agreements = open.get(p.id) ?? 0;
			const mark = opts.marks?.[p.id];
			const base = personLabel(p.name, p.jimCandidate, role ? opts.labels[role] : undefined, agreements > 0 ? opts.labels.agreements(agreements) : undefined);
			const label = mark ? `${base}\n${mark.text}` : base;
			const fields = { name: p.name, label, jim: role ?? '', open: agreements, mark: mark?.kind ?? '' };
			let node = cy.getElementById(id) as NodeSingular;
			if (node.empty()) {
				// `name` is the plain name, for code that finds a person (the label may carry ☆ or be shortened).
				node = cy.add({ data: { id, personId: p.id, ...fields }, position, classes: 'person' });
				if (opts.readOnly) node.ungrabify();
				target.set(id, position);
			} else {
				// Setting data restyles the node: only for the few whose data changed.
				if (changed(node.data(), fields)) node.data(fields);
				if (node.grabbed()) {
					target.set(id, node.position());
				} else {
					target.set(id, position);
					moveNode(node, position, duration);
				}
			}
		}
		cy.nodes('.person').forEach((n) => {
			if (!seen.has(n.id())) n.remove();
		});
		// People in the tray are not drawn, and neither are their ties.
		const drawn = new Set(placed.map((p) => p.id));
		const edgesSeen = new Set<string>();
		for (const tie of scene.ties) {
			if (tie.from === tie.to || !(tie.from === CENTRE || drawn.has(tie.from)) || !drawn.has(tie.to)) continue;
			const from = nodeIdOf(tie.from);
			const to = nodeIdOf(tie.to);
			const def = tieElement(tie, rimDistance(target.get(from)!, target.get(to)!, radiusOf(from), radiusOf(to)));
			const id = def.data.id;
			edgesSeen.add(id);
			const edge = cy.getElementById(id);
			if (edge.empty()) cy.add(def);
			else {
				// An edge's id and ends never change (a tie's id is made from its ends).
				const { id: _id, source: _source, target: _target, ...fields } = def.data;
				const had = edge.data();
				if (!('bendWeights' in fields) && 'bendWeights' in had) edge.removeData('bendWeights bendDistances');
				if (changed(had, fields)) edge.data(fields);
				if (!sameClasses(edge.classes(), def.classes)) edge.classes(def.classes);
			}
		}
		cy.edges('.tie').forEach((e) => {
			if (!edgesSeen.has(e.id())) e.remove();
		});
	});
}

/** Open agreements per person id, counted once per scene rather than once per person. */
function openCounts(plan: PlanJson | undefined): Map<string, number> {
	const counts = new Map<string, number>();
	if (!plan) return counts;
	const people = new Set(plan.agreements.flatMap((a) => (a.who?.kind === 'person' ? [a.who.personId] : [])));
	for (const id of people) counts.set(id, openAgreementsOf(plan, id).length);
	return counts;
}

const sameValue = (a: unknown, b: unknown) =>
	a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/** Whether any of `fields` differs from what the element holds (numbers and arrays of them by value). */
function changed(had: Record<string, unknown>, fields: Record<string, unknown>): boolean {
	return Object.keys(fields).some((key) => !sameValue(had[key], fields[key]));
}

function sameClasses(had: string[], wanted: string | string[] | undefined): boolean {
	const list = Array.isArray(wanted) ? wanted : (wanted ?? '').split(/\s+/).filter(Boolean);
	return had.length === list.length && list.every((c) => had.includes(c));
}

function moveNode(node: NodeSingular, position: Point, duration: number): void {
	if (node.animated()) node.stop(true, true);
	const now = node.position();
	if (now.x === position.x && now.y === position.y) return;
	if (duration > 0) node.animate({ position }, { duration, easing: 'ease-in-out-sine' });
	else node.position(position);
}
