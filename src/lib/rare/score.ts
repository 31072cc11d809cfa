/**
 * The combined rare-disease ranking: phenotype ln LR per disease (phenotype.ts) + a genotype ln LR
 * per gene and inheritance mode from its candidate variants → one combined ln LR per gene (its best
 * disease) → softmax over all genes with a disease = a post-test probability under "one of these
 * genes explains the phenotype" (uniform prior over genes).
 *
 * Variant score v ∈ [0,1] = pathogenicity (consequence class, ClinVar when supplied, missense
 * constraint) × frequency factor × filter factor. Gene variant score per mode: dominant-acting
 * modes take the best variant; recessive modes need a homozygote (or a hemizygous male on X) or
 * two variants (mean of the best two; phase is unknown from one VCF, so compound heterozygosity is
 * an assumption unless a family analysis says so); a single heterozygote in a recessive disease
 * keeps `singleHetRecessive` of its score. Genotype ln LR = γ · ln(max(v, v_min)).
 *
 * Family analyses (issue 13) plug in through `CandidateVariant.segregation`: variants the pedigree
 * contradicts keep `inconsistentFactor` of their score, and a mode counts as supported only when the
 * variants carry a pattern that fits it (de novo/dominant → AD/XD, recessive homozygous/compound
 * heterozygous → AR, X-linked → X modes).
 */
import type { Disease, GeneModel, RareKb } from './kb';
import { PHENOTYPE_PARAMS, prepareQuery, scorePhenotype, type PhenotypeParams, type PhenotypeScores } from './phenotype';
import type { CandidateVariant, ConsequenceClass, DiseaseScore, GeneResult, PhenotypeQuery, RareBuild, SegregationPattern } from './types';

/** Tunable constants of the genotype part. */
export interface GenotypeParams {
	/** Weight of ln(variant score). */
	gamma: number;
	/** Floor of the variant score (a gene without any qualifying variant). */
	minScore: number;
	/** Fraction of the score a lone heterozygote keeps in a recessive disease. */
	singleHetRecessive: number;
	/** Fraction a variant keeps when a family analysis says the pedigree contradicts it. */
	inconsistentFactor: number;
	/** Fraction of a mode's score when a family was analysed and no variant fits that mode. */
	unsupportedModeFactor: number;
	/**
	 * Genes with a candidate variant but no disease annotation in the release used (a gene whose
	 * disease was described later): their phenotype ln LR is `unannotatedPrior` +
	 * `unannotatedPerTerm` × (observed terms) — no phenotype knowledge, and a prior that such genes
	 * explain a case less often than known disease genes. −Infinity leaves them out.
	 */
	unannotatedPrior: number;
	unannotatedPerTerm: number;
	/** ln bonus of a dominant-acting fit in a gene without annotation that is intolerant of loss of function (pLI ≥ 0.9, LOEUF < 0.35 or ClinGen HI 3). */
	constraintBonus: number;
	/**
	 * ln bonus of a gene without annotation whose best fit is biallelic loss of function (a
	 * homozygous/hemizygous truncating or splice ±1/2 variant, or two of them): rare in healthy
	 * genomes whatever the gene.
	 */
	biallelicLofBonus: number;
	/**
	 * How a gene's diseases combine: 0 = its best disease (max of combined ln LR); 1 = the mean of
	 * their likelihoods (log-mean-exp: a gene with many diseases gains no extra chances from the max).
	 */
	aggregate: number;
	/**
	 * Pathogenicity prior of a `non_coding_transcript_exon_variant` in a functional-RNA disease gene
	 * (GeneModel.rna 'functional': RNU4-2, RNU4ATAC, RMRP, TERC, MIR140 …, where the whole RNA is the
	 * gene product). Other non-coding genes keep the class's low prior. Chosen on train (session 13,
	 * built-in annotations; grid 0.1 / 0.3 / 0.6 / 0.9 — missense-like is 0.6, splice-site-like 0.9):
	 * 0.9, carried by the 61-case RNU4-2 cohort; no background variant fell in these genes, so a
	 * false-positive cost could not be measured (docs/benchmarks.md).
	 */
	functionalRna: number;
	/**
	 * Phenotype ln LR of "a disease of this gene not (yet) in the annotations" for a gene that HAS
	 * annotated diseases (allelic series and phenotype expansions: a new recessive disease of a gene
	 * known for a dominant one, a second organ system …). The gene's combined ln LR is the better of
	 * its best annotated disease and this alternative, scored like a gene without annotation
	 * (dominant or recessive fit, constraint): a known disease gene whose known diseases do not fit
	 * is never ranked below a gene nobody has linked to a disease. −Infinity = off.
	 */
	novelDiseasePrior: number;
	/**
	 * 1: the constraint bonus (a dominant-acting fit in a loss-of-function-intolerant gene without a
	 * fitting annotation) needs a heterozygous (or hemizygous) variant — constraint says new
	 * heterozygous damaging variants are depleted; a homozygous variant under a dominant model would
	 * need both parents to carry it. 0: any zygosity (before session 14).
	 */
	constraintHetOnly: number;
	/**
	 * Variant-score factor for a small variant in a gene of a multi-gene chromosomal deletion or
	 * duplication syndrome ("1p36 deletion syndrome", linked to ≥ 2 genes): the syndrome arises from
	 * losing or gaining the whole region, so a point variant in one of its genes does not explain it
	 * (a transcript ablation still does). 1 = off.
	 */
	contiguousFactor: number;
	/**
	 * ln factor for a gene without a fitting annotation (unannotated, or the alternative above) that
	 * tolerates loss of function (gnomAD LOEUF ≥ 1) or has no gnomAD constraint at all (pseudogenes,
	 * read-through and clone-based models): healthy people carry damaging variants in such genes. 0 = off.
	 */
	tolerantPenalty: number;
	/**
	 * Factor for a recessive fit resting on two heterozygous variants of unknown phase (single
	 * genome, no family): they are in trans — compound heterozygous — only about half the time. 1 = off.
	 */
	unphasedFactor: number;
	/**
	 * 1: the constraint bonus also applies to a heterozygous missense-like variant (coding SNV,
	 * missense, in-frame) in a gene intolerant of missense variation (gnomAD missense Z ≥ 3.09), as
	 * loss-of-function intolerance does for any damaging variant. 0 = off.
	 */
	missenseConstraint: number;
	/**
	 * Variant-score stand-in for a gene with no candidate variant at all in a genome or exome (its
	 * genotype ln LR is γ·ln of it): how likely a causal variant is to be missing from the file
	 * (not called, structural, outside the models). Until session 15 this was minScore (0.01, the
	 * floor for weak variants), so a gene whose diseases fit the phenotype very well (ln LR > 23)
	 * could outrank every gene with a variant while having none; 0.001 was chosen on train (grid
	 * 0.01 / 0.003 / 0.001 / 0.0001 / 0.000001; docs/benchmarks.md). Array files (absentIsUnknown)
	 * are unaffected: there a missing variant is "not tested", not evidence.
	 */
	absentScore: number;
}

/**
 * Defaults (chosen on training cohorts only; see docs/benchmarks.md). γ was 3 until session 12;
 * with the wider phenotype scale (subsumed matches, disease → query similarity) γ = 5 was chosen on
 * train. biallelicLofBonus and aggregate were tried on train and left off. Session 14 adopted
 * novelDiseasePrior −1.5 (grid −2.5 … −0.5), constraintHetOnly, contiguousFactor 0.1 and
 * missenseConstraint; it tried and left off tolerantPenalty and unphasedFactor. Session 15 adopted
 * absentScore 0.001 and tried and left off a penalty on the new-disease alternative when it rests on
 * a knockout in the mode of a known disease (−1 / −2 / −∞ all lost train cases: the 2023 file's
 * diseases often do not describe the phenotype a knockout of a known gene gives).
 */
export const GENOTYPE_PARAMS: GenotypeParams = {
	gamma: 5,
	minScore: 0.01,
	singleHetRecessive: 0.15,
	inconsistentFactor: 0.05,
	unsupportedModeFactor: 0.2,
	unannotatedPrior: -2,
	unannotatedPerTerm: 0,
	constraintBonus: 1,
	biallelicLofBonus: 0,
	aggregate: 0,
	functionalRna: 0.9,
	novelDiseasePrior: -1.5,
	constraintHetOnly: 1,
	contiguousFactor: 0.1,
	tolerantPenalty: 0,
	unphasedFactor: 1,
	missenseConstraint: 1,
	absentScore: 0.001
};

/** A gene that tolerates loss of function (gnomAD LOEUF ≥ 1) or has no gnomAD constraint at all. */
export function isLofTolerant(model: GeneModel | undefined): boolean {
	if (!model || model.rna) return false;
	if (model.loeuf == null && model.pLI == null) return true;
	return model.loeuf != null && model.loeuf >= 1;
}

/**
 * A chromosomal deletion/duplication (contiguous-gene) syndrome linked to several genes, by its name
 * ("1p36 deletion syndrome", "22q11.2 microduplication syndrome", "Xq28 duplication …"). The second
 * band of a range needs a "-" or a p/q before it, so no run of digits can be split two ways (linear
 * on hostile names; the same answer as before on all 9,157 built-in disease names).
 */
export function isContiguousGeneSyndrome(d: Disease): boolean {
	return d.genes.length >= 2 && /\b(?:\d{1,2}|X|Y)[pq]\d[\d.]*(?:[-–][pq]?\d[\d.]*|[pq]\d[\d.]*)?\s*(?:micro)?(?:deletion|duplication|triplication)/i.test(d.name);
}

/** A gene intolerant of loss of function by gnomAD constraint or ClinGen haploinsufficiency (score 3). */
export function isConstrained(model: GeneModel | undefined): boolean {
	if (!model) return false;
	return (model.pLI != null && model.pLI >= 0.9) || (model.loeuf != null && model.loeuf < 0.35) || model.haploinsufficiency === 3;
}

/** Pathogenicity prior per consequence class (no in-silico predictors are available offline). */
export const CONSEQUENCE_PATHOGENICITY: Record<ConsequenceClass, number> = {
	transcript_ablation: 1,
	frameshift_variant: 0.95,
	stop_gained: 0.95,
	splice_acceptor_variant: 0.9,
	splice_donor_variant: 0.9,
	start_lost: 0.85,
	stop_lost: 0.8,
	inframe_insertion: 0.6,
	inframe_deletion: 0.6,
	missense_variant: 0.6,
	coding_sequence_variant: 0.55,
	splice_region_variant: 0.3,
	synonymous_variant: 0.05,
	'5_prime_UTR_variant': 0.1,
	'3_prime_UTR_variant': 0.08,
	non_coding_transcript_exon_variant: 0.1,
	intron_variant: 0.03,
	upstream_gene_variant: 0.02,
	downstream_gene_variant: 0.02,
	intergenic_variant: 0
};

const MISSENSE_LIKE: Set<ConsequenceClass> = new Set(['missense_variant', 'coding_sequence_variant', 'inframe_insertion', 'inframe_deletion']);
const LOF: Set<ConsequenceClass> = new Set(['transcript_ablation', 'frameshift_variant', 'stop_gained', 'splice_acceptor_variant', 'splice_donor_variant', 'start_lost']);

/** Frequency factor: 1 up to 1e-4, falling to 0 at ≈ 3 %. Unknown frequency → 1 (and said so). */
export function frequencyFactor(af: number | null): number {
	if (af === null || af <= 1e-4) return 1;
	return Math.max(0, Math.min(1, 1 - (Math.log10(af) + 4) / 2.5));
}

/** Score of one variant in [0,1]: pathogenicity × frequency factor × filter (and family) factors. */
export function variantScore(v: CandidateVariant, model: GeneModel | undefined, params: GenotypeParams = GENOTYPE_PARAMS): number {
	let p = CONSEQUENCE_PATHOGENICITY[v.consequence];
	if (model?.rna === 'functional' && v.consequence === 'non_coding_transcript_exon_variant') p = params.functionalRna;
	// other non-coding genes (lncRNAs, imprinted transcripts): no protein to truncate, so no class ranks
	// above an exon variant's low prior (ClinVar below can still raise it)
	else if (model?.rna === 'other') p = Math.min(p, CONSEQUENCE_PATHOGENICITY.non_coding_transcript_exon_variant);
	if ((v.consequence === 'missense_variant' || v.consequence === 'coding_sequence_variant') && model?.misZ != null) {
		if (model.misZ >= 3.09) p += 0.1;
		else if (model.misZ < 0) p -= 0.1;
	}
	if (v.clinvar) {
		const c = v.clinvar;
		if (c.significance === 'pathogenic' || c.significance === 'likely_pathogenic') p = Math.max(p, c.stars >= 1 ? 1 : 0.9);
		else if ((c.significance === 'benign' || c.significance === 'likely_benign') && c.stars >= 1) p = Math.min(p, 0.02);
		else if (c.significance === 'conflicting') p = Math.max(p, 0.6);
	}
	let s = p * frequencyFactor(v.frequency);
	if (v.filtered) s *= 0.5;
	if (v.segregation && !v.segregation.consistent) s *= params.inconsistentFactor;
	return Math.max(0, Math.min(1, s));
}

const MODE_NAMES: Record<string, string> = {
	AD: 'autosomal dominant',
	AR: 'autosomal recessive',
	XL: 'X-linked',
	XR: 'X-linked recessive',
	XD: 'X-linked dominant',
	MT: 'mitochondrial',
	YL: 'Y-linked',
	DIGENIC: 'digenic'
};

/** Patterns a family analysis may report that support each disease mode. */
const MODE_PATTERNS: Record<string, SegregationPattern[]> = {
	AD: ['de novo', 'dominant'],
	XD: ['de novo', 'dominant', 'X-linked'],
	AR: ['recessive homozygous', 'compound heterozygous'],
	XR: ['X-linked', 'de novo'],
	XL: ['X-linked', 'de novo'],
	MT: ['dominant', 'de novo'],
	YL: ['dominant'],
	DIGENIC: ['recessive homozygous', 'compound heterozygous', 'dominant', 'de novo']
};

interface ModeFit {
	mode: string;
	score: number;
	/** Variants used. */
	used: CandidateVariant[];
	/** ln factor from inheritance compatibility (≤ 0). */
	inheritanceLn: number;
	/** Family patterns that support it. */
	patterns: SegregationPattern[];
}

function fitMode(mode: string, scored: { v: CandidateVariant; s: number }[], sex: PhenotypeQuery['sex'], family: boolean, P: GenotypeParams): ModeFit {
	const xOnly = mode === 'XR' || mode === 'XD' || mode === 'XL';
	let pool = scored.filter((x) => (xOnly ? x.v.chrom === 'X' : mode === 'MT' ? x.v.chrom === 'MT' : mode === 'YL' ? x.v.chrom === 'Y' : true));
	let patterns: SegregationPattern[] = [];
	let familyLn = 0;
	if (family) {
		const fits = MODE_PATTERNS[mode] ?? [];
		const supported = pool.filter((x) => x.v.segregation?.patterns.some((p) => fits.includes(p)));
		patterns = [...new Set(supported.flatMap((x) => x.v.segregation!.patterns.filter((p) => fits.includes(p))))];
		if (supported.length) pool = supported;
		else familyLn = Math.log(P.unsupportedModeFactor);
	}
	if (!pool.length) return { mode, score: 0, used: [], inheritanceLn: familyLn, patterns };
	pool.sort((a, b) => b.s - a.s);
	const best = pool[0];
	const recessive = mode === 'AR' || mode === 'DIGENIC' || ((mode === 'XR' || mode === 'XL') && sex !== 'male');
	if (!recessive) {
		// X-linked in a female with one het: allowed (XD, or skewed X) but discounted for XR/XL
		const ln = (mode === 'XR' && best.v.zygosity === 'het') ? Math.log(0.5) : 0;
		return { mode, score: best.s, used: [best.v], inheritanceLn: ln + familyLn, patterns };
	}
	const biallelic = pool.filter((x) => x.v.zygosity === 'hom' || x.v.zygosity === 'hemi');
	const homBest = biallelic.length ? biallelic[0] : null;
	const two = pool.length >= 2 ? (pool[0].s + pool[1].s) / 2 : 0;
	// phase unknown without a family: two heterozygotes are in trans only about half the time
	const phaseLn = !family && P.unphasedFactor < 1 ? Math.log(P.unphasedFactor) : 0;
	const lnOf = (x: number) => P.gamma * Math.log(Math.max(x, P.minScore));
	if (homBest && (pool.length < 2 || lnOf(homBest.s) >= lnOf(two) + phaseLn)) return { mode, score: homBest.s, used: [homBest.v], inheritanceLn: familyLn, patterns };
	if (pool.length >= 2) return { mode, score: two, used: [pool[0].v, pool[1].v], inheritanceLn: familyLn + phaseLn, patterns };
	return { mode, score: best.s, used: [best.v], inheritanceLn: Math.log(P.singleHetRecessive) + familyLn, patterns };
}

/**
 * Fit of a gene with no (fitting) disease annotation: dominant or recessive, with the constraint
 * bonus for a dominant-acting fit in a loss-of-function-intolerant gene and the penalty for a
 * loss-of-function-tolerant one. Returns the best fit and its genotype ln LR.
 */
function novelFit(scored: { v: CandidateVariant; s: number }[], model: GeneModel | undefined, sex: PhenotypeQuery['sex'], family: boolean, P: GenotypeParams, absentIsUnknown: boolean): { fit: ModeFit; geno: number } {
	const constrained = isConstrained(model);
	const tolerant = P.tolerantPenalty !== 0 && isLofTolerant(model);
	const fits = ['AD', 'AR'].map((m) => {
		const f = fitMode(m, scored, sex, family, P);
		const missenseLike = f.score > 0 && MISSENSE_LIKE.has(f.used[0].consequence) && model?.misZ != null && model.misZ >= 3.09;
		if (m === 'AD' && (constrained || (P.missenseConstraint && missenseLike)) && f.score > 0 && (!P.constraintHetOnly || f.used[0].zygosity !== 'hom')) f.inheritanceLn += P.constraintBonus;
		if (m === 'AR' && P.biallelicLofBonus && f.inheritanceLn === 0 && f.used.length && f.used.every((v) => LOF.has(v.consequence)) && (f.used.length === 2 || f.used[0].zygosity !== 'het'))
			f.inheritanceLn += P.biallelicLofBonus;
		if (tolerant && f.score > 0) f.inheritanceLn += P.tolerantPenalty;
		return f;
	});
	fits.sort((a, b) => modeLn(b, P) - modeLn(a, P));
	const fit = fits[0];
	const full = modeLn(fit, P);
	return { fit, geno: absentIsUnknown ? Math.max(0, full - P.gamma * Math.log(P.minScore) - P.gamma * Math.log(20)) : full };
}

/** Options of `rankGenes`. */
export interface RankOptions {
	/** null = phenotype only (no genome). */
	candidates: CandidateVariant[] | null;
	build: RareBuild | null;
	/** How many genes to return fully explained (all are ranked). Default 100. */
	top?: number;
	phenotypeParams?: PhenotypeParams;
	genotypeParams?: GenotypeParams;
	/** Override the annotations (e.g. a user's phenotype.hpoa) — same ontology. */
	annotations?: RareKb['annotations'];
	/** A gene without a candidate variant is "not known" rather than evidence against (array files). */
	absentIsUnknown?: boolean;
	/** Phenotype scores already computed for this query and annotations (validation reuses them). */
	phenotype?: PhenotypeScores;
}

/** Ranked genes (best first) with per-gene evidence. */
export interface Ranking {
	genes: GeneResult[];
	/** All genes' combined ln LR by symbol (for validation: rank of any gene). */
	rankOf(gene: string): number | null;
	/** The rank counting every gene tied with it (same combined ln LR) as above it: the pessimistic rank validation reports beside rankOf. */
	worstRankOf(gene: string): number | null;
	unknownTerms: string[];
	ignoredTerms: string[];
}

/** Rank genes for a phenotype and (optionally) candidate variants. */
export async function rankGenes(kb: RareKb, query: PhenotypeQuery, options: RankOptions): Promise<Ranking> {
	const P = options.genotypeParams ?? GENOTYPE_PARAMS;
	const ann = options.annotations ?? kb.annotations;
	const o = kb.ontology;
	const unknownTerms: string[] = [];
	const toIdx = (ids: string[]) =>
		ids
			.map((id) => {
				const i = o.indexOf(id);
				if (i < 0) unknownTerms.push(id);
				return i;
			})
			.filter((i) => i >= 0);
	const obsIdx = toIdx(query.observed);
	const exIdx = toIdx(query.excluded);
	const prepared = prepareQuery(o, obsIdx, exIdx);
	const kept = new Set([...prepared.observed, ...prepared.excluded]);
	const ignoredTerms = [...obsIdx, ...exIdx].filter((i) => !kept.has(i) && !prepared.observed.some((q) => o.ancestors[q].includes(i))).map((i) => o.idOf(i));
	const pheno = options.phenotype ?? scorePhenotype(o, ann, prepared, options.phenotypeParams ?? PHENOTYPE_PARAMS);
	// phenotype only: the GRCh38 models still give every gene's constraint (the same in both builds)
	const models = await kb.genes(options.build ?? 'GRCh38');
	const haveGenome = options.candidates !== null;
	const family = !!options.candidates?.some((v) => v.segregation);
	const byGene = new Map<string, CandidateVariant[]>();
	for (const v of options.candidates ?? []) {
		const l = byGene.get(v.gene);
		if (l) l.push(v);
		else byGene.set(v.gene, [v]);
	}
	interface Entry {
		gene: string;
		combined: number;
		pheno: number;
		geno: number;
		inh: number;
		vscore: number | null;
		best: { d: number; fit: ModeFit | null; combined: number }[];
		variants: CandidateVariant[];
		inheritance: string[];
		/** Names of its annotated diseases when it ranks as a possible new disease of the gene. */
		known?: string[];
	}
	const entries: Entry[] = [];
	/** Entry of a gene ranked without a (fitting) annotated disease: phenotype prior + its novel fit. */
	const novelEntry = (gene: string, scored: { v: CandidateVariant; s: number }[], phenoLn: number, { fit, geno }: { fit: ModeFit; geno: number }, known?: string[]): Entry => ({
		gene,
		combined: phenoLn + geno,
		pheno: phenoLn,
		geno: options.absentIsUnknown ? geno - fit.inheritanceLn : fitScoreLn(fit, P),
		inh: fit.inheritanceLn,
		vscore: fit.score,
		best: [{ d: -1, fit, combined: phenoLn + geno }],
		known,
		variants: scored.sort((a, b) => b.s - a.s).map((x) => x.v),
		inheritance: fit.patterns.length ? fit.patterns : fit.score > 0 ? [MODE_NAMES[fit.mode] ?? fit.mode] : []
	});
	for (const [gene, dIdx] of ann.byGene) {
		const model = models?.bySymbol.get(gene);
		const scored = (byGene.get(gene) ?? []).map((v) => ({ v, s: variantScore(v, model, P) }));
		const perDisease = dIdx.map((d) => {
			const dz: Disease = ann.diseases[d];
			let fit: ModeFit | null = null;
			let geno = 0;
			if (haveGenome) {
				const modes = dz.modes.filter((m) => m in MODE_PATTERNS);
				// a multi-gene deletion/duplication syndrome is not explained by a small variant in one of its genes
				const pool = P.contiguousFactor < 1 && isContiguousGeneSyndrome(dz) ? scored.map((x) => (x.v.consequence === 'transcript_ablation' ? x : { v: x.v, s: x.s * P.contiguousFactor })) : scored;
				const fits = (modes.length ? modes : ['AD', 'AR']).map((m) => fitMode(m, pool, query.sex, family, P));
				fits.sort((a, b) => modeLn(b, P) - modeLn(a, P));
				fit = fits[0];
				geno = options.absentIsUnknown ? Math.max(0, modeLn(fit, P) - P.gamma * Math.log(P.minScore) - P.gamma * Math.log(20)) : modeLn(fit, P);
			}
			return { d, fit, combined: pheno.logLR[d] + geno, geno: geno - (fit?.inheritanceLn ?? 0) };
		});
		perDisease.sort((a, b) => b.combined - a.combined);
		const top = perDisease[0];
		let geneCombined = top.combined;
		if (P.aggregate === 1 && perDisease.length > 1) {
			let z = 0;
			for (const x of perDisease) z += Math.exp(x.combined - top.combined);
			geneCombined = top.combined + Math.log(z / perDisease.length);
		}
		// a disease of this gene that the annotations do not have yet (allelic series, phenotype expansion)
		if (haveGenome && scored.length && Number.isFinite(P.novelDiseasePrior)) {
			const phenoLn = P.novelDiseasePrior + P.unannotatedPerTerm * prepared.observed.length;
			const novel = novelFit(scored, model, query.sex, family, P, !!options.absentIsUnknown);
			if (phenoLn + novel.geno > geneCombined) {
				entries.push(novelEntry(gene, scored, phenoLn, novel, perDisease.slice(0, 3).map((x) => ann.diseases[x.d].name)));
				continue;
			}
		}
		const fit = top.fit;
		const inheritance = fit
			? fit.patterns.length
				? fit.patterns
				: fit.score > 0
					? [MODE_NAMES[fit.mode] ?? fit.mode]
					: []
			: [...new Set(ann.diseases[top.d].modes.map((m) => MODE_NAMES[m] ?? m))];
		entries.push({
			gene,
			combined: geneCombined,
			pheno: pheno.logLR[top.d],
			geno: fit ? (options.absentIsUnknown ? top.geno : fitScoreLn(fit, P)) : 0,
			inh: fit ? fit.inheritanceLn : 0,
			vscore: haveGenome ? (fit?.score ?? 0) : null,
			best: perDisease.slice(0, 5),
			variants: scored.sort((a, b) => b.s - a.s).map((x) => x.v),
			inheritance
		});
	}
	// genes with candidate variants but no annotated disease: ranked on variants, inheritance fit and constraint
	if (haveGenome && Number.isFinite(P.unannotatedPrior)) {
		const phenoLn = P.unannotatedPrior + P.unannotatedPerTerm * prepared.observed.length;
		for (const [gene, list] of byGene) {
			if (ann.byGene.has(gene)) continue;
			const model = models?.bySymbol.get(gene);
			const scored = list.map((v) => ({ v, s: variantScore(v, model, P) }));
			entries.push(novelEntry(gene, scored, phenoLn, novelFit(scored, model, query.sex, family, P, !!options.absentIsUnknown)));
		}
	}
	entries.sort((a, b) => b.combined - a.combined || a.gene.localeCompare(b.gene));
	const maxC = entries.length ? entries[0].combined : 0;
	let z = 0;
	for (const e of entries) z += Math.exp(e.combined - maxC);
	const rankMap = new Map(entries.map((e, i) => [e.gene, i + 1]));
	/** 1-based position of the last entry tied with entry i. */
	const lastTied = new Int32Array(entries.length);
	for (let i = entries.length - 1; i >= 0; i--) lastTied[i] = i + 1 < entries.length && entries[i + 1].combined === entries[i].combined ? lastTied[i + 1] : i + 1;
	const topN = Math.max(1, options.top ?? 100);
	const genes: GeneResult[] = entries.slice(0, topN).map((e, i) => {
		const model = models?.bySymbol.get(e.gene);
		const unknowns: string[] = [];
		if (haveGenome) {
			if (!e.variants.length) unknowns.push('no qualifying variant was called in this gene');
			if (e.variants.some((v) => v.frequency === null)) unknowns.push('no population frequency for some variants');
			if (e.variants.some((v) => v.consequenceSource === 'coordinates' && v.consequence === 'coding_sequence_variant'))
				unknowns.push('coding SNV without sequence-level consequence (missense or synonymous unknown)');
			if (model?.rna === 'functional' && e.variants.some((v) => v.consequence === 'non_coding_transcript_exon_variant'))
				unknowns.push('non-coding RNA gene (the RNA itself is the gene product): a variant in its exon is scored like a splice-site variant, though which of its bases matter is not known here');
			else if (model?.rna === 'other' && e.variants.length)
				unknowns.push('non-coding RNA gene whose disease usually arises from dosage, imprinting or repeat expansion: a small variant in it is weak evidence');
			if (model && !model.rna && model.tier === 0 && options.build === 'GRCh38' && e.variants.some((v) => v.consequenceSource === 'coordinates'))
				unknowns.push('gene model is not the MANE Select transcript: coordinate-derived consequences are approximate');
			if (e.variants.length && e.best[0].fit && e.best[0].fit.mode === 'AR' && e.best[0].fit.used.length === 2 && !family)
				unknowns.push('two heterozygous variants: phase (compound heterozygous, in trans) not known from one genome');
		}
		if (e.best[0].d < 0 && e.known)
			unknowns.push(
				`its annotated disease${e.known.length > 1 ? 's' : ''} (${e.known.join('; ')}) do${e.known.length > 1 ? '' : 'es'} not fit this phenotype: ranked as a possible new disease of this gene (allelic series or phenotype expansion) on its variants, inheritance fit and constraint`
			);
		else if (e.best[0].d < 0)
			unknowns.push(`no disease annotation for this gene in ${ann.version === kb.annotations.version ? 'the built-in HPO annotations' : `the HPO annotations used (${ann.version})`}: ranked on its variants, inheritance fit and constraint only`);
		const diseases: DiseaseScore[] = e.best.filter((b) => b.d >= 0).map((b) => {
			const dz = ann.diseases[b.d];
			return {
				id: dz.id,
				name: dz.name,
				score: calibratedScore(Math.exp(b.combined - maxC) / z),
				phenotypeLogLR: pheno.logLR[b.d],
				modes: dz.modes.map((m) => MODE_NAMES[m] ?? m),
				matches: pheno.explain(b.d)
			};
		});
		return {
			gene: e.gene,
			rank: i + 1,
			score: calibratedScore(Math.exp(e.combined - maxC) / z),
			phenotypeScore: 1 / (1 + Math.exp(-e.pheno / 4)),
			variantScore: e.vscore,
			inheritance: e.inheritance,
			diseases,
			variants: e.variants.slice(0, 20),
			contributions: { phenotype: e.pheno, variants: e.geno, inheritance: e.inh },
			constraint: { pLI: model?.pLI ?? null, loeuf: model?.loeuf ?? null, haploinsufficiency: model?.haploinsufficiency ?? null },
			unknowns
		};
	});
	return {
		genes,
		rankOf: (g) => rankMap.get(g) ?? null,
		worstRankOf: (g) => {
			const r = rankMap.get(g);
			return r === undefined ? null : lastTied[r - 1];
		},
		unknownTerms,
		ignoredTerms
	};
}

/**
 * Platt calibration of the softmax share: p = σ(a · logit(share) + b), fitted on the "train"
 * phenopacket cohorts (both annotation releases) and checked on the unseen "test" cohorts
 * (docs/benchmarks.md: a gene scored 0.7 was the causal one about 70 % of the time).
 */
export const SCORE_CALIBRATION = { a: 0.258, b: -0.4754, fittedOn: 'phenopacket-store train cohorts (847 cases × 2 annotation releases; refitted in session 15 for the lower score of genes without a candidate variant)' };

/** Calibrated probability-like score from a gene's share of the softmax. */
export function calibratedScore(share: number): number {
	const p = Math.min(1 - 1e-12, Math.max(1e-12, share));
	const z = SCORE_CALIBRATION.a * Math.log(p / (1 - p)) + SCORE_CALIBRATION.b;
	return 1 / (1 + Math.exp(-z));
}

function modeLn(f: ModeFit, P: GenotypeParams): number {
	return fitScoreLn(f, P) + f.inheritanceLn;
}

/** γ·ln of a fit's variant score: floored at minScore, or absentScore when the gene has no candidate variant. */
function fitScoreLn(f: ModeFit, P: GenotypeParams): number {
	return P.gamma * Math.log(f.used.length ? Math.max(f.score, P.minScore) : P.absentScore);
}
