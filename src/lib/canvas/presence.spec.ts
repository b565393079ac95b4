import { describe, expect, it } from 'vitest';
import { badgeImage, presenceByPerson, type PeerMark } from './presence.ts';

const fatima: PeerMark = { colour: '#047857', mark: 'F', selection: 'oma', dragging: null };
const sam: PeerMark = { colour: '#1d4ed8', mark: 'S', selection: 'oma', dragging: 'coach' };

describe('presence on the canvas', () => {
	it('marks each person others look at or drag, with each one’s initial', () => {
		const byPerson = presenceByPerson([fatima, sam]);
		expect(byPerson.get('oma')).toEqual({
			colour: '#047857',
			badges: [
				{ mark: 'F', colour: '#047857' },
				{ mark: 'S', colour: '#1d4ed8' }
			]
		});
		expect(byPerson.get('coach')?.badges).toEqual([{ mark: 'S', colour: '#1d4ed8' }]);
	});

	it('counts a peer dragging the person they selected once', () => {
		expect(presenceByPerson([{ ...fatima, dragging: 'oma' }]).get('oma')?.badges).toHaveLength(1);
	});

	it('marks nobody when nobody looks', () => {
		expect(presenceByPerson([{ ...fatima, selection: null }]).size).toBe(0);
	});

	it('draws the initial as text in the badge, escaped', () => {
		const { url, width } = badgeImage([
			{ mark: '<', colour: '#047857' },
			{ mark: 'S', colour: '#1d4ed8' }
		]);
		const svg = decodeURIComponent(url.replace('data:image/svg+xml;utf8,', ''));
		expect(svg).toContain('>&#60;</text>');
		expect(svg).toContain('>S</text>');
		expect(width).toBeGreaterThan(22);
	});
});
