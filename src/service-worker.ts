/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps Kring usable on bad Wi-Fi: the app's own code and pages a user has opened are kept, so a
 * map reloads offline (its content comes from IndexedDB). Pages are always fetched fresh when the
 * network is there; the copy is only for when it is not. Logout deletes these caches.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `kring-assets-${version}`;
/** Must match PAGE_CACHE in $lib/sync/connect.ts (logout clears it). */
const PAGES = 'kring-pages';

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(ASSETS).then((cache) => cache.addAll([...build, ...files])));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k.startsWith('kring-assets-') && k !== ASSETS).map((k) => caches.delete(k))))
	);
});

const assets = new Set([...build, ...files]);

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || url.pathname.startsWith('/sync')) return;
	if (assets.has(url.pathname)) {
		event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
		return;
	}
	// Only map pages are kept for offline use: they are what people work in on bad Wi-Fi.
	if (request.mode === 'navigate' && /^\/kaarten\/[a-z0-9]{15}$/.test(url.pathname)) {
		event.respondWith(networkFirst(request));
	}
});

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		// Keep only a real page (not a redirect to login or an error).
		if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (err) {
		const hit = await cache.match(request);
		if (hit) return hit;
		throw err;
	}
}
