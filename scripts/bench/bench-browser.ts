/**
 * Shared by the Chromium benchmarks that measure "this browser" from /proc: serve build/ on a
 * port and launch Debian's Chromium with a fresh profile directory, by which its processes are
 * found (browser-wgs.bench.ts `browserPids`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { waitForServer } from './wait-for-server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A served build and a browser with its own profile; `close` ends both and removes the profile. */
export interface BenchBrowser {
	base: string;
	context: BrowserContext;
	userDataDir: string;
	close(): Promise<void>;
}

/** Serve build/ on `port` and launch Chromium (`CHROMIUM_PATH`, else /usr/bin/chromium) with a fresh profile named after `prefix`; resolves once the site answers. */
export async function openBenchBrowser(prefix: string, port: number): Promise<BenchBrowser> {
	if (!fs.existsSync(path.join(root, 'build', 'index.html'))) throw new Error('build/ is missing: run `npm run build` first.');
	const server = spawn(process.execPath, [path.join(root, 'scripts', 'serve.js'), '--port', String(port)], { stdio: 'ignore' });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
	const base = `http://localhost:${port}`;
	const close = async () => {
		await context?.close();
		server.kill();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	};
	let context: BrowserContext | undefined;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run']
		});
		await waitForServer(base);
	} catch (err) {
		await close();
		throw err;
	}
	return { base, context, userDataDir, close };
}

/** After `page.goto` to an app page: wait until the app has hydrated (the layout sets `<html data-hydrated>`), so text typed or files chosen before then are not lost on a busy machine. */
export async function appHydrated(page: Page): Promise<void> {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 180_000 });
}
