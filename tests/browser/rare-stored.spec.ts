/**
 * /rare with what this browser keeps (issue 12/14): a genome imported on the home page is ranked
 * from IndexedDB, a ClinVar file added once survives a reload and is used, the ranking is saved
 * with the profile, exports are offered, the Share page seals it to a one-time passphrase and a
 * fresh browser opens it in the Inbox as the rare-disease report.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from '@playwright/test';
import { test, expect, guardPage, waitWhileProgressing, createKeys } from './fixtures';
import { codingPosition } from './rare-helpers';

const POS = codingPosition('SCN1A', 'last').pos;

/** A GRCh38 VCF: a missense-class SNV in SCN1A among unrelated records. */
function genomeVcf(): Buffer {
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '##contig=<ID=chr1,length=248956422>', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tKID'];
	for (let i = 0; i < 40; i++) lines.push(`chr1\t${1_000_000 + i * 1000}\t.\tA\tG\t50\tPASS\t.\tGT\t${i % 3 === 0 ? '1/1' : '0/1'}`);
	lines.push(`chr2\t${POS}\t.\tC\tT\t50\tPASS\t.\tGT\t0/1`);
	lines.push('chr20\t1000000\t.\tA\tG\t50\tPASS\t.\tGT\t1/1');
	return Buffer.from(lines.join('\n') + '\n');
}

/** A ClinVar release (NCBI layout) that calls the SCN1A SNV pathogenic, reviewed by an expert panel. */
function clinvarVcf(): Buffer {
	return zlib.gzipSync(
		[
			'##fileformat=VCFv4.1',
			'##fileDate=2025-06-03',
			'##source=ClinVar',
			'##reference=GRCh38',
			'##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Aggregate germline classification">',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
			`2\t${POS}\t68000\tC\tT\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=SCN1A:6323`
		].join('\n') + '\n'
	);
}

/** Import on the home page and wait until the app lists the new profile (or opens its overview). */
async function importOnHome(page: Page, name: string, buffer: Buffer): Promise<void> {
	await page.goto('/');
	await page.getByLabel('DNA file', { exact: true }).setInputFiles({ name, mimeType: 'text/plain', buffer });
	await waitWhileProgressing(page, page.getByTestId('profile-row').or(page.getByTestId('import-done')).first());
}

async function addTerms(page: Page, terms: string[]): Promise<void> {
	const search = page.getByLabel(/Search by name/);
	for (const id of terms) {
		await search.fill(id);
		// Wait for this term's own hit (the previous search's hits stay until the debounced search answers).
		await page.locator('ul.hits li', { hasText: id }).getByRole('button', { name: /^Observed\s*:/ }).click();
	}
}

test('a stored genome is ranked with a stored ClinVar file (kept across reloads), saved with the profile, exported and sealed for a doctor', async ({ page, browser }) => {
	test.setTimeout(240_000);
	await importOnHome(page, 'kid.vcf', genomeVcf());
	await page.goto('/rare');

	// A ClinVar release added once is stored with its release date, file name and size …
	const clinvar = page.getByTestId('kb-clinvar');
	await clinvar.locator('input[type=file]').setInputFiles({ name: 'clinvar_20250603.vcf.gz', mimeType: 'application/gzip', buffer: clinvarVcf() });
	await expect(clinvar).toContainText('clinvar_20250603.vcf.gz', { timeout: 60_000 });
	await expect(clinvar).toContainText('release 2025-06-03');
	await expect(clinvar).toContainText('GRCh38');
	await expect(clinvar).toContainText(`${clinvarVcf().length} bytes`);
	// … and survives a reload.
	await page.reload();
	await expect(page.getByTestId('kb-clinvar')).toContainText('clinvar_20250603.vcf.gz', { timeout: 30_000 });

	// Hostile reference file: a clear error, the stored one stays.
	await page.getByTestId('kb-clinvar').locator('input[type=file]').setInputFiles({ name: 'evil.vcf', mimeType: 'text/plain', buffer: Buffer.from('<script>alert(1)</script>\n') });
	await expect(page.getByText(/not a VCF/)).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('kb-clinvar')).toContainText('clinvar_20250603.vcf.gz');

	// The stored genome (not a file) is the input.
	await addTerms(page, ['HP:0002373', 'HP:0001250']);
	const source = page.getByTestId('genome-source');
	await source.selectOption({ label: (await source.locator('option', { hasText: 'kid.vcf' }).first().textContent())!.trim() });
	await expect(page.getByTestId('profile-note')).toContainText('Full analysis');
	await page.getByRole('button', { name: 'Rank genes' }).click();
	await waitWhileProgressing(page, page.getByText('Best explanation:'));
	const top = page.locator('ol.genes > li').first();
	await expect(top).toContainText('SCN1A');
	await top.locator('summary').click();
	await expect(top.getByRole('cell', { name: /Pathogenic \(3★\)/ })).toBeVisible();
	await expect(page.getByText(/ClinVar 2025-06-03 supplied/).first()).toBeVisible();
	await expect(page.getByTestId('saved-note')).toContainText('Saved with the genome');

	// Exports: PDF made on the device, print, FHIR, JSON, phenopacket.
	for (const name of ['Download PDF', 'Print', 'FHIR (JSON)', 'Report (JSON)', 'Export phenopacket']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	const dl = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download PDF', exact: true }).click();
	const pdf = fs.readFileSync((await (await dl).path())!);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	// Printing shows only the report (no controls); the report view is rendered once the page is idle.
	await expect(page.locator('.print-only [data-testid="report-view"]')).toBeAttached();
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Rank genes' })).toBeHidden();
	await expect(page.locator('.print-only [data-testid="report-view"]')).toBeVisible();
	await page.emulateMedia({ media: 'screen' });

	// After a reload the saved ranking can be shown again for that profile.
	await page.reload();
	await page.getByTestId('genome-source').selectOption({ label: (await page.getByTestId('genome-source').locator('option', { hasText: 'kid.vcf' }).first().textContent())!.trim() });
	await page.getByRole('button', { name: 'Show the saved ranking' }).click();
	await expect(page.locator('ol.genes > li').first()).toContainText('SCN1A');

	// Seal the saved ranking to a one-time passphrase on the Share page.
	await createKeys(page, 'Rare Parent', 'parent passphrase');
	await page.getByRole('navigation', { name: 'Sharing' }).getByRole('link', { name: 'Share' }).click();
	await page.getByRole('radio', { name: /^A report/ }).check();
	await page.getByLabel('Profile', { exact: true }).selectOption({ index: 1 });
	await page.getByLabel('A doctor without Qenome (one-time passphrase)').check();
	await page.getByRole('button', { name: 'Seal bundle' }).click();
	const otp = (await page.getByTestId('one-time-passphrase').textContent({ timeout: 60_000 }))!.trim();
	const bundleDl = page.waitForEvent('download');
	await page.getByRole('button', { name: /^Download .*rare-disease_report\.qenome$/ }).click();
	const bundle = fs.readFileSync((await (await bundleDl).path())!);

	// A fresh browser without keys opens it in the Inbox as the rare-disease report.
	const ctx = await browser.newContext();
	const doctor = await ctx.newPage();
	const problems = guardPage(doctor);
	await doctor.goto('/inbox');
	await doctor.getByLabel('Bundle sealed to a passphrase').setInputFiles({ name: 'rare.qenome', mimeType: 'application/octet-stream', buffer: bundle });
	await doctor.getByLabel('One-time passphrase', { exact: true }).fill(otp);
	await doctor.getByRole('button', { name: 'Open with passphrase' }).click();
	await expect(doctor.getByTestId('report-view')).toBeVisible({ timeout: 60_000 });
	await expect(doctor.getByTestId('report-view')).toHaveAttribute('data-kind', 'rare');
	await expect(doctor.getByTestId('report-table-genes').getByRole('row', { name: /SCN1A/ }).first()).toBeVisible();
	expect(problems).toEqual([]);
	await ctx.close();

	// Removing the stored ClinVar file.
	await page.goto('/rare');
	await page.getByTestId('kb-clinvar').getByRole('button', { name: /Remove/ }).click();
	await expect(page.getByTestId('kb-clinvar')).toContainText('Not added');
});

test('an array profile is assessed at known variants only, and the page says so', async ({ page }) => {
	test.setTimeout(180_000);
	await page.goto('/');
	await page.getByRole('button', { name: 'Try the demo genome' }).click();
	await waitWhileProgressing(page, page.getByTestId('profile-row').or(page.getByTestId('import-done')).first());
	await page.goto('/rare');
	const source = page.getByTestId('genome-source');
	await expect(source.locator('optgroup option')).toHaveCount(1);
	await source.selectOption({ index: 1 });
	await expect(page.getByTestId('profile-note')).toContainText('genotyping array');
	await expect(page.getByTestId('profile-note')).toContainText('add a ClinVar file');
	await addTerms(page, ['HP:0001250']);
	await page.getByRole('button', { name: 'Rank genes' }).click();
	await waitWhileProgressing(page, page.getByText('Best explanation:'));
	await expect(page.getByText(/genotyping array: only variants ClinVar already calls pathogenic/).first()).toBeVisible();
	await expect(page.getByText(/array: known variants only/)).toBeVisible();
});
