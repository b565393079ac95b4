import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Route code in specs and integration tests imports $lib as the app does. */
const lib = { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } };

// Unit specs sit beside their code; anything that starts a server lives in tests/integration.
export default defineConfig({
	test: {
		projects: [
			{
				resolve: lib,
				test: {
					name: 'unit',
					sequence: { groupOrder: 0 },
					include: ['src/**/*.spec.ts', 'server/**/*.spec.ts'],
					environment: 'node'
				}
			},
			{
				resolve: lib,
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
