/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Qenome's service worker: after one visit the whole app works with the network off.
 *
 * What is cached: SvelteKit's own lists (`build` = app chunks, `files` = static/, `prerendered`
 * = page URLs) PLUS `/precache-manifest.json`, written at build time by the
 * `qenome:precache-manifest` Vite plugin, which lists every file under build/ — including the
 * Web Worker chunks and `.wasm` files that SvelteKit's lists leave out.
 *
 * Update flow: a new version installs into its own cache and then WAITS. The page shows a banner
 * (src/lib/ui/UpdateBanner.svelte); the new version takes over only when the user chooses to reload
 * (the page posts `{ type: 'skip-waiting' }`), so an import or analysis is never cut off mid-task.
 *
 * Fetch strategy: cache first for everything of this origin that is precached (the files are
 * content-hashed or versioned with the cache), network fallback, and for page navigations the
 * cached page of that path (query strings like `?id=` ignored) when offline.
 *
 * Static routes (Chromium ≥ 123, `InstallEvent.addRoutes`; see `staticRoutes`): the browser itself
 * answers the app's files and its pages without a query string from this version's cache (the
 * network on a miss), so a file the open app loads later (a page's code, a knowledge file) does
 * not start this worker (≈ 30–50 MB for ≈ 30 s; docs/benchmarks.md). A navigation still starts it
 * (Chromium does so even when a route answers). What the routes do not match still comes to the
 * fetch handler below. Browsers without the API simply use the fetch handler for everything.
 */
import { build, files, prerendered, version } from '$service-worker';
import { addStaticRoutes, staticRoutes, type RoutableInstallEvent } from '$lib/ui/offline/sw-routes';

const sw = globalThis.self as unknown as ServiceWorkerGlobalScope;

/** One cache per deployed version; older ones are deleted when this version activates. */
const CACHE = `qenome-${version}`;
const MANIFEST_URL = '/precache-manifest.json';

/** Files never worth caching (the worker script itself, and the manifest that lists files). */
const NEVER_CACHE = new Set(['/service-worker.js', MANIFEST_URL]);

/** Everything to precache: SvelteKit's lists plus the build-time manifest of every file. */
async function precacheList(): Promise<string[]> {
	const urls = new Set<string>([...build, ...files, ...prerendered]);
	const response = await fetch(MANIFEST_URL, { cache: 'no-store' });
	if (!response.ok) throw new Error(`precache manifest missing (${response.status})`);
	const manifest = (await response.json()) as { files: string[] };
	for (const file of manifest.files) urls.add(file);
	for (const url of NEVER_CACHE) urls.delete(url);
	return [...urls];
}

sw.addEventListener('install', (event) => {
	// the routes take effect with this version (replacing the previous version's when it activates);
	// added at once (the API accepts them only while the install event is being dispatched)
	event.waitUntil(addStaticRoutes(event as RoutableInstallEvent, staticRoutes(CACHE, prerendered, [...build, ...files])));
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			// `cache: 'reload'` bypasses the HTTP cache so a new version never stores stale files.
			const urls = await precacheList();
			await cache.addAll(urls.map((url) => new Request(url, { cache: 'reload' })));
		})()
	);
	// The very first install has nothing to replace: take control at once.
	if (!sw.registration.active) void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key.startsWith('qenome-') && key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('message', (event) => {
	const data = event.data as { type?: string } | null;
	if (data?.type === 'skip-waiting') void sw.skipWaiting();
});

/** A cached page for a navigation: exact path, then `path.html`, then the home page. */
async function cachedPage(cache: Cache, url: URL): Promise<Response | undefined> {
	const path = url.pathname.replace(/\/$/, '') || '/';
	return (
		(await cache.match(path)) ??
		(await cache.match(`${path}.html`)) ??
		(await cache.match(`${path}/index.html`))
	);
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (NEVER_CACHE.has(url.pathname)) return;

	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (request.mode === 'navigate') {
				const page = await cachedPage(cache, url);
				if (page) return page;
				return fetch(request);
			}
			const hit = await cache.match(request, { ignoreSearch: true });
			if (hit) return hit;
			return fetch(request);
		})()
	);
});
