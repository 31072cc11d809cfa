/**
 * The Inbox renders every received report kind (PGx, drug model, rare disease, family) as the same
 * readable view — not raw JSON — with the sender's verification state. The reports are built with
 * the domains' own code (make-report-bundles.ts, through tsx), sealed by the golden test key
 * "Alice" to a one-time passphrase, and opened in a browser that has no keys at all.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test, expect } from './fixtures';

const require = createRequire(import.meta.url);

test('the Inbox opens each report kind and shows its rendered gene table', async ({ page }) => {
	test.setTimeout(240_000);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-inbox-reports-'));
	const made = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('tests/browser/make-report-bundles.ts'), dir], { encoding: 'utf8' });
	expect(made.status, made.stderr).toBe(0);
	const { otp, reports } = JSON.parse(fs.readFileSync(path.join(dir, 'expect.json'), 'utf8')) as { otp: string; reports: { kind: string; gene: string; heading: string }[] };
	expect(reports.map((r) => r.kind)).toEqual(['pgx', 'pk', 'rare', 'family']);
	await page.goto('/inbox');
	for (const r of reports) {
		await page.getByLabel('Bundle sealed to a passphrase').setInputFiles(path.join(dir, `${r.kind}.qenome`));
		await page.getByLabel('One-time passphrase', { exact: true }).fill(otp);
		await page.getByRole('button', { name: 'Open with passphrase' }).click();
		const view = page.getByTestId('report-view');
		await expect(view).toHaveAttribute('data-kind', r.kind, { timeout: 60_000 });
		await expect(page.getByRole('heading', { name: new RegExp(r.heading) })).toBeVisible();
		await expect(page.getByTestId('sender-state')).toContainText('Alice');
		const genes = view.getByTestId('report-table-genes');
		await expect(genes).toBeVisible();
		await expect(genes.getByRole('row', { name: new RegExp(r.gene) }).first()).toBeVisible();
		// Not raw JSON: the data view is folded away.
		await expect(page.getByTestId('report-json')).toBeHidden();
		await expect(view.getByRole('button', { name: 'Download PDF' })).toBeVisible();
		// Accessible as rendered (axe-core), light and dark.
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
			const violations = await page.evaluate(async () => {
				const res = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
				return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
			});
			expect(violations, `${r.kind} ${colorScheme}`).toEqual([]);
		}
	}
});
