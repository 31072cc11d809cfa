/**
 * Shape of Qenome's own pharmacogenomics knowledge base (`static/kb/pgx.json`), written by
 * `scripts/build-kb.ts` from CPIC/PharmVar definitions (packaged by PharmCAT) and PyPGx tables.
 */

/** One source the knowledge base was converted from. */
export interface KbSource {
	name: string;
	version: string;
	licence: string;
	attribution: string;
	url: string;
}

/** One genomic position a gene definition uses. */
export interface KbSite {
	/** GRCh38 1-based position (VCF-style, indels anchored on the preceding base). */
	pos38: number;
	/** GRCh37 position when the GRCh37↔38 table maps it, else null (then matched by rsID only). */
	pos37: number | null;
	rsid: string | null;
	/** Reference base(s) on GRCh38 and GRCh37 (null when unknown). */
	ref38: string;
	ref37: string | null;
	/** Every allele text the definitions use at this site (VCF form). */
	alleles: string[];
	/** HGVS-style label, e.g. "g.94781859G>A". */
	label: string;
}

/** One named allele (star allele or named variant). */
export interface KbAllele {
	name: string;
	/** Site index → allele text (VCF form; IUPAC codes allowed). Sites not listed are reference. */
	defined: Record<string, string>;
	/** PharmCAT-style specificity score: number of sites the definition states. */
	score: number;
	/** Function from the CPIC allele function table, or null. */
	fn: string | null;
	/** Activity value when the gene uses activity scores, else null. */
	activity: number | null;
}

/** Result of looking up a diplotype's phenotype. */
export interface KbPhenotypeEntry {
	phenotype: string;
	activityScore: number | null;
	/** Key used by CPIC recommendations (the phenotype or the activity score text). */
	lookupKey: string;
}

/** Everything about one gene. */
export interface KbGene {
	gene: string;
	chrom: string;
	sites: KbSite[];
	/** Index 0 is the reference allele. */
	alleles: KbAllele[];
	/** Alleles the definitions ignore when matching (PharmCAT exemptions). */
	ignoredAlleles: string[];
	/** When unphased data fits several diplotypes in `list`, the curated `pick` (PharmCAT exemptions). */
	unphasedPriorities: { list: string[]; pick: string }[];
	/**
	 * Diplotype → phenotype: keyed by the two alleles' function lookup keys, sorted and joined
	 * with "|". Empty when the gene uses a rule instead (CYP2D6 score, G6PD, RYR1, DPYD).
	 */
	phenotypeByFunctions: Record<string, KbPhenotypeEntry>;
	/** Allele name → function lookup key used in `phenotypeByFunctions`. */
	lookupKeys: Record<string, string>;
	/** How phenotypes are assigned. */
	phenotypeMethod: 'functions' | 'activity-score' | 'g6pd' | 'ryr-cacna' | 'none';
	/** For activity-score genes: inclusive lower bounds → phenotype, ascending. */
	scoreBands: { min: number; max: number | null; phenotype: string }[];
	/** Version of the allele definition table. */
	version: string;
}

/** A single extra position a guideline needs outside allele definitions (e.g. rs12777823). */
export interface KbExtraSite extends KbSite {
	gene: string;
}

/** One recommendation row of a CPIC guideline. */
export interface KbRecommendation {
	/** Gene → lookup key (phenotype, activity score, or "*57:01 positive"). */
	lookup: Record<string, string>;
	population: string;
	classification: string;
	/** Index into `PgxKb.strings`. */
	text: number;
	/** Indexes into `PgxKb.strings`. */
	implications: number[];
	alternateDrug: boolean;
}

/** One drug with its guideline. */
export interface KbDrug {
	drug: string;
	genes: string[];
	guideline: string;
	url: string;
	/** "CPIC guideline annotation PA… v47 (2024-03-25)". */
	source: string;
	pmids: string[];
	recommendations: KbRecommendation[];
}

/** An HLA allele screened by a tag SNP. */
export interface KbHlaTag {
	gene: 'HLA-A' | 'HLA-B';
	allele: string;
	rsid: string;
	/** Allele (forward strand) that tags the HLA allele. */
	tagAllele: string;
	otherAllele: string;
	/** Positions are left null unless verified; lookups then go by rsID only. */
	pos37: number | null;
	pos38: number | null;
	/** Populations in which the tag was validated, and its known limits. */
	note: string;
}

/** An MT-RNR1 variant (mitochondrial, haploid). */
export interface KbMtVariant {
	name: string;
	pos: number;
	ref: string;
	alt: string;
	phenotype: string;
}

/** The whole knowledge base. */
export interface PgxKb {
	format: 1;
	/** Combined version string of the sources. */
	version: string;
	sources: KbSource[];
	genes: Record<string, KbGene>;
	extraSites: KbExtraSite[];
	hla: KbHlaTag[];
	mtRnr1: KbMtVariant[];
	drugs: KbDrug[];
	/** Interned recommendation and implication texts. */
	strings: string[];
}
