import { describe, expect, it } from 'vitest';
import { RINGS, SECTORS } from '../doc/schema.ts';
import { positionOf, slotAt } from './layout.ts';

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
