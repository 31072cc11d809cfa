/**
 * Public types of the rare-disease domain: the phenotype query, candidate variants (which a family
 * analysis may annotate with segregation), and the ranked result every consumer (page, CLI, report,
 * bundle, FHIR/phenopacket export) reads.
 */

import type { SecondaryReport } from './secondary';

/** Reference builds the gene models exist for. */
export type RareBuild = 'GRCh37' | 'GRCh38';

/** Stated sex of the patient (drives X-linked compatibility); 'unknown' assumes nothing. */
export type RareSex = 'male' | 'female' | 'unknown';

/** The patient's phenotype: observed and explicitly excluded HPO terms ("HP:0001250"). */
export interface PhenotypeQuery {
	observed: string[];
	excluded: string[];
	sex: RareSex;
}

/** Zygosity of a called variant in the analysed person. */
export type Zygosity = 'het' | 'hom' | 'hemi';

/** Sequence-level consequence classes, most severe first (Sequence Ontology names). */
export type ConsequenceClass =
	| 'transcript_ablation'
	| 'frameshift_variant'
	| 'stop_gained'
	| 'splice_acceptor_variant'
	| 'splice_donor_variant'
	| 'start_lost'
	| 'stop_lost'
	| 'inframe_insertion'
	| 'inframe_deletion'
	| 'missense_variant'
	| 'coding_sequence_variant'
	| 'splice_region_variant'
	| 'synonymous_variant'
	| '5_prime_UTR_variant'
	| '3_prime_UTR_variant'
	| 'non_coding_transcript_exon_variant'
	| 'intron_variant'
	| 'upstream_gene_variant'
	| 'downstream_gene_variant'
	| 'intergenic_variant';

/**
 * Inheritance patterns a family analysis (issue 13) can attach to a variant or a gene. The scorer
 * maps them onto disease modes: de novo / dominant → AD/XD, recessive homozygous / compound
 * heterozygous → AR, X-linked → XR/XD/XL.
 */
export type SegregationPattern = 'de novo' | 'recessive homozygous' | 'compound heterozygous' | 'X-linked' | 'dominant';

/** What a family analysis says about one variant. */
export interface VariantSegregation {
	/** Patterns this variant fits across the pedigree (empty = fits none). */
	patterns: SegregationPattern[];
	/** False when the pedigree contradicts it being causal (e.g. an unaffected sibling is homozygous). */
	consistent: boolean;
	/** Genotype of each family member at this site ("0/1", "1/1", "./."), by member id. */
	memberGenotypes?: Record<string, string>;
}

/** ClinVar assertion for one variant (from a user-supplied ClinVar VCF). */
export interface ClinVarAssertion {
	/** Simplified class. */
	significance: 'pathogenic' | 'likely_pathogenic' | 'uncertain' | 'likely_benign' | 'benign' | 'conflicting' | 'other';
	/** Review stars 0–4 from CLNREVSTAT. */
	stars: number;
	/** The CLNSIG text as published. */
	clnsig: string;
	/** ClinVar variation id. */
	id: string;
}

/**
 * One variant the scorer considers, already assigned to a gene. Produced by `readCandidates`
 * (single VCF) or by a family analysis, which may add `segregation`.
 */
export interface CandidateVariant {
	/** Chromosome without "chr" (1–22, X, Y, MT). */
	chrom: string;
	/** 1-based position on `build`. */
	pos: number;
	ref: string;
	alt: string;
	/** "0/1", "1/1", "1" … as called (normalised to this ALT = 1). */
	genotype: string;
	zygosity: Zygosity;
	gene: string;
	consequence: ConsequenceClass;
	/** Where the consequence came from: the VCF's own annotation, or derived from coordinates. */
	consequenceSource: 'vcf-annotation' | 'coordinates';
	/** Population allele frequency when known (max over the sources present), else null. */
	frequency: number | null;
	/** Which field the frequency came from ("gnomADe_AF", "AF (1000 Genomes)", …). */
	frequencySource: string | null;
	clinvar: ClinVarAssertion | null;
	/** VCF FILTER was not PASS/"." */
	filtered: boolean;
	/** Optional family annotation (issue 13). */
	segregation?: VariantSegregation;
}

/** One matched query term against one disease annotation. */
export interface TermMatch {
	/** Query term id. */
	query: string;
	queryName: string;
	/** The disease annotation it matched (the same term, a descendant or a shared ancestor). */
	matched: string | null;
	matchedName: string | null;
	/**
	 * How: exact/implied (the disease has the term or a more specific one), partial (shared ancestor),
	 * none, contradicted (the disease is annotated NOT to have it — `matched` names that annotation).
	 */
	kind: 'exact' | 'partial' | 'none' | 'contradicted' | 'excluded-absent' | 'excluded-present';
	/** Natural-log likelihood ratio this term contributes. */
	logLR: number;
}

/** A disease of a ranked gene with its phenotype evidence. */
export interface DiseaseScore {
	id: string;
	name: string;
	/** Combined probability-like score for this disease (same scale as the gene's score). */
	score: number;
	/** ln LR of the phenotype for this disease. */
	phenotypeLogLR: number;
	/** Modes of inheritance annotated for the disease. */
	modes: string[];
	/** Per query term evidence. */
	matches: TermMatch[];
}

/** One ranked gene. */
export interface GeneResult {
	gene: string;
	rank: number;
	/** Calibrated probability that this gene explains the case (softmax over all genes of the combined ln LR, Platt-calibrated on validation cases). */
	score: number;
	/** Phenotype score in [0,1]: best disease's phenotype likelihood mapped by logistic(ln LR / 2). */
	phenotypeScore: number;
	/** Variant score in [0,1] for the best compatible mode (0 without variants; null when no VCF). */
	variantScore: number | null;
	/** Inheritance the evidence fits: disease modes ("autosomal recessive") or family patterns. */
	inheritance: string[];
	diseases: DiseaseScore[];
	variants: CandidateVariant[];
	/** ln LR contributions that make up the score (for the contribution plot). */
	contributions: { phenotype: number; variants: number; inheritance: number };
	constraint: { pLI: number | null; loeuf: number | null; haploinsufficiency: number | null };
	/** What could not be assessed for this gene. */
	unknowns: string[];
}

/** The full result of one analysis. */
export interface RareResult {
	/** Versioned result kind for bundles and reports. */
	kind: 'rare-disease';
	version: 1;
	created: string;
	hpo: { version: string; annotations: string; attribution: string };
	build: RareBuild | null;
	query: PhenotypeQuery;
	/** Input description (file name, sample, format) when a genome was given. */
	input: { file: string | null; sample: string | null; format: 'vcf' | 'array' | null; variantsConsidered: number; records: number };
	genes: GeneResult[];
	warnings: string[];
	/** Method summary in plain words (for reports). */
	method: string;
	/** User-supplied reference data used besides the built-in knowledge (ClinVar, gnomAD), with their releases. */
	references?: { name: string; version: string }[];
	/** Opt-in ACMG SF v3.3 secondary findings / carrier screening; absent unless the person chose them. */
	secondary?: SecondaryReport;
}

/** Progress of an analysis (worker → page). */
export interface RareProgress {
	stage: 'knowledge' | 'reading' | 'scoring';
	fraction: number | null;
	records?: number;
}
