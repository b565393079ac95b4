import type { Core, EdgeSingular, ElementDefinition, NodeSingular } from 'cytoscape';
import { setClass } from './classes.ts';
import { CENTRE, type MapJson, type Person, type Tie } from '../doc/schema.ts';
import { isJimEntry, jimRoleOf, jimState, type JimState } from '../doc/jim.ts';
import { openAgreementsOf, type PlanJson } from '../doc/plan.ts';
import { normalizeProjection } from '../doc/diff.ts';
import { decorElements, decorLabels, type CanvasLabels } from './decor.ts';
import { OUTER_RADIUS, type Placed, type Point } from './layout.ts';
import { initialImage, narrowLabel, personLabel, wrapName } from './person-label.ts';
import { boxAt, placePeople, type Box, type Placement } from './placement.ts';
import { DEFAULT_SCALE, PX, textBox, type Scale } from './scale.ts';
import { BORDER_MAX, CENTRE_NODE_SIZE, circleStyle, INK } from './style.ts';
import { cutMarks, edgeIdOf, nodeIdOf, rimDistance, tieElement, zigzag } from './ties.ts';

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

export const SCALE = 'kringScale';
const BACKDROP = 'kringBackdrop';
/**
 * The scene each canvas drew last (drawn again for another fit). Not in Cytoscape's scratch:
 * setting the core's scratch restyles every element, which cost a 200-person map some 40 ms for
 * each change drawn.
 */
const lastScenes = new WeakMap<Core, { scene: Scene; opts: DrawOptions }>();
const STYLE = 'kringStyleKey';
const NODE = 'kringNodeSize';

/** The fit this canvas draws for (sizes of names and circles follow it); the default until a canvas tells its size. */
export function scaleOf(cy: Core): Scale {
	return (cy.scratch(SCALE) as Scale | undefined) ?? DEFAULT_SCALE;
}

/** The size of a person's circle now, in model units. */
export function nodeSizeOf(cy: Core): number {
	return nodePxOf(cy) * scaleOf(cy).unit;
}

function nodePxOf(cy: Core): number {
	return (cy.scratch(NODE) as number | undefined) ?? PX.nodes[0];
}

/** Sets the stylesheet for a scale and circle size, only when they change (a restyle touches every element). */
function applyStyle(cy: Core, unit: number, nodePx: number): void {
	const key = `${unit.toFixed(5)}:${nodePx}`;
	if (cy.scratch(STYLE) === key) return;
	cy.scratch(STYLE, key);
	cy.scratch(NODE, nodePx);
	cy.style().fromJson(circleStyle(unit, nodePx)).update();
}

/** Styles the canvas for its scale (scaleOf) and circle size: a canvas made without a stylesheet gets its only one here. */
export function styleCircle(cy: Core): void {
	applyStyle(cy, scaleOf(cy).unit, nodePxOf(cy));
}

/** The rings, axes, names and the youth's node: drawn once, before any scene (and again when the scale changes). */
export function drawBackdrop(cy: Core, labels: CanvasLabels): void {
	const scale = scaleOf(cy);
	cy.batch(() => {
		cy.remove(cy.nodes('.tint, .ring, .label, .axis, .frame'));
		cy.add(decorElements(labels, scale));
		if (cy.getElementById(CENTRE_ID).empty())
			cy.add({ data: { id: CENTRE_ID, label: '' }, position: { x: 0, y: 0 }, classes: 'centre', grabbable: false, selectable: false });
	});
	cy.scratch(BACKDROP, { labels, boxes: decorLabels(labels, scale).map((l) => l.box) });
	applyStyle(cy, scale.unit, nodePxOf(cy));
}

/**
 * Draws for another fit (the canvas changed size): the backdrop and the last scene again, with
 * names and circles sized for it. Returns whether anything changed.
 */
export function rescale(cy: Core, scale: Scale): boolean {
	const had = scaleOf(cy);
	if (
		Math.abs(had.zoom - scale.zoom) < 1e-4 &&
		sameBox(had.frame, scale.frame) &&
		had.reserved.length === scale.reserved.length &&
		had.reserved.every((b, i) => sameBox(b, scale.reserved[i]))
	)
		return false;
	cy.scratch(SCALE, scale);
	const backdrop = cy.scratch(BACKDROP) as { labels: CanvasLabels } | undefined;
	if (backdrop) drawBackdrop(cy, backdrop.labels);
	const last = lastScenes.get(cy);
	if (last) drawScene(cy, last.scene, { ...last.opts, duration: 0 });
	return true;
}

const sameBox = (a: Box, b: Box) => a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;

/**
 * What drawScene last gave each element of a canvas, as one string of everything its data and
 * classes are made from, by element id: an element whose string is unchanged needs nothing set.
 * A change touches a few elements; building and comparing every element's data on each change
 * cost a 200-person map more than placing it.
 */
const drawnAs = new WeakMap<Core, Map<string, string>>();

/** Where the last scene of each canvas put its people's nodes, by node id (kept here for the same reason as lastScenes). */
const spots = new WeakMap<Core, Map<string, Point>>();

/** Where the last scene put a person's node (not where a drag holds it now). */
export function spotOf(node: NodeSingular): Point | null {
	return spots.get(node.cy())?.get(node.id()) ?? null;
}

/** The radius of a tie's end (the youth's disc, or a person's circle). */
function radiusOf(cy: Core, id: string): number {
	return (id === CENTRE_ID ? CENTRE_NODE_SIZE : nodeSizeOf(cy)) / 2;
}

function lengthBetween(a: NodeSingular, b: NodeSingular): number {
	const cy = a.cy();
	return rimDistance(a.position(), b.position(), radiusOf(cy, a.id()), radiusOf(cy, b.id()));
}

/** Jagged and cut lines are drawn through points that depend on the line's length: redrawn while dragging. */
export function updateBends(edge: EdgeSingular): void {
	const quality = edge.data('quality');
	if (quality !== 'gespannen' && quality !== 'verbroken') return;
	const unit = scaleOf(edge.cy()).unit;
	const length = lengthBetween(edge.source(), edge.target()) / unit;
	const bends = quality === 'gespannen' ? zigzag(length) : cutMarks(length);
	// Bent for where its ends are now: the next scene sets it again.
	drawnAs.get(edge.cy())?.delete(edge.id());
	edge.data({ bendWeights: bends.weights, bendDistances: bends.distances.map((d) => d * unit) });
}

/** What the circle's drawing takes, in model units: for the placement and for tests that check it. */
export interface CirclePlan {
	placement: Placement;
	/** The people's circle on the screen at the fit, in pixels. */
	nodePx: number;
	/** Everything not a person that takes room: ring and sector names, the youth's disc and name. */
	obstacles: Box[];
	/** The youth's disc (a circle: people's circles may come into its box's corners). */
	disc: Box;
	/** Each person's label box size, by id. */
	labelSizes: Map<string, { w: number; h: number }>;
}

/**
 * Where everyone goes at a scale: the largest circle size at which every name finds a free
 * place (placement.ts). Pure: the canvas draws it, tests check it.
 */
export function planCircle(
	people: Placed[],
	labelText: Map<string, string>,
	centreLabel: string,
	scale: Scale,
	decorBoxes: Box[],
	/** Whose names are drawn bold (the chosen JIM): wider than the same name in normal type. */
	bold: ReadonlySet<string> = new Set()
): CirclePlan {
	const u = scale.unit;
	const gap = PX.gap * u;
	const labelSizes = new Map<string, { w: number; h: number }>();
	const toPlace = people.map((p) => {
		const text = labelText.get(p.id) ?? '';
		const box = textBox(text, PX.name, bold.has(p.id));
		labelSizes.set(p.id, { w: box.w * u, h: box.h * u });
		const narrowText = narrowLabel(text);
		const narrow = narrowText === null ? undefined : textBox(narrowText, PX.name, bold.has(p.id));
		if (narrow) labelSizes.set(`${p.id}:narrow`, { w: narrow.w * u, h: narrow.h * u });
		return {
			id: p.id,
			sector: p.sector,
			ring: p.ring,
			angle: p.angle,
			labelW: box.w * u,
			labelH: box.h * u,
			narrow: narrow && { w: narrow.w * u, h: narrow.h * u }
		};
	});
	const centre = textBox(centreLabel, PX.centre, true);
	const obstacles: Box[] = [...decorBoxes, ...scale.reserved, boxAt(0, 0, (centre.w + 8) * u, (centre.h + 8) * u)];
	const disc = boxAt(0, 0, CENTRE_NODE_SIZE, CENTRE_NODE_SIZE);
	let best: { placement: Placement; nodePx: number } | null = null;
	// The room the circle has on the screen: sizes whose circles could not fit even packed tight are not tried.
	const roomPx = Math.PI * (OUTER_RADIUS / u) ** 2 * scale.stretch;
	const tooMany = (nodePx: number) => people.length * (nodePx + BORDER_MAX + PX.gap) ** 2 > roomPx * 0.6;
	for (const [i, nodePx] of PX.nodes.entries()) {
		const last = i === PX.nodes.length - 1;
		if (!last && tooMany(nodePx)) continue;
		// Far too crowded at this size: straight to the smallest (keeps a big map quick).
		if (best && best.placement.crowded + best.placement.misses > people.length / 4 && !last) continue;
		// The circle as drawn: its border lies half outside it.
		const placement = placePeople(toPlace, {
			node: (nodePx + BORDER_MAX) * u,
			gap,
			frame: scale.frame,
			obstacles,
			circles: [disc],
			stretch: scale.stretch,
			express: last && tooMany(nodePx)
		});
		// Circles that meet are worse than a name left off (it shows when zoomed in or selected).
		const better =
			!best ||
			placement.crowded < best.placement.crowded ||
			(placement.crowded === best.placement.crowded && placement.misses < best.placement.misses);
		if (better) best = { placement, nodePx };
		if (placement.misses === 0) break;
	}
	return { ...best!, obstacles, disc, labelSizes };
}

function place(cy: Core, people: Placed[], labelText: Map<string, string>, centreLabel: string, bold: ReadonlySet<string>): CirclePlan {
	const decorBoxes = (cy.scratch(BACKDROP) as { boxes: Box[] } | undefined)?.boxes ?? [];
	return planCircle(people, labelText, centreLabel, scaleOf(cy), decorBoxes, bold);
}

/**
 * Brings the canvas to the scene: adds, updates and removes people and ties by id, so a person
 * who is in both the old and the new scene keeps their node (and can move smoothly). A node the
 * user holds is never moved from under their finger. Each person's circle and name are placed so
 * that no name covers another name or a circle (placement.ts).
 */
export function drawScene(cy: Core, scene: Scene, opts: DrawOptions): void {
	lastScenes.set(cy, { scene, opts });
	const centreLabel = wrapName(scene.centreName).join('\n');
	cy.getElementById(CENTRE_ID).data('label', centreLabel);
	const placed = scene.people.filter((p): p is Person & Placed => p.sector !== null && p.ring !== null);
	const open = openCounts(scene.plan);
	const labelText = new Map<string, string>();
	const bold = new Set<string>();
	for (const p of placed) {
		const role = jimRoleOf(scene.jim, p.id);
		if (role === 'jim') bold.add(p.id);
		const agreements = open.get(p.id) ?? 0;
		const mark = opts.marks?.[p.id];
		const base = personLabel(
			p.name,
			p.jimCandidate,
			role ? opts.labels[role] : undefined,
			agreements > 0 ? opts.labels.agreements(agreements) : undefined
		);
		labelText.set(p.id, mark ? `${base}\n${mark.text}` : base);
	}
	const { placement, nodePx } = place(cy, placed, labelText, centreLabel, bold);
	applyStyle(cy, scaleOf(cy).unit, nodePx);
	const duration = opts.duration ?? 0;
	// Where each node ends up, for the length of jagged and cut lines (while moving, nodes are between places).
	const target = new Map<string, Point>([[CENTRE_ID, { x: 0, y: 0 }]]);
	const seen = new Set<string>();
	// New people and ties are added together, in one call each: adding them one by one costs a
	// big map (all of it is new when the map opens) about as much as placing them.
	const newNodes: ElementDefinition[] = [];
	const newEdges: ElementDefinition[] = [];
	const placedAt = new Map<string, Point>();
	spots.set(cy, placedAt);
	const memo = drawnAs.get(cy) ?? new Map<string, string>();
	drawnAs.set(cy, memo);
	cy.batch(() => {
		for (const p of placed) {
			const id = `person-${p.id}`;
			seen.add(id);
			const spot = placement.spots.get(p.id)!;
			const position = { x: spot.x, y: spot.y };
			const role = jimRoleOf(scene.jim, p.id);
			const mark = opts.marks?.[p.id];
			const text = labelText.get(p.id)!;
			const label = spot.narrow ? (narrowLabel(text) ?? text) : text;
			const agreements = open.get(p.id) ?? 0;
			const made = [p.name, label, spot.dx, spot.dy, role ?? '', agreements, mark?.kind ?? ''].join('\u0000');
			const fields = () => ({
				name: p.name,
				label,
				initial: initialImage(p.name, INK),
				dx: spot.dx,
				dy: spot.dy,
				jim: role ?? '',
				open: agreements,
				mark: mark?.kind ?? ''
			});
			const node = cy.getElementById(id) as NodeSingular;
			placedAt.set(id, position);
			const nameless = placement.nameless.has(p.id);
			if (node.empty()) {
				// `name` is the plain name, for code that finds a person (the label may carry ☆ or be wrapped).
				newNodes.push({
					group: 'nodes',
					data: { id, personId: p.id, ...fields() },
					position,
					classes: nameless ? 'person nameless' : 'person',
					grabbable: !opts.readOnly
				});
				memo.set(id, made);
				target.set(id, position);
			} else {
				// Setting data restyles the node: only for the few whose data changed.
				if (memo.get(id) !== made) {
					const now = fields();
					if (changed(node.data(), now)) node.data(now);
					memo.set(id, made);
				}
				setClass(node, 'nameless', nameless);
				if (node.grabbed()) {
					target.set(id, node.position());
				} else {
					target.set(id, position);
					moveNode(node, position, duration);
				}
			}
		}
		cy.nodes('.person').forEach((n) => {
			if (seen.has(n.id())) return;
			memo.delete(n.id());
			n.remove();
		});
		if (newNodes.length) cy.add(newNodes);
		// People in the tray are not drawn, and neither are their ties.
		const drawn = new Set(placed.map((p) => p.id));
		const edgesSeen = new Set<string>();
		const unit = scaleOf(cy).unit;
		for (const tie of scene.ties) {
			if (tie.from === tie.to || !(tie.from === CENTRE || drawn.has(tie.from)) || !drawn.has(tie.to)) continue;
			const from = nodeIdOf(tie.from);
			const to = nodeIdOf(tie.to);
			const length = rimDistance(target.get(from)!, target.get(to)!, radiusOf(cy, from), radiusOf(cy, to));
			const id = edgeIdOf(tie.id);
			edgesSeen.add(id);
			const made = [tie.quality, tie.support, length, unit].join('\u0000');
			const edge = cy.getElementById(id);
			if (edge.nonempty() && memo.get(id) === made) continue;
			memo.set(id, made);
			const def = tieElement(tie, length, unit);
			if (edge.empty()) newEdges.push(def);
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
			if (edgesSeen.has(e.id())) return;
			memo.delete(e.id());
			e.remove();
		});
		if (newEdges.length) cy.add(newEdges);
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
