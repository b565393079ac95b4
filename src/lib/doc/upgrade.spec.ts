import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NewerSchemaError, schemaVersionOf, upgrade } from './upgrade.ts';
import { CENTRE, META, ROOT, SCHEMA_VERSION, type MapJson } from './schema.ts';
import { invariantViolations, project } from './projection.ts';
import { addPerson, readPeople } from './people.ts';
import { updatePerson } from './details.ts';
import { setTie } from './ties.ts';
import { diffProjections } from './diff.ts';
import { localOrigin } from './origin.ts';
import { V1_DEMO_PROJECTION, V1_DEMO_UPDATE, V1_DEMO_UPDATE_V2 } from './fixtures/v1-demo-map.ts';

const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

function v1DemoMap(): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes(V1_DEMO_UPDATE));
	return doc;
}

const DEFAULT_DETAILS = { support: [], contact: null, knownFor: null, jimCandidate: false, note: '' };

describe('upgrade', () => {
	it('brings an unversioned document to the current schema and keeps its people', () => {
		const doc = new Y.Doc();
		addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, localOrigin());
		expect(schemaVersionOf(doc)).toBe(0);
		upgrade(doc);
		expect(project(doc)).toMatchObject({ schemaVersion: SCHEMA_VERSION, centreName: '', people: [{ name: 'Oma' }], ties: [] });
	});

	it('keeps an existing centre name and is idempotent', () => {
		const doc = new Y.Doc();
		doc.getMap(ROOT.meta).set(META.centreName, 'Sam');
		upgrade(doc);
		const once = Y.encodeStateAsUpdate(doc);
		upgrade(doc);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(once);
		expect(project(doc).centreName).toBe('Sam');
	});

	it('refuses a document from a newer app', () => {
		const doc = new Y.Doc();
		doc.getMap(ROOT.meta).set(META.schemaVersion, SCHEMA_VERSION + 1);
		expect(() => upgrade(doc)).toThrow(NewerSchemaError);
	});
});

describe('the demo map seeded at schema 1', () => {
	// The fixture holds the bytes the schema-1 seed wrote (upgrade, setCentreName, addPerson …).
	it('is upgraded to the current schema with every person kept, given the default details and an empty JIM record', () => {
		const doc = v1DemoMap();
		expect(schemaVersionOf(doc)).toBe(1);
		upgrade(doc);
		expect(SCHEMA_VERSION).toBe(3);
		const map = project(doc);
		expect(map).toEqual({
			schemaVersion: 3,
			centreName: 'Sam',
			people: V1_DEMO_PROJECTION.people.map((p) => ({ ...p, ...DEFAULT_DETAILS })),
			ties: [],
			jim: [],
			plan: expect.objectContaining({ goals: [], agreements: [], questions: [] })
		});
		expect(map.people).toHaveLength(13);
		expect(invariantViolations(map)).toEqual([]);
	});

	it('reads the same from the V2 encoding that versions are stored in', () => {
		const doc = new Y.Doc();
		Y.applyUpdateV2(doc, bytes(V1_DEMO_UPDATE_V2));
		upgrade(doc);
		const fromV1 = v1DemoMap();
		upgrade(fromV1);
		expect(project(doc)).toEqual(project(fromV1));
	});

	it('takes details and ties after the upgrade', () => {
		const doc = v1DemoMap();
		upgrade(doc);
		const origin = localOrigin();
		const byName = (name: string) => readPeople(doc).find((p) => p.name === name)!.id;
		updatePerson(doc, byName('Trainer Mo'), { jimCandidate: true, support: ['waardering'] }, origin);
		setTie(doc, CENTRE, byName('Vader'), { quality: 'gespannen' }, origin);
		setTie(doc, byName('Moeder'), byName('Oma'), { quality: 'sterk', support: 'beide' }, origin);
		const map = project(doc);
		expect(map.ties).toHaveLength(2);
		expect(map.people.find((p) => p.name === 'Trainer Mo')).toMatchObject({ jimCandidate: true, support: ['waardering'] });
		expect(invariantViolations(map)).toEqual([]);
	});

	it('upgraded by two clients at once: they converge and an edit made right after upgrading survives', () => {
		const a = v1DemoMap();
		const b = v1DemoMap();
		upgrade(a);
		const oma = readPeople(a).find((p) => p.name === 'Oma')!.id;
		updatePerson(a, oma, { note: 'Kookt op woensdag' }, localOrigin('a'));
		upgrade(b);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(project(a)).toEqual(project(b));
		expect(readPeople(b).find((p) => p.id === oma)!.note).toBe('Kookt op woensdag');
	});

	it('its stored schema-1 projection diffs cleanly against the upgraded map', () => {
		const doc = v1DemoMap();
		upgrade(doc);
		const diff = diffProjections(V1_DEMO_PROJECTION as unknown as MapJson, project(doc));
		const none = { added: [], removed: [], changed: [] };
		expect(diff).toEqual({ centreName: null, people: none, ties: none });
	});
});
