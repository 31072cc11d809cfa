/**
 * Chromosome names → canonical `Chromosome`, byte-level for the hot path.
 * Accepts "1".."22", "X", "Y", "MT"/"M", an optional "chr" prefix, PLINK/AncestryDNA numeric
 * codes 23 = X, 24 = Y, 25 = XY (pseudo-autosomal, stored on X), 26 = MT, and "XY".
 */
import { CHROMOSOMES, type Chromosome } from './types';
import { CASE_BIT, DIGIT_0, DIGIT_9, LOWER_C, LOWER_H, LOWER_R, UPPER_M, UPPER_T, UPPER_X, UPPER_Y } from './bytes';

/** Returned for "0", unplaced contigs, alts, decoys and anything unrecognised. */
export const UNPLACED = -1;

const X = 22;
const Y = 23;
const MT = 24;

/** Index into CHROMOSOMES for the name in `buf[start, end)`, or UNPLACED. */
export function chromosomeIndex(buf: Uint8Array, start: number, end: number): number {
	let s = start;
	if (end - s > 3 && (buf[s] | CASE_BIT) === LOWER_C && (buf[s + 1] | CASE_BIT) === LOWER_H && (buf[s + 2] | CASE_BIT) === LOWER_R) s += 3; // "chr"
	const len = end - s;
	if (len <= 0 || len > 2) return UNPLACED;
	const c0 = buf[s];
	if (c0 >= DIGIT_0 && c0 <= DIGIT_9) {
		let n = c0 - DIGIT_0;
		if (len === 2) {
			const c1 = buf[s + 1];
			if (c1 < DIGIT_0 || c1 > DIGIT_9) return UNPLACED;
			n = n * 10 + (c1 - DIGIT_0);
			if (c0 === DIGIT_0) return UNPLACED; // "01" style is not used by any vendor
		}
		if (n >= 1 && n <= 22) return n - 1;
		if (n === 23 || n === 25) return X;
		if (n === 24) return Y;
		if (n === 26) return MT;
		return UNPLACED;
	}
	const u0 = c0 & ~CASE_BIT;
	if (len === 1) {
		if (u0 === UPPER_X) return X;
		if (u0 === UPPER_Y) return Y;
		if (u0 === UPPER_M) return MT;
		return UNPLACED;
	}
	const u1 = buf[s + 1] & ~CASE_BIT;
	if (u0 === UPPER_M && u1 === UPPER_T) return MT; // MT
	if (u0 === UPPER_X && u1 === UPPER_Y) return X; // XY (PAR)
	return UNPLACED;
}

/** Canonical chromosome for a user-typed or file name ("chr7", "7", "X", "23"), or null. */
export function parseChromosomeName(name: string): Chromosome | null {
	const bytes = new TextEncoder().encode(name.trim());
	const k = chromosomeIndex(bytes, 0, bytes.length);
	return k === UNPLACED ? null : CHROMOSOMES[k];
}

/** Pseudo-autosomal regions of X per build (1-based inclusive), where males are diploid. */
export const X_PAR: Record<'GRCh37' | 'GRCh38', [number, number][]> = {
	GRCh37: [
		[60001, 2699520],
		[154931044, 155260560]
	],
	GRCh38: [
		[10001, 2781479],
		[155701383, 156030895]
	]
};

/** True when X:pos lies in a pseudo-autosomal region of `build`. */
export function inXPar(pos: number, build: 'GRCh37' | 'GRCh38'): boolean {
	for (const [a, b] of X_PAR[build]) if (pos >= a && pos <= b) return true;
	return false;
}
