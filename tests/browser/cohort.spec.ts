/**
 * Cohort summary page in Chromium: a generated 6-sample joint VCF (synthetic) → table, per-gene
 * phenotype bars, actionable counts per drug; too many samples refused; axe-core clean;
 * screenshots at 1280 and 390 px in light and dark (test-results/cohort-*.png).
 */
import fs from 'node:fs';
import { test, expect, checkLayouts } from './fixtures';
import { axeViolations } from './axe';
import { makeCohortVcf } from '../../scripts/make-cohort-vcf';
import type { PgxKb } from '../../src/lib/pgx/kb-types';



test('Cohort page: table, phenotype frequencies, actionable counts; accessible', async ({ page }) => {
	const kb = JSON.parse(fs.readFileSync(new URL('../../static/kb/pgx.json', import.meta.url), 'utf8')) as PgxKb;
	const vcf = makeCohortVcf(kb, { samples: 6, seed: 21 });
	await page.goto('/cohort');
	await page.getByLabel('Cohort VCF', { exact: true }).setInputFiles({ name: 'cohort.vcf', mimeType: 'text/plain', buffer: Buffer.from(vcf) });
	await expect(page.getByRole('heading', { name: '6 samples' })).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('cohort-facts')).toContainText('GRCh38');
	const genes = page.locator('section', { has: page.getByRole('heading', { name: 'Phenotype frequencies per gene' }) });
	await expect(genes.getByRole('heading', { name: 'CYP2C19' })).toBeVisible();
	await expect(page.locator('section', { has: page.getByRole('heading', { name: 'Actionable results per drug' }) })).toContainText(/Actionable = /);
	const table = page.getByRole('region', { name: 'Cohort table rows' });
	await page.getByLabel('Gene', { exact: true }).selectOption('CYP2C19');
	await expect(table.getByRole('row')).toHaveCount(7);
	expect(await axeViolations(page)).toEqual([]);
	await checkLayouts(page, 'cohort', { fullPage: false });
	expect(await axeViolations(page)).toEqual([]);
});

test('Cohort page: more than 200 samples is refused with the CLI to use', async ({ page }) => {
	const names = Array.from({ length: 201 }, (_, i) => `P${i}`);
	const vcf = ['##fileformat=VCFv4.2', ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...names].join('\t'), ''].join('\n');
	await page.goto('/cohort');
	await page.getByLabel('Cohort VCF', { exact: true }).setInputFiles({ name: 'big.vcf', mimeType: 'text/plain', buffer: Buffer.from(vcf) });
	await expect(page.getByRole('alert')).toContainText(/201 samples.*up to 200.*--all-samples/);
});
