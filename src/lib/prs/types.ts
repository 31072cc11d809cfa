/**
 * Public types of the polygenic-score domain: a parsed PGS Catalog scoring file (columnar), the
 * per-variant match log, and the result a page, the CLI and a sealed report show.
 */
import type { GenomeBuild } from '../genome/types';

/** Header facts of a PGS Catalog scoring file (format v2.0), all optional in the file. */
export interface ScoreHeader {
	formatVersion: string | null;
	pgsId: string | null;
	pgsName: string | null;
	traitReported: string | null;
	traitMapped: string | null;
	traitEfo: string | null;
	/** Build of `chr_name`/`chr_position` as stated (GRCh37/GRCh38/NCBI36/NR…), normalised when known. */
	genomeBuild: string | null;
	variantsNumber: number | null;
	weightType: string | null;
	pgpId: string | null;
	citation: string | null;
	license: string | null;
	/** Build of the harmonised `hm_chr`/`hm_pos` columns (`#HmPOS_build`). */
	hmPosBuild: string | null;
	hmPosDate: string | null;
	/** Every `#key=value` line of the header as read (for display; unknown keys kept). */
	raw: Record<string, string>;
}

/** Row flags of a scoring file (`ScoreFile.flags`). */
export const SCORE_FLAGS = {
	DOMINANT: 1,
	RECESSIVE: 2,
	HAPLOTYPE: 4,
	DIPLOTYPE: 8,
	/** The other allele came from `hm_inferOtherAllele`, not `other_allele`. */
	INFERRED_OTHER: 16
} as const;

/**
 * A parsed scoring file, one index per variant row, columnar (a 1M-variant file is ~40 MB, not
 * a million objects). Allele codes as in the genome domain: 1–4 = A/C/G/T, 7 = longer allele
 * whose text is in `longAlleles`, 0 = absent.
 */
export interface ScoreFile {
	header: ScoreHeader;
	/** Column names as they appear in the file. */
	columns: string[];
	/** Number of variant rows. */
	n: number;
	/** Chromosome index into CHROMOSOMES + 1 (0 = not stated) and position (0 = not stated), as authored. */
	chrom: Uint8Array;
	pos: Uint32Array;
	/** Harmonised chromosome / position (`hm_chr`/`hm_pos`), or null when the file has no such columns. */
	hmChrom: Uint8Array | null;
	hmPos: Uint32Array | null;
	/** Numeric rsID (`hm_rsID`, else `rsID`), 0 when none; for the match log only, never for matching. */
	rsid: Uint32Array;
	effect: Uint8Array;
	other: Uint8Array;
	/** Row → [effect text, other text] for rows with a code-7 allele. */
	longAlleles: Map<number, [string, string | null]>;
	effectWeight: Float64Array;
	flags: Uint8Array;
	/** dosage_0/1/2_weight per row (3 values per row, NaN when absent), or null without those columns. */
	dosageWeights: Float64Array | null;
	/** allelefrequency_effect per row (NaN when absent), or null without the column. */
	alleleFrequency: Float64Array | null;
	/** Rows whose `chr_name`/`hm_chr` named an unplaced contig or could not be read. */
	unplacedRows: number;
}

/** How one scoring-file variant ended up (the match log). */
export const MATCH_STATUS = {
	/** Genotype alleles are the effect/other alleles; VCF REF is the other allele. */
	SAME: 0,
	/** VCF REF is the effect allele (alleles swapped relative to REF/ALT). */
	SWAPPED: 1,
	/** Alleles match on the opposite strand. */
	FLIPPED: 2,
	/** Opposite strand and REF is the effect allele's complement. */
	FLIPPED_SWAPPED: 3,
	/** Strand-ambiguous (A/T, C/G), kept on request because the effect-allele frequency is far from 50 %. */
	AMBIGUOUS_KEPT: 4,
	/** Dropped: strand-ambiguous A/T or C/G. */
	AMBIGUOUS: 10,
	/** Dropped: more than two alleles at the position. */
	MULTIALLELIC: 11,
	/** Missing: the genome has no record at the position. */
	NOT_IN_FILE: 12,
	/** Missing: the genome has a record but no call. */
	NO_CALL: 13,
	/** Missing: the scoring row has no position in the genome's build (not harmonised). */
	NO_POSITION: 14,
	/** Missing: haplotype/diplotype rows (HLA, APOE) cannot be read from genotypes. */
	HAPLOTYPE: 15,
	/** Dropped: the genotype's alleles are neither the effect/other alleles nor their complements. */
	MISMATCHED: 16,
	/** Dropped: an insertion/deletion against an array's D/I calls (no sequence to compare). */
	ARRAY_INDEL: 17
} as const;

/** One of MATCH_STATUS. */
export type MatchStatusCode = (typeof MATCH_STATUS)[keyof typeof MATCH_STATUS];

/** The four counts of dropped variants the CLI and page show. */
export interface DroppedCounts {
	ambiguous: number;
	multiallelic: number;
	missing: number;
	mismatched: number;
}

/** A reference distribution for the score (normal approximation), or why there is none. */
export interface ReferenceDistribution {
	mean: number;
	sd: number;
	/** Where the allele frequencies came from and the assumptions (HWE, independence). */
	source: string;
}

/** The per-variant match log, columnar (index = scoring-file row). */
export interface MatchLog {
	status: Uint8Array;
	/** Effect-allele dosage used (0–2), −1 when not matched. */
	dosage: Int8Array;
	/** Weight contributed to the raw score (0 when not matched). */
	contribution: Float64Array;
}

/** Everything a page, a report and the CLI show for one score on one genome. */
export interface PrsResult {
	score: { id: string; name: string; trait: string; build: string; variants: number };
	/** Citation, licence and other header facts of the scoring file. */
	header: ScoreHeader;
	/** Which coordinates were used: the authored ones or the harmonised (`hm_*`) ones. */
	coordinates: 'authored' | 'harmonised';
	genome: { build: GenomeBuild; format: string; sample: string | null };
	matched: number;
	matchRate: number;
	dropped: DroppedCounts;
	/** Per-status counts (keys of MATCH_STATUS). */
	statusCounts: Record<string, number>;
	/** Null when the match rate is below the threshold (no score is reported). */
	rawScore: number | null;
	reference: ReferenceDistribution | null;
	/** 0–100 under the reference distribution, or null when there is no honest one. */
	percentile: number | null;
	/** Match rate below which no score is reported (0.75, as pgsc_calc's default min_overlap). */
	minMatchRate: number;
	keepAmbiguous: boolean;
	warnings: string[];
	/** Plain-language caveats that always apply (ancestry, missing ≠ reference, what a PGS is). */
	caveats: string[];
	log: MatchLog;
}
