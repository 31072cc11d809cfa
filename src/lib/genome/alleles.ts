/**
 * Allele codes of `GenomeChunk` (see types.ts) and byte-level helpers shared by the parsers.
 */

/** Code → text for codes 1–6 (index 0 and 7 have no fixed text). */
export const ALLELE_TEXT = ['', 'A', 'C', 'G', 'T', 'D', 'I'] as const;

/**
 * Byte → allele code for single-character alleles of array formats; 0 means "no call" ('-', '0'),
 * 255 means "not an allele". Upper and lower case accepted.
 */
export const ARRAY_ALLELE_CODE: Uint8Array = (() => {
	const t = new Uint8Array(256).fill(255);
	const set = (ch: string, v: number) => {
		t[ch.charCodeAt(0)] = v;
		t[ch.toLowerCase().charCodeAt(0)] = v;
	};
	set('A', 1);
	set('C', 2);
	set('G', 3);
	set('T', 4);
	set('D', 5);
	set('I', 6);
	set('-', 0);
	set('0', 0);
	return t;
})();

/** Byte → code for single-base VCF alleles (A/C/G/T only; anything else is a "long" allele, 7). */
export const VCF_BASE_CODE: Uint8Array = (() => {
	const t = new Uint8Array(256).fill(7);
	'ACGT'.split('').forEach((ch, k) => {
		t[ch.charCodeAt(0)] = k + 1;
		t[ch.toLowerCase().charCodeAt(0)] = k + 1;
	});
	return t;
})();

/** ASCII bytes → string without TextDecoder overhead (short fields: IDs, alleles, contigs). */
export function asciiString(buf: Uint8Array, start: number, end: number): string {
	if (end - start > 4096) return new TextDecoder().decode(buf.subarray(start, end));
	let s = '';
	for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
	return s;
}
