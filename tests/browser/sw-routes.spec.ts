/**
 * The service worker's static routes (src/lib/ui/offline/sw-routes.ts, installed by
 * src/service-worker.ts with InstallEvent.addRoutes): once the app is installed, Chromium answers
 * the app's code, worker scripts, WebAssembly and static files from the offline copy without
 * starting the service worker (which costs a renderer process of its own, ≈ 30–50 MB), here with
 * the network off; a page with a query string still reaches the fetch handler, which finds its page offline.
 */
import { test, expect } from './fixtures';

test('static routes: after the service worker stopped, app files come from the offline copy without starting it; ?id= pages still load offline', async ({ page, context }) => {
	await page.goto('/');
	await page.waitForFunction(async () => {
		const reg = await navigator.serviceWorker.ready;
		return !!reg.active && !!navigator.serviceWorker.controller;
	});
	await page.waitForLoadState('networkidle');
	const cdp = await context.newCDPSession(page);
	const status: string[] = [];
	cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { runningStatus: string; status: string }[] }) => {
		for (const v of e.versions) if (v.status === 'activated') status.push(v.runningStatus);
	});
	await cdp.send('ServiceWorker.enable');
	// offline first (Playwright applies it to the running service worker too), then stop the worker
	await context.setOffline(true);
	await cdp.send('ServiceWorker.stopAllWorkers');
	await expect.poll(() => status[status.length - 1]).toBe('stopped');
	const seen = status.length;

	// what an import and the pages after it load: the genome worker's script, the inflater, a page chunk, a top-level file
	const urls = await page.evaluate(() => {
		const app = performance
			.getEntriesByType('resource')
			.map((e) => new URL(e.name).pathname)
			.filter((p) => p.startsWith('/_app/immutable/'));
		return [...new Set([...app.slice(0, 3), '/wasm/inflate.wasm', '/kb/pgx.json', '/favicon.svg'])];
	});
	const fetchAll = () =>
		page.evaluate(async (list) => Promise.all(list.map(async (u) => {
			try {
				const r = await fetch(u, { cache: 'no-store' });
				return `${u} ${r.status} ${(await r.arrayBuffer()).byteLength > 0}`;
			} catch (e) {
				return `${u} FAILED ${String(e)}`;
			}
		})), urls);
	expect(await fetchAll()).toEqual(urls.map((u) => `${u} 200 true`));
	// none of them woke the service worker (a fetch handler would have had to run first)
	expect(status.slice(seen)).toEqual([]);

	// a page with a query string goes to the fetch handler, which serves its page offline
	await page.goto('/profile?id=not-there');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(status.slice(seen)).toContain('running');
	await context.setOffline(false);
});
