/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps Kring usable on bad Wi-Fi: the app's own code and pages a user has opened are kept, so a
 * map reloads offline (its content comes from IndexedDB). Pages are always fetched fresh when the
 * network is there; the copy is only for when it is not. Logout deletes these caches.
 *
 * The app's code is not fetched when the worker installs: that happens right after a login, and
 * fetching (and compiling) all of it then made the first map the user opened appear some 300 ms
 * later (bench/map-page.ts). The worker keeps each file a page loads as it loads it, and fetches
 * the rest once a map page has drawn its circle and asks for it (a 'precache' message).
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const ASSETS = `kring-assets-${version}`;
/** Must match PAGE_CACHE in $lib/sync/connect.ts (logout clears it). */
const PAGES = 'kring-pages';

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
		event.respondWith(cachedAsset(event));
		return;
	}
	// Only map pages are kept for offline use: they are what people work in on bad Wi-Fi.
	if (request.mode === 'navigate' && /^\/kaarten\/[a-z0-9]{15}$/.test(url.pathname)) {
		event.respondWith(networkFirst(request));
	}
});

/** The app's own file from the cache, else from the network, and then kept (its name changes with its content). */
async function cachedAsset(event: FetchEvent): Promise<Response> {
	const hit = await caches.match(event.request);
	if (hit) return hit;
	const response = await fetch(event.request);
	if (response.ok && response.type === 'basic') {
		const copy = response.clone();
		event.waitUntil(caches.open(ASSETS).then((cache) => cache.put(event.request, copy)));
	}
	return response;
}

/** Fetches the app's files not kept yet; one run at a time, however many pages ask. */
let precaching: Promise<void> | null = null;
function precache(): Promise<void> {
	precaching ??= (async () => {
		const cache = await caches.open(ASSETS);
		const kept = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
		// One by one: a file that fails (offline again) leaves the others kept; the next ask fetches it.
		for (const path of assets) if (!kept.has(path)) await cache.add(path).catch(() => {});
	})().finally(() => (precaching = null));
	return precaching;
}

sw.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type !== 'precache') return;
	event.waitUntil(precache());
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
