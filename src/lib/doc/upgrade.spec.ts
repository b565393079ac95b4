import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { NewerSchemaError, schemaVersionOf, upgrade } from './upgrade.ts';
import { META, ROOT, SCHEMA_VERSION } from './schema.ts';
import { project } from './projection.ts';
import { addPerson } from './people.ts';
import { localOrigin } from './origin.ts';

describe('upgrade', () => {
	it('brings an unversioned document to the current schema and keeps its people', () => {
		const doc = new Y.Doc();
		addPerson(doc, { name: 'Oma', sector: 'familie', ring: 1 }, localOrigin());
		expect(schemaVersionOf(doc)).toBe(0);
		upgrade(doc);
		expect(project(doc)).toMatchObject({ schemaVersion: SCHEMA_VERSION, centreName: '', people: [{ name: 'Oma' }] });
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
