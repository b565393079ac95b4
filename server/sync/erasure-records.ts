// What an erasure reaches outside the map's document, as the service identity: the JIM's tips
// of the map (`jim_tips.text`, `relation`) and the map's invitations (`label`) get the chosen
// names replaced by [naam], as the map's texts do; then PocketBase empties its write-ahead log
// (POST /api/kring/checkpoint), so no old frame of a page keeps the name. PocketBase runs with
// secure_delete (server/pocketbase/main.go): what was deleted or replaced is zeroed in the file.
import { scrubNames } from '../../src/lib/doc/scrub.ts';
import type { ServiceClient } from './service.ts';

/** The collections and their text fields that can hold a name from the map. */
const TEXTS = [
	{ collection: 'jim_tips', fields: ['text', 'relation'] },
	{ collection: 'invitations', fields: ['label'] }
] as const;

export interface ErasureRecords {
	/** Replaces `names` in the map's tips and invitations; how many records changed, per collection. */
	scrubRecords(mapId: string, names: readonly string[]): Promise<{ tips: number; invitations: number }>;
	/** Empties PocketBase's WAL; false when a reader kept it from being emptied completely. */
	checkpoint(): Promise<boolean>;
}

export function createErasureRecords(service: ServiceClient): ErasureRecords {
	const { pb, authed, opts } = service;

	/** Each field's maximum length, from the collection itself: [naam] is longer than a short name. */
	async function maxLengths(collection: string): Promise<Map<string, number>> {
		const c = await authed(() => pb.collections.getOne(collection, opts()));
		return new Map(c.fields.filter((f) => typeof f.max === 'number' && f.max > 0).map((f) => [f.name, f.max as number]));
	}

	async function scrubCollection(mapId: string, names: readonly string[], collection: string, fields: readonly string[]): Promise<number> {
		const [rows, max] = await Promise.all([
			authed(() =>
				pb
					.collection(collection)
					.getFullList({ ...opts(), batch: 200, filter: pb.filter('map = {:m}', { m: mapId }), fields: ['id', ...fields].join(',') })
			),
			maxLengths(collection)
		]);
		let changed = 0;
		for (const row of rows) {
			const patch: Record<string, string> = {};
			for (const field of fields) {
				const before = String(row[field] ?? '');
				const after = clip(scrubNames(before, names).text, max.get(field));
				if (after !== before) patch[field] = after;
			}
			if (Object.keys(patch).length === 0) continue;
			await authed(() => pb.collection(collection).update(row.id, patch, { ...opts(), fields: 'id' }));
			changed += 1;
		}
		return changed;
	}

	return {
		async scrubRecords(mapId, names) {
			if (names.length === 0) return { tips: 0, invitations: 0 };
			const [tips, invitations] = await Promise.all(TEXTS.map((t) => scrubCollection(mapId, names, t.collection, t.fields)));
			return { tips, invitations };
		},
		async checkpoint() {
			const answer = await authed(() => pb.send<{ complete?: boolean }>('/api/kring/checkpoint', { ...opts(), method: 'POST' }));
			return answer.complete === true;
		}
	};
}

/** At most `max` characters (PocketBase counts characters), so the scrubbed text is still accepted. */
function clip(text: string, max: number | undefined): string {
	const chars = Array.from(text);
	return max && chars.length > max ? chars.slice(0, max).join('') : text;
}
