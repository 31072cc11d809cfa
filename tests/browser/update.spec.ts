/**
 * Update flow: a new service worker version is announced by the banner and applied only when the
 * person presses "Reload now". The test serves a private copy of build/ on its own port, then
 * changes one byte of the copy's service-worker.js (a new deployment) and restarts the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, guardPage } from './fixtures';

const PORT = 4181;
const ORIGIN = `http://localhost:${PORT}`;

/** Start scripts/serve.js on PORT for `dir`; resolves once it listens. */
function serve(dir: string): Promise<ChildProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['scripts/serve.js', '--port', String(PORT), '--dir', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
		child.stdout!.on('data', (d: Buffer) => {
			if (d.toString().includes('served')) resolve(child);
		});
		child.on('error', reject);
	});
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return;
	await new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.kill();
	});
}

test('a new version waits, is announced, and is applied only on "Reload now"', async ({ browser }) => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'qenome-update-'));
	cpSync('build', dir, { recursive: true });
	let server = await serve(dir);
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const problems = guardPage(page, ORIGIN);
		await page.goto(`${ORIGIN}/`);
		await page.waitForFunction(async () => !!(await navigator.serviceWorker.ready).active && !!navigator.serviceWorker.controller);
		await expect(page.getByTestId('update-banner')).toHaveCount(0);

		// Deploy a "new version".
		appendFileSync(path.join(dir, 'service-worker.js'), '\n// next version\n');
		await stop(server);
		server = await serve(dir);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

		// Installed and waiting: announced, not applied.
		await expect(page.getByTestId('update-banner')).toBeVisible();
		expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);
		await page.getByRole('button', { name: 'Later' }).click();
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

		// A new page load shows the banner again; "Reload now" applies the update.
		await page.reload();
		await expect(page.getByTestId('update-banner')).toBeVisible();
		await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload now' }).click()]);
		await page.waitForFunction(async () => {
			const reg = await navigator.serviceWorker.getRegistration();
			return !!reg && !reg.waiting && !reg.installing && !!navigator.serviceWorker.controller;
		});
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		expect(problems).toEqual([]);
	} finally {
		await context.close();
		await stop(server);
		rmSync(dir, { recursive: true, force: true });
	}
});
