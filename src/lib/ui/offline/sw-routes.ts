/**
 * The service worker's static routes (ServiceWorker static routing API, `InstallEvent.addRoutes`,
 * Chromium ≥ 123): requests the browser answers from the service worker's cache by itself, without
 * starting the worker. Framework-free; used by src/service-worker.ts.
 *
 * Why: a running service worker is a V8 isolate, in Chromium mostly in a renderer process of its
 * own (≈ 30–50 MB PSS; the app is cross-origin isolated, its service worker is not) that stays
 * ≈ 30 s after its last event (docs/benchmarks.md, "Browser import (Chromium)"). With these routes
 * the files the open app loads later (a page's code, a knowledge file, WebAssembly) come from the
 * cache without starting it; a navigation still starts it (Chromium does so even when a route
 * answers it).
 */

/** A router condition of the static routing API (the subset used here; not in TypeScript's lib yet). */
export interface RouterCondition {
	urlPattern?: { pathname: string; search?: string };
	requestMode?: RequestMode;
	requestMethod?: string;
}

/** One static route: a request matching `condition` is answered from `source`; the first matching route wins. */
export interface StaticRoute {
	condition: RouterCondition;
	source: 'network' | 'cache' | 'fetch-event' | { cacheName: string };
}

/**
 * The routes of one cached version, in order:
 * 1. navigations to a prerendered page (`pages`, e.g. "/", "/pgx") without a query string → the
 *    cache (the page is precached);
 * 2. any other navigation → the fetch handler (it finds the page of `/profile?id=…` offline, and
 *    falls back to the home page);
 * 3. requests under each top-level folder whose files are all precached (`files`: "/_app/…",
 *    "/wasm/…") → the cache: worker scripts, the WebAssembly inflater, page chunks, fonts;
 * 4. the precached files at the top level ("/favicon.svg", "/manifest.webmanifest") → the cache.
 * Everything else (files at the top level, anything under a folder that also holds a page) goes to
 * the fetch handler as before. A cache source falls back to the network on a miss, as the fetch
 * handler does. (The API allows no other condition beside an `or`, hence one route per page and
 * per folder.)
 */
export function staticRoutes(cacheName: string, pages: readonly string[], files: readonly string[]): StaticRoute[] {
	const source = { cacheName };
	const dirs = new Set<string>();
	const topFiles = new Set<string>();
	for (const file of files) {
		const m = /^(\/[^/?#]+\/)[^?#]*$/.exec(file);
		if (m) dirs.add(m[1]);
		else if (/^\/[^/?#]+$/.test(file) && !pages.includes(file)) topFiles.add(file);
	}
	// a folder that also holds a page (/quantum/methods) is left to the fetch handler
	for (const page of pages) for (const dir of dirs) if (page.startsWith(dir)) dirs.delete(dir);
	return [
		...pages.map((pathname): StaticRoute => ({ condition: { requestMode: 'navigate', urlPattern: { pathname, search: '' } }, source })),
		{ condition: { requestMode: 'navigate' }, source: 'fetch-event' },
		...[...dirs].sort().map((dir): StaticRoute => ({ condition: { urlPattern: { pathname: `${dir}*` } }, source })),
		...[...topFiles].sort().map((pathname): StaticRoute => ({ condition: { urlPattern: { pathname } }, source }))
	];
}

/**
 * An install event as far as static routing goes (`InstallEvent.addRoutes`, absent where the
 * browser lacks the API). Structural, so this module type-checks with the DOM lib as well as with
 * the service worker's webworker lib.
 */
export interface RoutableInstallEvent {
	addRoutes?: (rules: unknown[]) => Promise<void>;
}

/**
 * Register `routes` on an install event where the browser supports static routing (URL patterns
 * built with URLPattern); elsewhere, or if the browser refuses them, nothing happens and the fetch
 * handler serves everything. Resolves to whether the routes were added.
 */
export async function addStaticRoutes(event: RoutableInstallEvent, routes: StaticRoute[]): Promise<boolean> {
	const Pattern = (globalThis as { URLPattern?: new (init: { pathname: string; search?: string }) => unknown }).URLPattern;
	if (typeof event.addRoutes !== 'function' || typeof Pattern !== 'function') return false;
	try {
		await event.addRoutes(
			routes.map(({ condition: { urlPattern, ...rest }, source }) => ({ condition: urlPattern ? { ...rest, urlPattern: new Pattern(urlPattern) } : rest, source }))
		);
		return true;
	} catch {
		return false;
	}
}
