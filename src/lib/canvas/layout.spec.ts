import { describe, expect, it } from 'vitest';
import { RINGS, SECTORS } from '../doc/schema.ts';
import { layoutPeople, NODE_SIZE, positionOf, slotAt } from './layout.ts';

describe('netwerkcirkel layout', () => {
	it('draws familie top left, vrienden top right, school bottom right, hulpverleners bottom left', () => {
		const sign = (s: (typeof SECTORS)[number]) => {
			const p = positionOf(s, 2, 0.5);
			return [Math.sign(p.x), Math.sign(p.y)];
		};
		expect(sign('familie')).toEqual([-1, -1]);
		expect(sign('vrienden')).toEqual([1, -1]);
		expect(sign('school')).toEqual([1, 1]);
		expect(sign('hulpverleners')).toEqual([-1, 1]);
	});

	it('puts closer rings nearer the centre', () => {
		const r = (ring: (typeof RINGS)[number]) => Math.hypot(positionOf('familie', ring, 0.5).x, positionOf('familie', ring, 0.5).y);
		expect(r(1)).toBeLessThan(r(2));
		expect(r(3)).toBeLessThan(r(4));
	});

	it('finds the slot back from a position', () => {
		for (const sector of SECTORS)
			for (const ring of RINGS)
				for (const angle of [0, 0.3, 1]) {
					const slot = slotAt(positionOf(sector, ring, angle));
					expect(slot.sector).toBe(sector);
					expect(slot.ring).toBe(ring);
					expect(slot.angle).toBeCloseTo(angle, 6);
				}
	});
});

describe('people in one slot', () => {
	it.each(RINGS.map((ring) => [ring, ring * 4] as const))('ring %i holds %i people without overlap', (ring, count) => {
		const people = Array.from({ length: count }, (_, i) => ({ id: `p${i}`, sector: 'familie' as const, ring, angle: 0.5 }));
		const points = [...layoutPeople(people).values()];
		for (let i = 0; i < points.length; i++)
			for (let j = i + 1; j < points.length; j++)
				expect(Math.hypot(points[i].x - points[j].x, points[i].y - points[j].y)).toBeGreaterThanOrEqual(NODE_SIZE);
	});

	it('keeps every drawn person in their own slot', () => {
		const people = Array.from({ length: 6 }, (_, i) => ({ id: `p${i}`, sector: 'school' as const, ring: 2 as const, angle: i / 6 }));
		for (const point of layoutPeople(people).values()) expect(slotAt(point)).toMatchObject({ sector: 'school', ring: 2 });
	});
});

describe('sizes at a zoom', () => {
	it('keep names at least 11 px and people at least 24 px on a phone-sized zoom, within caps', async () => {
		const { personSizeAt } = await import('./style.ts');
		const phone = personSizeAt(0.25);
		expect(phone.fontSize * 0.25).toBeGreaterThanOrEqual(10.9);
		expect(phone.size * 0.25).toBeGreaterThanOrEqual(24);
		expect(personSizeAt(1)).toEqual({ fontSize: 15, size: NODE_SIZE });
		expect(personSizeAt(0.01)).toEqual({ fontSize: 44, size: 100 });
	});
});
