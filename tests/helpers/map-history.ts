import * as Y from 'yjs';
import { recordChoice, recordStatus, type JimStatus } from '../../src/lib/doc/jim.ts';
import { setCentreName } from '../../src/lib/doc/meta.ts';
import { metricsOf, type Metrics } from '../../src/lib/doc/metrics.ts';
import { SEED_ORIGIN } from '../../src/lib/doc/origin.ts';
import { addPerson, placePerson, readPeople } from '../../src/lib/doc/people.ts';
import { setPlanDates, upgradePlan } from '../../src/lib/doc/plan.ts';
import { project } from '../../src/lib/doc/projection.ts';
import { CENTRE, SECTORS, type MapJson, type Ring } from '../../src/lib/doc/schema.ts';
import { setTie } from '../../src/lib/doc/ties.ts';
import { upgrade } from '../../src/lib/doc/upgrade.ts';

/**
 * A map with a history of weekly versions, made with the document model itself (for the
 * dashboard's integration test and bench): each week one person moves a ring, now and then
 * someone new arrives; a JIM is chosen and takes steps; every `evaluationEvery` weeks the
 * version is an evaluation moment. Deterministic for a given seed.
 */

export interface HistoryVersion {
	kind: 'auto' | 'evaluation';
	taken_at: string;
	/** Evaluation moments only: the day it happened (YYYY-MM-DD). */
	evaluated_on: string;
	/** base64 of Y.encodeStateAsUpdateV2, as the sync server keeps it. */
	state: string;
	projection: MapJson;
	metrics: Metrics;
}

export interface History {
	versions: HistoryVersion[];
	/** The live state after the last week (base64 of Y.encodeStateAsUpdate), for map_docs. */
	live: string;
}

export interface HistoryOptions {
	youthName: string;
	weeks: number;
	/** People on the map at the start. */
	people: number;
	/** The first version's moment; one version a week after it. */
	start: Date;
	seed: number;
	evaluationEvery?: number;
	/** The plan's rhythm; nextOn is left unset. */
	everyWeeks?: number;
}

/** mulberry32: a small seeded generator. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 24 * 60 * 60 * 1000;
const JIM_STEPS: JimStatus[] = ['gevraagd', 'ja', 'actief'];
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export function weeklyHistory(opts: HistoryOptions): History {
	const rnd = seeded(opts.seed);
	const evaluationEvery = opts.evaluationEvery ?? 6;
	const doc = new Y.Doc();
	upgrade(doc);
	setCentreName(doc, opts.youthName, SEED_ORIGIN);
	upgradePlan(doc, SEED_ORIGIN);
	const day = (at: number) => new Date(at).toISOString().slice(0, 10);
	setPlanDates(doc, { startOn: day(opts.start.getTime()), everyWeeks: opts.everyWeeks ?? evaluationEvery }, SEED_ORIGIN);
	const recorder = { userId: 'bench000000000a', name: 'Hulpverlener', role: 'professional' as const };

	// People in the order they were added (readPeople's order breaks ties by random ids).
	const ids: string[] = [];
	const add = (ring: Ring) => {
		const id = addPerson(doc, { name: `Persoon ${ids.length + 1}`, sector: SECTORS[ids.length % SECTORS.length], ring }, SEED_ORIGIN);
		setTie(doc, CENTRE, id, { quality: rnd() < 0.6 ? 'sterk' : 'zwak' }, SEED_ORIGIN);
		ids.push(id);
	};
	for (let i = 0; i < opts.people; i++) add((1 + Math.floor(rnd() * 4)) as Ring);

	let jim: string | null = null;
	const versions: HistoryVersion[] = [];
	for (let week = 0; week < opts.weeks; week++) {
		const at = opts.start.getTime() + week * 7 * DAY;
		if (week > 0) {
			const byId = new Map(readPeople(doc).map((p) => [p.id, p]));
			const p = byId.get(ids[Math.floor(rnd() * ids.length)]);
			if (p?.sector && p.ring) {
				// Slightly more often closer than further: networks in care tend to grow back.
				const ring = Math.min(4, Math.max(1, p.ring + (rnd() < 0.55 ? -1 : 1))) as Ring;
				placePerson(doc, p.id, { sector: p.sector, ring }, SEED_ORIGIN);
			}
			if (week % 8 === 0) add(3);
		}
		if (week === 2) {
			jim = ids[0];
			recordChoice(
				doc,
				{ personId: jim, personName: 'Persoon 1', pick: 'jim', chosenBy: opts.youthName, on: day(at) },
				recorder,
				SEED_ORIGIN
			);
		} else if (jim && week >= 3 && week % 2 === 1 && (week - 3) / 2 < JIM_STEPS.length) {
			recordStatus(doc, { personId: jim, personName: 'Persoon 1', status: JIM_STEPS[(week - 3) / 2], on: day(at) }, recorder, SEED_ORIGIN);
		}
		const evaluation = week > 0 && week % evaluationEvery === 0;
		const projection = project(doc);
		versions.push({
			kind: evaluation ? 'evaluation' : 'auto',
			taken_at: new Date(at).toISOString(),
			evaluated_on: evaluation ? day(at - DAY) : '',
			state: base64(Y.encodeStateAsUpdateV2(doc)),
			projection,
			metrics: metricsOf(projection)
		});
	}
	return { versions, live: base64(Y.encodeStateAsUpdate(doc)) };
}
