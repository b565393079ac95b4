import { describe, expect, it } from 'vitest';
import { TIE_QUALITIES, type Tie } from '../doc/schema.ts';
import { cutMarks, rimDistance, tieClasses, tieElement, zigzag } from './ties.ts';

function tie(overrides: Partial<Tie> = {}): Tie {
	return { id: 'centre:p1', from: 'centre', to: 'p1', quality: 'sterk', support: 'geen', createdAt: 0, ...overrides };
}

describe('a tie on the canvas', () => {
	it('joins the youth’s node to the person’s node', () => {
		const el = tieElement(tie(), 200);
		expect(el.data).toMatchObject({ id: 'tie-centre:p1', source: 'centre', target: 'person-p1', tieId: 'centre:p1' });
		expect(el.selectable).toBe(false);
	});

	it('joins two people’s nodes', () => {
		expect(tieElement(tie({ id: 'a:b', from: 'a', to: 'b' }), 200).data).toMatchObject({ source: 'person-a', target: 'person-b' });
	});

	it.each(TIE_QUALITIES)('draws %s as its own line kind, not by colour', (quality) => {
		expect(tieClasses(tie({ quality }))).toContain(quality);
	});

	it('bends only the jagged and the broken line', () => {
		expect(tieElement(tie({ quality: 'sterk' }), 200).data).not.toHaveProperty('bendWeights');
		expect(tieElement(tie({ quality: 'zwak' }), 200).data).not.toHaveProperty('bendWeights');
		expect(tieElement(tie({ quality: 'gespannen' }), 200).data.bendWeights).toEqual(zigzag(200).weights);
		expect(tieElement(tie({ quality: 'verbroken' }), 200).data.bendDistances).toEqual(cutMarks(200).distances);
	});
});

describe('support arrows', () => {
	const arrows = (support: Tie['support']) => tieClasses(tie({ support })).filter((c) => c.startsWith('arrow-'));

	it('point at the youth when support goes to the youth', () => expect(arrows('naar-jongere')).toEqual(['arrow-source']));
	it('point at the person when the youth gives support', () => expect(arrows('van-jongere')).toEqual(['arrow-target']));
	it('point both ways when support goes both ways', () => expect(arrows('beide')).toEqual(['arrow-source', 'arrow-target']));
	it('are absent when there is no support', () => expect(arrows('geen')).toEqual([]));
});

describe('the jagged line', () => {
	it.each([60, 150, 600])('zigzags evenly across a %i px line, with straight ends', (length) => {
		const { weights, distances } = zigzag(length);
		expect(weights.length).toBe(distances.length);
		expect(weights.length).toBeGreaterThanOrEqual(2);
		for (let i = 1; i < weights.length; i++) {
			expect(weights[i]).toBeGreaterThan(weights[i - 1]);
			expect(Math.sign(distances[i])).toBe(-Math.sign(distances[i - 1]));
		}
		expect(weights[0]).toBeGreaterThan(0);
		expect(weights.at(-1)).toBeLessThan(1);
	});

	it('keeps about the same step on long and short lines', () => {
		const step = (length: number) => length * (zigzag(length).weights[1] - zigzag(length).weights[0]);
		expect(Math.abs(step(600) - step(200))).toBeLessThan(3);
	});
});

describe('the broken line', () => {
	it('crosses the line twice near its middle', () => {
		const { weights, distances } = cutMarks(300);
		expect(weights.every((w) => w > 0.45 && w < 0.55)).toBe(true);
		expect(distances.filter((d) => d > 0).length).toBe(2);
		expect(distances.filter((d) => d < 0).length).toBe(2);
	});
});

it('measures a line between two rims', () => {
	expect(rimDistance({ x: 0, y: 0 }, { x: 100, y: 0 }, 45, 28)).toBe(27);
	expect(rimDistance({ x: 0, y: 0 }, { x: 10, y: 0 }, 45, 28)).toBe(1);
});
