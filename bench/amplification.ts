/**
 * What one read-only member can make the sync server send: a reviewer's socket asks for the whole
 * map (sync step 1 with an empty state vector) as fast as the socket's message limit lets it, and
 * the bench counts bytes in and out and the server's CPU time.
 *
 *   npx tsx bench/amplification.ts [--seconds 10] [--people 200]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildPocketBase } from '../server/launch/build.ts';
import { startPocketBase, upsertSuperuser } from '../server/launch/pocketbase.ts';
import { addPerson } from '../src/lib/doc/people.ts';
import { localOrigin } from '../src/lib/doc/origin.ts';
import { updatePerson } from '../src/lib/doc/details.ts';
import { createFixture } from '../tests/helpers/fixtures.ts';
import type { PocketBaseInstance } from '../tests/helpers/pocketbase.ts';
import { freePort } from '../tests/helpers/ports.ts';
import { STEP1 } from '../tests/integration/sync-frames.ts';
import {
	connectProvider,
	destroyProvider,
	eventually,
	rawConnect,
	startSync,
	storedDoc,
	waitSynced
} from '../tests/integration/sync-harness.ts';
import { kib } from './stats.ts';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, people: { type: 'string', default: '200' } } });
const seconds = Number(args.seconds);
const people = Number(args.people);

async function main() {
	await buildPocketBase((m) => console.log(`bench: ${m}`));
	const dataDir = await mkdtemp(join(tmpdir(), 'kring-bench-amplification-'));
	const superuser = { email: 'bench@kring.test', password: `bench-${Math.random().toString(36).slice(2)}` };
	await upsertSuperuser(dataDir, superuser);
	const pbProcess = await startPocketBase({ dataDir, host: '127.0.0.1', port: await freePort() });
	const pb: PocketBaseInstance = { url: pbProcess.url, superuser, dataDir, stop: async () => {} };
	const fx = await createFixture(pb);
	const stack = await startSync(pb);
	try {
		console.log(`map: ${people} people, each with a note; a reviewer sends sync step 1 (whole map) 90 times a second`);
		// A map of `people` people, each with a note: what a step 1 answer carries.
		const writer = connectProvider(stack.wsBase, fx.mapId, fx.users.professional.token);
		await waitSynced(writer);
		const origin = localOrigin('bench');
		for (let i = 0; i < people; i++) {
			const id = addPerson(writer.doc, { name: `Persoon ${i}`, sector: 'familie', ring: 2 }, origin);
			updatePerson(writer.doc, id, { note: 'Belt elke week en helpt met huiswerk. '.repeat(5) }, origin);
		}
		await eventually(async () => ((await storedDoc(pb, fx.mapId))?.getMap('people').size === people ? true : undefined), 30_000);
		destroyProvider(writer);

		for (const [label, options] of [
			['answers at most once a second (Kring)', {}],
			['every step 1 answered (as before)', { connectionLimits: { syncAnswerIntervalMs: 0 } }]
		] as const) {
			const flood = await startSync(pb, options);
			try {
				const r = await rawConnect(`${flood.wsBase}/${fx.mapId}?token=${fx.users.reviewer.token}`);
				if (r.kind !== 'open') throw new Error(`upgrade refused: ${r.status}`);
				let bytesIn = 0;
				let bytesOut = 0;
				let answers = 0;
				r.ws.on('message', (data: Buffer) => {
					bytesOut += data.byteLength;
					if (data[0] === 0 && data[1] === 1) answers++;
				});
				const cpu = process.cpuUsage();
				const started = Date.now();
				// 90 a second: just under the socket's message rate, so the server never closes it.
				await new Promise<void>((resolve) => {
					const timer = setInterval(() => {
						if (Date.now() - started >= seconds * 1000) {
							clearInterval(timer);
							resolve();
							return;
						}
						r.ws.send(STEP1);
						bytesIn += STEP1.byteLength;
					}, 11);
				});
				const used = process.cpuUsage(cpu);
				r.ws.terminate();
				const ms = Date.now() - started;
				console.log(
					`${label}: in ${kib(bytesIn)}, out ${kib(bytesOut)} in ${answers} answers over ${(ms / 1000).toFixed(1)} s (${Math.round(bytesOut / bytesIn)}× what was sent); CPU of this process ${(((used.user + used.system) / 1000 / ms) * 100).toFixed(0)}% of one core`
				);
			} finally {
				await flood.close();
			}
		}
		console.log(`reproduce: npx tsx bench/amplification.ts --seconds ${seconds} --people ${people}`);
	} finally {
		await stack.close();
		await pbProcess.stop();
		await rm(dataDir, { recursive: true, force: true });
	}
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
