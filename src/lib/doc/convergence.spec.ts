/**
 * Property: 2 to 5 clients apply random operations while their updates arrive shuffled,
 * duplicated and late; once everything is delivered, every client projects the same map and
 * that map keeps its invariants.
 */
import * as Y from 'yjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addPerson, InvalidInputError, placePerson, readPeople, removePerson } from './people.ts';
import { updatePerson, type PersonPatch } from './details.ts';
import { readTies, removeTie, setTie, tiesOf, type TieProps } from './ties.ts';
import { createUndoManager } from './undo.ts';
import { setCentreName } from './meta.ts';
import { upgrade } from './upgrade.ts';
import { invariantViolations, project } from './projection.ts';
import { localOrigin } from './origin.ts';
import {
	CENTRE,
	CONTACT_FREQUENCIES,
	KNOWN_FOR,
	RINGS,
	SECTORS,
	SUPPORT_KINDS,
	TIE,
	TIE_QUALITIES,
	TIE_SUPPORT,
	type Ring,
	type Sector
} from './schema.ts';
import { V1_DEMO_UPDATE } from './fixtures/v1-demo-map.ts';

// Ids and clocks are made deterministic, so a failing run replays and shrinks the same way.
const world = vi.hoisted(() => ({ ids: 0, now: 0 }));
vi.mock('lib0/random', async (importOriginal) => ({
	...(await importOriginal<typeof import('lib0/random')>()),
	uuidv4: () => `p${String(++world.ids).padStart(4, '0')}`
}));
beforeAll(() => void vi.spyOn(Date, 'now').mockImplementation(() => world.now));
afterAll(() => void vi.restoreAllMocks());

const WIRE = Symbol('wire');

type Op =
	| { t: 'add'; c: number; name: string; slot: { sector: Sector; ring: Ring } | null }
	| { t: 'update'; c: number; p: number; patch: PersonPatch }
	| { t: 'place'; c: number; p: number; slot: { sector: Sector; ring: Ring; angle?: number } | null }
	| { t: 'remove'; c: number; p: number }
	| { t: 'tie'; c: number; a: number; b: number; props: TieProps }
	| { t: 'untie'; c: number; k: number }
	| { t: 'undo' | 'redo'; c: number }
	| { t: 'centre'; c: number; name: string }
	| { t: 'hostile'; c: number; p: number; kind: number }
	| { t: 'deliver'; k: number; dup: boolean };

const client = fc.nat({ max: 4 });
const pick = fc.nat({ max: 9 });
const name = fc.constantFrom('Oma', 'Moeder', 'Vader', 'Jayden', 'Lina', 'Trainer Mo');
const slot = fc.record({ sector: fc.constantFrom(...SECTORS), ring: fc.constantFrom(...RINGS) });

const op: fc.Arbitrary<Op> = fc.oneof(
	{ arbitrary: fc.record({ t: fc.constant('add' as const), c: client, name, slot: fc.option(slot) }), weight: 4 },
	{
		arbitrary: fc.record({
			t: fc.constant('update' as const),
			c: client,
			p: pick,
			patch: fc.record(
				{
					name,
					relation: fc.constantFrom('', 'oma', 'buurman'),
					support: fc.subarray([...SUPPORT_KINDS]),
					contact: fc.constantFrom(null, ...CONTACT_FREQUENCIES),
					knownFor: fc.constantFrom(null, ...KNOWN_FOR),
					jimCandidate: fc.boolean(),
					note: fc.string({ maxLength: 12 })
				},
				{ requiredKeys: [] }
			)
		}),
		weight: 4
	},
	{
		arbitrary: fc.record({
			t: fc.constant('place' as const),
			c: client,
			p: pick,
			slot: fc.option(
				fc.record({
					sector: fc.constantFrom(...SECTORS),
					ring: fc.constantFrom(...RINGS),
					angle: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined })
				})
			)
		}),
		weight: 2
	},
	{ arbitrary: fc.record({ t: fc.constant('remove' as const), c: client, p: pick }), weight: 2 },
	{
		arbitrary: fc.record({
			t: fc.constant('tie' as const),
			c: client,
			a: fc.integer({ min: -1, max: 9 }),
			b: pick,
			props: fc.record({ quality: fc.constantFrom(...TIE_QUALITIES), support: fc.constantFrom(...TIE_SUPPORT) }, { requiredKeys: [] })
		}),
		weight: 8
	},
	{ arbitrary: fc.record({ t: fc.constant('untie' as const), c: client, k: pick }), weight: 1 },
	{ arbitrary: fc.record({ t: fc.constantFrom('undo' as const, 'redo' as const), c: client }), weight: 2 },
	{
		arbitrary: fc.record({ t: fc.constant('centre' as const), c: client, name: fc.constantFrom('Sam', 'Sammie') }),
		weight: 1
	},
	{ arbitrary: fc.record({ t: fc.constant('hostile' as const), c: client, p: pick, kind: fc.nat({ max: 3 }) }), weight: 1 },
	{ arbitrary: fc.record({ t: fc.constant('deliver' as const), k: fc.nat({ max: 50 }), dup: fc.boolean() }), weight: 6 }
);

/** Calls that must be refused, leaving the document exactly as it was. */
const hostile: ((doc: Y.Doc, someone: string) => unknown)[] = [
	(doc, id) => updatePerson(doc, id, { contact: 'soms' as never, note: 'weg' }, localOrigin()),
	(doc, id) => setTie(doc, id, 'nobody', {}, localOrigin()),
	(doc, id) => setTie(doc, id, id, { quality: 'sterk' }, localOrigin()),
	(doc) => addPerson(doc, { name: ' ', sector: 'familie', ring: 1 }, localOrigin())
];

function run(clients: number, fromDemo: boolean, ops: Op[], flush: number[]) {
	world.ids = 0;
	world.now = 1_000;
	const docs = Array.from({ length: clients }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = i + 1;
		if (fromDemo) Y.applyUpdate(doc, new Uint8Array(Buffer.from(V1_DEMO_UPDATE, 'base64')), WIRE);
		return doc;
	});
	const origins = docs.map((_, i) => localOrigin(`client ${i}`));
	const undo = docs.map((doc, i) => createUndoManager(doc, origins[i], { captureTimeout: 0 }));

	// The wire: every local update goes to each other client, to be delivered later in any order.
	const queue: { to: number; update: Uint8Array }[] = [];
	docs.forEach((doc, from) =>
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === WIRE) return;
			for (let to = 0; to < clients; to++) if (to !== from) queue.push({ to, update });
		})
	);
	const deliver = (k: number, keep: boolean) => {
		const i = k % queue.length;
		const { to, update } = queue[i];
		if (!keep) queue.splice(i, 1);
		Y.applyUpdate(docs[to], update, WIRE);
	};

	// Every client opens the map and upgrades it at the same time.
	docs.forEach((doc) => upgrade(doc));

	for (const o of ops) {
		world.now += o.t === 'deliver' ? 0 : 1;
		if (o.t === 'deliver') {
			if (queue.length) deliver(o.k, o.dup);
			continue;
		}
		const c = o.c % clients;
		const doc = docs[c];
		const origin = origins[c];
		const people = readPeople(doc);
		const person = (p: number) => (people.length ? people[p % people.length].id : null);
		switch (o.t) {
			case 'add':
				addPerson(doc, { name: o.name, ...o.slot }, origin);
				break;
			case 'update': {
				const id = person(o.p);
				if (id) updatePerson(doc, id, o.patch, origin);
				break;
			}
			case 'place': {
				const id = person(o.p);
				if (id) placePerson(doc, id, o.slot, origin);
				break;
			}
			case 'remove': {
				const id = person(o.p);
				if (!id) break;
				removePerson(doc, id, origin);
				// In the acting client's own document, no tie is left pointing at the removed person.
				tiesOf(doc).forEach((tie) => expect([tie.get(TIE.from), tie.get(TIE.to)]).not.toContain(id));
				break;
			}
			case 'tie': {
				const a = o.a < 0 ? CENTRE : person(o.a);
				const b = person(o.b);
				if (!a || !b) break;
				// Directions are for the youth's own ties; between two people keep the quality only.
				const mutual = o.props.support === 'beide' || o.props.support === 'geen';
				const props = a === CENTRE || mutual ? o.props : { quality: o.props.quality };
				const before = Y.encodeStateAsUpdate(doc);
				try {
					setTie(doc, a, b, props, origin);
				} catch (e) {
					// A self-tie: refused, nothing written.
					if (!(e instanceof InvalidInputError)) throw e;
					expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
				}
				break;
			}
			case 'untie': {
				const ties = readTies(doc);
				if (ties.length) removeTie(doc, ties[o.k % ties.length].from, ties[o.k % ties.length].to, origin);
				break;
			}
			case 'undo':
				undo[c].undo();
				break;
			case 'redo':
				undo[c].redo();
				break;
			case 'centre':
				setCentreName(doc, o.name, origin);
				break;
			case 'hostile': {
				const before = Y.encodeStateAsUpdate(doc);
				expect(() => hostile[o.kind](doc, person(o.p) ?? 'nobody')).toThrow(InvalidInputError);
				expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
				break;
			}
		}
		expect(invariantViolations(project(doc))).toEqual([]);
	}

	// Late delivery: whatever is still on the wire arrives at the end, in a shuffled order.
	for (let i = 0; queue.length; i++) deliver(flush.length ? flush[i % flush.length] : 0, false);

	const maps = docs.map(project);
	for (const map of maps) {
		expect(map).toEqual(maps[0]);
		expect(invariantViolations(map)).toEqual([]);
	}
	return maps[0];
}

describe('convergence', () => {
	it('clients that see each other’s updates shuffled, twice or late end with the same sound map', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 5 }),
				fc.boolean(),
				fc.array(op, { minLength: 5, maxLength: 60, size: 'medium' }),
				fc.array(fc.nat({ max: 100 }), { maxLength: 10 }),
				(clients, fromDemo, ops, flush) => {
					run(clients, fromDemo, ops, flush);
				}
			),
			{ numRuns: 100 }
		);
		// A hundred random runs take about 4 s on an idle core; give a loaded machine room.
	}, 60_000);

	it('the harness really does produce concurrent people and ties', () => {
		// A fixed scenario, so the property above is known to exercise more than empty maps.
		const map = run(
			3,
			true,
			[
				{ t: 'add', c: 0, name: 'Oma', slot: { sector: 'familie', ring: 1 } },
				{ t: 'add', c: 1, name: 'Lina', slot: null },
				{ t: 'tie', c: 0, a: -1, b: 100, props: { quality: 'gespannen' } },
				{ t: 'update', c: 2, p: 0, patch: { jimCandidate: true, support: ['emotioneel'] } }
			],
			[3, 1, 2]
		);
		expect(map.people.length).toBe(15);
		expect(map.ties).toHaveLength(1);
		expect(map.people.some((p) => p.jimCandidate)).toBe(true);
	});
});
