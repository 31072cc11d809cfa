/**
 * VCF 4.x record parser for one chosen sample.
 *
 * Hot-path choices (a WGS VCF has 5M+ records):
 * - Columns are found with `indexOf(9)` on the byte buffer; INFO, QUAL and the other samples are
 *   skipped without being decoded or split — INFO can be hundreds of bytes and is never needed.
 * - CHROM and FORMAT are compared byte-wise with the previous record and re-parsed only when
 *   they change (they almost never do between neighbouring records).
 * - The common case (single-base REF, one single-base ALT, GT first in FORMAT) touches a few bytes;
 *   strings are created only for indels/symbolic alleles, multi-allelic lookups and non-rs IDs.
 */
import type { ChunkBuilder } from './builder';
import { ALLELE_TEXT, VCF_BASE_CODE, asciiString } from './alleles';
import { parseDigits, parsePosition } from './arrays';
import { LIMITS } from './limits';
import { UNPLACED, chromosomeIndex } from './chromosomes';
import { ImportError } from './errors';
import { GENOTYPE_FLAGS } from './types';
import { CASE_BIT, COLON, COMMA, DIGIT_0, DIGIT_9, DOT, HASH, LOWER_R, LOWER_S, PIPE, SEMICOLON, SLASH, TAB, UPPER_A, UPPER_P, UPPER_S } from './bytes';

const F_HAS_REF = GENOTYPE_FLAGS.HAS_REF;
const F_PHASED = GENOTYPE_FLAGS.PHASED;
const F_HAPLOID = GENOTYPE_FLAGS.HAPLOID;
const F_HALF = GENOTYPE_FLAGS.HALF_CALL;
const F_HALF_SECOND = GENOTYPE_FLAGS.HALF_SECOND;
const F_FILTERED = GENOTYPE_FLAGS.FILTERED;

/**
 * Where parsed records go: the accumulator (serial import) or a worker's column batch
 * (parallel BGZF import, parallel.ts) — the same calls in the same order.
 */
export interface RecordSink {
	countRecord(): void;
	skippedUnplaced: number;
	skippedPositionZero: number;
	allelesShortened: number;
	builder(k: number): Pick<ChunkBuilder, 'add' | 'setRef' | 'setOtherId' | 'setLongAlleles' | 'setPhaseSet'>;
}

/** Sample names from the "#CHROM POS ID REF ALT QUAL FILTER INFO FORMAT s1 s2 …" line. */
export function vcfSamples(chromLine: string): string[] {
	const cols = chromLine.split('\t');
	return cols.length > 9 ? cols.slice(9).map((s) => s.trim()) : [];
}

/** Parses VCF data lines for the sample in column `9 + sampleIndex`. */
export class VcfParser {
	private readonly acc: RecordSink;
	/** 0-based index of the sample read, among the sample columns. */
	readonly sampleIndex: number;
	private prevChrom = new Uint8Array(256);
	private prevChromLen = -1;
	private prevK = UNPLACED;
	private prevFormat = new Uint8Array(256);
	private prevFormatLen = -1;
	private gtIndex = 0;
	/** Index of PS (phase set) in FORMAT, or -1: phase sets are read only when FORMAT has PS. */
	private psIndex = -1;
	private readonly tabs = new Int32Array(9);
	/** Interned short allele texts (≤ 6 bases), keyed by their packed bytes: one string per distinct indel. */
	private readonly alleleCache = new Map<number, string>();

	/** @param acc destination; @param sampleIndex 0-based index among the sample columns */
	constructor(acc: RecordSink, sampleIndex: number) {
		this.acc = acc;
		this.sampleIndex = sampleIndex;
	}

	/** Bytes equal to a cached copy? */
	private static same(buf: Uint8Array, s: number, e: number, cache: Uint8Array, len: number): boolean {
		if (e - s !== len) return false;
		for (let i = 0; i < len; i++) if (buf[s + i] !== cache[i]) return false;
		return true;
	}

	/** Column-count error. */
	private static columns(lineNo: number, n: number, need: number): never {
		throw new ImportError('column-count', `Line ${lineNo} of the VCF has ${n} columns; at least ${need} are needed (8 fixed, FORMAT and the sample).`, {
			line: lineNo
		});
	}

	/** Parse one record line. */
	line(buf: Uint8Array, s: number, e: number, lineNo: number): void {
		if (e <= s || buf[s] === HASH) return; // blank or stray header line
		const tabs = this.tabs;
		let p = s;
		for (let c = 0; c < 9; c++) {
			// Short columns: a plain loop beats the per-call cost of indexOf. INFO (c = 7) can be
			// hundreds of bytes: native indexOf.
			let t: number;
			if (c === 7) t = buf.indexOf(9, p);
			else {
				t = p;
				while (t < e && buf[t] !== TAB) t++;
				if (t === e) t = -1;
			}
			if (t < 0 || t >= e) {
				if (c === 0 && e - s < 3) return; // whitespace-only line
				VcfParser.columns(lineNo, c + 1, 10 + this.sampleIndex);
			}
			tabs[c] = t;
			p = t + 1;
		}
		this.acc.countRecord();
		// CHROM
		let k = this.prevK;
		if (!VcfParser.same(buf, s, tabs[0], this.prevChrom, this.prevChromLen)) {
			k = chromosomeIndex(buf, s, tabs[0]);
			const len = tabs[0] - s;
			if (len <= this.prevChrom.length) {
				this.prevChrom.set(buf.subarray(s, tabs[0]));
				this.prevChromLen = len;
			} else this.prevChromLen = -1;
			this.prevK = k;
		}
		if (k === UNPLACED) {
			this.acc.skippedUnplaced++;
			return;
		}
		const pos = parsePosition(buf, tabs[0] + 1, tabs[1], lineNo);
		if (pos === 0) {
			this.acc.skippedPositionZero++;
			return;
		}
		// sample column: skip to 9 + sampleIndex
		let ss = tabs[8] + 1;
		for (let j = 0; j < this.sampleIndex; j++) {
			const t = buf.indexOf(9, ss);
			if (t < 0 || t >= e) VcfParser.columns(lineNo, 10 + j, 10 + this.sampleIndex);
			ss = t + 1;
		}
		let se = ss;
		while (se < e && buf[se] !== TAB) se++;
		// FORMAT → index of GT
		const fs = tabs[7] + 1;
		const fe = tabs[8];
		if (!VcfParser.same(buf, fs, fe, this.prevFormat, this.prevFormatLen)) {
			const keys = asciiString(buf, fs, fe).split(':');
			this.gtIndex = keys.indexOf('GT');
			this.psIndex = keys.indexOf('PS');
			if (fe - fs <= this.prevFormat.length) {
				this.prevFormat.set(buf.subarray(fs, fe));
				this.prevFormatLen = fe - fs;
			} else this.prevFormatLen = -1;
		}
		// GT sub-field
		let gs = ss;
		let ge = se;
		if (this.gtIndex < 0) ge = gs; // no GT: present but not called
		else {
			for (let j = 0; j < this.gtIndex && gs < se; j++) {
				while (gs < se && buf[gs] !== COLON) gs++;
				gs++;
			}
			if (gs > se) gs = se;
			ge = gs;
			while (ge < se && buf[ge] !== COLON) ge++;
		}
		// parse GT: allele indices (-1 = missing, -2 = absent)
		let i1 = -1;
		let i2 = -2;
		let phased = false;
		let q = gs;
		if (q < ge) {
			if (buf[q] === DOT) {
				q++;
			} else {
				let v = 0;
				const q0 = q;
				while (q < ge && buf[q] >= DIGIT_0 && buf[q] <= DIGIT_9) v = v * 10 + buf[q++] - DIGIT_0;
				if (q === q0 || q - q0 > 6) this.badGt(buf, gs, ge, lineNo);
				i1 = v;
			}
			if (q < ge) {
				const sep = buf[q];
				if (sep === PIPE) phased = true;
				else if (sep !== SLASH) this.badGt(buf, gs, ge, lineNo);
				q++;
				if (q < ge && buf[q] === DOT) {
					i2 = -1;
					q++;
				} else {
					let v = 0;
					const q0 = q;
					while (q < ge && buf[q] >= DIGIT_0 && buf[q] <= DIGIT_9) v = v * 10 + buf[q++] - DIGIT_0;
					if (q === q0 || q - q0 > 6) this.badGt(buf, gs, ge, lineNo);
					i2 = v;
				}
				if (q < ge) this.badGt(buf, gs, ge, lineNo); // triploid or junk
			}
		}
		// alleles
		const rs = tabs[2] + 1;
		const re = tabs[3];
		const as = tabs[3] + 1;
		const ae = tabs[4];
		const refCode = re - rs === 1 ? VCF_BASE_CODE[buf[rs]] : 7;
		if (re <= rs) this.badVcf(lineNo, 'an empty REF allele');
		const simpleAlt = ae - as === 1; // one single-character ALT (or ".")
		let nAlleles = 1;
		if (!(ae - as === 1 && buf[as] === DOT)) {
			nAlleles = 2;
			if (!simpleAlt) for (let j = as; j < ae; j++) if (buf[j] === COMMA) nAlleles++;
		}
		if (i1 >= nAlleles || i2 >= nAlleles)
			throw new ImportError('bad-genotype', `Line ${lineNo}: the genotype refers to allele ${Math.max(i1, i2)}, but the record lists only ${nAlleles} alleles.`, {
				line: lineNo
			});
		let a1 = 0;
		let a2 = 0;
		let flags = F_HAS_REF;
		if (i1 >= 0 && i2 !== -1) {
			a1 = i1 === 0 ? refCode : simpleAlt ? VCF_BASE_CODE[buf[as]] : this.altCode(buf, as, ae, i1);
			if (i2 === -2) flags |= F_HAPLOID;
			else {
				a2 = i2 === 0 ? refCode : simpleAlt ? VCF_BASE_CODE[buf[as]] : this.altCode(buf, as, ae, i2);
				if (phased) flags |= F_PHASED;
			}
		} else if (i1 >= 0 || i2 >= 0) {
			// Half-call: keep the observed allele (allele1) and which GT slot it was in.
			const k = i1 >= 0 ? i1 : i2;
			a1 = k === 0 ? refCode : simpleAlt ? VCF_BASE_CODE[buf[as]] : this.altCode(buf, as, ae, k);
			flags |= F_HALF | (i1 < 0 ? F_HALF_SECOND : 0) | (phased ? F_PHASED : 0);
			i1 = k;
			i2 = -2;
		}
		// FILTER
		const ffs = tabs[5] + 1;
		const ffe = tabs[6];
		if (!(ffe - ffs === 1 && buf[ffs] === DOT) && !(ffe - ffs === 4 && buf[ffs] === UPPER_P && buf[ffs + 1] === UPPER_A && buf[ffs + 2] === UPPER_S && buf[ffs + 3] === UPPER_S))
			flags |= F_FILTERED;
		// ID
		const is = tabs[1] + 1;
		const ie = tabs[2];
		let rsid = 0;
		let other = false;
		if (!(ie - is === 1 && buf[is] === DOT) && ie > is) {
			if (ie - is > 2 && (buf[is] | CASE_BIT) === LOWER_R && (buf[is + 1] | CASE_BIT) === LOWER_S) {
				let de = is + 2;
				while (de < ie && buf[de] !== SEMICOLON) de++;
				rsid = parseDigits(buf, is + 2, de);
				if (rsid <= 0) {
					rsid = 0;
					other = true;
				}
			} else other = true;
		}
		const b = this.acc.builder(k);
		const i = b.add(pos, rsid, a1, a2, flags);
		// one string per long REF, shared by the REF table and the allele table
		const refText = refCode === 7 ? this.alleleText(buf, rs, re) : null;
		b.setRef(i, refCode, refText);
		if (other) b.setOtherId(i, asciiString(buf, is, Math.min(ie, is + 64)));
		if (this.psIndex >= 0 && flags & F_PHASED) {
			const ps = VcfParser.phaseSet(buf, ss, se, this.psIndex);
			if (ps >= 0) b.setPhaseSet(i, ps);
		}
		if (a1 === 7 || a2 === 7) {
			const t1 = a1 !== 7 ? ALLELE_TEXT[a1] : i1 === 0 ? refText! : this.altText(buf, as, ae, i1);
			const t2 = a2 === 0 ? '' : a2 !== 7 ? ALLELE_TEXT[a2] : i2 === 0 ? refText! : i2 === i1 ? t1 : this.altText(buf, as, ae, i2);
			b.setLongAlleles(i, t1, t2);
		}
	}

	/**
	 * Allele text of `buf[s, e)`. Short alleles (the vast majority of indels) are interned: a WGS
	 * file repeats the same few thousand short indel texts hundreds of thousands of times, and
	 * one shared string each keeps the long-allele tables small (peak-memory target).
	 */
	private alleleText(buf: Uint8Array, s: number, e: number): string {
		const len = e - s;
		if (len > 6) {
			if (len > LIMITS.maxAlleleText) this.acc.allelesShortened++;
			return asciiString(buf, s, Math.min(e, s + LIMITS.maxAlleleText));
		}
		let key = len;
		for (let i = s; i < e; i++) key = key * 256 + buf[i];
		let text = this.alleleCache.get(key);
		if (text === undefined) {
			text = asciiString(buf, s, e);
			if (this.alleleCache.size < 100_000) this.alleleCache.set(key, text);
		}
		return text;
	}

	/** End of the ALT allele found by the last `altStart` (a field, not a returned pair: no allocation per record). */
	private altEnd = 0;

	/** Start of ALT allele `idx` (1-based) within `buf[as, ae)`; its end is left in `altEnd`. */
	private altStart(buf: Uint8Array, as: number, ae: number, idx: number): number {
		let start = as;
		for (let n = 1; n < idx; n++) {
			while (start < ae && buf[start] !== COMMA) start++;
			start++;
		}
		let end = start;
		while (end < ae && buf[end] !== COMMA) end++;
		this.altEnd = end;
		return start;
	}

	/** Allele code of ALT allele `idx`. */
	private altCode(buf: Uint8Array, as: number, ae: number, idx: number): number {
		const a = this.altStart(buf, as, ae, idx);
		return this.altEnd - a === 1 ? VCF_BASE_CODE[buf[a]] : 7;
	}

	/** Text of ALT allele `idx`. */
	private altText(buf: Uint8Array, as: number, ae: number, idx: number): string {
		const a = this.altStart(buf, as, ae, idx);
		return this.alleleText(buf, a, this.altEnd);
	}

	/** Refuse a malformed GT. */
	/**
	 * The FORMAT/PS value of a sample column `buf[s, e)` (PS is sub-field `index`): a non-negative
	 * integer, or -1 when absent, "." or not a number (then the call is in the default phase set).
	 */
	private static phaseSet(buf: Uint8Array, s: number, e: number, index: number): number {
		let p = s;
		for (let j = 0; j < index && p < e; j++) {
			while (p < e && buf[p] !== COLON) p++;
			p++;
		}
		if (p >= e) return -1;
		let v = 0;
		const p0 = p;
		while (p < e && buf[p] >= DIGIT_0 && buf[p] <= DIGIT_9 && p - p0 < 10) v = v * 10 + buf[p++] - DIGIT_0;
		if (p === p0 || (p < e && buf[p] !== COLON) || v > 0xffffffff) return -1;
		return v;
	}

	private badGt(buf: Uint8Array, s: number, e: number, lineNo: number): never {
		throw new ImportError('bad-genotype', `Line ${lineNo} has the genotype "${asciiString(buf, s, Math.min(e, s + 20))}", which is not a valid VCF GT value.`, {
			line: lineNo
		});
	}

	/** Refuse a malformed record. */
	private badVcf(lineNo: number, what: string): never {
		throw new ImportError('bad-vcf', `Line ${lineNo} of the VCF has ${what}.`, { line: lineNo });
	}
}
