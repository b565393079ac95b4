/** What every bench shares: its figures, logging in, and how it stops cleanly when it runs too long or is interrupted. */
import type { Page } from '@playwright/test';

export function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest rank: the p95 (q = 0.95) of 30 runs is the 29th. */
export function quantile(xs: readonly number[], q: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Cleans up (browser, Kring) and exits when the bench passes `deadlineMs` (exit 1, after
 * `onGiveUp`) or gets SIGINT/SIGTERM (exit 130). Cleaning up may take 10 s at most. Returns the
 * timer, to clear when the bench ends on its own.
 */
export function stopCleanly(cleanUp: () => Promise<unknown>, deadlineMs: number, onGiveUp: () => void = () => {}): NodeJS.Timeout {
	const exitAfterCleanUp = (code: number) =>
		void Promise.race([cleanUp(), new Promise((r) => setTimeout(r, 10_000))]).then(() => process.exit(code));
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			console.error(`bench: ${signal}: closing the browser and stopping Kring`);
			exitAfterCleanUp(130);
		});
	}
	return setTimeout(() => {
		console.error(`bench: gave up after ${deadlineMs / 60_000} minutes`);
		onGiveUp();
		exitAfterCleanUp(1);
	}, deadlineMs);
}

/** Logs `page` in through Kring's login form and waits for the maps overview. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL(/\/kaarten$/);
}
