/**
 * Conflicting duplicate records: one position listed twice with different genotypes (a merged
 * or hand-edited file, a chip listing a probe twice). Lookups used to take whichever record
 * came first in the file, so a Poor Metabolizer could read as Normal. Both records are marked
 * `CONFLICT`; `decodeRecord` reports such a position as not called (`conflict: true`), so every
 * analysis treats it as untested instead of guessing.
 */
import { GENOTYPE_FLAGS, type GenomeChunk } from './types';

/** True when records `i` and `j` of a chunk carry different genotypes (order-independent). */
function differ(c: GenomeChunk, i: number, j: number): boolean {
	const a1 = c.allele1[i];
	const a2 = c.allele2[i];
	const b1 = c.allele1[j];
	const b2 = c.allele2[j];
	if (a1 === 0 || b1 === 0) return false; // a no-call beside a call is missing data, not a contradiction
	if ((a1 === b1 && a2 === b2) || (a1 === b2 && a2 === b1)) return a1 === 7 || a2 === 7 ? longDiffer(c, i, j) : false;
	return true;
}

/** For long (code 7) alleles: compare their texts. */
function longDiffer(c: GenomeChunk, i: number, j: number): boolean {
	const li = indexOf(c.longAlleleIndex, i);
	const lj = indexOf(c.longAlleleIndex, j);
	if (li < 0 || lj < 0) return false;
	const [x1, x2] = c.longAlleles[li];
	const [y1, y2] = c.longAlleles[lj];
	return !((x1 === y1 && x2 === y2) || (x1 === y2 && x2 === y1));
}

/** Index of `v` in a sorted Uint32Array, or −1. */
function indexOf(a: Uint32Array, v: number): number {
	let lo = 0;
	let hi = a.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (a[mid] < v) lo = mid + 1;
		else hi = mid;
	}
	return lo < a.length && a[lo] === v ? lo : -1;
}

/** Same REF (VCF): records with different REF alleles are different variants (SNV vs indel), not duplicates. */
function sameRef(c: GenomeChunk, i: number, j: number): boolean {
	if (!c.refCodes) return true;
	if (c.refCodes[i] !== c.refCodes[j]) return false;
	if (c.refCodes[i] !== 7 || !c.refIndex || !c.refs) return true;
	return c.refs[indexOf(c.refIndex, i)] === c.refs[indexOf(c.refIndex, j)];
}

/**
 * Mark every record of a position-sorted chunk that shares its position (and REF) with a record
 * of a different genotype. Returns the number of such positions. One pass, O(records).
 */
export function markConflicts(chunk: GenomeChunk): number {
	const pos = chunk.positions;
	const n = pos.length;
	let conflicts = 0;
	let start = 0;
	while (start < n) {
		let end = start + 1;
		while (end < n && pos[end] === pos[start]) end++;
		if (end - start > 1) {
			let found = false;
			for (let i = start; i < end && !found; i++)
				for (let j = i + 1; j < end && j - i < 64; j++)
					if (sameRef(chunk, i, j) && differ(chunk, i, j)) {
						found = true;
						break;
					}
			if (found) {
				conflicts++;
				for (let i = start; i < end; i++) chunk.flags[i] |= GENOTYPE_FLAGS.CONFLICT;
			}
		}
		start = end;
	}
	return conflicts;
}
