/** /rare: the opt-in secondary findings / carrier section is gated by its consent step. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { codingPosition } from './rare-helpers';
import { axeViolations } from './axe';

function files(): { vcf: string; clinvar: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-sf-'));
	const b = codingPosition('BRCA1', 'first');
	const c = codingPosition('CFTR', 'first');
	const vcf = path.join(dir, 'me.vcf');
	fs.writeFileSync(
		vcf,
		['##fileformat=VCFv4.2', '##contig=<ID=chr1,length=248956422>', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tME', `chr${b.chrom}\t${b.pos}\t.\tC\tT\t50\tPASS\t.\tGT\t0/1`, `chr${c.chrom}\t${c.pos}\t.\tG\tA\t50\tPASS\t.\tGT\t0/1`].join('\n') + '\n'
	);
	const clinvar = path.join(dir, 'clinvar.vcf');
	fs.writeFileSync(
		clinvar,
		[
			'##fileformat=VCFv4.1',
			'##fileDate=2025-06-01',
			'##reference=GRCh38',
			'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
			`${b.chrom}\t${b.pos}\t111\tC\tT\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_expert_panel;GENEINFO=BRCA1:672`,
			`${c.chrom}\t${c.pos}\t222\tG\tA\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_single_submitter;GENEINFO=CFTR:1080`
		].join('\n') + '\n'
	);
	return { vcf, clinvar };
}

const SHOTS = process.env.QENOME_SHOTS ?? '';

test.describe('rare: secondary findings consent', () => {
	test('nothing is checked or shown before consent; declining is one click; consenting shows findings', async ({ page }) => {
		const { vcf, clinvar } = files();
		await page.goto('/rare');
		const section = page.locator('section', { has: page.getByRole('heading', { name: /Optional: other important findings/ }) });
		await expect(section).toBeVisible();
		await expect(section.getByText(/off.*unless you choose it/)).toBeVisible();
		await page.getByTestId('genome-source').selectOption('file');
		await page.getByLabel(/Genome file/).setInputFiles(vcf);
		// The ClinVar release is stored once on /rare (step 3) and used by the opt-in check too.
		await page.getByTestId('kb-clinvar').locator('input[type=file]').setInputFiles(clinvar);
		await expect(page.getByTestId('kb-clinvar')).toContainText('clinvar.vcf', { timeout: 60_000 });
		// closed by default: no checkboxes, no results
		await expect(section.getByRole('checkbox')).toHaveCount(0);
		await expect(section.getByText('BRCA1')).toHaveCount(0);

		await section.getByRole('button', { name: 'Read about this option' }).click();
		await expect(section.getByRole('heading', { name: 'What it may reveal' })).toBeVisible();
		await expect(section.getByText(/not reassurance/).first()).toBeVisible();
		await expect(section.getByText(/relatives/).first()).toBeVisible();
		const go = section.getByRole('button', { name: /I understand/ });
		await expect(go).toBeDisabled();
		if (SHOTS) for (const [w, scheme] of [[1280, 'light'], [390, 'dark'], [390, 'light'], [1280, 'dark']] as const) {
			await page.setViewportSize({ width: w, height: 900 });
			await page.emulateMedia({ colorScheme: scheme });
			await section.screenshot({ path: `${SHOTS}/consent-${w}-${scheme}.png` });
		}
		await page.emulateMedia({ colorScheme: 'light' });
		expect(await axeViolations(page)).toEqual([]);

		await section.getByRole('button', { name: 'No thanks' }).click();
		await expect(section.getByText(/You chose not to look\. Nothing was checked\./)).toBeVisible();
		await expect(section.getByText('BRCA1')).toHaveCount(0);

		await section.getByRole('button', { name: /Read about this option again/ }).click();
		await section.getByLabel(/Secondary findings \(84 genes\)/).check();
		await section.getByLabel(/Carrier status \(113 genes\)/).check();
		await expect(go).toBeEnabled();
		await go.click();
		await expect(section.getByRole('heading', { name: /Secondary findings — ACMG SF v3.3/ })).toBeVisible();
		await expect(section.getByText('One finding to discuss with a genetics professional.', { exact: false })).toBeVisible();
		await expect(section.locator('.findings').first()).toContainText('BRCA1');
		await expect(section.locator('.findings').nth(1)).toContainText('CFTR');
		await expect(section.getByText(/Not saved/)).toBeVisible();
		await expect(section.getByRole('heading', { name: 'What could not be checked' })).toBeVisible();
		const noSideways = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
		expect(noSideways).toBe(true);
		if (SHOTS) for (const [w, scheme] of [[1280, 'light'], [390, 'dark'], [390, 'light'], [1280, 'dark']] as const) {
			await page.setViewportSize({ width: w, height: 900 });
			await page.emulateMedia({ colorScheme: scheme });
			await section.locator('details').first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
			await section.screenshot({ path: `${SHOTS}/results-${w}-${scheme}.png` });
			expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
		}
		await page.emulateMedia({ colorScheme: 'dark' });
		expect(await axeViolations(page)).toEqual([]);

		await section.getByRole('button', { name: 'Hide and forget these results' }).click();
		await expect(section.getByText('BRCA1')).toHaveCount(0);
	});

	test('the main ranking does not show a listed gene the phenotype does not point to; a notice counts them', async ({ page }) => {
		const { vcf, clinvar } = files();
		await page.goto('/rare');
		await page.getByTestId('kb-clinvar').locator('input[type=file]').setInputFiles(clinvar);
		await expect(page.getByTestId('kb-clinvar')).toContainText('clinvar.vcf', { timeout: 60_000 });
		await page.getByTestId('genome-source').selectOption('file');
		await page.getByLabel(/Genome file/).setInputFiles(vcf);
		await page.getByLabel(/Search by name/).fill('HP:0001250');
		await page.getByRole('button', { name: /^Observed\s*:\s*Seizure$/ }).click();
		await page.getByRole('button', { name: 'Rank genes' }).click();
		await expect(page.getByRole('heading', { name: 'Ranked genes', exact: true })).toBeVisible({ timeout: 60_000 });
		await expect(page.getByText(/genes \(\d+ on the ACMG SF v3\.3 secondary-findings list, \d+ on the carrier-screening list\) left out of the ranking/).first()).toBeVisible();
		await expect(page.locator('ol.genes > li').first()).toBeVisible();
		if (SHOTS) for (const [w, scheme] of [[1280, 'light'], [390, 'dark']] as const) {
			await page.setViewportSize({ width: w, height: 900 });
			await page.emulateMedia({ colorScheme: scheme });
			await page.locator('ul.notice').first().screenshot({ path: `${SHOTS}/withheld-${w}-${scheme}.png` });
		}
		// neither the ranking nor the notice names BRCA1 / CFTR (the opt-in section is still closed)
		await expect(page.getByText(/BRCA1|CFTR/)).toHaveCount(0);
	});
});
