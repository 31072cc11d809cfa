/** Plain words for the medicine pages: "no change" vs "may change", readable names, the limited-test tag. */
import { describe, expect, it } from 'vitest';
import { limitedTest, loadKb, mayChangeMedicine, isNoChange, plainAction, plainSummary, plainDiplotype, compactDiplotype, plainPhenotype, plainPopulation, runPgx, firstSentence } from '../../../src/lib/pgx/index';
import { memoryView } from './helpers';

describe('plain words', () => {
	it('a usual-genotype recommendation is "no change"; an actionable one may change the medicine', async () => {
		const kb = await loadKb();
		// *1/*2 with the *3 and *17 positions tested (missing is not reference: without them *2/*3 and *2/*17 would fit too).
		const het = await runPgx(
			memoryView(
				[
					{ chrom: '10', pos: 96541616, id: 'rs4244285', alleles: ['A', 'G'] },
					{ chrom: '10', pos: 96602623, id: 'rs3758581', alleles: ['G', 'G'] },
					{ chrom: '10', pos: 96521657, id: 'rs12248560', alleles: ['C', 'C'] },
					{ chrom: '10', pos: 96540410, id: 'rs4986893', alleles: ['G', 'G'] }
				],
				{ build: 'GRCh37', format: '23andme' }
			),
			[],
			kb
		);
		const clop = het.drugs.find((d) => d.drug === 'clopidogrel' && d.classification !== 'n/a')!;
		expect(mayChangeMedicine(clop)).toBe(true);
		const ref = await runPgx(memoryView([{ chrom: '16', pos: 31107689, id: 'rs9923231', alleles: ['C', 'C'] }, { chrom: '1', pos: 97981395, id: 'rs3918290', alleles: ['C', 'C'] }], { build: 'GRCh37', format: '23andme' }), [], kb);
		for (const d of ref.drugs.filter((x) => x.determined && x.classification !== 'n/a')) expect(isNoChange(d), d.drug).toBe(true);
	});

	it('no raw rsID allele names, CPIC codes or "No CPIC phenotype" reach the page', () => {
		expect(plainDiplotype('rs2231142 reference (G)/rs2231142 reference (G)')).toBe('usual version (G) on both copies');
		expect(compactDiplotype('rs2231142 reference (G)/rs2231142 variant (T)')).toBe('rs2231142 G/T');
		expect(compactDiplotype('*1/*3A')).toBe('*1/*3A');
		expect(plainDiplotype('rs9923231 reference (C)/rs9923231 variant (T)')).toBe('usual version (C) / variant (T)');
		expect(plainDiplotype('rs4149056 T/C')).toBe('T and C at rs4149056, the position that decides this result');
		expect(plainPopulation('NVI')).not.toBe('NVI');
		expect(plainPopulation('CVI ACS PCI')).toMatch(/stent/);
		const base = { gene: 'CYP4F2', phenotype: 'No CPIC phenotype', testedPositions: 3, screening: false } as Parameters<typeof plainPhenotype>[0];
		expect(plainPhenotype(base)).not.toMatch(/CPIC phenotype/);
		expect(firstSentence('Avoid codeine use because of potential for serious toxicity. If opioid use is warranted…')).toBe('Avoid codeine use because of potential for serious toxicity.');
	});

	it('limited test: DPYD with its key variants untested; CYP2D6 from a file always', async () => {
		const kb = await loadKb();
		const r = await runPgx(memoryView([{ chrom: '1', pos: 98348885, id: 'rs67376798', alleles: ['T', 'T'] }, { chrom: '22', pos: 42526694, id: 'rs1065852', alleles: ['G', 'G'] }], { build: 'GRCh37', format: '23andme' }), [], kb);
		const dpyd = r.genes.find((g) => g.gene === 'DPYD')!;
		expect(dpyd.coverage).toBe('limited');
		expect(dpyd.untestedKeyAlleles).toContain('c.1905+1G>A (*2A)');
		expect(limitedTest(dpyd)).toBe(true);
		expect(limitedTest(r.genes.find((g) => g.gene === 'CYP2D6')!)).toBe(true);
	});

	it('a summary line says in plain words what the guideline asks for, then quotes it', async () => {
		const kb = await loadKb();
		const r = await runPgx(
			memoryView(
				[
					{ chrom: '10', pos: 96541616, id: 'rs4244285', alleles: ['A', 'A'] },
					{ chrom: '10', pos: 96602623, id: 'rs3758581', alleles: ['G', 'G'] },
					{ chrom: '16', pos: 31107689, id: 'rs9923231', alleles: ['C', 'T'] }
				],
				{ build: 'GRCh37', format: '23andme' }
			),
			[],
			kb
		);
		const clop = r.drugs.find((d) => d.drug === 'clopidogrel' && d.population === 'CVI ACS PCI')!;
		expect(plainAction(clop, r.genes)).toMatch(/^Clopidogrel: your CYP2C19 poor metabolizer result — ask about another medicine\. The guideline says: “Avoid clopidogrel/);
		// The summary card groups medicines that share the result and what the guideline asks.
		const lines = plainSummary(r.drugs.filter(mayChangeMedicine), r.genes);
		const clopLine = lines.find((l) => l.recommendations.includes(clop))!;
		expect(clopLine.text).toMatch(/^[A-Z][a-z]+(, [a-z]+)*( and [a-z]+)?: your CYP2C19 poor metabolizer result — ask about another medicine\.$/);
		expect(clopLine.text.split(':')[0]).toMatch(/clopidogrel/i);
		expect(clopLine.recommendations.filter((x) => x.drug === 'clopidogrel').length).toBeGreaterThan(1);
		expect(lines.some((l) => /, .* and /.test(l.text.split(':')[0]))).toBe(true);
		expect(lines.length).toBeLessThan(r.drugs.filter(mayChangeMedicine).length);
		// VKORC1's CPIC "phenotype" is a genotype code: shown as what it means for warfarin.
		const vkorc1 = r.genes.find((g) => g.gene === 'VKORC1')!;
		expect(vkorc1.phenotype).toMatch(/^-1639 (AG|GA)$/);
		expect(plainPhenotype(vkorc1)).toBe('More sensitive to warfarin (one copy of −1639A)');
		expect(plainDiplotype('ivacaftor non-responsive CFTR sequence/ivacaftor non-responsive CFTR sequence')).not.toMatch(/non-responsive/);
	});
});
