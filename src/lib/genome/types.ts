/**
 * Public data types of the genome domain — the contract between the importer (src/lib/genome),
 * the store (src/lib/store) and every analysis (pgx, pk, rare, prs, share).
 *
 * Design: a genome is a set of per-chromosome columnar chunks (typed arrays), never one JS
 * object per variant. Chunks are plain structured-cloneable objects, so they cross worker
 * boundaries and go into IndexedDB as they are.
 */

/** Raw-data formats recognised by content. */
export type GenomeFormat = '23andme' | 'ancestry' | 'myheritage' | 'ftdna' | 'livingdna' | 'vcf';

/** Reference assemblies Qenome analyses. (NCBI36 files are refused at import.) */
export type GenomeBuild = 'GRCh37' | 'GRCh38';

/** Inferred chromosomal sex; 'unknown' when the data cannot tell. */
export type InferredSex = 'female' | 'male' | 'unknown';

/** Canonical chromosome names used everywhere in Qenome (no "chr" prefix). */
export type Chromosome =
	| '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '10' | '11' | '12'
	| '13' | '14' | '15' | '16' | '17' | '18' | '19' | '20' | '21' | '22'
	| 'X' | 'Y' | 'MT';

/** Canonical chromosome order. */
export const CHROMOSOMES: readonly Chromosome[] = [
	'1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12',
	'13', '14', '15', '16', '17', '18', '19', '20', '21', '22', 'X', 'Y', 'MT'
];

/**
 * One chromosome's variants, sorted by position, columnar. Index i across all arrays is one
 * variant record of the input.
 *
 * Allele codes (in `allele1`/`allele2`): 0 = no call / missing, 1 = A, 2 = C, 3 = G, 4 = T,
 * 5 = D (array deletion), 6 = I (array insertion), 7 = a longer or symbolic allele whose text is
 * in `longAlleles`. A haploid call has `allele2 = 0` and the HAPLOID flag.
 */
export interface GenomeChunk {
	chrom: Chromosome;
	/** 1-based positions on the profile's build, ascending (ties keep file order). */
	positions: Uint32Array;
	/** Numeric part of `rs` IDs; 0 when the record has no rsID (see `otherIds`). */
	rsids: Uint32Array;
	allele1: Uint8Array;
	allele2: Uint8Array;
	/** Bit flags per record: see GENOTYPE_FLAGS. */
	flags: Uint8Array;
	/** Sparse: record index → non-rs ID (e.g. "i3000001", "VG01S1234"). */
	otherIdIndex: Uint32Array;
	otherIds: string[];
	/** Sparse: record index → [allele1 text, allele2 text] for code-7 alleles (VCF indels). */
	longAlleleIndex: Uint32Array;
	longAlleles: [string, string][];
	/**
	 * REF allele code per record (VCF only; arrays have no REF column): 1–4 = A/C/G/T, 7 = longer
	 * REF whose text is in `refs`, 0 = unknown. Added by the importer alongside `refIndex`/`refs`.
	 */
	refCodes?: Uint8Array;
	/** Sparse: record index → REF allele text for VCF records whose REF has code 7. */
	refIndex?: Uint32Array;
	refs?: string[];
	/**
	 * Sparse, VCF only and only when the sample gives FORMAT/PS: record index → phase set of a
	 * phased call. A phased call absent here is in the default phase set (VCF spec).
	 */
	phaseSetIndex?: Uint32Array;
	phaseSets?: Uint32Array;
}

/** Per-record flag bits. */
export const GENOTYPE_FLAGS = {
	PHASED: 1,
	HAPLOID: 2,
	/** REF is known for this record (VCF). */
	HAS_REF: 4,
	/** The record was filtered (VCF FILTER not PASS or '.'). */
	FILTERED: 8,
	/** Another record at this position states a different genotype: read as not called (see conflicts.ts). */
	CONFLICT: 16,
	/**
	 * Half-call (VCF `./1`, `1/.`, `.|1`): one allele observed, the other missing. The observed
	 * allele is in `allele1` (`allele2` = 0); not a call for counts, but analyses that can use the
	 * observed allele (pharmacogenomics) read it from `GenotypeCall.partial`.
	 */
	HALF_CALL: 32,
	/** With HALF_CALL: the observed allele was the second one written in the GT (`./1`, `.|1`). */
	HALF_SECOND: 64
} as const;

/** Counts for one chromosome. */
export interface ChromosomeSummary {
	records: number;
	calls: number;
	noCalls: number;
	heterozygous: number;
}

/** Everything known about an imported genome except the variants themselves. */
export interface GenomeSummary {
	format: GenomeFormat;
	/** Format detail, e.g. "23andMe v5", "AncestryDNA V2", "VCFv4.2". */
	formatDetail: string;
	build: GenomeBuild;
	/** How the build was decided: marker positions, header, or both. */
	buildEvidence: string;
	sex: InferredSex;
	/** Data rows / records read from the file. */
	records: number;
	calls: number;
	noCalls: number;
	perChromosome: Partial<Record<Chromosome, ChromosomeSummary>>;
	/** Sample name (VCF) or null. */
	sample: string | null;
	/** Human-readable warnings shown with the profile (build disagreement, skipped rows...). */
	warnings: string[];
}

/** The result of an import: summary plus columnar chunks. */
export interface ParsedGenome {
	summary: GenomeSummary;
	chunks: GenomeChunk[];
	/** SHA-256 of the original file bytes (hex), computed while streaming. */
	sha256: string;
	/** Size of the original file in bytes. */
	bytes: number;
}

/** A genotype call at one site, decoded for analyses. */
export interface GenotypeCall {
	chrom: Chromosome;
	pos: number;
	/** rsID string like "rs4244285", or another ID, or null. */
	id: string | null;
	/** Allele texts: two for diploid, one for haploid; null when the site is present but not called. */
	alleles: string[] | null;
	/**
	 * Half-calls only (`alleles` is null): the two GT slots, the observed allele text in its slot
	 * and null for the missing one, e.g. `./1` → [null, "T"]. Absent for every other record.
	 */
	partial?: [string | null, string | null];
	phased: boolean;
	/**
	 * Phased calls only: the VCF FORMAT/PS phase set, or absent for the default set (a phased call
	 * without PS). Calls in different phase sets are not phased relative to each other.
	 */
	phaseSet?: number;
	/** REF allele when the input states it (VCF). */
	ref: string | null;
	/**
	 * True when the file lists this position more than once with different genotypes; `alleles`
	 * is then null (not called), so no analysis picks one of the contradicting records.
	 */
	conflict?: boolean;
}

/** Read access to a stored or parsed genome, used by every analysis. */
export interface GenomeView {
	readonly summary: GenomeSummary;
	/** Call for an rsID ("rs123" or 123); null when the input has no such record. */
	byRsid(rsid: string | number): GenotypeCall | null;
	/** Call at chrom:pos (profile build); null when the input has no record there. */
	byPosition(chrom: string, pos: number): GenotypeCall | null;
}

/** Progress of an import, reported from the worker. */
export interface ImportProgress {
	bytesRead: number;
	/** Bytes of the file read AND parsed (below bytesRead while a worker pool still holds some). */
	doneBytes?: number;
	totalBytes: number | null;
	records: number;
	stage: 'reading' | 'parsing' | 'indexing' | 'saving';
	/** During 'indexing' (and 'saving' when the caller reports it): the fraction of that stage done. */
	stageFraction?: number;
}

/**
 * Where a streamed import puts each chromosome as soon as it is final (the browser's genome
 * worker: straight into IndexedDB), so a whole genome is never held in memory at once. With a
 * sink, `importGenome` returns `chunks: []` and every chunk has gone to `put`.
 */
export interface ChunkSink {
	/** Take a final chunk (conflicts marked); the importer keeps nothing of it. Writes may lag. */
	put(chunk: GenomeChunk): void;
	/** Resolves once at most one chunk is still being written; rejects if a write failed. */
	drain(): Promise<void>;
	/** Give back (and forget) the chunk put for `chrom`: the file came back to that chromosome. */
	take(chrom: Chromosome): Promise<GenomeChunk>;
}

/** Options for an import. */
export interface ImportOptions {
	/** Streamed import: chromosomes go to the sink as they are finished (see ChunkSink). */
	sink?: ChunkSink;
	signal?: AbortSignal;
	onProgress?: (p: ImportProgress) => void;
	/** For multi-sample VCFs: the sample to import (required when there are several). */
	sample?: string;
	/** File name, used only for messages (never for format detection). */
	fileName?: string;
	/** Total size when known (File.size), for progress fractions. */
	totalBytes?: number;
	/**
	 * Workers that inflate and parse BGZF batches in parallel (see parallel.ts); without one a
	 * bgzipped VCF is read on the calling thread. The caller owns the pool (and closes it).
	 */
	bgzfPool?: import('./parallel').BgzfPool;
	/** SHA-256 factory for the file digest (default hash-wasm; Node passes its native hasher). */
	createHash?: () => Promise<import('./hasher').IncrementalHash>;
	/** CRC-32 factory for the container checks (default hash-wasm; Node passes zlib.crc32). */
	createCrc32?: import('./checksum').Crc32Factory;
}
