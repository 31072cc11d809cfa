/**
 * Non-coding disease genes (issue 12, session 13): RefSeq exon models of RNA genes with an HPO disease
 * (RNU4-2, RMRP, TERC, H19 …) load from the committed knowledge base in both builds; a variant in
 * their exon is `non_coding_transcript_exon_variant`; in a functional RNA it is scored high (GENOTYPE_PARAMS.functionalRna, splice-site-like),
 * in other non-coding RNAs it stays weak; and the recurrent ReNU-syndrome variant RNU4-2
 * n.64_65insT ranks RNU4-2 for a neurodevelopmental phenotype, shown as such in the CLI JSON, the
 * report and FHIR. No ../shared needed (the models are committed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	analyseRare,
	Annotations,
	buildRareReport,
	CONSEQUENCE_PATHOGENICITY,
	consequenceOnModel,
	GENOTYPE_PARAMS,
	rankGenes,
	rareFhirBundle,
	rareJson,
	readCandidates,
	textStream,
	variantScore,
	type CandidateVariant,
	type GeneModel,
	type RareKb
} from '../../../src/lib/rare/index';
import { withoutLaterRnaGenes } from '../../../scripts/validate-rare';
import { candidate as candidateIn, cdsPosition, kb as loadKb, vcf } from './helpers';

let kb: RareKb;
beforeAll(async () => {
	kb = await loadKb();
});

/**
 * RNU4-2 NR_003137.3:n.64_65insT = NC_000012.12:g.120291839_120291840insA (GRCh38; the gene is on the
 * minus strand): the recurrent ReNU-syndrome variant (Chen et al., Nature 2024), VCF chr12 120291839 T>TA.
 */
const RENU = { chrom: '12', pos: 120291839, ref: 'T', alt: 'TA' };
// a neurodevelopmental picture: global developmental delay, intellectual disability, hypotonia,
// seizure, microcephaly, short stature
const NDD = ['HP:0001263', 'HP:0001249', 'HP:0001252', 'HP:0001250', 'HP:0000252', 'HP:0004322'];

const candidate = (consequence: CandidateVariant['consequence'], gene: string): CandidateVariant => candidateIn(gene, consequence);

describe('non-coding gene models', () => {
	it('load in both builds: RNU4-2 is one 141-nt exon on the minus strand with no CDS; functional vs other RNAs; coding genes unchanged', async () => {
		const g38 = await kb.genes('GRCh38');
		const g37 = await kb.genes('GRCh37');
		const rnu = g38.bySymbol.get('RNU4-2')!;
		expect(rnu).toMatchObject({ chrom: '12', strand: -1, txStart: 120291762, txEnd: 120291903, rna: 'functional' });
		expect(rnu.cdsEnd).toBe(rnu.cdsStart); // no CDS
		expect(Array.from(rnu.exonStarts)).toEqual([120291762]);
		expect(Array.from(rnu.exonEnds)).toEqual([120291903]);
		const rnu37 = g37.bySymbol.get('RNU4-2')!;
		expect(rnu37).toMatchObject({ chrom: '12', strand: -1, rna: 'functional' });
		expect(rnu37.txEnd - rnu37.txStart).toBe(141);
		// the same variant on GRCh37, placed from the model (n.64/n.65 counted from the exon's 3′ genomic end): inside the exon
		const pos37 = rnu37.txEnd - 64;
		expect(consequenceOnModel(rnu37, pos37, 'T', 'TA')).toBe('non_coding_transcript_exon_variant');
		expect(rnu.txEnd - 64).toBe(RENU.pos); // the same rule gives the published GRCh38 position
		for (const g of ['RNU4ATAC', 'RMRP', 'TERC', 'RNU12', 'MIR140', 'SNORD118']) expect(g38.bySymbol.get(g)?.rna, g).toBe('functional');
		// lncRNAs / imprinted transcripts / a snoRNA of a multi-gene deletion syndrome: other non-coding
		for (const g of ['H19', 'XIST', 'MEG3', 'SNORD116-1']) expect(g38.bySymbol.get(g)?.rna, g).toBe('other');
		// a coding read-through (LRTOMT = LRRC51 + TOMT) is not modelled as an RNA
		expect(g38.bySymbol.get('LRTOMT')).toBeUndefined();
		// protein-coding models carry no RNA flag, and every non-coding model has a disease
		expect(g38.bySymbol.get('SCN1A')!.rna).toBeNull();
		const rnas = [...g38.bySymbol.values()].filter((m) => m.rna);
		expect(rnas.length).toBeGreaterThanOrEqual(20);
		for (const m of rnas) expect(kb.annotations.byGene.has(m.gene), m.gene).toBe(true);
		expect(g38.source).toMatch(/RefSeq exon models of \d+ non-coding disease genes/);
	});

	it('consequence from coordinates: exon → non_coding_transcript_exon_variant; outside → none; introns and splice sites of a multi-exon RNA', async () => {
		const rnu = (await kb.genes('GRCh38')).bySymbol.get('RNU4-2')!;
		expect(consequenceOnModel(rnu, RENU.pos, RENU.ref, RENU.alt)).toBe('non_coding_transcript_exon_variant');
		expect(consequenceOnModel(rnu, 120291763, 'C', 'T')).toBe('non_coding_transcript_exon_variant'); // first base (n.141)
		expect(consequenceOnModel(rnu, 120291903, 'G', 'A')).toBe('non_coding_transcript_exon_variant'); // n.1
		expect(consequenceOnModel(rnu, 120291700, 'C', 'T')).toBeNull();
		const lnc: GeneModel = {
			gene: 'LNC',
			chrom: '1',
			strand: 1,
			txStart: 1000,
			txEnd: 3100,
			cdsStart: 1000,
			cdsEnd: 1000,
			exonStarts: Int32Array.from([1000, 3000]),
			exonEnds: Int32Array.from([1100, 3100]),
			tier: 0,
			pLI: null,
			loeuf: null,
			misZ: null,
			haploinsufficiency: null,
			rna: 'other'
		};
		expect(consequenceOnModel(lnc, 1050, 'A', 'G')).toBe('non_coding_transcript_exon_variant');
		expect(consequenceOnModel(lnc, 1050, 'AC', 'A')).toBe('non_coding_transcript_exon_variant'); // no frame in an RNA
		expect(consequenceOnModel(lnc, 2000, 'A', 'G')).toBe('intron_variant');
		expect(consequenceOnModel(lnc, 1101, 'G', 'A')).toBe('splice_donor_variant');
	});

	it('variant evidence: a functional-RNA exon variant scores high (functionalRna), other non-coding RNAs stay weak, coding genes unchanged', async () => {
		const g38 = await kb.genes('GRCh38');
		const rnu = g38.bySymbol.get('RNU4-2')!;
		const h19 = g38.bySymbol.get('H19')!;
		expect(GENOTYPE_PARAMS.functionalRna).toBeGreaterThan(CONSEQUENCE_PATHOGENICITY.non_coding_transcript_exon_variant);
		expect(variantScore(candidate('non_coding_transcript_exon_variant', 'RNU4-2'), rnu)).toBeCloseTo(GENOTYPE_PARAMS.functionalRna);
		expect(variantScore(candidate('non_coding_transcript_exon_variant', 'H19'), h19)).toBeCloseTo(CONSEQUENCE_PATHOGENICITY.non_coding_transcript_exon_variant);
		// a splice donor of an lncRNA truncates no protein: capped at the non-coding prior
		expect(variantScore(candidate('splice_donor_variant', 'H19'), h19)).toBeCloseTo(CONSEQUENCE_PATHOGENICITY.non_coding_transcript_exon_variant);
		// ClinVar still raises it, and frequency still lowers a functional-RNA variant
		expect(variantScore({ ...candidate('non_coding_transcript_exon_variant', 'H19'), clinvar: { significance: 'pathogenic', stars: 2, clnsig: 'Pathogenic', id: '1' } }, h19)).toBe(1);
		expect(variantScore({ ...candidate('non_coding_transcript_exon_variant', 'RNU4-2'), frequency: 0.01 }, rnu)).toBeLessThan(GENOTYPE_PARAMS.functionalRna / 2);
		// a coding gene's classes are untouched
		const scn1a = g38.bySymbol.get('SCN1A')!;
		expect(variantScore(candidate('frameshift_variant', 'SCN1A'), scn1a)).toBeCloseTo(CONSEQUENCE_PATHOGENICITY.frameshift_variant);
	});
});

describe('ranking an RNU4-2 variant (ReNU syndrome)', () => {
	it('n.64_65insT becomes a candidate and ranks RNU4-2 first for a neurodevelopmental phenotype; JSON, report and FHIR name the consequence', async () => {
		const g38 = await kb.genes('GRCh38');
		const cftr = g38.bySymbol.get('CFTR')!;
		const text = vcf([
			[RENU.chrom, RENU.pos, RENU.ref, RENU.alt, '0/1'],
			['7', cdsPosition(cftr, 60), 'G', 'A', '0/1'],
			['20', 1000000, 'A', 'G', '1/1']
		]);
		const set = await readCandidates(textStream(text), kb, { build: 'GRCh38' });
		const v = set.candidates.find((c) => c.gene === 'RNU4-2')!;
		expect(v).toMatchObject({ chrom: '12', pos: RENU.pos, consequence: 'non_coding_transcript_exon_variant', consequenceSource: 'coordinates', zygosity: 'het' });
		const result = await analyseRare(kb, { query: { observed: NDD, excluded: [], sex: 'female' }, vcf: { stream: textStream(text), name: 'renu.vcf' }, top: 20 });
		const g = result.genes[0];
		expect(g.gene).toBe('RNU4-2');
		expect(g.diseases[0].id).toBe('OMIM:620851'); // ReNU syndrome
		expect(g.inheritance).toContain('autosomal dominant');
		expect(g.variantScore).toBeCloseTo(GENOTYPE_PARAMS.functionalRna);
		expect(g.unknowns.join(' ')).toMatch(/non-coding RNA gene/);
		const json = rareJson(result);
		expect(json.genes[0].variants[0]).toMatchObject({ chrom: '12', pos: RENU.pos, ref: 'T', alt: 'TA', genotype: '0/1', consequence: 'non_coding_transcript_exon_variant' });
		const report = buildRareReport(result, { reportDate: '2026-03-01T00:00:00.000Z' });
		expect(report.genes[0].variants[0].consequence).toBe('non_coding_transcript_exon_variant');
		expect(JSON.stringify(rareFhirBundle(report))).toContain('Consequence: non_coding_transcript_exon_variant');
	});

	it('without a disease annotation for RNU4-2 (as with the 2023 release) it still ranks, on the variant, when every gene is read', async () => {
		const text = vcf([[RENU.chrom, RENU.pos, RENU.ref, RENU.alt, '0/1']]);
		const set = await readCandidates(textStream(text), kb, { build: 'GRCh38', genes: 'all' });
		// annotations without RNU4-2's disease: the built-in ones minus ReNU syndrome
		const kept = kb.annotations.diseases.filter((d) => !d.genes.includes('RNU4-2'));
		const ann = new Annotations(kb.ontology, kept, kb.annotations.source, 'test without RNU4-2');
		const r = await rankGenes(kb, { observed: NDD, excluded: [], sex: 'male' }, { candidates: set.candidates, build: 'GRCh38', annotations: ann, top: 5 });
		const g = r.genes.find((x) => x.gene === 'RNU4-2')!;
		expect(g).toBeTruthy();
		expect(g.diseases).toEqual([]);
		expect(g.variantScore).toBeCloseTo(GENOTYPE_PARAMS.functionalRna);
		expect(g.unknowns.join(' ')).toMatch(/no disease annotation/);
		// the validation's 2023 run drops it: its model exists only because a later release links RNU4-2 to a disease
		const models = await kb.genes('GRCh38');
		expect(withoutLaterRnaGenes(set.candidates, models, ann).some((v) => v.gene === 'RNU4-2')).toBe(false);
		expect(withoutLaterRnaGenes(set.candidates, models, kb.annotations).some((v) => v.gene === 'RNU4-2')).toBe(true);
	});
});
