import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PocketBase from 'pocketbase';
import { superuserClient } from '../../server/sync/service.ts';

export const DEMO_PASSWORD = 'jim-demo-1234';

export const test = base.extend({
	// Set by global-setup.ts once Kring is running on its free port.
	// eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs off this pattern; it needs none
	baseURL: async ({}, use) => use(process.env.KRING_E2E_BASE_URL)
});
export { expect };

export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/kaarten$/);
}

/** A page in a browser context of its own (its own cookies and IndexedDB), logged in. */
export async function userPage(browser: Browser, baseURL: string, email: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL' });
	const page = await context.newPage();
	await logIn(page, email);
	return page;
}

export async function openSamsMap(page: Page): Promise<void> {
	await page.getByRole('link', { name: 'Kaart van Sam openen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Netwerkkaart van Sam' })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Verbonden' })).toBeVisible();
}

/** Shows one of the map's views: radio buttons on a wide screen, links in the bottom bar on a phone. */
export async function showView(page: Page, name: string): Promise<void> {
	const link = page.getByRole('navigation', { name: 'Weergave' }).getByRole('link', { name, exact: true });
	if (await link.isVisible()) await link.click();
	else await page.getByRole('radio', { name }).check();
}

export function peopleList(page: Page) {
	return page.getByTestId('people-list');
}

/** PocketBase as the superuser `npm start` generated, for arranging what an administrator would. */
export async function adminClient(): Promise<PocketBase> {
	const superuser = JSON.parse(await readFile(join(process.env.KRING_E2E_DATA_DIR!, 'superuser.json'), 'utf8'));
	return superuserClient(process.env.KRING_E2E_POCKETBASE_URL!, superuser);
}

/** A fresh account with no maps, for tests that would spoil a demo account (a locked login, say). */
export async function throwawayUser(name = 'Wegwerp'): Promise<{ email: string; password: string }> {
	const admin = await adminClient();
	const email = `wegwerp-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@kring.test`;
	const password = 'wegwerp-wachtwoord-1234';
	await admin.collection('users').create({ email, password, passwordConfirm: password, name, verified: true });
	return { email, password };
}
