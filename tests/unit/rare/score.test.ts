/**
 * The rare-disease scorer on small VCFs written here from the committed gene models: the causal
 * gene ranks first, recessive diseases need two hits, frequency and ClinVar count, excluded terms
 * count against, and a family annotation (segregation) plugs in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	analyseRare,
	Annotations,
	GENOTYPE_PARAMS,
	isConstrained,
	PHENOTYPE_PARAMS,
	prepareQuery,
	scorePhenotype,
	rankGenes,
	readCandidates,
	readClinVar,
	textStream,
	type CandidateVariant,
	type RareKb
} from '../../../src/lib/rare/index';
import { cdsPosition, kb as loadKb, vcf } from './helpers';

let kb: RareKb;
beforeAll(async () => {
	kb = await loadKb();
});

// Dravet-like phenotype: seizures (febrile, hemiclonic), developmental regression, ataxia
const DRAVET = ['HP:0002373', 'HP:0011166', 'HP:0001250', 'HP:0002376', 'HP:0001251'];
// Cystic fibrosis-like phenotype
const CF = ['HP:0006528', 'HP:0001738', 'HP:0002110', 'HP:0004401', 'HP:0100582'];

describe('knowledge base', () => {
	it('resolves HPO ids, alt ids and ancestors; knows its release', async () => {
		const o = kb.ontology;
		expect(o.version).toBe('2026-02-16');
		const seizure = o.indexOf('HP:0001250');
		expect(o.names[seizure]).toBe('Seizure');
		expect(o.indexOf('HP:0001275')).toBe(seizure); // an alt_id of Seizure
		expect(o.isA(o.indexOf('HP:0002373'), seizure)).toBe(true); // febrile seizure is a seizure
		expect(o.indexOf('HP:9999999')).toBe(-1);
		const genes = await kb.genes('GRCh38');
		const scn1a = genes.bySymbol.get('SCN1A')!;
		expect(scn1a.chrom).toBe('2');
		expect(scn1a.strand).toBe(-1);
		expect(kb.annotations.byGene.get('SCN1A')!.length).toBeGreaterThan(0);
	});
});

describe('ranking', () => {
	it('phenotype alone puts the classic gene near the top and excluded terms count against', async () => {
		const r = await rankGenes(kb, { observed: DRAVET, excluded: [], sex: 'female' }, { candidates: null, build: null, top: 20 });
		expect(r.rankOf('SCN1A')).toBeLessThanOrEqual(10);
		const top = r.genes[0];
		expect(top.variantScore).toBeNull();
		expect(top.diseases[0].matches.some((m) => m.kind === 'exact')).toBe(true);
		// excluding features Dravet syndrome (almost) always has — regression and progressive gait
		// ataxia, 80–99 % in its annotation — must lower it (SCN1A's other diseases may then lead);
		// an absent variable feature (febrile seizures, 30–79 %) does not count (excluded.test.ts)
		const o = kb.ontology;
		const dravet = kb.annotations.diseases.findIndex((d) => d.id === 'ORPHA:33069'); // Dravet syndrome: annotated with febrile seizures
		const seizureOnly = scorePhenotype(o, kb.annotations, prepareQuery(o, [o.indexOf('HP:0001250')], []));
		const excluded = scorePhenotype(o, kb.annotations, prepareQuery(o, [o.indexOf('HP:0001250')], [o.indexOf('HP:0002376'), o.indexOf('HP:0007240')]));
		expect(excluded.logLR[dravet]).toBeLessThan(seizureOnly.logLR[dravet]);
		expect(excluded.explain(dravet).some((m) => m.kind === 'excluded-present' && m.logLR < 0)).toBe(true);
	});

	it('a frameshift in SCN1A in a small VCF ranks SCN1A first with its evidence', async () => {
		const genes = await kb.genes('GRCh38');
		const scn1a = genes.bySymbol.get('SCN1A')!;
		const pos = cdsPosition(scn1a, 30);
		const other = genes.bySymbol.get('CFTR')!;
		const text = vcf([
			['2', pos, 'AC', 'A', '0/1'],
			['7', cdsPosition(other, 60), 'G', 'A', '0/1'],
			['20', 1000000, 'A', 'G', '1/1']
		]);
		const result = await analyseRare(kb, { query: { observed: DRAVET, excluded: [], sex: 'female' }, vcf: { stream: textStream(text), name: 'small.vcf' } });
		expect(result.build).toBe('GRCh38');
		const g = result.genes[0];
		expect(g.gene).toBe('SCN1A');
		expect(g.rank).toBe(1);
		expect(g.variants[0]).toMatchObject({ chrom: '2', pos, ref: 'AC', alt: 'A', genotype: '0/1', consequence: 'frameshift_variant', consequenceSource: 'coordinates' });
		expect(g.inheritance).toContain('autosomal dominant');
		expect(g.score).toBeGreaterThan(0.5);
		expect(g.contributions.phenotype).toBeGreaterThan(0);
		expect(result.warnings.join(' ')).toMatch(/no consequence annotation/);
		// a single heterozygous CFTR variant does not make cystic fibrosis (recessive)
		const cf1 = await analyseRare(kb, { query: { observed: CF, excluded: [], sex: 'male' }, vcf: { stream: textStream(text), name: 'small.vcf' } });
		const cftr1 = cf1.genes.find((x) => x.gene === 'CFTR')!;
		const two = vcf([
			['7', cdsPosition(other, 60), 'G', 'A', '0/1'],
			['7', cdsPosition(other, 90), 'AT', 'A', '0/1']
		]);
		const cf2 = await analyseRare(kb, { query: { observed: CF, excluded: [], sex: 'male' }, vcf: { stream: textStream(two), name: 'two.vcf' } });
		const cftr2 = cf2.genes.find((x) => x.gene === 'CFTR')!;
		expect(cftr2.rank).toBe(1);
		expect(cftr2.score).toBeGreaterThan(cftr1.score);
		expect(cftr2.inheritance).toContain('autosomal recessive');
		expect(cftr2.unknowns.join(' ')).toMatch(/phase/);
	});

	it('a common variant (population AF) is set aside; ClinVar pathogenic raises a coding SNV', async () => {
		const genes = await kb.genes('GRCh38');
		const scn1a = genes.bySymbol.get('SCN1A')!;
		const pos = cdsPosition(scn1a, 40);
		const common = await readCandidates(textStream(vcf([['2', pos, 'C', 'T', '0/1', 'gnomAD_AF=0.2']])), kb, {});
		expect(common.candidates).toHaveLength(0);
		expect(common.warnings.join(' ')).toMatch(/more frequent/);
		const clinvarText = ['##fileformat=VCFv4.1', '##fileDate=2025-01-01', '##reference=GRCh38', '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="x">', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO', `2\t${pos}\t12345\tC\tT\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;GENEINFO=SCN1A:6323`].join('\n');
		const clinvar = await readClinVar(textStream(clinvarText));
		expect(clinvar.release).toBe('2025-01-01');
		const plain = await readCandidates(textStream(vcf([['2', pos, 'C', 'T', '0/1']])), kb, {});
		const withCv = await readCandidates(textStream(vcf([['2', pos, 'C', 'T', '0/1']])), kb, { clinvar });
		expect(withCv.candidates[0].clinvar).toMatchObject({ significance: 'pathogenic', stars: 2 });
		const q = { observed: DRAVET, excluded: [], sex: 'female' as const };
		const a = await rankGenes(kb, q, { candidates: plain.candidates, build: 'GRCh38', top: 3 });
		const b = await rankGenes(kb, q, { candidates: withCv.candidates, build: 'GRCh38', top: 3 });
		expect(b.genes[0].gene).toBe('SCN1A');
		expect(b.genes[0].variantScore!).toBeGreaterThan(a.genes.find((g) => g.gene === 'SCN1A')!.variantScore!);
	});

	it('family segregation plugs in: an inconsistent variant drops, a de novo one stays', async () => {
		const genes = await kb.genes('GRCh38');
		const scn1a = genes.bySymbol.get('SCN1A')!;
		const base = await readCandidates(textStream(vcf([['2', cdsPosition(scn1a, 30), 'AC', 'A', '0/1']])), kb, {});
		const v = base.candidates[0];
		const q = { observed: DRAVET, excluded: [], sex: 'female' as const };
		const deNovo: CandidateVariant = { ...v, segregation: { patterns: ['de novo'], consistent: true, memberGenotypes: { child: '0/1', father: '0/0', mother: '0/0' } } };
		const bad: CandidateVariant = { ...v, segregation: { patterns: [], consistent: false } };
		const r1 = await rankGenes(kb, q, { candidates: [deNovo], build: 'GRCh38', top: 5 });
		const r2 = await rankGenes(kb, q, { candidates: [bad], build: 'GRCh38', top: 5 });
		expect(r1.genes[0].gene).toBe('SCN1A');
		expect(r1.genes[0].inheritance).toEqual(['de novo']);
		// the contradicted variant keeps only a fraction of its evidence (it may still lead when it is the only variant)
		const s2 = r2.genes.find((g) => g.gene === 'SCN1A')!;
		expect(s2.contributions.variants).toBeLessThan(r1.genes[0].contributions.variants - 2);
		expect(s2.score).toBeLessThan(r1.genes[0].score);
	});

	it('refuses bad input clearly', async () => {
		await expect(analyseRare(kb, { query: { observed: [], excluded: [], sex: 'unknown' } })).rejects.toMatchObject({ code: 'no-phenotype' });
		await expect(readCandidates(textStream('rs1\t1\t100\tAA\n'), kb, {})).rejects.toMatchObject({ code: 'bad-vcf' });
		const two = vcf([['1', 100, 'A', 'G', '0/1']]).replace('\tPATIENT', '\tA\tB');
		await expect(readCandidates(textStream(two), kb, {})).rejects.toMatchObject({ code: 'several-samples' });
	});
});

describe('genes without a disease annotation', () => {
	it('rank on a damaging variant and constraint, with no disease and the gap said; can be switched off', async () => {
		const genes = await kb.genes('GRCh38');
		const autosomal = [...genes.bySymbol.values()].filter((m) => /^\d+$/.test(m.chrom) && m.tier === 1 && m.cdsEnd - m.cdsStart > 3000 && !kb.annotations.byGene.has(m.gene));
		const constrained = autosomal.find((m) => isConstrained(m) && m.pLI! >= 0.99)!;
		const tolerant = autosomal.find((m) => !isConstrained(m) && m.loeuf != null && m.loeuf > 1.2 && m.chrom !== constrained.chrom)!;
		expect(constrained && tolerant).toBeTruthy();
		const text = vcf([
			[constrained.chrom, cdsPosition(constrained, 30), 'AC', 'A', '0/1'],
			[tolerant.chrom, cdsPosition(tolerant, 30), 'AC', 'A', '0/1'],
			['2', cdsPosition(genes.bySymbol.get('SCN1A')!, 30), 'AC', 'A', '0/1']
		]);
		// the default reader keeps only genes with a known disease; 'all' keeps every gene
		expect((await readCandidates(textStream(text), kb, {})).candidates.map((v) => v.gene)).toEqual(['SCN1A']);
		const set = await readCandidates(textStream(text), kb, { genes: 'all' });
		const q = { observed: DRAVET, excluded: [], sex: 'female' as const };
		const r = await rankGenes(kb, q, { candidates: set.candidates, build: 'GRCh38', top: 200 });
		const a = r.genes.find((g) => g.gene === constrained.gene)!;
		expect(a).toBeTruthy();
		expect(a.diseases).toEqual([]);
		expect(a.variantScore).toBeGreaterThan(0.9);
		expect(a.inheritance).toEqual(['autosomal dominant']);
		expect(a.unknowns.join(' ')).toMatch(/no disease annotation/);
		// constraint counts: the LoF-intolerant gene ranks above the tolerant one
		expect(r.rankOf(constrained.gene)!).toBeLessThan(r.rankOf(tolerant.gene)!);
		// a known disease gene that fits the phenotype still ranks above a gene nobody has described
		expect(r.genes[0].gene).toBe('SCN1A');
		const off = await rankGenes(kb, q, { candidates: set.candidates, build: 'GRCh38', genotypeParams: { ...GENOTYPE_PARAMS, unannotatedPrior: Number.NEGATIVE_INFINITY } });
		expect(off.rankOf(constrained.gene)).toBeNull();
		// phenotype only: no variant, no evidence → not ranked
		const pheno = await rankGenes(kb, q, { candidates: null, build: null });
		expect(pheno.rankOf(constrained.gene)).toBeNull();
	});
});

describe('phenotype similarity term', () => {
	it('per-term evidence adds up to the disease ln LR, and the centred similarity leaves the mean disease unmoved', () => {
		const o = kb.ontology;
		const q = prepareQuery(o, DRAVET.map((t) => o.indexOf(t)), [o.indexOf('HP:0001263')]);
		const withSim = scorePhenotype(o, kb.annotations, q, { ...PHENOTYPE_PARAMS, similarityWeight: 5 });
		const noSim = scorePhenotype(o, kb.annotations, q, { ...PHENOTYPE_PARAMS, similarityWeight: 0 });
		const best = withSim.logLR.indexOf(Math.max(...withSim.logLR));
		const sum = withSim.explain(best).reduce((s, m) => s + m.logLR, 0);
		expect(sum).toBeCloseTo(withSim.logLR[best], 6);
		expect(withSim.explain(best).some((m) => m.kind === 'exact')).toBe(true);
		// centring: the similarity changes diseases relative to one another, its mean over diseases is 0
		let diff = 0;
		for (let d = 0; d < withSim.logLR.length; d++) diff += withSim.logLR[d] - noSim.logLR[d];
		expect(Math.abs(diff / withSim.logLR.length)).toBeLessThan(1e-6);
		expect(withSim.logLR[best] - noSim.logLR[best]).toBeGreaterThan(0);
	});
});

describe('partial matches through the ontology and the disease → query direction', () => {
	it('a disease annotated with an ancestor of the observed term counts with that ancestor\'s background (subsumed), a sibling only as a partial match', () => {
		const o = kb.ontology;
		const t = (id: string) => o.indexOf(id);
		const seizure = t('HP:0001250');
		const febrile = t('HP:0002373');
		const focal = t('HP:0007359'); // focal-onset seizure: a sibling of febrile seizure under Seizure
		const ann = new Annotations(
			o,
			[
				{ id: 'T:1', name: 'annotated at Seizure', genes: ['G1'], modes: ['AD'], terms: Int32Array.of(seizure), freqs: Float32Array.of(1) },
				{ id: 'T:2', name: 'annotated at a sibling', genes: ['G2'], modes: ['AD'], terms: Int32Array.of(focal), freqs: Float32Array.of(1) },
				{ id: 'T:3', name: 'unrelated', genes: ['G3'], modes: ['AD'], terms: Int32Array.of(t('HP:0001251')), freqs: Float32Array.of(1) }
			],
			'test',
			'test'
		);
		const q = prepareQuery(o, [febrile], []);
		const params = { ...PHENOTYPE_PARAMS, subsumed: 1, partial: 0.1, reverseWeight: 0 };
		const s = scorePhenotype(o, ann, q, params);
		const bgSeizure = ann.background[seizure];
		expect(s.logLR[0]).toBeCloseTo(Math.log(1 / bgSeizure), 6);
		expect(s.logLR[1]).toBeCloseTo(Math.log(Math.max(0.1 / bgSeizure, params.floor)), 6);
		// the unrelated disease (ataxia) shares only a broad nervous-system ancestor: weaker than the sibling
		expect(s.logLR[2]).toBeLessThan(s.logLR[1]);
		expect(s.explain(0)[0]).toMatchObject({ kind: 'partial', matched: 'HP:0001250' });
		expect(s.explain(0)[0].logLR).toBeCloseTo(s.logLR[0], 6);
		// subsumed = partial: the plain shared-ancestor match
		const plain = scorePhenotype(o, ann, q, { ...params, subsumed: 0.1 });
		expect(plain.logLR[0]).toBeCloseTo(plain.logLR[1], 6);
	});

	it('the disease → query similarity is centred over diseases and favours the disease whose own terms the patient shows', () => {
		const o = kb.ontology;
		const q = prepareQuery(o, DRAVET.map((t) => o.indexOf(t)), []);
		const on = scorePhenotype(o, kb.annotations, q, { ...PHENOTYPE_PARAMS, reverseWeight: 1 });
		const off = scorePhenotype(o, kb.annotations, q, { ...PHENOTYPE_PARAMS, reverseWeight: 0 });
		let diff = 0;
		for (let d = 0; d < on.logLR.length; d++) diff += on.logLR[d] - off.logLR[d];
		expect(Math.abs(diff / on.logLR.length)).toBeLessThan(1e-6);
		const dravet = kb.annotations.diseases.findIndex((d) => d.genes.includes('SCN1A') && /dravet/i.test(d.name));
		expect(dravet).toBeGreaterThanOrEqual(0);
		expect(on.logLR[dravet] - off.logLR[dravet]).toBeGreaterThan(0);
		const sum = on.explain(dravet).reduce((s, m) => s + m.logLR, 0);
		expect(sum).toBeCloseTo(on.logLR[dravet], 6);
	});
});
