import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit specs sit beside their code; anything that starts a server lives in tests/integration.
export default defineConfig({
	test: {
		projects: [
			{
				// Specs of route code that speaks (paraglide, labels) import it as the app does.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					name: 'unit',
					sequence: { groupOrder: 0 },
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				// Route code tried against the real PocketBase imports $lib as the app does.
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					name: 'integration',
					// After the unit specs, which fail faster.
					sequence: { groupOrder: 1 },
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					// Each file starts its own PocketBase; two cores, so at most two files at once.
					maxWorkers: 2,
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
