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

/**
 * Cytoscape's one-file build registers every layout and graph algorithm it has; the circle places
 * its nodes itself (src/lib/canvas/placement.ts) and runs no graph algorithm. This leaves out the
 * algorithms (all but breadth/depth-first search, which Cytoscape itself uses), the layouts
 * other than grid, null and preset (their code is cut out), and the WebGL renderer (Kring draws on
 * the 2D canvas: Cytoscape's `webgl` option stays off; some 100 KB of source, checked once to be
 * referred to from nothing else but its `initWebgl`), so the map page loads less JavaScript. Made for the pinned
 * version: when the text it changes is not found, the build stops with an error.
 */
function slimCytoscape(): Plugin {
	const edits: [string, string][] = [
		[
			'[elesfn$v, elesfn$u, elesfn$t, elesfn$s, elesfn$r, elesfn$q, elesfn$p, elesfn$o, elesfn$n, elesfn$m, elesfn$l, markovClustering$1, kClustering, hierarchicalClustering$1, affinityPropagation$1, elesfn$k, hopcroftTarjanBiconnected$1, tarjanStronglyConnected$1].forEach(',
			'[elesfn$v].forEach('
		],
		[
			"var layout = [{\n  name: 'breadthfirst',\n  impl: BreadthFirstLayout\n}, {\n  name: 'circle',\n  impl: CircleLayout\n}, {\n  name: 'concentric',\n  impl: ConcentricLayout\n}, {\n  name: 'cose',\n  impl: CoseLayout\n}, {\n  name: 'grid',",
			"var layout = [{\n  name: 'grid',"
		],
		["}, {\n  name: 'random',\n  impl: RandomLayout\n}];", '}];'],
		// The WebGL renderer's methods (CRp$4: initWebgl) are no longer mixed into the renderer.
		['CRp$5, CRp$4, CRp$3', 'CRp$5, CRp$3']
	];
	// The code of the layouts no longer registered, cut from its first line up to the next kept
	// one's (checked once: nothing outside refers to what these parts declare).
	const cuts: [string, string][] = [
		['/* eslint-disable no-unused-vars */\nvar defaults$7 = {', 'var defaults$3 = {'],
		['function RandomLayout(options) {', 'var layout = [{'],
		// The WebGL renderer: from its first helper up to the next part of the canvas renderer.
		['/**\n * Returns the current pan & zoom values, scaled by the pixel ratio.\n */\nfunction getEffectivePanZoom(r) {', 'var CRp$3 = {};']
	];
	const lines = (text: string) => '\n'.repeat(text.split('\n').length - 1);
	return {
		name: 'kring-slim-cytoscape',
		enforce: 'pre',
		transform(code, id) {
			if (!/[\\/]cytoscape[\\/]dist[\\/]cytoscape\.esm\.mjs$/.test(id)) return null;
			// Only what is left out may be referred to nowhere else: bfs (elesfn$v) stays.
			if (!code.includes('elesfn$v.bfs = elesfn$v.breadthFirstSearch;'))
				throw new Error('slimCytoscape: elesfn$v is not the breadth-first search in this Cytoscape build');
			for (const [from, to] of edits) {
				if (!code.includes(from)) throw new Error(`slimCytoscape: not found in ${id}: ${from.slice(0, 60)}…`);
				// The same number of lines, so the source map of the rest still holds.
				code = code.replace(from, to + lines(from).slice(lines(to).length));
			}
			for (const [first, next] of cuts) {
				const start = code.indexOf(first);
				const end = code.indexOf(next, start);
				if (start < 0 || end < 0 || code.indexOf(first, start + 1) >= 0)
					throw new Error(`slimCytoscape: no single part from ${first.slice(0, 40)}… to ${next} in ${id}`);
				code = code.slice(0, start) + lines(code.slice(start, end)) + code.slice(end);
			}
			return { code, map: null };
		}
	};
}

export default defineConfig({
	plugins: [
		slimCytoscape(),
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
