import { describe, expect, it } from 'vitest';
import { generatedPeople } from '../../../tests/helpers/people-maps.ts';
import { decorLabels, type CanvasLabels } from './decor.ts';
import { planCircle } from './draw.ts';
import { slotAt, type Placed } from './layout.ts';
import { personLabel } from './person-label.ts';
import { boxAt, overlaps, placePeople, type Box } from './placement.ts';
import { PX, scaleFor } from './scale.ts';

const labels: CanvasLabels = {
	rings: ['heel dichtbij', 'dichtbij', 'verder weg', 'op afstand'],
	sectors: { familie: 'Familie', vrienden: 'Vrienden', school: 'School, werk en vrije tijd', hulpverleners: 'Hulpverleners' },
	jim: 'JIM',
	reserve: 'reserve',
	agreements: (n) => `${n} afspraken`
};

describe('boxes', () => {
	it('overlap when they share area, not when they only touch', () => {
		expect(overlaps(boxAt(0, 0, 10, 10), boxAt(5, 5, 10, 10))).toBe(true);
		expect(overlaps(boxAt(0, 0, 10, 10), boxAt(10, 0, 10, 10))).toBe(false);
		expect(overlaps(boxAt(0, 0, 10, 10), boxAt(0, 30, 10, 10))).toBe(false);
	});
});

/** Every pair of boxes: circles, names and the fixed names and centre. */
function overlapsIn(plan: ReturnType<typeof planCircle>, people: Placed[]): string[] {
	const boxes: { what: string; box: Box }[] = plan.obstacles.map((box, i) => ({ what: `obstacle ${i}`, box }));
	const node = PX.nodes.includes(plan.nodePx as never) ? plan.nodePx : 0;
	const u = 1 / scaleZoom;
	for (const p of people) {
		const s = plan.placement.spots.get(p.id)!;
		const l = (s.narrow ? plan.labelSizes.get(`${p.id}:narrow`) : undefined) ?? plan.labelSizes.get(p.id)!;
		boxes.push({ what: `${p.id} circle`, box: boxAt(s.x, s.y, node * u, node * u) });
		if (!plan.placement.nameless.has(p.id)) boxes.push({ what: `${p.id} name`, box: boxAt(s.x + s.dx, s.y + s.dy, l.w, l.h) });
	}
	const found: string[] = [];
	// The youth's disc and name overlap each other by design; everything else must not.
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++)
			if (
				!(boxes[i].what.startsWith('obstacle') && boxes[j].what.startsWith('obstacle')) &&
				overlaps(boxes[i].box, boxes[j].box) &&
				!(boxes[i].what.endsWith('circle') && boxes[j].what.endsWith('circle') && apart(boxes[i].box, boxes[j].box))
			)
				found.push(`${boxes[i].what} × ${boxes[j].what}`);
	return found;
}
let scaleZoom = 1;
/** Two circles (by their boxes) that do not meet, though their boxes may. */
const apart = (a: Box, b: Box) =>
	Math.hypot((a.x1 + a.x2 - b.x1 - b.x2) / 2, (a.y1 + a.y2 - b.y1 - b.y2) / 2) >= (a.x2 - a.x1 + b.x2 - b.x1) / 2;

describe('placing people and their names', () => {
	for (const [width, height] of [
		[360, 620],
		[1280, 800],
		[800, 560]
	])
		it.each([5, 20, 40])(`%i people on a ${width} × ${height} canvas: no name covers a circle or another name`, (count) => {
			const scale = scaleFor(width, height);
			scaleZoom = scale.zoom;
			const people = generatedPeople(count).map((p, i) => ({ ...p, id: `p${i}` }));
			const text = new Map(people.map((p) => [p.id, personLabel(p.name, i(p.id) % 7 === 0)]));
			const decor = decorLabels(labels, scale).map((l) => l.box);
			const plan = planCircle(people, text, 'Mohammed', scale, decor);
			const found = overlapsIn(plan, people);
			expect(found.filter((o) => !/circle × .* circle$/.test(o))).toEqual([]);
			// Circles meet only where an inner ring holds more people than fit side by side (40 people).
			expect(found.length).toBeLessThanOrEqual(count >= 40 ? 12 : 0);
			// Names that find no room are left off (shown when zoomed in or selected): none with 5 people,
			// few on a large screen; on a phone crowded with 40 people more than half.
			const allowed = count <= 5 ? 0 : width >= 1280 ? count * 0.05 : count >= 40 ? count * 0.75 : count * 0.4;
			expect(plan.placement.misses).toBeLessThanOrEqual(allowed);
			// Circles at least 28 px on the screen: 44 px to a finger (Cytoscape adds 8 px around a node for touch).
			expect(plan.nodePx).toBeGreaterThanOrEqual(28);
			for (const p of people) {
				const s = plan.placement.spots.get(p.id)!;
				expect(slotAt(s, scale.stretch)).toMatchObject({ sector: p.sector, ring: p.ring });
			}
		});

	it('gives a lone person the place their stored angle says', () => {
		const scale = scaleFor(360, 620);
		const plan = placePeople([{ id: 'a', sector: 'school', ring: 2, angle: 0.3, labelW: 200, labelH: 60 }], {
			node: 44 * scale.unit,
			gap: 3 * scale.unit,
			frame: scale.frame,
			obstacles: [],
			stretch: scale.stretch
		});
		expect(slotAt(plan.spots.get('a')!, scale.stretch).angle).toBeCloseTo(0.3, 2);
	});

	it('is fast enough for 200 people (O(n · candidates), with a grid)', () => {
		const scale = scaleFor(1280, 800);
		const people = generatedPeople(200, 7).map((p, i) => ({ ...p, id: `p${i}` }));
		const text = new Map(people.map((p) => [p.id, personLabel(p.name, false)]));
		const decor = decorLabels(labels, scale).map((l) => l.box);
		const start = performance.now();
		planCircle(people, text, 'Sam', scale, decor);
		expect(performance.now() - start).toBeLessThan(400);
	});
});

const i = (id: string) => Number(id.slice(1));
