import type { Core, EventObject, NodeSingular } from 'cytoscape';
import { setClass } from './classes.ts';
import { CENTRE_ID, nodeSizeOf, scaleOf } from './draw.ts';

/**
 * Drawing a tie by touch: the selected person gets a round "+" handle beside their circle (on the
 * side away from their name). Drag the handle onto another person, or onto the youth, and let go:
 * that draws the line. Small and our own, instead of a Cytoscape extension.
 */
export const TIE_HANDLE_ID = 'tie-handle';
const GHOST_ID = 'tie-ghost';

function handlePlace(cy: Core, owner: NodeSingular): { x: number; y: number } {
	const p = owner.position();
	const dx = Number(owner.data('dx')) || 0;
	const dy = Number(owner.data('dy')) || 1;
	const len = Math.hypot(dx, dy) || 1;
	const reach = nodeSizeOf(cy) / 2 + 18 * scaleOf(cy).unit;
	return { x: p.x - (dx / len) * reach, y: p.y - (dy / len) * reach };
}

/**
 * Puts the handle beside `owner` (or moves it there). Never while someone is held: Cytoscape
 * loses a drag when elements are added or removed under it, so the handle waits for the drop.
 */
export function showTieHandle(cy: Core, owner: NodeSingular): void {
	const handle = cy.getElementById(TIE_HANDLE_ID);
	if (cy.nodes(':grabbed').nonempty()) return;
	setClass(handle, 'away', false);
	const position = handlePlace(cy, owner);
	if (handle.empty())
		cy.add({ data: { id: TIE_HANDLE_ID, owner: owner.id() }, position, classes: 'tie-handle', selectable: false, grabbable: true });
	else {
		handle.data('owner', owner.id());
		handle.position(position);
	}
}

/** Hides the handle (kept, not removed: see showTieHandle). */
export function hideTieHandle(cy: Core): void {
	const handle = cy.getElementById(TIE_HANDLE_ID);
	if (handle.nonempty() && !handle.grabbed()) setClass(handle, 'away', true);
}

/** The person (or the youth) whose circle is under `point`, other than `except`. */
function endAt(cy: Core, point: { x: number; y: number }, except: string): NodeSingular | null {
	const slack = 10 * scaleOf(cy).unit;
	let found: NodeSingular | null = null;
	cy.nodes('.person, .centre').forEach((n) => {
		if (found || n.id() === except) return;
		const p = n.position();
		if (Math.hypot(p.x - point.x, p.y - point.y) <= n.width() / 2 + slack) found = n;
	});
	return found;
}

/** Follows the handle: a dashed line from the person to the finger, the person under it marked; `onDraw` on a drop on someone. Returns the stop function. */
export function tieGesture(cy: Core, onDraw: (from: NodeSingular, to: NodeSingular) => void): () => void {
	let target: NodeSingular | null = null;
	const owner = () => cy.getElementById(String(cy.getElementById(TIE_HANDLE_ID).data('owner') ?? '')) as NodeSingular;
	const onGrab = () => {
		const from = owner();
		if (from.empty() || cy.getElementById(GHOST_ID).nonempty()) return;
		cy.add({ group: 'edges', data: { id: GHOST_ID, source: from.id(), target: TIE_HANDLE_ID }, classes: 'tie-ghost', selectable: false });
	};
	const onDrag = (e: EventObject) => {
		const from = owner();
		const now = endAt(cy, (e.target as NodeSingular).position(), from.id());
		if (now?.id() === target?.id()) return;
		target?.removeClass('tie-target');
		target = now;
		target?.addClass('tie-target');
	};
	const onFree = () => {
		const from = owner();
		cy.getElementById(GHOST_ID).remove();
		const to = target;
		target?.removeClass('tie-target');
		target = null;
		if (from.nonempty()) cy.getElementById(TIE_HANDLE_ID).position(handlePlace(cy, from));
		if (from.nonempty() && to && !(from.id() === CENTRE_ID && to.id() === CENTRE_ID)) onDraw(from, to);
	};
	const selector = `#${TIE_HANDLE_ID}`;
	cy.on('grab', selector, onGrab);
	cy.on('drag', selector, onDrag);
	cy.on('free', selector, onFree);
	return () => {
		cy.off('grab', selector, onGrab);
		cy.off('drag', selector, onDrag);
		cy.off('free', selector, onFree);
	};
}
