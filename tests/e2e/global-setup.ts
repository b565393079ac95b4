import { writeFile } from 'node:fs/promises';
import { startKring } from '../helpers/system.ts';

/**
 * Starts the whole of Kring exactly as `npm start` does (demo data included), on free ports with
 * a temporary data folder, and stops it after the run. KRING_E2E_LOG=<file> keeps what the servers
 * logged during the run (warnings the tests do not look at, such as refused updates).
 */
export default async function globalSetup() {
	const kring = await startKring();
	process.env.KRING_E2E_BASE_URL = kring.baseUrl;
	// For tests that arrange data as an administrator would (see fixtures.ts, adminClient).
	process.env.KRING_E2E_POCKETBASE_URL = kring.pocketbaseUrl;
	process.env.KRING_E2E_DATA_DIR = kring.dataDir;
	return async () => {
		if (process.env.KRING_E2E_LOG) await writeFile(process.env.KRING_E2E_LOG, kring.output());
		await kring.destroy();
	};
}
