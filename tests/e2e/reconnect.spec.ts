import { expect, test, userPage } from './fixtures.ts';

// When the sync server turns the map's socket away (it sheds load, or restarts), the page says when
// it tries again, waits longer after each refusal, and is back once the server takes it.
test('a refused live connection counts down to the next try and comes back', async ({ browser, baseURL }) => {
	const youth = await userPage(browser, baseURL!, 'sam@demo.local');
	let refusals = 0;
	let refuse = true;
	// Every socket to the sync endpoint is closed at once, as an overloaded server would (1013: try again later).
	await youth.routeWebSocket(/\/sync\//, (ws) => {
		if (!refuse) {
			ws.connectToServer();
			return;
		}
		refusals++;
		ws.close({ code: 1013, reason: 'try again later' });
	});
	await youth.getByRole('link', { name: 'Kaart van Sam openen' }).click();
	await expect(youth.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();

	// The eyes see the countdown; a screen reader hears once that Kring tries again.
	const badge = youth.getByRole('status').filter({ hasText: 'Geen verbinding. Opnieuw verbinden…' });
	await expect(badge).toBeVisible();
	await expect(badge).toHaveAttribute('data-retry-in', /^\d+$/);
	await expect(badge.locator('[aria-hidden="true"]').filter({ hasText: /Opnieuw verbinden over \d+ s/ })).toBeVisible();
	// It keeps trying (the schedule itself is in src/lib/sync/backoff.spec.ts and reconnect.spec.ts).
	await expect.poll(() => refusals, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

	refuse = false;
	// The waits are random up to 30 s; the device coming online again tries at once.
	await youth.context().setOffline(true);
	await youth.context().setOffline(false);
	await expect(youth.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
	await youth.context().close();
});
