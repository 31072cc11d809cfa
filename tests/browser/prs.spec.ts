/**
 * Polygenic-score page in Chromium against the built site: import a small 23andMe file, open
 * "Polygenic scores", add a PGS-format scoring file, see the score card, coverage, distribution
 * plot and match log; the score is saved per profile (reload); axe-core finds no violations;
 * screenshots at 1280 and 390 px in light and dark (test-results/prs-*.png); no sideways scroll.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect, importGenome, checkLayouts } from './fixtures';
import { axeViolations } from './axe';

const FIX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'prs');

async function importAndOpen(page: Page) {
	await importGenome(page, { name: 'prs_test.txt', mimeType: 'text/plain', buffer: fs.readFileSync(path.join(FIX, 'array-23andme.txt')) });
	await page.getByRole('link', { name: /Polygenic scores/ }).first().click();
	await expect(page).toHaveURL(/\/prs\?id=/);
}


test('PRS page: add a score, see card, coverage, distribution, match log; saved; accessible', async ({ page }) => {
	await importAndOpen(page);
	await page.getByLabel('Scoring file', { exact: true }).setInputFiles({ name: 'PGS900001.txt', mimeType: 'text/plain', buffer: fs.readFileSync(path.join(FIX, 'rules.txt')) });
	const card = page.locator('section', { has: page.getByRole('heading', { name: /Test trait/ }) });
	await expect(card).toContainText(/Higher than (about|over|under) \d+ %/);
	await expect(card).toContainText('33 of 43 variants matched');
	await expect(card).toContainText(/Strand-ambiguous \(left out\): 1/);
	await expect(card.getByRole('img', { name: /Reference distribution/ })).toBeVisible();
	await expect(card).toContainText(/transfer poorly across ancestries/);
	await card.getByText('About the score file').click();
	await expect(card).toContainText('Qenome test fixture (synthetic; not a published score)');
	await expect(card).toContainText('CC0 (synthetic test data)');
	const log = page.locator('section', { has: page.getByRole('heading', { name: 'Match log' }) });
	await expect(log.getByRole('row')).toHaveCount(44);
	await log.getByLabel('Show').selectOption('array-indel');
	await expect(log.getByRole('row')).toHaveCount(2);
	await expect(log).toContainText('insertion/deletion against array D/I calls');
	expect(await axeViolations(page)).toEqual([]);

	await checkLayouts(page, 'prs');
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(await axeViolations(page)).toEqual([]);

	await page.reload();
	await expect(page.getByRole('heading', { name: /Test trait/ })).toBeVisible();
	await expect(page.getByText('33 of 43 variants matched')).toBeVisible();
});

test('PRS page: a score in another build is refused with the file to download', async ({ page }) => {
	await importAndOpen(page);
	await page.getByLabel('Scoring file', { exact: true }).setInputFiles({ name: 'wrong.txt', mimeType: 'text/plain', buffer: fs.readFileSync(path.join(FIX, 'wrong-build.txt')) });
	await expect(page.getByRole('alert').or(page.locator('.notice.error'))).toContainText(/hmPOS_GRCh37/);
});
