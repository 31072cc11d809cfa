/**
 * The service worker's static routes (src/lib/ui/offline/sw-routes.ts): prerendered pages without
 * a query string and the precached folders/files are answered from this version's cache; other
 * navigations (`?id=`) and folders that also hold a page go to the fetch handler; routes are
 * registered only where the browser has the API.
 */
import { describe, expect, it } from 'vitest';
import { addStaticRoutes, staticRoutes, type RoutableInstallEvent } from '../../../src/lib/ui/offline/sw-routes';

const pages = ['/', '/pgx', '/profile', '/quantum', '/quantum/methods'];
const files = ['/_app/immutable/entry/app.js', '/_app/version.json', '/wasm/inflate.wasm', '/kb/pgx.json', '/kb/rare/genes-GRCh38.json.gz', '/favicon.svg', '/manifest.webmanifest', '/quantum/methods.html'];

describe('service worker static routes', () => {
	const routes = staticRoutes('qenome-v1', pages, files);

	it('pages without a query string from the cache, first; then every other navigation to the fetch handler', () => {
		const nav = routes.filter((r) => r.condition.requestMode === 'navigate');
		expect(nav.slice(0, pages.length)).toEqual(pages.map((pathname) => ({ condition: { requestMode: 'navigate', urlPattern: { pathname, search: '' } }, source: { cacheName: 'qenome-v1' } })));
		expect(nav[pages.length]).toEqual({ condition: { requestMode: 'navigate' }, source: 'fetch-event' });
		expect(routes.slice(0, pages.length + 1)).toEqual(nav);
	});

	it('precached folders and top-level files from the cache; a folder that also holds a page is left to the fetch handler', () => {
		const rest = routes.slice(pages.length + 1).map((r) => [r.condition.urlPattern?.pathname, r.source]);
		expect(rest).toEqual([
			['/_app/*', { cacheName: 'qenome-v1' }],
			['/kb/*', { cacheName: 'qenome-v1' }],
			['/wasm/*', { cacheName: 'qenome-v1' }],
			['/favicon.svg', { cacheName: 'qenome-v1' }],
			['/manifest.webmanifest', { cacheName: 'qenome-v1' }]
		]);
		expect(routes.every((r) => !(r.condition.urlPattern?.pathname ?? '').startsWith('/quantum/') || r.condition.requestMode === 'navigate')).toBe(true);
	});

	it('registers the routes with URLPattern objects where the API exists, and does nothing where it does not', async () => {
		const got: unknown[][] = [];
		const withApi: RoutableInstallEvent = { addRoutes: async (rules: unknown[]) => void got.push(rules) };
		const hadPattern = 'URLPattern' in globalThis;
		const Pattern = class {
			constructor(readonly init: unknown) {}
		};
		if (!hadPattern) (globalThis as Record<string, unknown>).URLPattern = Pattern;
		try {
			expect(await addStaticRoutes(withApi, routes)).toBe(true);
			expect(got).toHaveLength(1);
			const rules = got[0] as { condition: { urlPattern?: unknown; requestMode?: string }; source: unknown }[];
			expect(rules).toHaveLength(routes.length);
			expect(rules[0].condition.urlPattern).toBeInstanceOf((globalThis as unknown as { URLPattern: new (i: unknown) => unknown }).URLPattern);
			expect(rules[pages.length].condition).toEqual({ requestMode: 'navigate' });
			expect(await addStaticRoutes({}, routes)).toBe(false);
			const refusing: RoutableInstallEvent = { addRoutes: async () => Promise.reject(new TypeError('too many rules')) };
			expect(await addStaticRoutes(refusing, routes)).toBe(false);
		} finally {
			if (!hadPattern) delete (globalThis as Record<string, unknown>).URLPattern;
		}
	});
});
