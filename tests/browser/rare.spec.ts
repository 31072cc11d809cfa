import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { test, expect } from './fixtures';
import { codingPosition } from './rare-helpers';

const require = createRequire(import.meta.url);

/** A GRCh38 VCF with a frameshift in SCN1A and an unrelated variant. */
function smallVcf(): string {
	return [
		'##fileformat=VCFv4.2',
		'##contig=<ID=chr1,length=248956422>',
		'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tKID',
		`chr2\t${codingPosition('SCN1A', 'last').pos}\t.\tAC\tA\t50\tPASS\t.\tGT\t0/1`,
		'chr20\t1000000\t.\tA\tG\t50\tPASS\t.\tGT\t1/1'
	].join('\n');
}

test.describe('rare-disease page', () => {
	test('pick terms by synonym, rank by phenotype, see evidence and export a phenopacket', async ({ page }) => {
		await page.goto('/rare');
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Rare disease');
		const search = page.getByLabel(/Search by name/);
		await search.fill('febrile seizure');
		await page.getByRole('button', { name: /^Observed\s*:\s*Febrile seizure/ }).first().click();
		await search.fill('HP:0002376');
		await page.getByRole('button', { name: /^Observed\s*:\s*Developmental regression$/ }).click();
		await search.fill('microcephaly');
		await page.getByRole('button', { name: /^Excluded\s*:\s*Microcephaly$/ }).click();
		await expect(page.getByText('2 observed, 1 excluded')).toBeVisible();
		await page.getByRole('button', { name: 'Rank genes' }).click();
		await expect(page.getByRole('heading', { name: 'Ranked genes', exact: true })).toBeVisible();
		await expect(page.getByText('Best explanation:')).toBeVisible();
		await expect(page.locator('svg[aria-labelledby="contrib-title"] rect.phenotype').first()).toBeVisible();
		await expect(page.getByText(/genes are ranked by phenotype alone/).first()).toBeVisible();
		const first = page.locator('ol.genes > li').first();
		await first.locator('summary').click();
		await expect(first.getByText(/matches/).first()).toBeVisible();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export phenopacket' }).click();
		const file = await (await download).path();
		const pp = JSON.parse(fs.readFileSync(file!, 'utf8'));
		expect(pp.phenotypicFeatures).toHaveLength(3);
		expect(pp.phenotypicFeatures.find((f: { excluded?: boolean }) => f.excluded).type.id).toBe('HP:0000252');
		expect(pp.metaData.resources[0].version).toBe('2026-02-16');
		await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
		const violations = await page.evaluate(async () => {
			const r = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }).axe.run();
			return r.violations.map((v) => v.id);
		});
		expect(violations).toEqual([]);
	});

	test('imports a phenopacket and ranks with a VCF in the worker', async ({ page }) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-rare-'));
		const pp = path.join(dir, 'case.json');
		fs.writeFileSync(
			pp,
			JSON.stringify({
				id: 'case-7',
				subject: { id: 'P', sex: 'FEMALE' },
				phenotypicFeatures: [{ type: { id: 'HP:0002373' } }, { type: { id: 'HP:0011166' } }, { type: { id: 'HP:0001250' } }, { type: { id: 'HP:0000252' }, excluded: true }]
			})
		);
		const vcf = path.join(dir, 'kid.vcf');
		fs.writeFileSync(vcf, smallVcf());
		await page.goto('/rare');
		await page.locator('input[type=file][accept*="json"]').setInputFiles(pp);
		await expect(page.getByText(/Imported 3 observed and 1 excluded terms/)).toBeVisible();
		await expect(page.getByText('3 observed, 1 excluded')).toBeVisible();
		await page.getByTestId('genome-source').selectOption('file');
		await page.getByLabel(/Genome file/).setInputFiles(vcf);
		await page.getByRole('button', { name: 'Rank genes' }).click();
		await expect(page.getByText(/genome GRCh38, 2 records/)).toBeVisible();
		await expect(page.locator('ol.genes > li').first()).toContainText('SCN1A');
	});

	test('a variant in a non-coding disease gene (RNU4-2, ReNU syndrome) ranks it and shows its consequence', async ({ page }) => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-rare-'));
		const pp = path.join(dir, 'renu.json');
		// global developmental delay, intellectual disability, hypotonia, seizure
		fs.writeFileSync(pp, JSON.stringify({ id: 'renu', subject: { id: 'P', sex: 'MALE' }, phenotypicFeatures: ['HP:0001263', 'HP:0001249', 'HP:0001252', 'HP:0001250'].map((id) => ({ type: { id } })) }));
		const vcf = path.join(dir, 'renu.vcf');
		// RNU4-2 NR_003137.3:n.64_65insT = GRCh38 chr12:120291839 T>TA (the recurrent ReNU variant)
		fs.writeFileSync(vcf, ['##fileformat=VCFv4.2', '##contig=<ID=chr12,length=133275309>', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tKID', 'chr12\t120291839\t.\tT\tTA\t50\tPASS\t.\tGT\t0/1'].join('\n'));
		await page.goto('/rare');
		await page.locator('input[type=file][accept*="json"]').setInputFiles(pp);
		await expect(page.getByText('4 observed, 0 excluded')).toBeVisible();
		await page.getByTestId('genome-source').selectOption('file');
		await page.getByLabel(/Genome file/).setInputFiles(vcf);
		await page.getByRole('button', { name: 'Rank genes' }).click();
		const first = page.locator('ol.genes > li').first();
		await expect(first).toContainText('RNU4-2');
		await expect(first).toContainText('ReNU syndrome');
		await first.locator('summary').click();
		await expect(first.getByText(/non coding transcript exon variant/).first()).toBeVisible();
		await expect(first.getByText(/non-coding RNA gene/).first()).toBeVisible();
	});
});
