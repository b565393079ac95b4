import type { Core } from 'cytoscape';
import type { NodeSingular } from 'cytoscape';
import { setClass } from './classes.ts';
import { scaleOf, spotOf, updateBends } from './draw.ts';

/** What the canvas needs to know of another person on the map (a `Peer` from presence fits). */
export interface PeerMark {
	colour: string;
	/** Their initial: the mark that does not depend on colour. */
	mark: string;
	selection: string | null;
	dragging: string | null;
	/** Where they hold the person they drag (model units), while dragging. */
	dragAt?: { x: number; y: number } | null;
}

export interface NodePresence {
	/** The ring's colour: the first peer's. */
	colour: string;
	/** One badge per peer looking at or dragging this person, in peer order. */
	badges: { mark: string; colour: string }[];
}

/** Who is looking at or dragging which person, by person id. A peer dragging someone counts once. */
export function presenceByPerson(peers: readonly PeerMark[]): Map<string, NodePresence> {
	const byPerson = new Map<string, NodePresence>();
	for (const peer of peers) {
		for (const id of new Set([peer.dragging, peer.selection])) {
			if (id === null) continue;
			const entry = byPerson.get(id) ?? { colour: peer.colour, badges: [] };
			entry.badges.push({ mark: peer.mark, colour: peer.colour });
			byPerson.set(id, entry);
		}
	}
	return byPerson;
}

export const BADGE_SIZE = 22;
const BADGE_STEP = 20;

function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Round badges with each peer's initial, as an SVG data URL: Cytoscape gives a node one text
 * label (the name), so the initials are drawn as the node's background image, outside its circle.
 */
export function badgeImage(badges: NodePresence['badges']): { url: string; width: number } {
	const width = BADGE_SIZE + (badges.length - 1) * BADGE_STEP;
	const r = BADGE_SIZE / 2;
	const parts = badges.map(({ mark, colour }, i) => {
		const cx = r + i * BADGE_STEP;
		return (
			`<circle cx="${cx}" cy="${r}" r="${r - 1}" fill="${escapeXml(colour)}" stroke="#fff" stroke-width="2"/>` +
			`<text x="${cx}" y="${r + 4.5}" text-anchor="middle" font-family="system-ui,sans-serif" font-size="13" font-weight="700" fill="#fff">${escapeXml(mark)}</text>`
		);
	});
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${BADGE_SIZE}" viewBox="0 0 ${width} ${BADGE_SIZE}">${parts.join('')}</svg>`;
	return { url: `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`, width };
}

/** The peers each canvas shows (not in Cytoscape's scratch: setting it restyles every element). */
const peersOn = new WeakMap<Core, readonly PeerMark[]>();

/**
 * Marks the people others have selected or are dragging: a dashed ring in their colour and their
 * initial in a badge, so it never rests on colour alone. Call it whenever the peers change; the
 * binding calls `applyPresence` again when it redraws, so new nodes get their marks too.
 */
export function showPresence(cy: Core, peers: readonly PeerMark[]): void {
	peersOn.set(cy, peers);
	applyPresence(cy);
}

export function applyPresence(cy: Core): void {
	const peers = peersOn.get(cy) ?? [];
	const byPerson = presenceByPerson(peers);
	const u = scaleOf(cy).unit;
	const held = new Map(peers.flatMap((p) => (p.dragging && p.dragAt ? [[p.dragging, p.dragAt] as const] : [])));
	cy.batch(() => {
		cy.nodes('.person').forEach((node) => {
			followDrag(node as NodeSingular, held.get(node.data('personId') as string) ?? null);
			const presence = byPerson.get(node.data('personId') as string);
			if (!presence) {
				setClass(node, 'peer', false);
				return;
			}
			const badge = badgeImage(presence.badges);
			// Two background images: the person's own initial in the circle, the peers' badges outside it.
			node.data({
				peerColour: presence.colour,
				peerImages: [node.data('initial') as string, badge.url],
				peerWidths: ['100%', badge.width * u],
				peerHeights: ['100%', BADGE_SIZE * u],
				peerX: ['50%', -14 * u],
				peerY: ['50%', -14 * u]
			});
			setClass(node, 'peer', true);
		});
	});
}

/**
 * A person someone else drags moves on this screen too, live; when they let go, the document
 * puts the person in their new place (or, dropped where they were, back in their old one).
 */
function followDrag(node: NodeSingular, at: { x: number; y: number } | null): void {
	if (node.grabbed()) return;
	const moved = node.scratch('kringRemoteDrag') === true;
	if (at) {
		node.scratch('kringRemoteDrag', true);
		node.position(at);
	} else if (moved) {
		node.scratch('kringRemoteDrag', false);
		const spot = spotOf(node);
		if (spot) node.position(spot);
	} else return;
	node.connectedEdges('.tie').forEach(updateBends);
}
