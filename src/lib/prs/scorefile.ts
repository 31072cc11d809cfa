/**
 * Streaming parser of PGS Catalog scoring files (format v2.0, also the older unheaded layout):
 * `.txt` or `.txt.gz` (gzip recognised by magic bytes), header `#key=value` lines, one column-name
 * line, then one variant per line. Bytes are scanned directly (tabs found with a loop, integers
 * parsed from digits); strings are made only for weights and long alleles, so a 1M-variant file
 * parses in well under a second. Bounded: lines ≤ 1 MiB, ≤ 12 M variants, decompression ratio
 * guarded by the genome importer's container layer; cancellable between chunks.
 */
import {
	LineSplitter,
	asciiString,
	chromosomeIndex,
	decodeContainers,
	isImportError,
	type ContainerInfo
} from '../genome/index';
import { PrsError } from './errors';
import { SCORE_FLAGS, type ScoreFile, type ScoreHeader } from './types';

/** Limits that refuse absurd or hostile scoring files before memory runs out. */
export const SCORE_LIMITS = {
	/** Largest number of variant rows (the largest PGS Catalog scores have ~7 M). */
	maxVariants: 12_000_000,
	/** Most header lines read. */
	maxHeaderLines: 10_000,
	/** Most columns in a row. */
	maxColumns: 128
} as const;

/** Options of `parseScoreFile`. */
export interface ParseScoreOptions {
	signal?: AbortSignal;
	/** Called about every 100 ms with bytes read so far (compressed bytes of the input). */
	onProgress?: (p: { bytesRead: number; totalBytes: number | null; variants: number }) => void;
	totalBytes?: number;
}

const BASE_CODE = new Uint8Array(256);
'ACGT'.split('').forEach((ch, k) => {
	BASE_CODE[ch.charCodeAt(0)] = k + 1;
	BASE_CODE[ch.toLowerCase().charCodeAt(0)] = k + 1;
});

/** Normalise a build name: hg19/GRCh37/37 → GRCh37, hg38/GRCh38/38 → GRCh38, else as written. */
export function normaliseBuild(b: string | null | undefined): string | null {
	if (!b) return null;
	const t = b.trim();
	if (/^(grch37|hg19|b37|37)$/i.test(t)) return 'GRCh37';
	if (/^(grch38|hg38|b38|38)$/i.test(t)) return 'GRCh38';
	if (/^(ncbi36|hg18|36)$/i.test(t)) return 'NCBI36';
	return t || null;
}

function emptyHeader(): ScoreHeader {
	return {
		formatVersion: null,
		pgsId: null,
		pgsName: null,
		traitReported: null,
		traitMapped: null,
		traitEfo: null,
		genomeBuild: null,
		variantsNumber: null,
		weightType: null,
		pgpId: null,
		citation: null,
		license: null,
		hmPosBuild: null,
		hmPosDate: null,
		raw: {}
	};
}

/** Fill the typed header fields from the raw key/value map. */
function typedHeader(raw: Record<string, string>): ScoreHeader {
	const h = emptyHeader();
	const get = (k: string) => {
		const v = raw[k] ?? raw[k.toLowerCase()];
		return v === undefined || v === '' ? null : v;
	};
	h.raw = raw;
	h.formatVersion = get('format_version');
	h.pgsId = get('pgs_id');
	h.pgsName = get('pgs_name');
	h.traitReported = get('trait_reported');
	h.traitMapped = get('trait_mapped');
	h.traitEfo = get('trait_efo');
	h.genomeBuild = normaliseBuild(get('genome_build'));
	const vn = get('variants_number');
	h.variantsNumber = vn !== null && /^\d+$/.test(vn) ? Number(vn) : null;
	h.weightType = get('weight_type');
	h.pgpId = get('pgp_id');
	h.citation = get('citation');
	h.license = get('license') ?? get('licence');
	h.hmPosBuild = normaliseBuild(get('HmPOS_build'));
	h.hmPosDate = get('HmPOS_date');
	return h;
}

/** Growable typed columns. */
class Columns {
	cap = 1 << 14;
	n = 0;
	chrom = new Uint8Array(this.cap);
	pos = new Uint32Array(this.cap);
	hmChrom = new Uint8Array(this.cap);
	hmPos = new Uint32Array(this.cap);
	rsid = new Uint32Array(this.cap);
	effect = new Uint8Array(this.cap);
	other = new Uint8Array(this.cap);
	weight = new Float64Array(this.cap);
	flags = new Uint8Array(this.cap);
	dosage: Float64Array | null;
	af: Float64Array | null;
	constructor(dosage: boolean, af: boolean) {
		this.dosage = dosage ? new Float64Array(this.cap * 3) : null;
		this.af = af ? new Float64Array(this.cap) : null;
	}
	grow(): void {
		const cap = this.cap * 2;
		const g = <T extends Uint8Array | Uint32Array | Float64Array>(a: T, k = 1): T => {
			const b = new (a.constructor as new (n: number) => T)(cap * k);
			b.set(a);
			return b;
		};
		this.chrom = g(this.chrom);
		this.pos = g(this.pos);
		this.hmChrom = g(this.hmChrom);
		this.hmPos = g(this.hmPos);
		this.rsid = g(this.rsid);
		this.effect = g(this.effect);
		this.other = g(this.other);
		this.weight = g(this.weight);
		this.flags = g(this.flags);
		if (this.dosage) this.dosage = g(this.dosage, 3);
		if (this.af) this.af = g(this.af);
		this.cap = cap;
	}
}

/** Column indexes of the named columns (−1 when absent). */
interface ColumnIndex {
	rsID: number;
	chr_name: number;
	chr_position: number;
	effect_allele: number;
	other_allele: number;
	effect_weight: number;
	is_haplotype: number;
	is_diplotype: number;
	is_dominant: number;
	is_recessive: number;
	dosage_0_weight: number;
	dosage_1_weight: number;
	dosage_2_weight: number;
	allelefrequency_effect: number;
	hm_rsID: number;
	hm_chr: number;
	hm_pos: number;
	hm_inferOtherAllele: number;
	/** Older files call the effect allele `reference_allele`. */
	reference_allele: number;
}

const NAMED: (keyof ColumnIndex)[] = [
	'rsID',
	'chr_name',
	'chr_position',
	'effect_allele',
	'other_allele',
	'effect_weight',
	'is_haplotype',
	'is_diplotype',
	'is_dominant',
	'is_recessive',
	'dosage_0_weight',
	'dosage_1_weight',
	'dosage_2_weight',
	'allelefrequency_effect',
	'hm_rsID',
	'hm_chr',
	'hm_pos',
	'hm_inferOtherAllele',
	'reference_allele'
];

/** The line parser: header, column names, rows. */
class ScoreParser {
	raw: Record<string, string> = {};
	headerLines = 0;
	firstLine = true;
	sawBanner = false;
	columns: string[] | null = null;
	idx: ColumnIndex | null = null;
	cols: Columns | null = null;
	longAlleles = new Map<number, [string, string | null]>();
	unplacedRows = 0;
	lineNo = 0;
	starts = new Int32Array(SCORE_LIMITS.maxColumns + 1);
	ends = new Int32Array(SCORE_LIMITS.maxColumns + 1);

	onLine = (buf: Uint8Array, s: number, e: number): void => {
		this.lineNo++;
		if (this.firstLine && e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
		this.firstLine = false;
		if (e <= s) return;
		if (buf[s] === 35 /* # */) {
			if (this.columns) return; // comments after the column line are ignored
			if (++this.headerLines > SCORE_LIMITS.maxHeaderLines)
				throw new PrsError('input', 'not-a-score-file', 'The file has more header lines than any PGS Catalog scoring file; it is not one.');
			const text = asciiString(buf, s, Math.min(e, s + 64 * 1024));
			if (/^###\s*PGS CATALOG SCORING FILE/i.test(text)) this.sawBanner = true;
			if (text.startsWith('##')) return; // section titles
			const eq = text.indexOf('=');
			if (eq > 1) this.raw[text.slice(1, eq).trim()] = text.slice(eq + 1).trim();
			return;
		}
		if (!this.columns) {
			this.readColumns(asciiString(buf, s, e));
			return;
		}
		this.readRow(buf, s, e);
	};

	readColumns(line: string): void {
		const names = line.split('\t').map((x) => x.trim());
		if (names.length > SCORE_LIMITS.maxColumns)
			throw new PrsError('input', 'not-a-score-file', `The column line has ${names.length} columns; a PGS Catalog scoring file has at most a few dozen.`);
		const idx = {} as ColumnIndex;
		for (const k of NAMED) idx[k] = names.indexOf(k);
		if (idx.effect_allele < 0 && idx.reference_allele >= 0) idx.effect_allele = idx.reference_allele;
		if (idx.effect_allele < 0)
			throw new PrsError(
				'input',
				this.sawBanner ? 'missing-column' : 'not-a-score-file',
				this.sawBanner
					? 'The scoring file has no "effect_allele" column.'
					: 'This is not a PGS Catalog scoring file: its column line has no "effect_allele" column.'
			);
		const hasDosage = idx.dosage_0_weight >= 0 || idx.dosage_1_weight >= 0 || idx.dosage_2_weight >= 0;
		if (idx.effect_weight < 0 && !hasDosage)
			throw new PrsError('input', 'missing-column', 'The scoring file has no "effect_weight" column (nor dosage_0/1/2_weight columns).');
		const authored = idx.chr_name >= 0 && idx.chr_position >= 0;
		const harmonised = idx.hm_chr >= 0 && idx.hm_pos >= 0;
		if (!authored && !harmonised)
			throw new PrsError(
				'input',
				'missing-column',
				'The scoring file gives no chromosome and position (chr_name/chr_position or hm_chr/hm_pos). Qenome matches by position, never by rsID alone: download the harmonised file (…_hmPOS_GRCh37 or _GRCh38) from the PGS Catalog.'
			);
		this.columns = names;
		this.idx = idx;
		this.cols = new Columns(hasDosage, idx.allelefrequency_effect >= 0);
	}

	/** Refuse a row, naming its line. */
	bad(what: string): never {
		throw new PrsError('input', 'bad-row', `Line ${this.lineNo} of the scoring file: ${what}.`, { line: this.lineNo });
	}

	/** Number in field `col` (NaN when empty or absent); `name` for the refusal of a non-number. */
	num(buf: Uint8Array, col: number, nf: number, name: string): number {
		if (col < 0 || col >= nf) return NaN;
		const s = this.starts[col];
		const e = this.ends[col];
		if (e <= s) return NaN;
		const v = parseDecimal(buf, s, e);
		if (!Number.isFinite(v)) this.bad(`${name} "${asciiString(buf, s, Math.min(e, s + 40))}" is not a number`);
		return v;
	}

	readRow(buf: Uint8Array, s: number, e: number): void {
		const idx = this.idx!;
		const c = this.cols!;
		// field boundaries
		let k = 0;
		let fs = s;
		const starts = this.starts;
		const ends = this.ends;
		const max = SCORE_LIMITS.maxColumns;
		for (let i = buf.indexOf(9, s); i >= 0 && i < e && k < max; i = buf.indexOf(9, i + 1)) {
			starts[k] = fs;
			ends[k] = i;
			k++;
			fs = i + 1;
		}
		if (k < max) {
			starts[k] = fs;
			ends[k] = e;
			k++;
		}
		const nf = k;
		if (c.n >= SCORE_LIMITS.maxVariants)
			throw new PrsError('input', 'too-large', `The scoring file has more than ${SCORE_LIMITS.maxVariants.toLocaleString('en')} variants; Qenome refuses larger files.`);
		if (c.n === c.cap) c.grow();
		const r = c.n;
		let flags = 0;
		// positions
		const cn = idx.chr_name;
		if (cn >= 0) {
			const cp = idx.chr_position;
			if (cn < nf && cp < nf && ends[cn] > starts[cn] && ends[cp] > starts[cp]) {
				const ci = chromosomeIndex(buf, starts[cn], ends[cn]);
				const p = parseUint(buf, starts[cp], ends[cp]);
				if (p < 0) this.bad(`chr_position "${asciiString(buf, starts[cp], Math.min(ends[cp], starts[cp] + 40))}" is not a position`);
				if (ci < 0) this.unplacedRows++;
				c.chrom[r] = ci < 0 ? 0 : ci + 1;
				c.pos[r] = ci < 0 ? 0 : p;
			} else {
				c.chrom[r] = 0;
				c.pos[r] = 0;
			}
		}
		const hc = idx.hm_chr;
		if (hc >= 0) {
			const hp = idx.hm_pos;
			if (hc < nf && hp < nf && ends[hc] > starts[hc] && ends[hp] > starts[hp]) {
				const ci = chromosomeIndex(buf, starts[hc], ends[hc]);
				const p = parseUint(buf, starts[hp], ends[hp]);
				c.hmChrom[r] = ci < 0 || p < 0 ? 0 : ci + 1;
				c.hmPos[r] = ci < 0 || p < 0 ? 0 : p;
			} else {
				c.hmChrom[r] = 0;
				c.hmPos[r] = 0;
			}
		}
		// rsID (display only)
		let rcol = idx.hm_rsID;
		if (rcol < 0 || rcol >= nf || ends[rcol] <= starts[rcol]) rcol = idx.rsID;
		c.rsid[r] = rcol >= 0 && rcol < nf ? parseRs(buf, starts[rcol], ends[rcol]) : 0;
		// alleles
		const ecol = idx.effect_allele;
		if (ecol >= nf || ends[ecol] <= starts[ecol]) this.bad('the effect allele is empty');
		let longEffect: string | null = null;
		let longOther: string | null = null;
		const ec = alleleCode(buf, starts[ecol], ends[ecol]);
		if (ec === 7) longEffect = asciiString(buf, starts[ecol], ends[ecol]).toUpperCase();
		c.effect[r] = ec;
		let oc = 0;
		const ocol = idx.other_allele;
		const icol = idx.hm_inferOtherAllele;
		if (ocol >= 0 && ocol < nf && ends[ocol] > starts[ocol]) {
			oc = alleleCode(buf, starts[ocol], ends[ocol]);
			if (oc === 7) longOther = asciiString(buf, starts[ocol], ends[ocol]).toUpperCase();
		} else if (icol >= 0 && icol < nf && ends[icol] > starts[icol]) {
			const inferred = asciiString(buf, starts[icol], ends[icol]).trim();
			// several inferred alleles ("A/G") cannot say which one is meant: left absent
			if (inferred && !inferred.includes('/') && inferred.toUpperCase() !== 'NA') {
				oc = inferred.length === 1 ? BASE_CODE[inferred.charCodeAt(0)] || 7 : 7;
				if (oc === 7) longOther = inferred.toUpperCase();
				flags |= SCORE_FLAGS.INFERRED_OTHER;
			}
		}
		c.other[r] = oc;
		if (longEffect !== null || longOther !== null) {
			const ea = longEffect ?? 'ACGT'[ec - 1];
			const oa = longOther ?? (oc > 0 ? 'ACGT'[oc - 1] : null);
			this.longAlleles.set(r, [ea, oa]);
		}
		// weights
		if (idx.effect_weight >= 0) {
			const w = this.num(buf, idx.effect_weight, nf, 'effect_weight');
			if (Number.isNaN(w) && !c.dosage) this.bad('effect_weight is empty');
			c.weight[r] = Number.isNaN(w) ? 0 : w;
		}
		if (c.dosage) {
			c.dosage[r * 3] = this.num(buf, idx.dosage_0_weight, nf, 'dosage_0_weight');
			c.dosage[r * 3 + 1] = this.num(buf, idx.dosage_1_weight, nf, 'dosage_1_weight');
			c.dosage[r * 3 + 2] = this.num(buf, idx.dosage_2_weight, nf, 'dosage_2_weight');
		}
		if (c.af) {
			const v = this.num(buf, idx.allelefrequency_effect, nf, 'allelefrequency_effect');
			if (!Number.isNaN(v) && !(v >= 0 && v <= 1)) this.bad(`allelefrequency_effect "${v}" is not a frequency between 0 and 1`);
			c.af[r] = v;
		}
		if (idx.is_dominant >= 0 && isTrue(buf, idx.is_dominant, nf, starts, ends)) flags |= SCORE_FLAGS.DOMINANT;
		if (idx.is_recessive >= 0 && isTrue(buf, idx.is_recessive, nf, starts, ends)) flags |= SCORE_FLAGS.RECESSIVE;
		if (idx.is_haplotype >= 0 && isTrue(buf, idx.is_haplotype, nf, starts, ends)) flags |= SCORE_FLAGS.HAPLOTYPE;
		if (idx.is_diplotype >= 0 && isTrue(buf, idx.is_diplotype, nf, starts, ends)) flags |= SCORE_FLAGS.DIPLOTYPE;
		if (flags & SCORE_FLAGS.DOMINANT && flags & SCORE_FLAGS.RECESSIVE) this.bad('a variant cannot be both dominant and recessive');
		c.flags[r] = flags;
		c.n++;
	}

	finish(): ScoreFile {
		if (!this.columns || !this.cols)
			throw new PrsError('input', 'not-a-score-file', 'This is not a PGS Catalog scoring file: it has no column line (rsID, chr_name, effect_allele, effect_weight, …).');
		const c = this.cols;
		if (c.n === 0) throw new PrsError('input', 'no-variants', 'The scoring file has a header but no variants.');
		const idx = this.idx!;
		const n = c.n;
		return {
			header: typedHeader(this.raw),
			columns: this.columns,
			n,
			chrom: idx.chr_name >= 0 ? c.chrom.slice(0, n) : new Uint8Array(n),
			pos: idx.chr_name >= 0 ? c.pos.slice(0, n) : new Uint32Array(n),
			hmChrom: idx.hm_chr >= 0 ? c.hmChrom.slice(0, n) : null,
			hmPos: idx.hm_chr >= 0 ? c.hmPos.slice(0, n) : null,
			rsid: c.rsid.slice(0, n),
			effect: c.effect.slice(0, n),
			other: c.other.slice(0, n),
			longAlleles: this.longAlleles,
			effectWeight: c.weight.slice(0, n),
			flags: c.flags.slice(0, n),
			dosageWeights: c.dosage ? c.dosage.slice(0, n * 3) : null,
			alleleFrequency: c.af ? c.af.slice(0, n) : null,
			unplacedRows: this.unplacedRows
		};
	}
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * A decimal number from bytes, exactly as `Number(text)` would give it: the fast path (Clinger)
 * takes an integer mantissa below 2^53 and a power of ten up to 22, where one IEEE multiply or
 * divide is correctly rounded; anything else goes through `Number`. NaN for non-numbers.
 */
export function parseDecimal(buf: Uint8Array, s: number, e: number): number {
	let i = s;
	let neg = false;
	if (buf[i] === 45 /* - */) {
		neg = true;
		i++;
	} else if (buf[i] === 43 /* + */) i++;
	let m = 0;
	let digits = 0;
	let frac = 0;
	let any = false;
	while (i < e) {
		const d = buf[i] - 48;
		if (d < 0 || d > 9) break;
		m = m * 10 + d;
		if (m > 0) digits++;
		any = true;
		i++;
	}
	if (i < e && buf[i] === 46 /* . */) {
		i++;
		while (i < e) {
			const d = buf[i] - 48;
			if (d < 0 || d > 9) break;
			m = m * 10 + d;
			if (m > 0) digits++;
			frac++;
			any = true;
			i++;
		}
	}
	let exp = 0;
	if (any && i < e && (buf[i] | 32) === 101 /* e */) {
		i++;
		let eneg = false;
		if (buf[i] === 45) {
			eneg = true;
			i++;
		} else if (buf[i] === 43) i++;
		let x = 0;
		let ed = 0;
		while (i < e) {
			const d = buf[i] - 48;
			if (d < 0 || d > 9) break;
			x = x * 10 + d;
			ed++;
			i++;
		}
		if (ed === 0 || ed > 4) return Number(asciiString(buf, s, e));
		exp = eneg ? -x : x;
	}
	if (!any || i !== e) return Number(asciiString(buf, s, Math.min(e, s + 64)));
	const p = exp - frac;
	if (digits > 15 || p < -22 || p > 22) return Number(asciiString(buf, s, e));
	const v = p < 0 ? m / POW10[-p] : m * POW10[p];
	return neg ? -v : v;
}

/** Digits → integer, −1 when not all digits (or empty, or too large). */
function parseUint(buf: Uint8Array, s: number, e: number): number {
	if (e <= s || e - s > 10) return -1;
	let v = 0;
	for (let i = s; i < e; i++) {
		const d = buf[i] - 48;
		if (d < 0 || d > 9) return -1;
		v = v * 10 + d;
	}
	return v > 0xffffffff ? -1 : v;
}

/** "rs123" → 123, else 0. */
function parseRs(buf: Uint8Array, s: number, e: number): number {
	if (e - s < 3 || (buf[s] | 32) !== 114 || (buf[s + 1] | 32) !== 115) return 0;
	const v = parseUint(buf, s + 2, e);
	return v < 0 ? 0 : v;
}

/** Single base → 1–4, anything else (indel, symbolic) → 7. */
function alleleCode(buf: Uint8Array, s: number, e: number): number {
	if (e - s === 1) return BASE_CODE[buf[s]] || 7;
	return 7;
}

/** A boolean column: True/true/TRUE/1/yes. */
function isTrue(buf: Uint8Array, col: number, nf: number, starts: Int32Array, ends: Int32Array): boolean {
	if (col < 0 || col >= nf) return false;
	const s = starts[col];
	const e = ends[col];
	if (e <= s) return false;
	const c0 = buf[s] | 32;
	return c0 === 116 /* t */ || c0 === 121 /* y */ || (e - s === 1 && buf[s] === 49);
}

/** Largest decompressed text accepted (bytes) and the expansion ratio that marks a crafted file. */
const MAX_TEXT_BYTES = 4 * 1024 ** 3;
const MAX_RATIO = 100;
const RATIO_AFTER = 64 * 1024 * 1024;

/**
 * Plain single-member gzip through the platform's native DecompressionStream (C zlib in browsers
 * and Node; several times faster than a JS inflater), with the same bomb guards. BGZF and
 * anything unusual go through the genome container layer instead.
 */
async function* nativeGunzip(first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>, options: ParseScoreOptions, state: { bytes: number }): AsyncGenerator<Uint8Array> {
	let sentFirst = false;
	const compressed = new ReadableStream<Uint8Array>({
		async pull(c) {
			if (!sentFirst) {
				sentFirst = true;
				c.enqueue(first);
				return;
			}
			const r = await reader.read();
			if (r.done) c.close();
			else {
				state.bytes += r.value.length;
				c.enqueue(r.value);
			}
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	const out = compressed.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
	let outBytes = 0;
	try {
		for (;;) {
			if (options.signal?.aborted) throw new PrsError('cancelled', 'cancelled', 'Reading the scoring file was cancelled.');
			let r: ReadableStreamReadResult<Uint8Array>;
			try {
				r = await out.read();
			} catch {
				throw new PrsError('input', 'not-a-score-file', 'The gzip file is damaged or cut off — download it again.');
			}
			if (r.done) return;
			outBytes += r.value.length;
			if (outBytes > MAX_TEXT_BYTES || (outBytes > RATIO_AFTER && outBytes > MAX_RATIO * state.bytes))
				throw new PrsError('input', 'too-large', 'The compressed scoring file expands far beyond any real scoring file (a decompression bomb or a damaged file); it was not read.');
			yield r.value;
		}
	} finally {
		await out.cancel().catch(() => {});
	}
}

/** Parse a PGS Catalog scoring file (plain or gzip) from a byte stream. */
export async function parseScoreFile(stream: ReadableStream<Uint8Array>, options: ParseScoreOptions = {}): Promise<ScoreFile> {
	const parser = new ScoreParser();
	const splitter = new LineSplitter(parser.onLine);
	const info: ContainerInfo = { layers: [], zipEntry: null };
	const state = { bytes: 0 };
	let lastProgress = 0;
	let lastYield = Date.now();
	// peek: plain gzip goes to the native inflater when the platform has one
	const reader = stream.getReader();
	const head = await reader.read();
	const first = head.value ?? new Uint8Array(0);
	state.bytes += first.length;
	const gzip = first.length >= 14 && first[0] === 0x1f && first[1] === 0x8b && first[2] === 8;
	const bgzf = gzip && (first[3] & 4) !== 0 && first[12] === 66 && first[13] === 67;
	const native = gzip && !bgzf && typeof DecompressionStream === 'function';
	async function* rest(): AsyncGenerator<Uint8Array> {
		if (first.length) yield first;
		if (head.done) return;
		for (;;) {
			if (options.signal?.aborted) throw new PrsError('cancelled', 'cancelled', 'Reading the scoring file was cancelled.');
			const r = await reader.read();
			if (r.done) return;
			state.bytes += r.value.length;
			yield r.value;
		}
	}
	const source = native && !head.done ? nativeGunzip(first, reader, options, state) : decodeContainers(rest(), info, { signal: options.signal });
	try {
		for await (const chunk of source) {
			splitter.push(chunk);
			const now = Date.now();
			if (options.onProgress && now - lastProgress > 100) {
				lastProgress = now;
				options.onProgress({ bytesRead: state.bytes, totalBytes: options.totalBytes ?? null, variants: parser.cols?.n ?? 0 });
			}
			if (now - lastYield > 40) {
				lastYield = now;
				await new Promise((r) => setTimeout(r, 0));
				if (options.signal?.aborted) throw new PrsError('cancelled', 'cancelled', 'Reading the scoring file was cancelled.');
			}
		}
		splitter.end();
	} catch (err) {
		if (isImportError(err)) {
			const e = err as { code: string; message: string };
			if (e.code === 'too-large') throw new PrsError('input', 'too-large', e.message.replace(/genome files?/g, 'scoring files'));
			if (e.code === 'cancelled') throw new PrsError('cancelled', 'cancelled', 'Reading the scoring file was cancelled.');
			throw new PrsError('input', 'not-a-score-file', e.message);
		}
		throw err;
	} finally {
		reader.releaseLock();
	}
	if (info.layers.includes('zip')) throw new PrsError('input', 'not-a-score-file', 'Zip archives are not scoring files; unzip it and choose the .txt or .txt.gz inside.');
	options.onProgress?.({ bytesRead: state.bytes, totalBytes: options.totalBytes ?? null, variants: parser.cols?.n ?? 0 });
	return parser.finish();
}

/** Parse a scoring file from bytes in memory (tests, small files). */
export function parseScoreBytes(bytes: Uint8Array, options: ParseScoreOptions = {}): Promise<ScoreFile> {
	let sent = false;
	return parseScoreFile(
		new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent) controller.close();
				else {
					sent = true;
					controller.enqueue(bytes);
				}
			}
		}),
		{ totalBytes: bytes.length, ...options }
	);
}
