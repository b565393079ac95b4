import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import { colourFor, initialOf, pickColour, Presence, PRESENCE_COLOURS, readPeer, readPeers } from './presence.svelte.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
	for (const fn of cleanup.splice(0)) fn();
});

/** Two clients on one map: each awareness update reaches the other, as through the sync server. */
function twoClients(ids?: [number, number]) {
	const awarenessOf = (clientID?: number) => {
		const doc = new Y.Doc();
		if (clientID !== undefined) doc.clientID = clientID;
		return new Awareness(doc);
	};
	const a = awarenessOf(ids?.[0]);
	const b = awarenessOf(ids?.[1]);
	const wire = (from: Awareness, to: Awareness) => {
		const onUpdate = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
			if (origin === 'remote') return;
			applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'remote');
		};
		from.on('update', onUpdate);
	};
	wire(a, b);
	wire(b, a);
	cleanup.push(() => {
		a.destroy();
		b.destroy();
	});
	return { a, b };
}

describe('presence', () => {
	it('shows each client the others on the map, not itself', () => {
		const { a, b } = twoClients();
		const sam = new Presence(a, { name: 'sam', role: 'jongere' });
		const fatima = new Presence(b, { name: 'Fatima', role: 'hulpverlener' });
		expect(readPeers(a)).toEqual([
			{
				clientId: b.clientID,
				name: 'Fatima',
				role: 'hulpverlener',
				colour: fatima.me.colour,
				mark: 'F',
				selection: null,
				dragging: null,
				dragAt: null
			}
		]);
		expect(sam.peers.map((p) => p.name)).toEqual(['Fatima']);
		expect(fatima.peers.map((p) => p.mark)).toEqual(['S']);
	});

	it('tells the others what one selects and drags', () => {
		const { a, b } = twoClients();
		const sam = new Presence(a, { name: 'Sam', role: 'jongere' });
		new Presence(b, { name: 'Fatima', role: 'hulpverlener' });
		sam.select('oma');
		sam.dragging('oma');
		expect(readPeers(b)[0]).toMatchObject({ name: 'Sam', selection: 'oma', dragging: 'oma' });
		sam.dragging(null);
		sam.select(null);
		expect(readPeers(b)[0]).toMatchObject({ selection: null, dragging: null });
	});

	it('lets the others know when one leaves', () => {
		const { a, b } = twoClients();
		const sam = new Presence(a, { name: 'Sam', role: 'jongere' });
		new Presence(b, { name: 'Fatima', role: 'hulpverlener' });
		sam.destroy();
		expect(readPeers(b)).toEqual([]);
	});

	it('ignores clients that are not (yet) on the map as someone', () => {
		const { a, b } = twoClients();
		b.setLocalState({ cursor: 3 });
		expect(readPeers(a)).toEqual([]);
	});
});

describe('colours', () => {
	it('two clients on one map never share a colour', () => {
		// Client ids that map to the same palette colour.
		const { a, b } = twoClients([3, 3 + PRESENCE_COLOURS.length]);
		const first = new Presence(a, { name: 'Sam', role: 'jongere' });
		const second = new Presence(b, { name: 'Fatima', role: 'hulpverlener' });
		expect(first.me.colour).toBe(colourFor(3));
		expect(second.me.colour).not.toBe(first.me.colour);
		expect(readPeers(a)[0].colour).toBe(second.me.colour);
	});

	it('the lower client id keeps its colour; the other takes the next free one', () => {
		const own = colourFor(10);
		expect(pickColour(10, [{ clientId: 20, colour: own }])).toBe(own);
		expect(pickColour(10, [{ clientId: 5, colour: own }])).toBe(colourFor(11));
	});
});

describe('reading another client’s state', () => {
	it('keeps only well-formed, bounded fields', () => {
		const peer = readPeer(7, {
			user: { name: `  ${'x'.repeat(200)}`, colour: 'red;background:url(x)', mark: 'XYZ', role: 42 },
			selection: 12,
			dragging: 'oma'
		});
		expect(peer).toMatchObject({ clientId: 7, colour: colourFor(7), mark: 'XY', role: '', selection: null, dragging: 'oma' });
		expect(peer?.name).toHaveLength(60);
	});

	it('refuses a state without a name', () => {
		expect(readPeer(1, { user: { name: ' ' } })).toBeNull();
		expect(readPeer(1, null)).toBeNull();
	});
});

describe('marks that are not colour alone', () => {
	it('the initial is one whole capital letter', () => {
		expect(initialOf(' fatima')).toBe('F');
		expect(initialOf('Éva')).toBe('É');
		expect(initialOf('𝒜lex')).toBe('𝒜');
		expect(initialOf('')).toBe('?');
	});

	it.each(PRESENCE_COLOURS)('%s has at least 4.5:1 contrast on white', (hex) => {
		const channel = (i: number) => {
			const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		};
		const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
		expect(1.05 / (luminance + 0.05)).toBeGreaterThanOrEqual(4.5);
	});
});
