/** Caller semantics on small in-memory genomes (GRCh37 array-style unless stated). */
import { describe, expect, it } from 'vitest';
import { loadKb, parseOutsideCalls, PgxError, runPgx, searchDrugs } from '../../../src/lib/pgx/index';
import { pgxJson } from '../../../src/lib/pgx/index';
import { memoryView, type Rec } from './helpers';

const cyp2c19Het: Rec[] = [
	{ chrom: '10', pos: 96541616, id: 'rs4244285', alleles: ['A', 'G'] },
	{ chrom: '10', pos: 96521657, id: 'rs12248560', alleles: ['C', 'C'] },
	{ chrom: '10', pos: 96540410, id: 'rs4986893', alleles: ['G', 'G'] },
	{ chrom: '10', pos: 96602623, id: 'rs3758581', alleles: ['G', 'G'] }
];

async function run(recs: Rec[], opts: Parameters<typeof memoryView>[1] = {}, outside = '') {
	const kb = await loadKb();
	const report = await runPgx(memoryView(recs, { build: 'GRCh37', format: '23andme', ...opts }), parseOutsideCalls(outside, kb), kb);
	return { kb, report, gene: (g: string) => report.genes.find((x) => x.gene === g)! };
}

describe('pgx caller', () => {
	it('calls CYP2C19 *1/*2 from an array, lists untested alleles and the clopidogrel advice', async () => {
		const { gene, report } = await run(cyp2c19Het);
		const c = gene('CYP2C19');
		expect(c.diplotypes).toEqual(['*1/*2']);
		expect(c.phenotype).toBe('Intermediate Metabolizer');
		expect(c.missingPositions).toBe(31);
		expect(c.untested).toContain('*16');
		expect(c.evidence.find((e) => e.rsid === 'rs4244285')).toMatchObject({ genotype: 'A/G', status: 'tested', position: '10:96541616' });
		const clop = report.drugs.filter((d) => d.drug === 'clopidogrel');
		expect(clop.some((d) => d.classification === 'Strong' && /prasugrel or ticagrelor/.test(d.recommendation))).toBe(true);
		expect(clop[0].source).toMatch(/CPIC/);
	});

	it('IFNL3 rs12979860: CC is the favorable response genotype, CT and TT unfavorable (CPIC 2014)', async () => {
		const at = (alleles: string[]) => [{ chrom: '19', pos: 39738787, id: 'rs12979860', alleles }];
		expect((await run(at(['C', 'C']))).gene('IFNL3').phenotype).toBe('Favorable response genotype');
		expect((await run(at(['C', 'T']))).gene('IFNL3').phenotype).toBe('Unfavorable response genotype');
		expect((await run(at(['T', 'T']))).gene('IFNL3').phenotype).toBe('Unfavorable response genotype');
	});

	it('an absent position is a no-call, never reference', async () => {
		const { gene } = await run([{ chrom: '10', pos: 96541616, id: 'rs4244285', alleles: ['G', 'G'] }]);
		const c = gene('CYP2C19');
		expect(c.untested).toContain('*17');
		expect(c.evidence.find((e) => e.rsid === 'rs12248560')?.status).toBe('missing');
		// A gene with no tested position is not determinable.
		expect(gene('TPMT').phenotype).toBe('Not determinable');
		expect(gene('TPMT').diplotypes).toEqual([]);
	});

	it('reads build-dependent reference bases as bases (CYP3A5 rs776746 C/C on GRCh37 = *3/*3)', async () => {
		const { gene } = await run([{ chrom: '7', pos: 99270539, id: 'rs776746', alleles: ['C', 'C'] }]);
		expect(gene('CYP3A5').diplotypes).toEqual(['*3/*3']);
		expect(gene('CYP3A5').phenotype).toBe('Poor Metabolizer');
		// Same genotype found by rsID in a GRCh38 file whose position does not match.
		const { gene: g38 } = await run([{ chrom: '7', pos: 1, id: 'rs776746', alleles: ['T', 'T'] }], { build: 'GRCh38' });
		expect(g38('CYP3A5').diplotypes).toEqual(['*1/*1']);
	});

	it('G6PD is sex-aware: a male hemizygous A- call is Deficient', async () => {
		const recs: Rec[] = [
			{ chrom: 'X', pos: 153764217, id: 'rs1050828', alleles: ['T'] },
			{ chrom: 'X', pos: 153763492, id: 'rs1050829', alleles: ['C'] }
		];
		const { gene } = await run(recs, { sex: 'male' });
		// 202G>A_376A>G_1264C>G differs only at a position this array lacks: both fit, same phenotype.
		expect(gene('G6PD').diplotypes).toContain('A- 202A_376G');
		expect(gene('G6PD').sexAssumed).toBe('male');
		// …but that allele is Class I (CNSHA): without the 1264 position the phenotype is open.
		expect(gene('G6PD').phenotype).toBe('Indeterminate');
		expect(gene('G6PD').decidingPositions.length).toBeGreaterThan(0);
		const { gene: f } = await run([
			{ chrom: 'X', pos: 153764217, id: 'rs1050828', alleles: ['C', 'T'] },
			{ chrom: 'X', pos: 153763492, id: 'rs1050829', alleles: ['T', 'C'] }
		], { sex: 'female' });
		expect(f('G6PD').phenotype).toBe('Variable');
	});

	it('DPYD uses the two lowest-function variants (HapB3 + *2A) and flags palindromic sites', async () => {
		const { gene, report } = await run([
			{ chrom: '1', pos: 98045449, id: 'rs75017182', alleles: ['G', 'C'] },
			{ chrom: '1', pos: 98039419, id: 'rs56038477', alleles: ['C', 'T'] },
			{ chrom: '1', pos: 97915614, id: 'rs3918290', alleles: ['C', 'T'] }
		]);
		const d = gene('DPYD');
		expect(d.diplotypes).toEqual(['c.1129-5923C>G, c.1236G>A (HapB3)/c.1905+1G>A (*2A)']);
		expect(d.activityScore).toBe(0.5);
		expect(d.warnings.join(' ')).toMatch(/strand-ambiguous/);
		expect(report.drugs.find((x) => x.drug === 'capecitabine')?.recommendation).toMatch(/Avoid/);
	});

	it('HLA is screening only, CYP2D6 carries the copy-number caveat', async () => {
		const { gene, report } = await run([
			{ chrom: '6', pos: 31431780, id: 'rs2395029', alleles: ['G', 'T'] },
			{ chrom: '22', pos: 42524947, id: 'rs3892097', alleles: ['C', 'T'] }
		]);
		const h = gene('HLA-B');
		expect(h.screening).toBe(true);
		expect(h.diplotypes).toEqual(['*57:01 positive']);
		expect(h.warnings[0]).toMatch(/not HLA typing/);
		// HLA-B*15:02 has no validated tag SNP: named as not screened, never reported positive/negative.
		expect(h.warnings).toContain('HLA-B*15:02: not screened — no validated tag SNP on this data; requires HLA typing');
		expect(h.untested).toContain('*15:02');
		expect(h.phenotype).toBe('Screening: *57:01 positive; *15:02 not screened');
		expect(h.diplotypes.some((d) => d.startsWith('*15:02'))).toBe(false);
		expect(pgxJson(report).genes.find((g) => g.gene === 'HLA-B')?.warnings).toContain('HLA-B*15:02: not screened — no validated tag SNP on this data; requires HLA typing');
		expect(report.drugs.find((x) => x.drug === 'abacavir')?.recommendation).toMatch(/not recommended/);
		expect(gene('CYP2D6').warnings.join(' ')).toMatch(/no copy-number or hybrid detection/);
	});

	it('outside calls override the file and are marked as entered by the user', async () => {
		const { gene } = await run(cyp2c19Het, {}, '# lab report\nCYP2D6\t*1/*4\nCYP2C19\t\tPoor Metabolizer\n');
		expect(gene('CYP2D6')).toMatchObject({ source: 'outside', diplotypes: ['*1/*4'], phenotype: 'Intermediate Metabolizer', activityScore: 1 });
		expect(gene('CYP2C19')).toMatchObject({ source: 'outside', phenotype: 'Poor Metabolizer' });
		const kb = await loadKb();
		expect(() => parseOutsideCalls('CYP9Z9\t*1/*1', kb)).toThrow(PgxError);
		expect(() => parseOutsideCalls('CYP2D6', kb)).toThrow(/line 1/);
	});

	it('finds drugs by name', async () => {
		const kb = await loadKb();
		expect(searchDrugs(kb, 'clopi').map((d) => d.drug)).toEqual(['clopidogrel']);
		expect(searchDrugs(kb, '')).toEqual([]);
	});
});
