import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig, type Plugin } from 'vite';

/**
 * In `npm run dev`, serve the sync endpoint on Vite's own server, the same way the production
 * entry (server/index.ts) does, so the browser sees one origin in both.
 */
function syncInDev(): Plugin {
	return {
		name: 'kring-sync-dev',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { syncServerFromEnv } = await import('./server/config.ts');
			const sync = syncServerFromEnv(process.env);
			// Added before Vite's own middlewares: /sync-api/ never reaches SvelteKit.
			server.middlewares.use((req, res, next) => {
				if (!sync.handleRequest(req, res)) next();
			});
			server.httpServer.on('upgrade', (req, socket, head) => {
				// Vite's own HMR socket shares this server: leave every other path to it.
				sync.handleUpgrade(req, socket, head);
			});
			server.httpServer.on('close', () => void sync.close());
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './src/lib/i18n/project.inlang',
			outdir: './src/lib/paraglide',
			// Dutch first, whatever the browser asks; the language switch sets the cookie.
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		syncInDev()
	]
});
