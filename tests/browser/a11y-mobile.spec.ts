/**
 * Every page, found on the filesystem (src/routes/**\/+page.svelte, so pages added later are
 * covered without editing this file), at 390 px wide in light and dark: no sideways scrolling, and
 * an axe-core run with zero serious or critical violations. Pages that read `?id=` get the demo
 * profile (imported once through the home page).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { test, expect, importGenome } from './fixtures';

const ROUTES_DIR = path.resolve('src/routes');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface RoutePage {
	path: string;
	needsId: boolean;
}

/** Every +page.svelte under src/routes → its URL path; whether it reads `?id=`. */
function discoverPages(dir = ROUTES_DIR): RoutePage[] {
	const out: RoutePage[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...discoverPages(full));
		else if (entry.name === '+page.svelte') {
			const rel = path.relative(ROUTES_DIR, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
			if (rel.some((s) => s.startsWith('['))) continue; // parameterised routes need data of their own
			const source = fs.readFileSync(full, 'utf8');
			out.push({ path: '/' + rel.join('/'), needsId: /get\(\s*['"]id['"]\s*\)/.test(source) });
		}
	}
	return out.sort((a, b) => a.path.localeCompare(b.path));
}

const PAGES = discoverPages();

/** The page has settled: its main heading is visible and no "loading" status remains. */
async function settle(page: Page) {
	await expect(page.locator('main h1').first()).toBeVisible();
	await expect(page.getByText(/^(Reading your genes…|Loading…)$/)).toHaveCount(0, { timeout: 60_000 });
}

async function seriousViolations(page: Page): Promise<string[]> {
	await page.evaluate(AXE_SOURCE);
	return page.evaluate(async () => {
		const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
		const r = await axe.run(document, { resultTypes: ['violations'] });
		return r.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
	});
}

test('every page: no sideways scroll at 390 px and no serious/critical axe violations, light and dark', async ({ page }) => {
	test.setTimeout(600_000);
	expect(PAGES.length).toBeGreaterThan(5);
	await page.setViewportSize({ width: 390, height: 844 });
	let demoId = '';
	if (PAGES.some((p) => p.needsId)) {
		demoId = await importGenome(page, 'demo');
	}
	const failures: string[] = [];
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		for (const p of PAGES) {
			const url = p.needsId ? `${p.path}?id=${encodeURIComponent(demoId)}` : p.path;
			await page.goto(url);
			await settle(page);
			const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
			if (scroll > client + 1) failures.push(`${scheme} ${url}: page is ${scroll} px wide at ${client} px`);
			for (const v of await seriousViolations(page)) failures.push(`${scheme} ${url}: ${v}`);
		}
	}
	expect(failures).toEqual([]);
});
