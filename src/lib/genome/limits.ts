/**
 * Safety limits of the importer. They refuse hostile or absurd input (decompression bombs,
 * endless lines, impossible record counts) with `too-large` BEFORE memory runs out, while
 * leaving ample room for real files: a 30x whole-genome VCF is ~5–6M records and ~1.5 GB of
 * text; consumer array files are < 1M rows and < 40 MB.
 */
export const LIMITS = {
	/** Longest accepted line (bytes). VCF header/INFO lines are far shorter in practice. */
	maxLineBytes: 1024 * 1024,
	/** Largest accepted decompressed text (bytes): 16 GiB. */
	maxDecompressedBytes: 16 * 1024 ** 3,
	/**
	 * Largest accepted expansion ratio once more than `ratioCheckAfterBytes` came out of the
	 * decompressor. Genome text compresses 3–12x with gzip; 100x means a crafted file.
	 */
	maxCompressionRatio: 100,
	/**
	 * The ratio is checked (against the file bytes read so far, at every nesting level, per
	 * 4 KiB of compressed input) once this much text came out: small enough that a bomb is
	 * refused before its text costs parsing time, large enough for highly compressible headers.
	 */
	ratioCheckAfterBytes: 16 * 1024 * 1024,
	/** Most records accepted in one file (a WGS VCF has ~5M; gVCFs are refused far earlier by memory). */
	maxRecords: 40_000_000,
	/** A zip is read whole (its directory is at the end); largest zip accepted (bytes). */
	maxZipBytes: 1024 ** 3,
	/** Longest allele text kept (bytes); longer VCF alleles are shortened and counted in a warning. */
	maxAlleleText: 10_000,
	/** Most header/comment lines kept for format detection and build hints. */
	maxHeaderLines: 20_000
} as const;
