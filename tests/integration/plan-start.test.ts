import { expect, it } from 'vitest';
import { today } from '../../src/lib/doc/days.ts';
import { evaluationDue, readPlan } from '../../src/lib/doc/plan.ts';
import { connectProvider, destroyProvider, eventually, storedDoc, usePocketBaseFixture, waitSynced } from './sync-harness.ts';

const ctx = usePocketBaseFixture();

it('a new map gets its evaluation rhythm from the server: it starts the day it is first opened, the first evaluation 8 weeks later', async () => {
	const server = await ctx.start({ persistDebounceMs: 50, persistMaxWaitMs: 200 });
	const client = connectProvider(server.wsBase, ctx.fx.mapId, ctx.fx.users.professional.token);
	await waitSynced(client);
	const plan = readPlan(client.doc);
	expect(plan.startOn).toBe(today());
	const in8Weeks = new Date();
	in8Weeks.setDate(in8Weeks.getDate() + 56);
	expect(evaluationDue(plan, null).on).toBe(today(in8Weeks));
	// Stored like any change, so versions (and the team's dashboard) have it too.
	await eventually(async () =>
		(await storedDoc(ctx.pb, ctx.fx.mapId)) && readPlan((await storedDoc(ctx.pb, ctx.fx.mapId))!).startOn === today() ? true : undefined
	);
	destroyProvider(client);
});
