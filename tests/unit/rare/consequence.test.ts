/** Coordinate-derived consequences on hand-made gene models (both strands) and VCF annotation terms. */
import { describe, expect, it } from 'vitest';
import { classifyTerms, consequenceFromHgvs, consequenceOnModel, type GeneModel } from '../../../src/lib/rare/index';
import { kb } from './helpers';

// + strand: exons [1000,1100) [2000,2100) [3000,3100); CDS [1050, 3050)
const plus: GeneModel = {
	gene: 'PLUS',
	chrom: '1',
	strand: 1,
	txStart: 1000,
	txEnd: 3100,
	cdsStart: 1050,
	cdsEnd: 3050,
	exonStarts: Int32Array.from([1000, 2000, 3000]),
	exonEnds: Int32Array.from([1100, 2100, 3100]),
	tier: 1,
	pLI: null,
	loeuf: null,
	misZ: null,
	haploinsufficiency: null
};
const minus: GeneModel = { ...plus, gene: 'MINUS', strand: -1 };

describe('consequences from coordinates', () => {
	it('classifies coding SNVs, indels, start/stop codons and UTRs on the + strand', () => {
		expect(consequenceOnModel(plus, 2050, 'A', 'G')).toBe('coding_sequence_variant');
		expect(consequenceOnModel(plus, 2050, 'AC', 'A')).toBe('frameshift_variant');
		expect(consequenceOnModel(plus, 2050, 'ACGT', 'A')).toBe('inframe_deletion');
		expect(consequenceOnModel(plus, 2050, 'A', 'ACGT')).toBe('inframe_insertion');
		expect(consequenceOnModel(plus, 1051, 'A', 'G')).toBe('start_lost'); // first CDS base (1-based 1051)
		expect(consequenceOnModel(plus, 3050, 'A', 'G')).toBe('stop_lost'); // last CDS base
		expect(consequenceOnModel(plus, 1020, 'A', 'G')).toBe('5_prime_UTR_variant');
		expect(consequenceOnModel(plus, 3080, 'A', 'G')).toBe('3_prime_UTR_variant');
	});
	it('finds splice donor/acceptor (±1–2 intronic) and splice region', () => {
		// intron 1 is [1100, 2000) 0-based → 1-based 1101..2000
		expect(consequenceOnModel(plus, 1101, 'G', 'A')).toBe('splice_donor_variant');
		expect(consequenceOnModel(plus, 1102, 'T', 'A')).toBe('splice_donor_variant');
		expect(consequenceOnModel(plus, 1105, 'T', 'A')).toBe('splice_region_variant');
		expect(consequenceOnModel(plus, 2000, 'G', 'A')).toBe('splice_acceptor_variant');
		expect(consequenceOnModel(plus, 1999, 'A', 'C')).toBe('splice_acceptor_variant');
		expect(consequenceOnModel(plus, 1500, 'A', 'C')).toBe('intron_variant');
		expect(consequenceOnModel(plus, 5000, 'A', 'C')).toBeNull();
	});
	it('swaps donor/acceptor and UTR sides on the − strand', () => {
		expect(consequenceOnModel(minus, 1101, 'G', 'A')).toBe('splice_acceptor_variant');
		expect(consequenceOnModel(minus, 2000, 'G', 'A')).toBe('splice_donor_variant');
		expect(consequenceOnModel(minus, 1020, 'A', 'G')).toBe('3_prime_UTR_variant');
		expect(consequenceOnModel(minus, 3050, 'A', 'G')).toBe('start_lost');
		expect(consequenceOnModel(minus, 1051, 'A', 'G')).toBe('stop_lost');
	});
	it('maps VEP, SnpEff and BCSQ terms to the most severe class', () => {
		expect(classifyTerms('splice_region_variant&intron_variant')).toBe('splice_region_variant');
		expect(classifyTerms('missense_variant&splice_region_variant')).toBe('missense_variant');
		expect(classifyTerms('stop_gained')).toBe('stop_gained');
		expect(classifyTerms('frameshift')).toBe('frameshift_variant');
		expect(classifyTerms('*missense')).toBe('missense_variant');
		expect(classifyTerms('disruptive_inframe_deletion')).toBe('inframe_deletion');
		expect(classifyTerms('nonsense_weird')).toBeNull();
	});
});

describe('consequences stated by a published HGVS description', () => {
	it('reads the protein change, with or without parentheses, prefix or one-letter codes', () => {
		const cases: [string | null, string | null, string | null][] = [
			['NM_002866.5:c.247C>T', 'NP_002857.1:p.(Arg83Trp)', 'missense_variant'],
			[null, 'p.R83W', 'missense_variant'],
			[null, 'NP_1.1:p.(Arg83Ter)', 'stop_gained'],
			[null, 'p.Arg83*', 'stop_gained'],
			[null, 'p.(Gln12_Arg15delinsTer)', 'stop_gained'],
			[null, 'p.(Leu42ProfsTer7)', 'frameshift_variant'],
			[null, 'p.(Leu42=)', 'synonymous_variant'],
			[null, 'p.(=)', 'synonymous_variant'],
			[null, 'p.(Ter110=)', 'synonymous_variant'],
			[null, 'p.(Ter110GlnextTer17)', 'stop_lost'],
			[null, 'p.*110Qext*17', 'stop_lost'],
			[null, 'p.(Ter110Trp)', 'stop_lost'],
			[null, 'p.(Met1?)', 'start_lost'],
			[null, 'p.Met1Val', 'start_lost'],
			[null, 'p.(Lys5_Glu7del)', 'inframe_deletion'],
			[null, 'p.(Lys5delinsAsnIle)', 'inframe_deletion'],
			[null, 'p.(Lys5dup)', 'inframe_insertion'],
			[null, 'p.(Lys5_Glu6insAla)', 'inframe_insertion']
		];
		for (const [c, p, want] of cases) expect(consequenceFromHgvs(c, p), `${c} ${p}`).toBe(want);
	});
	it('falls back to the coding position when the protein change is unknown or absent', () => {
		expect(consequenceFromHgvs('NM_1.1:c.123+1G>A', 'p.?')).toBe('splice_donor_variant');
		expect(consequenceFromHgvs('c.124-2A>G', null)).toBe('splice_acceptor_variant');
		expect(consequenceFromHgvs('c.-15+2T>C', null)).toBe('splice_donor_variant');
		expect(consequenceFromHgvs('c.124-5C>T', null)).toBe('splice_region_variant');
		expect(consequenceFromHgvs('c.123+8G>A', null)).toBe('splice_region_variant');
		expect(consequenceFromHgvs('c.123+9G>A', null)).toBe('intron_variant');
		expect(consequenceFromHgvs('c.-12C>T', null)).toBe('5_prime_UTR_variant');
		expect(consequenceFromHgvs('c.*40A>G', null)).toBe('3_prime_UTR_variant');
	});
	it('says nothing when neither description states a class', () => {
		expect(consequenceFromHgvs('c.247C>T', null)).toBeNull(); // exonic, but missense or synonymous is not said
		expect(consequenceFromHgvs('NR_1.1:n.64_65insT', null)).toBeNull();
		expect(consequenceFromHgvs(null, 'p.?')).toBeNull();
		expect(consequenceFromHgvs(null, 'p.0')).toBeNull();
		expect(consequenceFromHgvs('not hgvs', 'nor this')).toBeNull();
		expect(consequenceFromHgvs(null, null)).toBeNull();
		expect(consequenceFromHgvs('c.' + '1'.repeat(100000), 'p.' + 'A'.repeat(100000))).toBeNull();
	});
});

describe('GRCh38 models rebuilt on MANE Select (tier 2, committed knowledge)', () => {
	it('a gene the Ensembl-75 lift lacks (MAP3K14) and one whose lift is another isoform (ALG6) carry MANE’s span and a whole-codon CDS', async () => {
		const models = await (await kb()).genes('GRCh38');
		const tier2 = [...models.bySymbol.values()].filter((m) => m.tier === 2);
		expect(tier2.length).toBeGreaterThan(300);
		for (const m of tier2) {
			let cds = 0;
			for (let i = 0; i < m.exonStarts.length; i++) cds += Math.max(0, Math.min(m.exonEnds[i], m.cdsEnd) - Math.max(m.exonStarts[i], m.cdsStart));
			expect(cds % 3, m.gene).toBe(0);
			expect(m.cdsStart).toBeGreaterThanOrEqual(m.txStart);
			expect(m.cdsEnd).toBeLessThanOrEqual(m.txEnd);
		}
		const map3k14 = models.bySymbol.get('MAP3K14')!;
		// MANE Select NM_003954.5: chr17:45,263,119–45,317,020 (1-based), minus strand, 16 exons
		expect([map3k14.tier, map3k14.chrom, map3k14.strand, map3k14.txStart, map3k14.txEnd, map3k14.exonStarts.length]).toEqual([2, '17', -1, 45263118, 45317020, 16]);
		// its 5′ UTR is at the high end (minus strand); the base just inside the CDS is coding
		expect(consequenceOnModel(map3k14, map3k14.cdsEnd + 1, 'A', 'G')).toBe('5_prime_UTR_variant');
		expect(consequenceOnModel(map3k14, map3k14.cdsEnd - 10, 'A', 'G')).toBe('coding_sequence_variant');
		expect(models.bySymbol.get('ALG6')!.tier).toBe(2);
	});
});
