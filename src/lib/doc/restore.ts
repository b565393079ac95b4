import * as Y from 'yjs';
import { ROOT } from './schema.ts';
import { RESTORE_ORIGIN, transact, type Origin } from './origin.ts';
import { upgrade } from './upgrade.ts';
import { upgradePlan } from './plan.ts';

/**
 * Restoring an old version: its content is written as a new change on top of today's document,
 * so nothing is lost from history and every client merges it like any edit. People and ties that
 * were removed come back under their own ids (with their ties and agreements), those added since
 * go, and every field returns to its old value; untouched fields are not written at all, so a
 * restore of what is already there changes nothing.
 *
 * The JIM record (root `jim`) is left as it is: it is an append-only log of what happened (who
 * was chosen, who consented), which a restore of the map does not undo.
 */

/** Roots that a restore puts back: every Y.Map root of the schema. */
const RESTORED_ROOTS = Object.values(ROOT).filter((root) => root !== ROOT.jim);
/**
 * Root keys that record what happened, whose value never goes down: a restore does not undo a
 * schema upgrade, the evaluation held since the old version (the plan's lastHeldOn), nor an
 * erasure (meta.erasedAt).
 */
const FORWARD_KEYS = new Set(['schemaVersion', 'lastHeldOn', 'erasedAt']);

/** An old version's state (V2 encoding, as versions store it) as a document of today's schema. */
export function versionDoc(stateV2: Uint8Array): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	Y.applyUpdateV2(doc, stateV2);
	// Read only; the origin does not matter for a document nobody observes.
	upgrade(doc);
	upgradePlan(doc, RESTORE_ORIGIN);
	return doc;
}

/** Makes `doc`'s content equal to `old`'s (except the JIM record), in one transaction. Returns whether anything was written. */
export function restoreContent(doc: Y.Doc, old: Y.Doc, origin: Origin = RESTORE_ORIGIN): boolean {
	let changed = false;
	transact(
		doc,
		() => {
			for (const root of RESTORED_ROOTS) {
				if (syncMap(doc.getMap<unknown>(root), old.getMap<unknown>(root), true)) changed = true;
			}
		},
		origin
	);
	return changed;
}

/** Writes into `target` what differs from `source`; true when it wrote something. */
function syncMap(target: Y.Map<unknown>, source: Y.Map<unknown>, isRoot: boolean): boolean {
	let changed = false;
	for (const key of [...target.keys()]) {
		if (source.has(key)) continue;
		if (isRoot && FORWARD_KEYS.has(key)) continue;
		target.delete(key);
		changed = true;
	}
	for (const [key, value] of source.entries()) {
		const current = target.get(key);
		if (isRoot && FORWARD_KEYS.has(key) && typeof current === typeof value && (current as number | string) >= (value as number | string))
			continue;
		if (value instanceof Y.Map) {
			if (current instanceof Y.Map) {
				if (syncMap(current, value, false)) changed = true;
			} else {
				target.set(key, value.clone());
				changed = true;
			}
		} else if (value instanceof Y.AbstractType) {
			// A list or text: put back whole when it differs (the model keeps none inside entries today).
			if (
				!(current instanceof Y.AbstractType) ||
				current.constructor !== value.constructor ||
				!sameJson(current.toJSON(), value.toJSON())
			) {
				target.set(key, (value as Y.Array<unknown>).clone());
				changed = true;
			}
		} else if (!target.has(key) || current instanceof Y.AbstractType || !sameJson(current, value)) {
			target.set(key, value);
			changed = true;
		}
	}
	return changed;
}

/** Plain values (numbers, strings, objects of them) compared by content, key order aside. */
export function sameJson(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (a instanceof Uint8Array || b instanceof Uint8Array) {
		return a instanceof Uint8Array && b instanceof Uint8Array && a.length === b.length && a.every((byte, i) => byte === b[i]);
	}
	const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
	const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
	if (ka.length !== kb.length) return false;
	return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
