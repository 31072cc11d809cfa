/**
 * Shared Playwright fixture: every page of every browser test fails the test on any request
 * that leaves the origin, on any CSP violation, and on uncaught page errors.
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/** The test server's origin (see playwright.config.ts: QENOME_TEST_PORT). */
export const TEST_ORIGIN = `http://localhost:${Number(process.env.QENOME_TEST_PORT ?? 4173)}`;

/**
 * Attach origin/CSP/error guards to a page (and make its `goto` wait for hydration); returns the
 * list of problems seen.
 */
export function guardPage(page: Page, origin = TEST_ORIGIN): string[] {
	const problems: string[] = [];
	page.on('request', (req) => {
		const url = req.url();
		if (url.startsWith('data:') || url.startsWith('blob:')) return;
		if (!url.startsWith(origin)) problems.push(`off-origin request: ${url}`);
	});
	page.on('console', (msg) => {
		const text = msg.text();
		if (/Content[- ]Security[- ]Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
	});
	page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
	gotoWaitsForHydration(page);
	return problems;
}

/**
 * After `page.goto` to an app page, wait until the app has hydrated (the layout sets
 * `<html data-hydrated>` once every handler is attached): a file set on an input before that
 * would be lost on a busy machine.
 */
function gotoWaitsForHydration(page: Page): void {
	const goto = page.goto.bind(page);
	page.goto = (async (url: string, options?: Parameters<Page['goto']>[1]) => {
		const response = await goto(url, options);
		const html = response?.ok() && (response.headers()['content-type'] ?? '').includes('text/html');
		if (html && new URL(page.url()).origin === TEST_ORIGIN) {
			await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true', undefined, { timeout: 60_000 });
		}
		return response;
	}) as Page['goto'];
}

export const test = base.extend<{ problems: string[] }>({
	problems: [
		async ({ page }, use) => {
			const problems = guardPage(page);
			await page.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (e) => {
					console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
				});
			});
			await use(problems);
			expect(problems, 'no off-origin requests, CSP violations or page errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

/** What the page shows about work in progress: every <progress> value and its surrounding text. */
function progressSnapshot(page: Page): Promise<string> {
	return page
		.evaluate(() =>
			Array.from(document.querySelectorAll('progress'))
				.map((p) => `${p.hasAttribute('value') ? p.value : 'busy'}/${p.max}:${p.parentElement?.textContent ?? ''}`)
				.join('|')
		)
		.catch(() => 'navigating');
}

/**
 * Wait until `target` is visible for as long as the page keeps making progress: the wait fails
 * only when neither `target` appeared nor any progress bar (value or text) moved for `stallMs`.
 * Use for imports, seals and opens, whose duration depends on how busy the machine is — a fixed
 * timeout failed under load while the import was still advancing.
 */
export async function waitWhileProgressing(page: Page, target: Locator, { stallMs = 60_000 } = {}): Promise<void> {
	let last = await progressSnapshot(page);
	let lastChange = Date.now();
	for (;;) {
		if (await target.isVisible().catch(() => false)) return;
		const now = await progressSnapshot(page);
		if (now !== last) {
			last = now;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > stallMs) {
			await expect(target, `no progress for ${stallMs / 1000} s`).toBeVisible({ timeout: 1 });
			return;
		}
		await target.waitFor({ state: 'visible', timeout: 1000 }).catch(() => undefined);
	}
}

/** A file for `importGenome`: a path on disk or Playwright's in-memory file payload. */
export type GenomeFile = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * Import a genome the way a person does — on the home page, through its "DNA file" input (or
 * `'demo'` for the "Try the demo genome" button) — and wait until the app has opened the new
 * genome's overview (/profile?id=…), where every import lands. Returns the new profile's id.
 * Waits for as long as the import makes progress (see waitWhileProgressing). Opens the home page
 * first when the page is elsewhere. For imports that must not finish (errors, the "already on
 * this device" question) drive the home page directly.
 */
export async function importGenome(page: Page, file: GenomeFile | 'demo'): Promise<string> {
	if (new URL(page.url(), TEST_ORIGIN).pathname !== '/') await page.goto('/');
	if (file === 'demo') await page.getByRole('button', { name: 'Try the demo genome' }).click();
	else await page.getByLabel('DNA file', { exact: true }).setInputFiles(file);
	await waitWhileProgressing(page, page.getByTestId('import-done'));
	await expect(page).toHaveURL(/\/profile\?id=/);
	const id = new URL(page.url()).searchParams.get('id');
	expect(id, 'the overview names the imported profile').toBeTruthy();
	return id as string;
}

/**
 * Create this browser's identity on /keys the way a person does (name, passphrase twice, "Create
 * keys") and wait, for as long as key generation makes progress, until its fingerprint shows.
 * Returns the fingerprint text.
 */
export async function createKeys(page: Page, name: string, passphrase: string): Promise<string> {
	await page.goto('/keys');
	await page.getByLabel('Your name').fill(name);
	await page.getByLabel('Passphrase (at least').fill(passphrase);
	await page.getByLabel('Passphrase again').fill(passphrase);
	await page.getByRole('button', { name: 'Create keys' }).click();
	const fingerprint = page.getByTestId('my-fingerprint');
	await waitWhileProgressing(page, fingerprint);
	return ((await fingerprint.textContent()) ?? '').trim();
}

/**
 * The current page in light and dark at 1280 and 390 px wide: no sideways scroll at either width
 * (the brief's 390 px rule) and a screenshot of each, `test-results/<name>-<width>-<scheme>.png`,
 * to look at. `perScheme` runs once in each colour scheme (e.g. an axe check). Leaves the page
 * dark at 390 px.
 */
export async function checkLayouts(
	page: Page,
	name: string,
	{ fullPage = true, perScheme }: { fullPage?: boolean; perScheme?: (scheme: 'light' | 'dark') => Promise<void> } = {}
): Promise<void> {
	for (const scheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme: scheme });
		await perScheme?.(scheme);
		for (const width of [1280, 390]) {
			await page.setViewportSize({ width, height: 900 });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `no sideways scroll at ${width} px (${scheme})`).toBeLessThanOrEqual(0);
			await page.screenshot({ path: `test-results/${name}-${width}-${scheme}.png`, fullPage });
		}
	}
}

/**
 * On the Share page (opened through the Sharing navigation): seal `file` for the contact whose
 * checkbox matches `recipient`, wait while sealing makes progress, and save the bundle to `savePath`.
 */
export async function sealFileFor(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, recipient: RegExp, savePath: string): Promise<void> {
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
	await page.getByLabel('File', { exact: true }).setInputFiles(file);
	await page.getByRole('checkbox', { name: recipient }).check({ timeout: 10_000 });
	await page.getByRole('button', { name: 'Seal bundle' }).click();
	const dl = page.waitForEvent('download');
	const download = page.getByRole('button', { name: `Download ${file.name}.qenome` });
	await waitWhileProgressing(page, download);
	await download.click();
	await (await dl).saveAs(savePath);
}
