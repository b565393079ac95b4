// The sync server alone in its own process, for tests that kill it (kill -9) and start it again.
// Env: POCKETBASE_URL, PB_SUPERUSER_EMAIL, PB_SUPERUSER_PASSWORD, SYNC_PORT.
import { createServer } from 'node:http';
import { createSyncServer } from '../../server/sync/index.ts';

const env = process.env;
const server = createSyncServer({
	pocketbaseUrl: env.POCKETBASE_URL!,
	superuser: { email: env.PB_SUPERUSER_EMAIL!, password: env.PB_SUPERUSER_PASSWORD! },
	log: () => {}
});
const http = createServer((req, res) => {
	if (!server.handleRequest(req, res)) res.writeHead(404).end();
});
http.on('upgrade', (req, socket, head) => {
	if (!server.handleUpgrade(req, socket, head)) socket.destroy();
});
http.listen(Number(env.SYNC_PORT), '127.0.0.1', () => console.log('sync listening'));
