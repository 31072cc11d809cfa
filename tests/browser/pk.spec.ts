import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, importGenome } from './fixtures';

/** Open the drug model page and wait until it is hydrated and has simulated its default drug. */
async function openPk(page: Page, url = '/pk'): Promise<void> {
	await page.goto(url);
	await expect(page.getByTestId('result')).toBeVisible();
}

test.describe('drug model page', () => {
	test('simulates the default drug in a worker and shows curve, metrics and CPIC advice', async ({ page }) => {
		await openPk(page);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('medicine');
		await expect(page.getByText('Educational simulation, not a prescription.')).toBeVisible();
		const result = page.getByTestId('result');
		await expect(result).toBeVisible();
		await expect(result.locator('svg path.patient')).toHaveCount(1);
		await expect(result.locator('svg path.band')).toHaveCount(1);
		await expect(result.locator('svg rect.window')).toHaveCount(1);
		await expect(page.getByTestId('metrics')).toContainText('Cmax');
		await expect(page.getByTestId('ratio')).toContainText('1.0×');
	});

	test('a CYP2C19 poor metabolizer on citalopram: about twice the exposure, half the dose, agrees with CPIC', async ({ page }) => {
		await openPk(page);
		await page.getByTestId('drug').selectOption('citalopram');
		await page.getByTestId('phenotype-CYP2C19').selectOption('poor');
		await page.getByTestId('simulate').click();
		await expect(page.getByTestId('ratio')).toContainText('2.1×');
		await expect(page.getByTestId('equivalent')).toContainText('9.7 mg');
		await expect(page.getByTestId('cpic')).toContainText('50% reduction');
		await expect(page.getByText('The model agrees with this advice')).toBeVisible();
	});

	test('codeine in a CYP2D6 poor metabolizer: no dose reaches typical morphine exposure', async ({ page }) => {
		await openPk(page);
		await page.getByTestId('drug').selectOption('codeine');
		await expect(page.getByTestId('result')).toContainText('morphine');
		await page.getByTestId('phenotype-CYP2D6').selectOption('score:0');
		await page.getByTestId('simulate').click();
		await expect(page.getByTestId('equivalent')).toContainText('no dose');
		await expect(page.getByTestId('cpic')).toContainText('Avoid codeine');
	});

	test('fluoxetine converts a normal CYP2D6 metabolizer (phenoconversion)', async ({ page }) => {
		await openPk(page);
		await page.getByTestId('drug').selectOption('codeine');
		await expect(page.getByTestId('result')).toBeVisible();
		await page.getByLabel('Fluoxetine').check();
		await page.getByTestId('simulate').click();
		await expect(page.getByTestId('equivalent')).toContainText('no dose');
	});

	test('bad input is refused with a plain message', async ({ page }) => {
		await openPk(page);
		await expect(page.getByTestId('result')).toBeVisible();
		await page.getByTestId('dose').fill('0');
		await page.getByTestId('simulate').click();
		await expect(page.locator('.notice.error')).toContainText('dose must be a positive number');
	});

	test('an unknown profile id falls back to choosing phenotypes by hand', async ({ page }) => {
		await page.goto('/pk?id=not-a-profile');
		await expect(page.getByText('That genome profile is not on this device')).toBeVisible();
		await expect(page.getByTestId('result')).toBeVisible();
	});
});

test('DPYD activity score 1.5 on fluorouracil is not simulated: a notice with the reason and CPIC advice, no chart; 2.0 brings the chart back', async ({ page }) => {
	await openPk(page);
	await page.getByTestId('drug').selectOption('fluorouracil');
	await expect(page.getByTestId('result')).toContainText('fluorouracil');
	await page.getByTestId('phenotype-DPYD').selectOption('score:1.5');
	const notice = page.getByTestId('not-modelled');
	await expect(notice).toBeVisible();
	await expect(notice.locator('.notice.warn')).toContainText('No simulation for DPYD Intermediate Metabolizer (activity score 1.5)');
	await expect(notice).toContainText('No measured fluorouracil level is known');
	await expect(page.getByTestId('not-modelled-cpic')).toContainText('Reduce starting dose by 50%');
	// No chart, no numbers: the result, metrics and dose sections are gone (also after pressing Simulate).
	await page.getByTestId('simulate').click();
	await expect(page.getByTestId('result')).toHaveCount(0);
	await expect(page.getByTestId('metrics')).toHaveCount(0);
	await expect(page.getByTestId('equivalent')).toHaveCount(0);
	await expect(page.locator('svg path.patient')).toHaveCount(0);
	// The rest of the page stays usable: another score brings the simulation back.
	await page.getByTestId('phenotype-DPYD').selectOption('score:2');
	await expect(notice).toHaveCount(0);
	await expect(page.getByTestId('result').locator('svg path.patient')).toHaveCount(1);
	await expect(page.getByTestId('ratio')).toContainText('1.0×');
});

test('mercaptopurine reads NUDT15 too: a NUDT15 poor metabolizer is not simulated (not drawn as normal)', async ({ page }) => {
	await openPk(page);
	await page.getByTestId('drug').selectOption('mercaptopurine');
	await expect(page.getByTestId('result')).toBeVisible();
	await page.getByTestId('phenotype-NUDT15').selectOption('poor');
	await expect(page.getByTestId('not-modelled')).toContainText('No simulation for NUDT15 Poor Metabolizer');
	await expect(page.getByTestId('not-modelled-cpic')).toContainText('initiate dose at 10 mg/m2/day');
	await expect(page.getByTestId('result')).toHaveCount(0);
	await page.getByTestId('phenotype-NUDT15').selectOption('normal');
	await expect(page.getByTestId('result').locator('svg path.patient')).toHaveCount(1);
});

test('a stored genome profile pre-fills the phenotypes through the pharmacogenomics caller', async ({ page }) => {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const vcf = fs.readFileSync(path.resolve(here, '..', 'fixtures', 'genome', 'vcf-grch38-chr.vcf'));
	const id = await importGenome(page, { name: 'pk-test.vcf', mimeType: 'text/plain', buffer: vcf });
	await page.goto(`/pk?id=${encodeURIComponent(id)}`);
	await expect(page.getByText('Using pharmacogenomic results of')).toBeVisible();
	await page.getByTestId('drug').selectOption('fluorouracil');
	await expect(page.getByTestId('result')).toBeVisible();
	// The DPYD picker shows the profile's call and is set from it (the file carries DPYD *2A, c.1905+1G>A).
	await expect(page.getByText(/From your profile: .*Metabolizer/)).toBeVisible();
	await expect(page.getByTestId('phenotype-DPYD')).not.toHaveValue('');
});

test('each number shows its provenance: re-read figures as "checked", unverified ones as "recalled"', async ({ page }) => {
	await openPk(page);
	await page.getByTestId('drug').selectOption('codeine');
	await expect(page.getByTestId('result')).toContainText('morphine');
	const details = page.locator('details', { has: page.locator('summary', { hasText: 'How this was calculated' }) });
	await details.locator('summary').click();
	const absorption = details.locator('li', { hasText: /^\s*Absorption rate:/ });
	await expect(absorption.locator('.badge')).toHaveText('checked');
	await expect(absorption).toContainText('60 minutes post administration');
	const morphineVolume = details.locator('li', { hasText: /^\s*morphine volume:/ });
	await expect(morphineVolume.locator('.badge')).toHaveText('checked');
	await page.getByTestId('drug').selectOption('warfarin');
	await expect(page.getByTestId('result')).toContainText('S-warfarin');
	await expect(details.locator('li', { hasText: /^\s*Clearance:/ }).locator('.badge')).toHaveText('recalled');
});
