/**
 * Parser for consumer genotyping-array exports (23andMe, AncestryDNA, MyHeritage, FamilyTreeDNA,
 * LivingDNA). One line = one SNP: id, chromosome, position, genotype (one "AG" column, or two
 * allele columns for AncestryDNA).
 *
 * Hot-path choices: fields are located by scanning bytes (no `split`, no per-line strings);
 * rsIDs are parsed as numbers straight from the digits; only non-rs IDs (23andMe "i…" IDs) become
 * strings. Separators: runs of tabs/spaces (so stray or doubled tabs are harmless) or commas for
 * the CSV vendors, where every quote character around a field is dropped — that also reads the
 * broken MyHeritage "extra quotes" rows like `"rs1,""1"",""82154"",""AA"""`.
 */
import type { GenomeAccumulator } from './accumulator';
import { ARRAY_ALLELE_CODE, asciiString } from './alleles';
import { UNPLACED, chromosomeIndex } from './chromosomes';
import { ImportError } from './errors';
import type { Layout } from './detect';
import { GENOTYPE_FLAGS } from './types';
import { CASE_BIT, COMMA, DIGIT_0, DOT, HASH, LOWER_D, LOWER_I, LOWER_R, LOWER_S, QUOTE, SPACE, TAB, UPPER_A, UPPER_C, UPPER_G, UPPER_T } from './bytes';

const MAX_FIELDS = 8;

/** Parses data lines of one array format into an accumulator. */
export class ArrayParser {
	private readonly f = new Int32Array(MAX_FIELDS * 2);
	private readonly csv: boolean;
	private readonly columns: number;
	private readonly vendor: string;
	private readonly acc: GenomeAccumulator;
	/** Rows whose genotype was a multi-base string (kept as no-calls; reported as a warning). */
	multiBase = 0;

	/** @param layout tab4 / tab5 / csv4; @param vendor name used in messages */
	constructor(layout: Exclude<Layout, 'vcf'>, vendor: string, acc: GenomeAccumulator) {
		this.csv = layout === 'csv4';
		this.columns = layout === 'tab5' ? 5 : 4;
		this.vendor = vendor;
		this.acc = acc;
	}

	/** Split `buf[s, e)` into fields; returns the field count (capped at MAX_FIELDS). */
	private fields(buf: Uint8Array, s: number, e: number): number {
		const f = this.f;
		let n = 0;
		if (this.csv) {
			let i = s;
			for (;;) {
				let end = i;
				while (end < e && buf[end] !== COMMA) end++;
				let a = i;
				let b = end;
				while (a < b && (buf[a] === QUOTE || buf[a] === SPACE || buf[a] === TAB)) a++;
				while (b > a && (buf[b - 1] === QUOTE || buf[b - 1] === SPACE || buf[b - 1] === TAB)) b--;
				f[2 * n] = a;
				f[2 * n + 1] = b;
				n++;
				if (end >= e || n === MAX_FIELDS) break;
				i = end + 1;
			}
			while (n > 1 && f[2 * n - 2] === f[2 * n - 1] && n > this.columns) n--; // trailing empty fields (",,")
			return n;
		}
		let i = s;
		while (i < e && n < MAX_FIELDS) {
			while (i < e && (buf[i] === TAB || buf[i] === SPACE)) i++;
			if (i >= e) break;
			const a = i;
			while (i < e && buf[i] !== TAB && buf[i] !== SPACE) i++;
			f[2 * n] = a;
			f[2 * n + 1] = i;
			n++;
		}
		return n;
	}

	/** Parse one data line (`lineNo` is 1-based, for messages). */
	line(buf: Uint8Array, s: number, e: number, lineNo: number): void {
		// skip blank lines, comments, repeated column headers (FTDNA concatenated files)
		let p = s;
		while (p < e && (buf[p] === SPACE || buf[p] === TAB || buf[p] === QUOTE)) p++;
		if (p >= e || buf[p] === HASH) return;
		if (e - p >= 4 && (buf[p] | CASE_BIT) === LOWER_R && (buf[p + 1] | CASE_BIT) === LOWER_S && (buf[p + 2] | CASE_BIT) === LOWER_I && (buf[p + 3] | CASE_BIT) === LOWER_D)
			return; // "rsid…" column line
		const n = this.fields(buf, s, e);
		if (n === 0) return;
		const f = this.f;
		if (n !== this.columns)
			throw new ImportError(
				'column-count',
				`Line ${lineNo} has ${n} columns, but a ${this.vendor} file has ${this.columns} (${this.columns === 5 ? 'rsid, chromosome, position, allele 1, allele 2' : 'rsid, chromosome, position, genotype'}).`,
				{ line: lineNo }
			);
		this.acc.countRecord();
		const k = chromosomeIndex(buf, f[2], f[3]);
		if (k === UNPLACED) {
			if (f[3] - f[2] === 1 && buf[f[2]] === DIGIT_0) {
				this.acc.skippedUnplaced++; // chromosome "0": unmapped probe
				return;
			}
			throw new ImportError(
				'bad-chromosome',
				`Line ${lineNo} names chromosome "${asciiString(buf, f[2], Math.min(f[3], f[2] + 20))}", which is not a human chromosome.`,
				{ line: lineNo }
			);
		}
		const pos = parsePosition(buf, f[4], f[5], lineNo);
		if (pos === 0) {
			this.acc.skippedPositionZero++;
			return;
		}
		let a1: number;
		let a2: number;
		let flags = 0;
		if (this.columns === 5) {
			if (f[7] - f[6] !== 1 || f[9] - f[8] !== 1) this.badGenotype(buf, f[6], f[9], lineNo);
			a1 = ARRAY_ALLELE_CODE[buf[f[6]]];
			a2 = ARRAY_ALLELE_CODE[buf[f[8]]];
		} else {
			const len = f[7] - f[6];
			if (len === 2) {
				a1 = ARRAY_ALLELE_CODE[buf[f[6]]];
				a2 = ARRAY_ALLELE_CODE[buf[f[6] + 1]];
			} else if (len === 1) {
				a1 = ARRAY_ALLELE_CODE[buf[f[6]]];
				a2 = 0;
				if (a1 !== 0) flags = GENOTYPE_FLAGS.HAPLOID;
			} else if (len === 0) {
				a1 = a2 = 0;
			} else if (isBases(buf, f[6], f[7])) {
				// Some LivingDNA exports write an indel's bases ("CTGGTGG…") where a genotype
				// belongs; arrays define no such call, so the probe is kept as not called.
				a1 = a2 = 0;
				this.multiBase++;
			} else {
				this.badGenotype(buf, f[6], f[7], lineNo);
			}
		}
		// 255 = not an allele letter; a half call ("A-") is not a genotype either
		if (a1 === 255 || a2 === 255 || (flags === 0 && (a1 === 0) !== (a2 === 0)))
			this.badGenotype(buf, f[6], f[this.columns === 5 ? 9 : 7], lineNo);
		const b = this.acc.builder(k);
		let rsid = 0;
		const idLen = f[1] - f[0];
		if (idLen > 2 && idLen <= 12 && (buf[f[0]] | CASE_BIT) === LOWER_R && (buf[f[0] + 1] | CASE_BIT) === LOWER_S) rsid = parseDigits(buf, f[0] + 2, f[1]);
		const i = b.add(pos, rsid > 0 ? rsid : 0, a1, a2, flags);
		if (rsid <= 0 && idLen > 0 && !(idLen === 1 && buf[f[0]] === DOT)) b.setOtherId(i, asciiString(buf, f[0], Math.min(f[1], f[0] + 64)));
	}

	/** Refuse an impossible genotype. */
	private badGenotype(buf: Uint8Array, s: number, e: number, lineNo: number): never {
		const text = asciiString(buf, s, Math.min(e, s + 20)).replace(/\s+/g, ' ');
		throw new ImportError('bad-genotype', `Line ${lineNo} has the genotype "${text}", which is not a valid call (expected letters A, C, G, T, D, I or "--").`, {
			line: lineNo
		});
	}
}

/** Are `buf[s, e)` all A/C/G/T (either case)? */
function isBases(buf: Uint8Array, s: number, e: number): boolean {
	for (let i = s; i < e; i++) {
		const c = buf[i] & ~CASE_BIT;
		if (c !== UPPER_A && c !== UPPER_C && c !== UPPER_G && c !== UPPER_T) return false;
	}
	return true;
}

/** Digits `buf[s, e)` → number; -1 if any byte is not a digit or the value exceeds 2^32-1. */
export function parseDigits(buf: Uint8Array, s: number, e: number): number {
	if (e <= s || e - s > 10) return -1;
	let v = 0;
	for (let i = s; i < e; i++) {
		const d = buf[i] - DIGIT_0;
		if (d < 0 || d > 9) return -1;
		v = v * 10 + d;
	}
	return v <= 0xffffffff ? v : -1;
}

/** Parse a 1-based position or throw `bad-position`. */
export function parsePosition(buf: Uint8Array, s: number, e: number, lineNo: number): number {
	const v = parseDigits(buf, s, e);
	if (v < 0)
		throw new ImportError(
			'bad-position',
			`Line ${lineNo} has the position "${asciiString(buf, s, Math.min(e, s + 20))}", which is not a whole number of base pairs.`,
			{ line: lineNo }
		);
	return v;
}
