/**
 * The calling classes of issue 11, each on small GRCh38 VCFs written here and read by the
 * project's own importer (so phasing and half-calls go through the real parser): phased data,
 * half-calls, missing ≠ reference, sex, multi-gene "No Result" rows, sub-alleles, RYR1/CACNA1S
 * lowest-function rule, outside (lab) calls, MT-RNR1.
 */
import { describe, expect, it } from 'vitest';
import { createGenomeView, importGenomeBytes } from '../../../src/lib/genome/index';
import { loadKb, parseOutsideCalls, pgxJsonFromView, runPgx, type PgxKb } from '../../../src/lib/pgx/index';

/** One VCF record: [gene, rsid or site label, GT, ALT (optional; the definition's variant when absent)]. */
type Row = [string, string, string, string?];

// CYP2C19: GRCh38 carries *38's base at rs3758581; *1 and most named alleles carry G (written 1/1 below).
const HEADER = [
	'##fileformat=VCFv4.2',
	'##reference=GRCh38',
	'##contig=<ID=chr1,length=248956422>',
	'##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
	'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE'
];

/**
 * A VCF with the given records; `reference` genes get every other definition site as 0/0 (0 on
 * haploid X when `male`), as a PGx-panel VCF would.
 */
function vcf(kb: PgxKb, rows: Row[], reference: string[] = [], opts: { male?: boolean; skip?: string[] } = {}): string {
	const lines = [...HEADER];
	const done = new Set<string>();
	const siteOf = (gene: string, id: string) => {
		const g = kb.genes[gene];
		const s = g.sites.find((x) => x.rsid === id || x.label === id);
		if (!s) throw new Error(`${gene} has no site ${id}`);
		return { g, s };
	};
	for (const [gene, id, gt, alt] of rows) {
		const { g, s } = siteOf(gene, id);
		const a = alt ?? s.alleles.find((x) => x !== s.ref38)!;
		lines.push([`chr${g.chrom}`, s.pos38, s.rsid ?? '.', s.ref38, a, '.', 'PASS', '.', 'GT', gt].join('\t'));
		done.add(`${gene}:${s.pos38}`);
	}
	for (const gene of reference) {
		const g = kb.genes[gene];
		for (const s of g.sites) {
			if (done.has(`${gene}:${s.pos38}`) || opts.skip?.includes(s.rsid ?? s.label)) continue;
			const alt = s.alleles.find((x) => x !== s.ref38) ?? '.';
			lines.push([`chr${g.chrom}`, s.pos38, s.rsid ?? '.', s.ref38, alt, '.', 'PASS', '.', 'GT', g.chrom === 'X' && opts.male ? '0' : '0/0'].join('\t'));
		}
	}
	return lines.join('\n') + '\n';
}

async function call(text: string, outside = '', sex?: 'female' | 'male') {
	const kb = await loadKb();
	const parsed = await importGenomeBytes(new TextEncoder().encode(text), { fileName: 'test.vcf' });
	const view = createGenomeView(parsed.summary, parsed.chunks);
	const report = await runPgx(view, parseOutsideCalls(outside, kb), kb, { sex });
	return {
		view,
		report,
		gene: (g: string) => report.genes.find((x) => x.gene === g)!,
		drug: (d: string) => report.drugs.filter((x) => x.drug === d)
	};
}

describe('issue 11 calling classes (small VCFs through the importer)', () => {
	it('1. phased genotypes: UGT1A1 *80 and *28 in cis vs in trans; unphased says so', async () => {
		const kb = await loadKb();
		const rows = (gt80: string, gt28: string): Row[] => [
			['UGT1A1', 'rs887829', gt80],
			['UGT1A1', 'rs3064744', gt28, 'CATAT']
		];
		const cis = await call(vcf(kb, rows('1|0', '1|0'), ['UGT1A1']));
		expect(cis.gene('UGT1A1').phased).toBe(true);
		expect(cis.gene('UGT1A1').diplotypes).toEqual(['*1/*80+*28']);
		const trans = await call(vcf(kb, rows('1|0', '0|1'), ['UGT1A1']));
		expect(trans.gene('UGT1A1').diplotypes).toEqual(['*28/*80']);
		expect(trans.gene('UGT1A1').phenotype).not.toBe(cis.gene('UGT1A1').phenotype);
		// Unphased: PharmCAT's specificity rule (the diplotype whose definitions state the most
		// tested positions) picks *1/*80+*28; the call says it is unphased.
		const unphased = await call(vcf(kb, rows('0/1', '0/1'), ['UGT1A1']));
		expect(unphased.gene('UGT1A1').phased).toBe(false);
		expect(unphased.gene('UGT1A1').diplotypes[0]).toBe('*1/*80+*28');
	});

	it('1. phased DPYD: *2A and c.2846A>T in cis = one low-function haplotype; in trans = two', async () => {
		const kb = await loadKb();
		const rows = (a: string, b: string): Row[] => [
			['DPYD', 'rs3918290', a],
			['DPYD', 'rs67376798', b]
		];
		const cis = await call(vcf(kb, rows('0|1', '0|1'), ['DPYD']));
		const trans = await call(vcf(kb, rows('0|1', '1|0'), ['DPYD']));
		const unphased = await call(vcf(kb, rows('0/1', '0/1'), ['DPYD']));
		expect(cis.gene('DPYD').phased).toBe(true);
		expect(cis.gene('DPYD').activityScore ?? cis.gene('DPYD').phenotype).not.toEqual(trans.gene('DPYD').activityScore ?? trans.gene('DPYD').phenotype);
		expect(cis.gene('DPYD').phenotype).toBe('Intermediate Metabolizer');
		expect(trans.gene('DPYD').phenotype).toBe('Poor Metabolizer');
		// Unphased: CPIC's two lowest-function variants.
		expect(unphased.gene('DPYD').phenotype).toBe('Poor Metabolizer');
	});

	it('2. half-calls: a non-reference allele in ./1 is never Reference/Normal nor "not in the file"', async () => {
		const kb = await loadKb();
		for (const gt of ['./1', '1/.', '.|1']) {
			const r = await call(vcf(kb, [['CYP2C19', 'rs3758581', '1/1'], ['CYP2C19', 'rs12769205', '0/1'], ['CYP2C19', 'rs4244285', gt]], ['CYP2C19']));
			const c = r.gene('CYP2C19');
			expect(c.diplotypes).toEqual(['*1/*2']);
			expect(c.phenotype).toBe('Intermediate Metabolizer');
			expect(c.halfCalls.join()).toMatch(/rs4244285 A/);
			expect(c.evidence.find((e) => e.rsid === 'rs4244285')?.status).toBe('half-call');
		}
		// Both *2 positions half-called: *1/*2 and *2/*2 fit, so no phenotype (they disagree).
		const r = await call(vcf(kb, [['CYP2C19', 'rs3758581', '1/1'], ['CYP2C19', 'rs12769205', './1'], ['CYP2C19', 'rs4244285', './1']], ['CYP2C19']));
		expect(r.gene('CYP2C19').diplotypes).toEqual(expect.arrayContaining(['*1/*2', '*2/*2']));
		expect(r.gene('CYP2C19').diplotypes.every((d) => d.includes('*2'))).toBe(true);
		expect(r.gene('CYP2C19').phenotype).toBe('Indeterminate');
		expect(r.drug('clopidogrel')[0].recommendation).not.toMatch(/as usual|standard/i);
	});

	it('3. missing ≠ reference: CYP2C19 *1 vs *38 without rs3758581; *4 site missing next to *17; UGT1A1 *28 missing', async () => {
		const kb = await loadKb();
		const a = await call(vcf(kb, [['CYP2C19', 'rs12769205', '0/1'], ['CYP2C19', 'rs4244285', '0/1']], ['CYP2C19'], { skip: ['rs3758581'] }));
		expect(a.gene('CYP2C19').diplotypes).toEqual(expect.arrayContaining(['*1/*2', '*2/*38']));
		expect(a.gene('CYP2C19').phenotype).toBe('Intermediate Metabolizer');
		const b = await call(vcf(kb, [['CYP2C19', 'rs3758581', '1/1'], ['CYP2C19', 'rs12248560', '0/1']], ['CYP2C19'], { skip: ['rs28399504'] }));
		const c = b.gene('CYP2C19');
		expect(c.diplotypes).toContain('*1/*17');
		expect(c.diplotypes.some((d) => d.includes('*4'))).toBe(true);
		expect(c.phenotype).toBe('Indeterminate');
		expect(c.decidingPositions).toContain('rs28399504');
		expect(b.drug('clopidogrel').some((d) => d.classification !== 'n/a' && /standard/i.test(d.recommendation))).toBe(false);
		const u = await call(vcf(kb, [], ['UGT1A1'], { skip: ['rs3064744'] }));
		expect(u.gene('UGT1A1').diplotypes).toEqual(expect.arrayContaining(['*1/*1', '*1/*28', '*28/*28']));
		expect(u.gene('UGT1A1').phenotype).toBe('Indeterminate');
		// With every position present, nothing is added.
		const full = await call(vcf(kb, [['CYP2C19', 'rs3758581', '1/1'], ['CYP2C19', 'rs12248560', '0/1']], ['CYP2C19']));
		expect(full.gene('CYP2C19').diplotypes).toEqual(['*1/*17']);
		expect(full.gene('CYP2C19').coverage).toBe('complete');
	});

	it('4. sex: a PGx-panel VCF is not taken as male; het female is Variable; haploid X is male; --sex', async () => {
		const kb = await loadKb();
		const hom = await call(vcf(kb, [], ['G6PD']));
		expect(hom.gene('G6PD').sexAssumed).toBe('unknown');
		expect(hom.gene('G6PD').phenotype).toBe('Normal');
		const het = await call(vcf(kb, [['G6PD', 'rs1050828', '0/1'], ['G6PD', 'rs1050829', '0/1']], ['G6PD']));
		expect(het.gene('G6PD').sexAssumed).toBe('female');
		expect(het.gene('G6PD').phenotype).toBe('Variable');
		const ras = het.drug('rasburicase');
		expect(ras[0].recommendation).toMatch(/enzyme activity/i);
		const male = await call(vcf(kb, [['G6PD', 'rs1050828', '1'], ['G6PD', 'rs1050829', '1']], ['G6PD'], { male: true }));
		expect(male.gene('G6PD').sexAssumed).toBe('male');
		expect(male.gene('G6PD').phenotype).toMatch(/^Deficient/);
		const given = await call(vcf(kb, [], ['G6PD']), '', 'male');
		expect(given.gene('G6PD').sexAssumed).toBe('male');
		expect(given.gene('G6PD').sexSource).toBe('given');
	});

	it('5. multi-gene CPIC rows: the untested gene matches "No Result" (CACNA1S MHS with RYR1 untested; TPMT with NUDT15 untested)', async () => {
		const kb = await loadKb();
		const r = await call(vcf(kb, [['CACNA1S', 'rs1800559', '0/1']], ['CACNA1S', 'TPMT']));
		expect(r.gene('CACNA1S').phenotype).toBe('Malignant Hyperthermia Susceptibility');
		for (const d of ['desflurane', 'succinylcholine']) {
			const rec = r.drug(d);
			expect(rec[0].classification).toBe('Strong');
			expect(rec[0].recommendation).toMatch(/CACNA1S/);
			expect(rec[0].recommendation).not.toMatch(/as usual|standard practice/i);
		}
		const aza = r.drug('azathioprine');
		expect(aza[0].classification).toBe('Strong');
		expect(aza[0].basis.find((b) => b.gene === 'NUDT15')?.key).toBe('No Result');
	});

	it('6. sub-alleles: SLCO1B1 *45.001 is reported and looked up as *45', async () => {
		const kb = await loadKb();
		const r = await call(vcf(kb, [['SLCO1B1', 'rs4149056', '0/1'], ['SLCO1B1', 'rs71581941', '0/1']], ['SLCO1B1']));
		expect(r.gene('SLCO1B1').diplotypes).toEqual(['*5/*45']);
		expect(r.gene('SLCO1B1').phenotype).not.toMatch(/Not determinable|Indeterminate/);
		expect(r.drug('simvastatin')[0].classification).not.toBe('n/a');
	});

	it('7. RYR1 from CPIC functions; three variants → lowest-function rule, listed', async () => {
		const kb = await loadKb();
		const g = kb.genes.RYR1;
		const mhs = g.alleles.filter((a) => /Malignant Hyperthermia/i.test(a.fn ?? '') && Object.keys(a.defined).length === 1).slice(0, 3);
		expect(mhs.length).toBe(3);
		const rows: Row[] = mhs.map((a) => {
			const s = Number(Object.keys(a.defined)[0]);
			return ['RYR1', g.sites[s].rsid ?? g.sites[s].label, '0/1', a.defined[s]];
		});
		const r = await call(vcf(kb, rows, ['RYR1']));
		expect(r.gene('RYR1').phenotype).toBe('Malignant Hyperthermia Susceptibility');
		expect(r.gene('RYR1').warnings.join()).toMatch(/3 variants/);
		expect(r.drug('sevoflurane')[0].classification).toBe('Strong');
	});

	it('8. outside calls: diplotype+phenotype+score, phenotype only, score only, several genes; lab phenotype drives codeine', async () => {
		const kb = await loadKb();
		const empty = vcf(kb, [], ['CYP2C19']);
		for (const line of ['CYP2D6\t\tUltrarapid Metabolizer', 'CYP2D6\t\tPoor Metabolizer', 'CYP2D6\t\t\t3.0', 'CYP2D6\tCYP2D6*1/CYP2D6*1xN\tUltrarapid Metabolizer\t3.0', 'CYP2D6\t\tUM']) {
			const r = await call(empty, line);
			expect(r.gene('CYP2D6').source).toBe('outside');
			expect(r.drug('codeine')[0].recommendation).toMatch(/Avoid codeine/);
		}
		const multi = await call(empty, '# lab report\nCYP2D6\t*1/*4\tIntermediate Metabolizer\t1.0\nTPMT\t*1/*3A\nHLA-B\t*57:01/*44:02\n');
		expect(multi.gene('CYP2D6').lookupKey).toBe('1.0');
		expect(multi.gene('TPMT').phenotype).toBe('Intermediate Metabolizer');
		expect(multi.drug('abacavir')[0].classification).toBe('Strong');
		expect(() => parseOutsideCalls('CYP2D6\t\t\tabc', kb)).toThrow(/not a number/);
	});

	it('9. MT-RNR1 from chrM in a VCF, and as an outside call', async () => {
		const text = [...HEADER, 'chrM\t1555\t.\tA\tG\t.\tPASS\t.\tGT\t1'].join('\n') + '\n';
		const r = await call(text);
		expect(r.gene('MT-RNR1').phenotype).toMatch(/Increased risk/);
		expect(r.drug('amikacin')[0].recommendation).toMatch(/Avoid/);
		const o = await call(text.replace('\t1555\t', '\t1556\t').replace('\tA\tG\t', '\tC\tC\t'), 'MT-RNR1\tm.1494C>T');
		expect(o.gene('MT-RNR1').phenotype).toMatch(/Increased risk/);
		expect(o.gene('MT-RNR1').source).toBe('outside');
	});

	it('--json keeps its shape and adds phased, sexAssumed (X genes) and coverage per gene', async () => {
		const kb = await loadKb();
		const parsed = await importGenomeBytes(new TextEncoder().encode(vcf(kb, [['CYP2C19', 'rs3758581', '1|1'], ['CYP2C19', 'rs12769205', '0|1'], ['CYP2C19', 'rs4244285', '0|1']], ['CYP2C19', 'G6PD'])), {});
		const json = await pgxJsonFromView(createGenomeView(parsed.summary, parsed.chunks), { kb });
		expect(json.genes.find((g) => g.gene === 'CYP2C19')!.diplotypes.length).toBeGreaterThan(0);
		const c = json.genes.find((g) => g.gene === 'CYP2C19')!;
		expect(Object.keys(c)).toEqual(expect.arrayContaining(['gene', 'diplotypes', 'phenotype', 'activityScore', 'untested', 'missingPositions', 'warnings', 'source', 'phased', 'coverage']));
		expect(c.phased).toBe(true);
		expect(json.genes.find((g) => g.gene === 'G6PD')!.sexAssumed).toBe('unknown');
		expect(json.genes.find((g) => g.gene === 'CYP2D6')!.coverage).toBe('none');
		expect(Object.keys(json)).toEqual(['kb', 'genes', 'drugs']);
	});
});
