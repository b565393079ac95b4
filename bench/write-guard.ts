/**
 * What the sync server's write guard costs per update: a client's first sync of a whole map (every
 * person new to the server) and a single edit on a map of the same size, at growing map sizes.
 *
 *   npx tsx bench/write-guard.ts [--runs 5]
 */
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { writeRefusal } from '../server/sync/write-guard.ts';
import { addPerson } from '../src/lib/doc/people.ts';
import { updatePerson } from '../src/lib/doc/details.ts';
import { localOrigin, UPGRADE_ORIGIN } from '../src/lib/doc/origin.ts';
import { upgradePlan } from '../src/lib/doc/plan.ts';
import { upgrade } from '../src/lib/doc/upgrade.ts';
import { kib, median } from './stats.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(args.runs);
const origin = localOrigin('bench');
const writer = { userId: 'bench000000000a', name: 'Hulpverlener', role: 'professional' };

function timed(fn: () => unknown): number {
	const started = performance.now();
	const why = fn();
	if (why) throw new Error(`bench: refused: ${why}`);
	return performance.now() - started;
}

for (const people of [200, 1000, 5000]) {
	const server = new Y.Doc();
	upgrade(server);
	upgradePlan(server, UPGRADE_ORIGIN);
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
	const ids: string[] = [];
	client.transact(() => {
		for (let i = 0; i < people; i++) {
			const id = addPerson(client, { name: `Persoon ${i}`, sector: 'familie', ring: 2 }, origin);
			updatePerson(client, id, { note: 'Belt elke week en helpt met huiswerk.', support: ['praktisch'] }, origin);
			ids.push(id);
		}
	});
	const whole = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
	const first = median(Array.from({ length: runs }, () => timed(() => writeRefusal(server, whole, writer))));
	Y.applyUpdate(server, whole);
	const edits = Array.from({ length: runs }, (_, i) => {
		const before = Y.encodeStateVector(client);
		updatePerson(client, ids[i], { note: `Nieuwe notitie ${i}` }, origin);
		const update = Y.encodeStateAsUpdate(client, before);
		const ms = timed(() => writeRefusal(server, update, writer));
		Y.applyUpdate(server, update);
		return ms;
	});
	console.log(
		`${people} people: whole map ${kib(whole.byteLength)} checked in ${first.toFixed(1)} ms (median); one edit in ${median(edits).toFixed(3)} ms`
	);
}
console.log(`reproduce: npx tsx bench/write-guard.ts --runs ${runs}`);
