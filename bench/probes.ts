/**
 * Code that runs inside the map page. Playwright serialises each function to text, so each one
 * stands alone: no imports, no shared helpers, only its own argument.
 *
 * The page's Cytoscape instance is reached the way Cytoscape itself registers it on its
 * container (`_cyreg.cy`), so the app needs no test hook. Times are `performance.now()` (ms since
 * this page's navigation start) or, when two pages are compared, `timeOrigin + now()`: both pages
 * run in one browser on one machine and read the same clock.
 */
import type { Core, NodeSingular } from 'cytoscape';

/**
 * tsx compiles with esbuild's keepNames, which wraps named functions in `__name(...)`; a function
 * serialised into the page would call a helper the page does not have. Installed first in every context.
 */
export const KEEP_NAMES_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export interface FirstRender {
	/** performance.now() of the first animation frame in which the canvas held every person. */
	at: number;
	people: number;
	/** Drawn ties: edges with a person at either end (the axes are edges too and are not counted). */
	ties: number;
	canvas: { width: number; height: number };
}

export interface ProbeState {
	firstRender?: FirstRender;
	/** timeOrigin + now(): when the added person's node entered this page's canvas. */
	addedOnCanvas?: number;
	/** timeOrigin + now(): when the added name first appeared in this page's DOM (list, tray, …). */
	addedInPage?: number;
	mouseUp?: number;
	/** timeOrigin + now(): when this page's canvas showed the dragged person in the target ring. */
	moved?: number;
}

type ProbeWindow = Window & { __bench?: ProbeState };

/**
 * Installed before any page script: on a map page, checks every animation frame whether the
 * canvas holds `expected` people and records the first frame that does.
 */
export function firstRenderProbe(expected: number): void {
	const w = window as ProbeWindow;
	w.__bench = {};
	if (!location.pathname.startsWith('/kaarten/')) return;
	const tick = () => {
		const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: Core } }) | null;
		const cy = el?._cyreg?.cy;
		const people = cy ? cy.nodes('.person').length : 0;
		if (cy && el && people >= expected) {
			const ties = cy.edges().filter((e) => e.source().hasClass('person') || e.target().hasClass('person')).length;
			w.__bench!.firstRender = { at: performance.now(), people, ties, canvas: { width: el.clientWidth, height: el.clientHeight } };
			return;
		}
		requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
}

/** Records when a person called `name` reaches this page: on the canvas, and anywhere in its DOM. */
export function watchForPerson(name: string): void {
	const w = window as ProbeWindow;
	const state = w.__bench!;
	// A page may watch for one person after another.
	state.addedOnCanvas = undefined;
	state.addedInPage = undefined;
	const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: Core } }) | null;
	const cy = el?._cyreg?.cy;
	if (!cy) throw new Error('no Cytoscape instance on [data-testid=map-canvas]');
	const onAdd = (e: { target: NodeSingular }) => {
		if (state.addedOnCanvas === undefined && e.target.hasClass('person') && String(e.target.data('label')).includes(name)) {
			state.addedOnCanvas = performance.timeOrigin + performance.now();
			cy.off('add', onAdd);
		}
	};
	cy.on('add', onAdd);
	const observer = new MutationObserver((mutations) => {
		for (const m of mutations) {
			const nodes = m.type === 'characterData' ? [m.target] : Array.from(m.addedNodes);
			if (nodes.some((n) => n.textContent?.includes(name))) {
				state.addedInPage = performance.timeOrigin + performance.now();
				observer.disconnect();
				return;
			}
		}
	});
	observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** Clicks the button and returns the clock just before, in the same task as the click. */
export function clickNow(button: Element): number {
	const at = performance.timeOrigin + performance.now();
	(button as HTMLElement).click();
	return at;
}

export interface DragPlan {
	nodeId: string;
	start: { x: number; y: number };
	end: { x: number; y: number };
	/** Rendered node diameter in CSS pixels, to judge how precise the pointer must be. */
	nodePx: number;
	zoom: number;
}

/**
 * Picks, among the candidates, the person nearest the middle of their sector, and returns the
 * viewport points to drag them from (their centre) and to (the same direction, at `targetRadius`
 * in model units). Scrolls the page so both points are on screen.
 */
export function planDrag(arg: { candidates: string[]; targetRadius: number; sectorMiddle: number }): DragPlan {
	const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: Core } }) | null;
	const cy = el?._cyreg?.cy;
	if (!el || !cy) throw new Error('no Cytoscape instance on [data-testid=map-canvas]');
	const wanted = new Set(arg.candidates);
	const nodes = cy
		.nodes('.person')
		.toArray()
		.filter((n) => wanted.has(String(n.data('personId')))) as NodeSingular[];
	if (nodes.length === 0) throw new Error('none of the candidates is on the canvas (is data.personId still set?)');
	const offMiddle = (n: NodeSingular) => {
		const p = n.position();
		const d = Math.abs(Math.atan2(p.y, p.x) - arg.sectorMiddle);
		return Math.min(d, 2 * Math.PI - d);
	};
	// A person whose centre no other circle covers: on a crowded canvas circles may lie over each
	// other, and the mouse picks up the one on top.
	const others = cy.nodes('.person').toArray() as NodeSingular[];
	const uncovered = (n: NodeSingular) => {
		const p = n.position();
		return others.every((o) => o === n || Math.hypot(o.position().x - p.x, o.position().y - p.y) > o.outerWidth() / 2);
	};
	const free = nodes.filter(uncovered);
	const node = (free.length ? free : nodes).sort((a, b) => offMiddle(a) - offMiddle(b))[0];
	const p = node.position();
	const r = Math.hypot(p.x, p.y);
	const target = { x: (p.x / r) * arg.targetRadius, y: (p.y / r) * arg.targetRadius };
	const zoom = cy.zoom();
	const pan = cy.pan();
	const toPage = (q: { x: number; y: number }) => {
		const rect = el.getBoundingClientRect();
		return {
			x: rect.left + el.clientLeft + q.x * zoom + pan.x + window.scrollX,
			y: rect.top + el.clientTop + q.y * zoom + pan.y + window.scrollY
		};
	};
	const a = toPage(p);
	const b = toPage(target);
	window.scrollTo({
		left: (a.x + b.x) / 2 - window.innerWidth / 2,
		top: (a.y + b.y) / 2 - window.innerHeight / 2,
		behavior: 'instant'
	});
	const start = { x: a.x - window.scrollX, y: a.y - window.scrollY };
	const end = { x: b.x - window.scrollX, y: b.y - window.scrollY };
	for (const q of [start, end]) {
		if (q.x < 0 || q.y < 0 || q.x > window.innerWidth || q.y > window.innerHeight) {
			throw new Error(`drag point ${Math.round(q.x)},${Math.round(q.y)} is outside the viewport`);
		}
	}
	return { nodeId: node.id(), start, end, nodePx: node.renderedOuterWidth(), zoom };
}

/**
 * Records when this page's canvas shows the node inside the ring band [inner, outer] (model
 * units from the centre) and not under a pointer. With `afterMouseUp`, also records the
 * mouse-up and only counts a position set after it (during the drag the node follows the pointer
 * through the band).
 */
export function watchForMove(arg: { nodeId: string; inner: number; outer: number; afterMouseUp: boolean }): void {
	const w = window as ProbeWindow;
	const state = w.__bench!;
	const el = document.querySelector('[data-testid=map-canvas]') as (HTMLElement & { _cyreg?: { cy?: Core } }) | null;
	const cy = el?._cyreg?.cy;
	if (!cy) throw new Error('no Cytoscape instance on [data-testid=map-canvas]');
	state.moved = undefined;
	state.mouseUp = undefined;
	if (arg.afterMouseUp) {
		window.addEventListener(
			'mouseup',
			() => {
				state.mouseUp = performance.timeOrigin + performance.now();
			},
			{ capture: true, once: true }
		);
	}
	const onPosition = (e: { target: NodeSingular }) => {
		const node = e.target;
		// While the partner drags, this canvas shows the person live under their pointer (presence):
		// only the drop, written to the document, counts.
		if (node.id() !== arg.nodeId || node.grabbed() || node.scratch('kringRemoteDrag') === true) return;
		if (arg.afterMouseUp && state.mouseUp === undefined) return;
		const p = node.position();
		const r = Math.hypot(p.x, p.y);
		if (r > arg.inner && r <= arg.outer) {
			state.moved = performance.timeOrigin + performance.now();
			cy.off('position', onPosition);
		}
	};
	cy.on('position', onPosition);
}
