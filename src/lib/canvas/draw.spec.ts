import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { afterEach, describe, expect, it } from 'vitest';
import { CENTRE, type MapJson, type Person } from '../doc/schema.ts';
import type { CanvasLabels } from './decor.ts';
import { drawBackdrop, drawScene, sceneOf } from './draw.ts';
import { positionOf, slotAt } from './layout.ts';
import { canvasStyle } from './style.ts';

const labels: CanvasLabels = {
	rings: ['1', '2', '3', '4'],
	sectors: { familie: 'Familie', vrienden: 'Vrienden', school: 'School', hulpverleners: 'Hulpverleners' },
	jim: 'JIM',
	reserve: 'reserve',
	agreements: (count) => `${count} afspraken`
};

const person = (id: string, name: string, sector: Person['sector'], ring: Person['ring']): Person => ({
	id,
	name,
	relation: '',
	sector,
	ring,
	angle: 0.5,
	createdAt: 1,
	support: [],
	contact: null,
	knownFor: null,
	jimCandidate: false,
	note: ''
});

const map = (people: Person[], ties: MapJson['ties'] = []): MapJson => ({ schemaVersion: 3, centreName: 'Sam', people, ties });

let cy: Core;
afterEach(() => cy?.destroy());

function canvas(): Core {
	cy = cytoscape({ headless: true, styleEnabled: true, style: canvasStyle });
	drawBackdrop(cy, labels);
	return cy;
}
const node = (id: string) => cy.getElementById(`person-${id}`) as NodeSingular;

describe('drawing a stored version', () => {
	it('draws placed people and their ties, not the tray or ties to it', () => {
		canvas();
		const version = map(
			[person('oma', 'Oma', 'familie', 2), person('mo', 'Mo', null, null)],
			[
				{ id: 'centre:oma', from: CENTRE, to: 'oma', quality: 'gespannen', support: 'geen', createdAt: 1 },
				{ id: 'centre:mo', from: CENTRE, to: 'mo', quality: 'sterk', support: 'geen', createdAt: 1 }
			]
		);
		drawScene(cy, sceneOf(version), { labels, readOnly: true });
		expect(cy.getElementById('centre').data('label')).toBe('Sam');
		expect(cy.nodes('.person').map((n) => n.data('name'))).toEqual(['Oma']);
		expect(node('oma').position()).toEqual(positionOf('familie', 2, 0.5));
		expect(node('oma').grabbable()).toBe(false);
		expect(cy.edges('.tie').map((e) => e.id())).toEqual(['tie-centre:oma']);
		expect(cy.edges('.tie').data('bendWeights')).toBeInstanceOf(Array);
	});

	it('keeps a person’s node from one version to the next, moves it, and removes who is gone', () => {
		canvas();
		drawScene(cy, sceneOf(map([person('oma', 'Oma', 'familie', 2), person('rob', 'Rob', 'familie', 3)])), { labels, readOnly: true });
		const before = node('oma');
		drawScene(cy, sceneOf(map([person('oma', 'Oma', 'familie', 1)])), { labels, readOnly: true });
		expect(node('oma').same(before)).toBe(true);
		// In her new ring (the youth's name in the middle may push her a little along it).
		expect(slotAt(node('oma').position())).toMatchObject({ sector: 'familie', ring: 1 });
		expect(node('rob').empty()).toBe(true);
	});

	it('writes a mark under the name and draws someone gone with a dashed outline', () => {
		canvas();
		const marks = { oma: { kind: 'closer', text: '↑ dichterbij' }, rob: { kind: 'gone', text: '× weg' } };
		drawScene(cy, sceneOf(map([person('oma', 'Oma', 'familie', 1), person('rob', 'Rob', 'familie', 3)])), {
			labels,
			readOnly: true,
			marks
		});
		expect(node('oma').data('label')).toBe('Oma\n↑ dichterbij');
		expect(node('rob').style('border-style')).toBe('dashed');
		expect(node('oma').style('border-style')).toBe('solid');
		drawScene(cy, sceneOf(map([person('oma', 'Oma', 'familie', 1)])), { labels, readOnly: true });
		expect(node('oma').data('label')).toBe('Oma');
	});
});
