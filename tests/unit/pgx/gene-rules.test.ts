/** The per-gene rule table: its hooks run where the caller promises, and only for their gene. */
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../src/lib/pgx/index';
import { callGene } from '../../../src/lib/pgx/caller';
import { GENE_RULES } from '../../../src/lib/pgx/gene-rules';
import { memoryView } from './helpers';

describe('pgx gene rules', () => {
	it('has rules only for genes of the knowledge base', async () => {
		const kb = await loadKb();
		const genes = new Set(Object.keys(kb.genes));
		for (const g of Object.keys(GENE_RULES)) expect(genes.has(g), g).toBe(true);
		expect(Object.keys(GENE_RULES).sort()).toEqual(['CACNA1S', 'CYP2D6', 'DPYD', 'RYR1', 'SLCO1B1', 'TPMT', 'UGT1A1']);
	});

	it('adds the CYP2D6 caveat once the gene is tested, and not to other genes', async () => {
		const kb = await loadKb();
		const gene = (g: string) => kb.genes[g];
		const view = memoryView([{ chrom: '22', pos: 42524947, id: 'rs3892097', alleles: ['C', 'T'] }], { build: 'GRCh37', format: '23andme' });
		const d6 = callGene(view, gene('CYP2D6'));
		expect(d6.testedPositions).toBeGreaterThan(0);
		expect(d6.warnings).toContain(GENE_RULES.CYP2D6.caveat);
		const c19 = callGene(memoryView([{ chrom: '10', pos: 96541616, id: 'rs4244285', alleles: ['A', 'G'] }], { build: 'GRCh37', format: '23andme' }), gene('CYP2C19'));
		expect(c19.warnings).not.toContain(GENE_RULES.CYP2D6.caveat);
	});

	it('SLCO1B1 resolve: an unresolved diplotype falls back to rs4149056 alone', async () => {
		const kb = await loadKb();
		const gene = kb.genes.SLCO1B1;
		const s = gene.sites.findIndex((x) => x.rsid === 'rs4149056');
		const alleles = gene.sites.map((_, i) => (i === s ? ['T', 'C'] : null));
		const warnings: string[] = [];
		const r = GENE_RULES.SLCO1B1.resolve!({ gene, alleles, inputs: [], names: [], phased: false, sex: 'unknown', warnings });
		expect(r).toEqual({ fallback: { diplotype: 'rs4149056 C/T', phenotype: 'Decreased Function' } });
		expect(warnings[0]).toMatch(/rs4149056/);
		// A resolved, unambiguous match is left alone.
		expect(GENE_RULES.SLCO1B1.resolve!({ gene, alleles, inputs: [], names: ['*1/*1'], phased: false, sex: 'unknown', warnings: [] })).toBeNull();
	});
});
