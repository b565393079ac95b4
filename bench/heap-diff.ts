/**
 * What grew between two heap snapshots, by kind of object: the largest growth first, with counts.
 * For the app's memory after a crowd has left (is anything of a map left behind?):
 *
 *   KRING_BENCH_HEAP_DIR=/tmp/heaps npm run bench:org -- --maps 5000 --only memory
 *   npx tsx bench/heap-diff.ts /tmp/heaps/app-<pid>-1.heapsnapshot /tmp/heaps/app-<pid>-4.heapsnapshot
 *
 * The snapshots are, in order: before the clients came, all synced, all at rest, all left.
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
	snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
	nodes: number[];
	strings: string[];
}

/** Self size and count per kind: [type, constructor name]; strings and code as one kind each. */
function tally(path: string): Map<string, { bytes: number; count: number }> {
	const { snapshot, nodes, strings } = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
	const fields = snapshot.meta.node_fields;
	const types = snapshot.meta.node_types[0];
	const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
	const kinds = new Map<string, { bytes: number; count: number }>();
	for (let i = 0; i < nodes.length; i += fields.length) {
		const type = types[nodes[i + typeAt]];
		const named = !/string|code/.test(type);
		const kind = named ? `${type} ${strings[nodes[i + nameAt]].slice(0, 60)}` : type;
		const k = kinds.get(kind) ?? { bytes: 0, count: 0 };
		k.bytes += nodes[i + sizeAt];
		k.count += 1;
		kinds.set(kind, k);
	}
	return kinds;
}

const [beforePath, afterPath, top = '30'] = process.argv.slice(2);
if (!beforePath || !afterPath) {
	console.error('usage: npx tsx bench/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [rows]');
	process.exit(2);
}
const before = tally(beforePath);
const after = tally(afterPath);
const rows = [...new Set([...before.keys(), ...after.keys()])].map((kind) => {
	const a = before.get(kind) ?? { bytes: 0, count: 0 };
	const b = after.get(kind) ?? { bytes: 0, count: 0 };
	return { kind, bytes: b.bytes - a.bytes, count: b.count - a.count };
});
rows.sort((x, y) => y.bytes - x.bytes);
const total = rows.reduce((sum, r) => sum + r.bytes, 0);
console.log(`heap self size grew by ${(total / 1024).toFixed(0)} KiB in all; largest growth by kind:`);
for (const r of rows.slice(0, Number(top)))
	console.log(`${(r.bytes / 1024).toFixed(1).padStart(10)} KiB ${String(r.count).padStart(8)}  ${r.kind}`);
console.log(`\nnpx tsx bench/heap-diff.ts ${beforePath} ${afterPath}`);
