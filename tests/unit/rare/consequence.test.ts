/** Coordinate-derived consequences on hand-made gene models (both strands) and VCF annotation terms. */
import { describe, expect, it } from 'vitest';
import { classifyTerms, consequenceOnModel, type GeneModel } from '../../../src/lib/rare/index';

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
