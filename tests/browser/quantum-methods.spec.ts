import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, importGenome } from './fixtures';

const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

async function axeViolations(page: Page): Promise<string[]> {
	// Evaluated through the devtools protocol (an inline <script> would be refused by our CSP).
	await page.evaluate(AXE);
	return page.evaluate(async () => {
		const r = await (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe.run({
			runOnly: ['wcag2a', 'wcag2aa']
		});
		return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
	});
}

test('Quantum methods: synthetic cohort, the four panel methods side by side with plots, epistasis, quantum kernel; accessible', async ({ page }) => {
	await page.goto('/quantum/methods');
	await expect(page.getByRole('heading', { name: 'Quantum methods for genomics' })).toBeVisible();
	await expect(page.getByText('A state-vector simulation is never faster than brute force', { exact: false })).toBeVisible();
	await expect(page.getByTestId('cohort')).toContainText('Synthetic data');
	await expect(page.getByTestId('cohort')).toContainText('400 people, 12 SNPs');

	await page.getByLabel('QAOA depth p (1–8)').fill('2');
	await page.getByRole('button', { name: 'Compare the four methods' }).click();
	const table = page.getByTestId('panel-table');
	await expect(table.locator('tbody tr')).toHaveCount(4, { timeout: 90_000 });
	await expect(table).toContainText('Exact enumeration');
	await expect(table).toContainText('QAOA, XY mixer');
	await expect(page.getByTestId('panel-results')).toContainText('Best panel:');
	await expect(page.getByRole('img', { name: 'Approximation ratio by QAOA depth' })).toBeVisible();
	await expect(page.getByRole('img', { name: 'What each method returns' })).toBeVisible();
	// Tick labels come from d3: no float noise like 0.15000000000000002.
	const ticks = await page.locator('svg text').allTextContents();
	for (const t of ticks) expect(t).not.toMatch(/\d\.\d{7,}/);

	await page.getByRole('button', { name: 'Test every pair' }).click();
	await expect(page.getByTestId('epistasis-results')).toContainText('was found (ranked first)', { timeout: 60_000 });
	await expect(page.getByTestId('epistasis-results')).toContainText('the top row of the table');

	await page.getByRole('button', { name: 'Train and compare' }).click();
	await expect(page.getByTestId('kernel-results')).toContainText('quantum-kernel SVM', { timeout: 60_000 });
	await expect(page.getByRole('img', { name: 'Quantum kernel: accuracy by bandwidth λ' })).toBeVisible();

	expect(await axeViolations(page)).toEqual([]);
});

test('Quantum methods: cancel drops the run; changing the data drops old results; bad CSV names the line', async ({ page }) => {
	await page.goto('/quantum/methods');
	await expect(page.getByTestId('cohort')).toContainText('12 SNPs');
	await page.getByLabel('SNPs (8–20)').fill('18');
	await page.getByLabel('SNPs (8–20)').blur();
	await expect(page.getByTestId('cohort')).toContainText('18 SNPs');
	await page.getByLabel('QAOA depth p (1–8)').fill('8');
	await page.getByRole('button', { name: 'Compare the four methods' }).click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByText('Stopped', { exact: true })).toBeVisible();
	await expect(page.getByTestId('panel-results')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Compare the four methods' })).toBeEnabled();

	await page.getByLabel('SNPs (8–20)').fill('8');
	await page.getByLabel('SNPs (8–20)').blur();
	await expect(page.getByTestId('cohort')).toContainText('8 SNPs');
	await page.getByLabel('QAOA depth p (1–8)').fill('1');
	await page.getByLabel('k (SNPs in the panel)').fill('3');
	await page.getByRole('button', { name: 'Compare the four methods' }).click();
	await expect(page.getByTestId('panel-table').locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });
	await page.getByLabel('Seed', { exact: true }).first().fill('2');
	await page.getByLabel('Seed', { exact: true }).first().blur();
	await expect(page.getByTestId('panel-results')).toHaveCount(0);

	await page.getByLabel('My own cohort file (CSV)').check();
	await page.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b,phenotype\n0,1,1\n0,7,0\n') });
	await expect(page.getByText('line 3, column "b": "7" is not a dosage from 0 to 2')).toBeVisible();
	await page.locator('input[type=file]').setInputFiles({
		name: 'cohort.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('id,a,b,c,phenotype\n1,0,1,2,1\n2,1,1,0,0\n3,2,0,1,1\n4,0,2,1,0\n5,1,1,2,1\n')
	});
	await expect(page.getByTestId('cohort')).toContainText('cohort.csv: 5 people, 3 SNPs');
	await expect(page.getByTestId('cohort')).not.toContainText('Synthetic');
});

test('Quantum Lab: links to the methods page; Run is disabled for a refused program and results clear when the program changes', async ({ page }) => {
	await page.goto('/quantum');
	await expect(page.getByRole('link', { name: 'Quantum methods for genomics' })).toBeVisible();
	await page.getByRole('button', { name: 'Bell pair' }).click();
	await page.getByRole('button', { name: 'Run simulation' }).click();
	await expect(page.getByTestId('results')).toBeVisible();
	// One outcome table (the chart does not repeat it).
	await expect(page.getByRole('table')).toHaveCount(2); // outcomes + amplitudes
	const editor = page.getByLabel('OpenQASM 2.0 program');
	await editor.fill('OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[27];\nh q[0];\n');
	await expect(page.getByTestId('results')).toHaveCount(0);
	await expect(page.getByText('so it cannot be run here')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Run simulation' })).toBeDisabled();
});

/** A small 23andMe file whose genotypes at rs6001…rs6004 vary with `person`. */
function tiny23andMe(person: number): Buffer {
	const lines = [
		'# This data file generated by 23andMe at: Tue Mar 12 10:11:12 2024',
		'# We are using reference human assembly build 37 (also known as Annotation Release 104).',
		'# rsid\tchromosome\tposition\tgenotype'
	];
	const g = ['AA', 'AG', 'GG'];
	for (let i = 1; i <= 60; i++) lines.push(`rs${5000 + i}\t1\t${i * 1000 + 17}\tAG`);
	for (let j = 1; j <= 4; j++) lines.push(`rs${6000 + j}\t2\t${j * 1000 + 17}\t${g[(person * j + j) % 3]}`);
	return Buffer.from(lines.join('\n') + '\n');
}

test('Quantum methods: a cohort from the genomes stored in this browser', async ({ page }) => {
	for (const p of [0, 1, 2]) await importGenome(page, { name: `person${p}.txt`, mimeType: 'text/plain', buffer: tiny23andMe(p) });
	await page.goto('/quantum/methods');
	await page.getByLabel('Genomes stored in this browser').check();
	for (const [p, v] of [
		[0, 'Case (1)'],
		[1, 'Control (0)'],
		[2, 'Case (1)']
	] as const)
		await page.getByLabel(`Phenotype of person${p}.txt`).selectOption({ label: v });
	await page.getByLabel(/SNPs \(rsIDs/).fill('rs6001 rs6002 rs6003 rs6004 rs9999999');
	await page.getByRole('button', { name: 'Use these genomes' }).click();
	await expect(page.getByTestId('cohort')).toContainText('3 genomes in this browser: 3 people, 5 SNPs');
	await expect(page.getByTestId('cohort')).toContainText('missing genotypes');
	await page.getByLabel('k (SNPs in the panel)').fill('2');
	await page.getByLabel('QAOA depth p (1–8)').fill('1');
	await page.getByRole('button', { name: 'Compare the four methods' }).click();
	await expect(page.getByTestId('panel-table').locator('tbody tr')).toHaveCount(4, { timeout: 60_000 });
});
