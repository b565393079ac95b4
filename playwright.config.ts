import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run here.
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// Two cores: one worker keeps the live-sync timings honest.
	workers: 1,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		launchOptions: {
			executablePath,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
		},
		locale: 'nl-NL',
		trace: 'retain-on-failure'
	}
});
