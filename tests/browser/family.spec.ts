/**
 * /family: a SYNTHETIC joint VCF (tests/fixtures/family, made by scripts/make-family-fixtures.ts)
 * opened on the page, its PED imported, the pedigree drawn, the checks shown first; a PED with
 * the parents swapped is flagged; PED export round-trips; axe-core finds no violations;
 * screenshots at 1280 and 390 px, light and dark (test-results/family-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, importGenome, checkLayouts } from './fixtures';
import { axeViolations } from './axe';

const FIX = path.resolve('tests', 'fixtures', 'family');

test('family: open a joint VCF, import the PED, run the checks, flag a swapped PED', async ({ page }) => {
	await page.goto('/family');
	await expect(page.getByRole('heading', { name: 'Family analysis' })).toBeVisible();
	await page.getByLabel(/A family VCF/).setInputFiles(path.join(FIX, 'trio.vcf'));
	await expect(page.getByRole('textbox', { name: 'Member id' })).toHaveCount(3);
	await page.getByLabel(/Pedigree file/).setInputFiles(path.join(FIX, 'trio.ped'));
	await expect(page.getByRole('img', { name: /Pedigree\. kid: male, affected, child of dad and mum, proband/ })).toBeVisible();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('The DNA agrees with the pedigree')).toBeVisible();
	const rows = page.locator('table').nth(1).locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.filter({ hasText: 'kid – dad' })).toContainText('parent and child');
	await expect(rows.filter({ hasText: 'dad – mum' })).toContainText('not related');
	await expect(page.getByText(/kid with dad and mum: 0\.00 % of/)).toBeVisible();

	// Export the PED (download) and read it back.
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export PED' }).click();
	const file = await (await download).path();
	expect(fs.readFileSync(file!, 'utf8')).toContain('fam\tkid\tdad\tmum\t1\t2');

	// Accessibility (axe-core evaluated through the devtools protocol, outside the page's CSP).
	expect(await axeViolations(page)).toEqual([]);

	await checkLayouts(page, 'family');
	await page.emulateMedia({ colorScheme: 'light' });
	await page.setViewportSize({ width: 1280, height: 900 });

	// Genes ranked with the family: the planted AIRE pair is compound heterozygous (one from each parent).
	await page.getByLabel(/HPO terms/).fill('HP:0001096, HP:0002841, HP:0000829, HP:0008207, HP:0200120, HP:0008209');
	await page.getByRole('button', { name: 'Rank genes' }).click();
	const first = page.locator('ol.genes > li').first();
	await expect(first).toContainText('AIRE', { timeout: 60_000 });
	await expect(first).toContainText('compound heterozygous');
	await first.locator('summary').click();
	await expect(first.locator('tbody tr').first()).toContainText('0/1');
	await page.screenshot({ path: 'test-results/family-ranked.png', fullPage: true });

	// A PED with the parents swapped: flagged before anything else.
	await page.getByLabel(/Pedigree file/).setInputFiles(path.join(FIX, 'swapped.ped'));
	await expect(page.getByText('The pedigree changed after these checks')).toBeVisible();
	await expect(page.getByText('The pedigree changed after this ranking')).toBeVisible();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('The DNA contradicts the pedigree');
	await expect(alert).toContainText('father and mother appear swapped');
	await page.screenshot({ path: 'test-results/family-contradiction.png', fullPage: true });
});

test('family: members from this browser’s profiles (consumer arrays), parents set in the editor, checks pass', async ({ page }) => {
	const { child, founder, makeSites, rng, to23andMe } = await import('../unit/family/simulate');
	const sites = makeSites(80, 31, 120, 40);
	const r = rng(32);
	const dad = founder('dad', 'male', sites, r);
	const mum = founder('mum', 'female', sites, r);
	const kid = child('kid', 'female', dad, mum, r);
	for (const p of [dad, mum, kid]) await importGenome(page, { name: `${p.id}.txt`, mimeType: 'text/plain', buffer: Buffer.from(to23andMe(p, sites)) });
	await page.goto('/family');
	const pick = page.getByLabel('A genome on this device');
	for (const name of ['dad', 'mum', 'kid']) {
		const value = await pick.locator('option', { hasText: name }).first().getAttribute('value');
		await pick.selectOption(value!);
		await page.getByRole('button', { name: 'Add', exact: true }).first().click();
	}
	await expect(page.getByRole('textbox', { name: 'Member id' })).toHaveCount(3);
	await page.getByLabel('Father of kid').selectOption('dad');
	await page.getByLabel('Mother of kid').selectOption('mum');
	await page.getByLabel('Status of kid').selectOption('affected');
	await expect(page.getByRole('img', { name: /kid: female, affected, child of dad and mum/ })).toBeVisible();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('The DNA agrees with the pedigree')).toBeVisible();
	const rows = page.locator('table').nth(1).locator('tbody tr');
	await expect(rows.filter({ hasText: 'dad – kid' })).toContainText('parent and child');
	await expect(page.getByText(/kid: entered female; the DNA looks female/)).toBeVisible();
	// An array proband: the page says plainly that only known variants count and why arrays never give de novo calls, then ranks.
	await page.getByRole('radio', { name: 'proband' }).nth(2).check();
	const notice = page.getByTestId('array-notice');
	await expect(notice).toContainText('only known variants can be assessed, and there are no de novo calls');
	await expect(notice).toContainText('0.01 per child');
	await page.getByLabel(/HPO terms/).fill('HP:0001250, HP:0001263');
	await page.getByRole('button', { name: 'Rank genes' }).click();
	await expect(page.locator('ol.genes > li').first()).toBeVisible({ timeout: 90_000 });
	await expect(page.getByText(/never for de novo calls/).first()).toBeVisible();
	await expect(page.getByText(/No ClinVar file was supplied/).first()).toBeVisible();
	// Save the family on this device and reopen it after a reload.
	await page.getByRole('button', { name: 'Save family' }).click();
	await expect(page.getByRole('status')).toContainText('Saved “family1” on this device');
	await page.reload();
	await page.getByRole('button', { name: 'Open “family1”' }).click();
	await expect(page.getByRole('img', { name: /kid: female, affected, child of dad and mum/ })).toBeVisible();
	await page.getByRole('button', { name: 'Run the checks' }).click();
	await expect(page.getByText('The DNA agrees with the pedigree')).toBeVisible();
});
