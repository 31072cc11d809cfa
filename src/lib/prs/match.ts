/**
 * Matching scoring-file variants to a genome, as pgsc_calc does (pgscatalog.match): by chromosome
 * and position in the genome's build — never by rsID alone — then by alleles in priority order:
 * same orientation (genotype alleles ⊆ {effect, other}; with a VCF REF: REF = other → "same",
 * REF = effect → "swapped"), then the opposite strand (complements; "flipped" / "flipped-swapped").
 * Strand-ambiguous pairs (A/T, C/G) and multi-allelic positions are dropped by default; rows whose
 * alleles fit neither strand are "mismatched" (a different build or a different variant).
 *
 * Without an other allele (pgsc_calc's `no_oa_*` matches): the effect allele (or its complement)
 * in the genotype decides the strand; a genotype holding both a base and its complement is
 * ambiguous; a homozygous call of a base that is neither the effect allele nor its complement
 * carries no copy on either strand (dosage 0).
 *
 * Hot path over typed arrays: one binary search per variant in the chromosome's sorted positions.
 */
import { CHROMOSOMES, GENOTYPE_FLAGS, type GenomeChunk, type GenomeSummary } from '../genome/types';
import { MATCH_STATUS, SCORE_FLAGS, type MatchLog, type ScoreFile } from './types';

/** What matching reads from a genome: its summary and columnar chunks. */
export interface PrsTarget {
	summary: GenomeSummary;
	chunks: GenomeChunk[];
}

/** Options of `matchScore`. */
export interface MatchOptions {
	/** Keep strand-ambiguous variants whose effect-allele frequency is far from 50 % (see AMBIGUOUS_AF_MARGIN). */
	keepAmbiguous?: boolean;
	/** Use the harmonised `hm_chr`/`hm_pos` columns instead of the authored ones. */
	harmonised?: boolean;
	signal?: AbortSignal;
	onProgress?: (fraction: number) => void;
}

/**
 * An ambiguous variant is kept (with --keep-ambiguous) only when its effect-allele frequency is
 * outside 0.5 ± this margin: there, a strand error in the file would show up as a frequency
 * inversion, so the forward-strand convention of both files can be trusted. Near 50 % it cannot.
 */
export const AMBIGUOUS_AF_MARGIN = 0.1;

const COMP = new Uint8Array([0, 4, 3, 2, 1, 0, 0, 0]); // A<->T, C<->G

/** Lower bound in a sorted Uint32Array. */
function lowerBound(arr: Uint32Array, x: number): number {
	let lo = 0;
	let hi = arr.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (arr[mid] < x) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Sparse side-table lookup (index sorted ascending). */
function sparse(index: Uint32Array | undefined, i: number): number {
	if (!index || index.length === 0) return -1;
	const k = lowerBound(index, i);
	return k < index.length && index[k] === i ? k : -1;
}

/** Weight contributed by `dosage` copies of the effect allele for row `r`. */
export function contributionOf(score: ScoreFile, r: number, dosage: number): number {
	if (score.dosageWeights) {
		const w = score.dosageWeights[r * 3 + dosage];
		if (Number.isFinite(w)) return w;
	}
	const f = score.flags[r];
	const w = score.effectWeight[r];
	if (f & SCORE_FLAGS.DOMINANT) return dosage >= 1 ? w : 0;
	if (f & SCORE_FLAGS.RECESSIVE) return dosage === 2 ? w : 0;
	return w * dosage;
}

/** Long-allele texts of record i of a chunk: [allele1, allele2] (codes 1–6 as letters). */
function genotypeTexts(chunk: GenomeChunk, i: number): [string, string | null] {
	const L = ['', 'A', 'C', 'G', 'T', 'D', 'I'];
	const a1 = chunk.allele1[i];
	const a2 = chunk.allele2[i];
	const k = a1 === 7 || a2 === 7 ? sparse(chunk.longAlleleIndex, i) : -1;
	const t1 = a1 === 7 ? (k >= 0 ? chunk.longAlleles[k][0] : '?') : L[a1];
	const t2 = a2 === 0 ? null : a2 === 7 ? (k >= 0 ? chunk.longAlleles[k][1] : '?') : L[a2];
	return [t1.toUpperCase(), t2 === null ? null : t2.toUpperCase()];
}

/** REF text of record i, or null. */
function refText(chunk: GenomeChunk, i: number): string | null {
	if (!(chunk.flags[i] & GENOTYPE_FLAGS.HAS_REF) || !chunk.refCodes) return null;
	const rc = chunk.refCodes[i];
	if (rc === 0) return null;
	if (rc !== 7) return 'ACGT'[rc - 1];
	const k = sparse(chunk.refIndex, i);
	return k >= 0 && chunk.refs ? chunk.refs[k].toUpperCase() : null;
}

/**
 * Match every scoring-file variant to the genome. Returns the per-variant log; `contribution`
 * holds each matched variant's weighted dosage.
 */
export function matchScore(score: ScoreFile, target: PrsTarget, options: MatchOptions = {}): MatchLog {
	const n = score.n;
	const status = new Uint8Array(n);
	const dosage = new Int8Array(n).fill(-1);
	const contribution = new Float64Array(n);
	const byChrom: (GenomeChunk | undefined)[] = new Array(CHROMOSOMES.length + 1);
	for (const c of target.chunks) byChrom[CHROMOSOMES.indexOf(c.chrom) + 1] = c;
	const chromCol = options.harmonised ? score.hmChrom! : score.chrom;
	const posCol = options.harmonised ? score.hmPos! : score.pos;
	const af = score.alleleFrequency;
	const keepAmb = options.keepAmbiguous === true;
	const step = 65536;
	for (let r = 0; r < n; r++) {
		if (options.onProgress && (r & (step - 1)) === 0) {
			if (options.signal?.aborted) break;
			options.onProgress(r / n);
		}
		const sf = score.flags[r];
		if (sf & (SCORE_FLAGS.HAPLOTYPE | SCORE_FLAGS.DIPLOTYPE)) {
			status[r] = MATCH_STATUS.HAPLOTYPE;
			continue;
		}
		const ci = chromCol[r];
		const p = posCol[r];
		if (ci === 0 || p === 0) {
			status[r] = MATCH_STATUS.NO_POSITION;
			continue;
		}
		const chunk = byChrom[ci];
		if (!chunk) {
			status[r] = MATCH_STATUS.NOT_IN_FILE;
			continue;
		}
		const positions = chunk.positions;
		const k = lowerBound(positions, p);
		if (k >= positions.length || positions[k] !== p) {
			status[r] = MATCH_STATUS.NOT_IN_FILE;
			continue;
		}
		// several records at one position: multi-allelic unless they are the same call repeated
		let multi = false;
		for (let j = k + 1; j < positions.length && positions[j] === p; j++) {
			if (chunk.allele1[j] !== chunk.allele1[k] || chunk.allele2[j] !== chunk.allele2[k]) multi = true;
		}
		if (multi) {
			status[r] = MATCH_STATUS.MULTIALLELIC;
			continue;
		}
		const g1 = chunk.allele1[k];
		let g2 = chunk.allele2[k];
		if (g1 === 0) {
			status[r] = MATCH_STATUS.NO_CALL;
			continue;
		}
		if (chunk.flags[k] & GENOTYPE_FLAGS.HAPLOID) g2 = 0;
		const e = score.effect[r];
		const o = score.other[r];
		const ref = chunk.flags[k] & GENOTYPE_FLAGS.HAS_REF && chunk.refCodes ? chunk.refCodes[k] : 0;
		if (e === 7 || o === 7 || g1 >= 5 || g2 >= 5 || ref === 7) {
			// insertions/deletions and long alleles: exact text, no strand flipping
			if (g1 === 5 || g1 === 6 || g2 === 5 || g2 === 6) {
				status[r] = MATCH_STATUS.ARRAY_INDEL;
				continue;
			}
			const pair = score.longAlleles.get(r);
			const ea = pair ? pair[0] : 'ACGT'[e - 1];
			const oa = pair ? pair[1] : o > 0 ? 'ACGT'[o - 1] : null;
			const [t1, t2] = genotypeTexts(chunk, k);
			const rt = refText(chunk, k);
			const set = new Set([t1, ...(t2 !== null ? [t2] : []), ...(rt ? [rt] : [])]);
			if (set.size > 2) {
				status[r] = MATCH_STATUS.MULTIALLELIC;
				continue;
			}
			let ok = true;
			if (oa !== null) for (const t of set) ok &&= t === ea || t === oa;
			else ok = set.has(ea) || set.size === 1;
			if (!ok) {
				status[r] = MATCH_STATUS.MISMATCHED;
				continue;
			}
			const d = (t1 === ea ? 1 : 0) + (t2 === ea ? 1 : 0);
			status[r] = rt !== null && rt === ea ? MATCH_STATUS.SWAPPED : MATCH_STATUS.SAME;
			dosage[r] = d;
			contribution[r] = contributionOf(score, r, d);
			continue;
		}
		// single-base alleles (codes 1–4)
		// distinct bases observed: genotype plus REF
		const mask = (1 << g1) | (g2 ? 1 << g2 : 0) | (ref ? 1 << ref : 0);
		let nBases = 0;
		for (let b = 1; b <= 4; b++) if (mask & (1 << b)) nBases++;
		if (nBases > 2) {
			status[r] = MATCH_STATUS.MULTIALLELIC;
			continue;
		}
		const ce = COMP[e];
		let flipped = false;
		if (o !== 0) {
			const co = COMP[o];
			const same = (mask & ~((1 << e) | (1 << o))) === 0;
			const flip = (mask & ~((1 << ce) | (1 << co))) === 0;
			if (o === ce) {
				// A/T or C/G: the strand cannot be told from the alleles
				const p0 = af ? af[r] : NaN;
				if (keepAmb && Number.isFinite(p0) && Math.abs(p0 - 0.5) > AMBIGUOUS_AF_MARGIN && same) {
					status[r] = MATCH_STATUS.AMBIGUOUS_KEPT;
				} else {
					status[r] = MATCH_STATUS.AMBIGUOUS;
					continue;
				}
			} else if (same) {
				status[r] = ref !== 0 && ref === e ? MATCH_STATUS.SWAPPED : MATCH_STATUS.SAME;
			} else if (flip) {
				flipped = true;
				status[r] = ref !== 0 && ref === ce ? MATCH_STATUS.FLIPPED_SWAPPED : MATCH_STATUS.FLIPPED;
			} else {
				status[r] = MATCH_STATUS.MISMATCHED;
				continue;
			}
		} else {
			const hasE = (mask & (1 << e)) !== 0;
			const hasCE = (mask & (1 << ce)) !== 0;
			if (hasE && hasCE) {
				const p0 = af ? af[r] : NaN;
				if (keepAmb && Number.isFinite(p0) && Math.abs(p0 - 0.5) > AMBIGUOUS_AF_MARGIN) status[r] = MATCH_STATUS.AMBIGUOUS_KEPT;
				else {
					status[r] = MATCH_STATUS.AMBIGUOUS;
					continue;
				}
			} else if (hasE) {
				status[r] = ref !== 0 && ref === e ? MATCH_STATUS.SWAPPED : MATCH_STATUS.SAME;
			} else if (hasCE) {
				flipped = true;
				status[r] = ref !== 0 && ref === ce ? MATCH_STATUS.FLIPPED_SWAPPED : MATCH_STATUS.FLIPPED;
			} else if (nBases === 1) {
				// carries no copy of the effect allele on either strand
				status[r] = ref !== 0 && ref === e ? MATCH_STATUS.SWAPPED : MATCH_STATUS.SAME;
			} else {
				status[r] = MATCH_STATUS.MISMATCHED;
				continue;
			}
		}
		const eff = flipped ? ce : e;
		const d = (g1 === eff ? 1 : 0) + (g2 === eff ? 1 : 0);
		dosage[r] = d;
		contribution[r] = contributionOf(score, r, d);
	}
	options.onProgress?.(1);
	return { status, dosage, contribution };
}

/** True for the statuses that count as matched. */
export function isMatched(status: number): boolean {
	return status <= MATCH_STATUS.AMBIGUOUS_KEPT;
}
