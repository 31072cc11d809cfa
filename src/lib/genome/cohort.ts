/**
 * Cohort reading: ONE streaming pass over a multi-sample (joint-called) VCF that keeps, for every
 * chosen sample, only the records an analysis asks for (e.g. the pharmacogenomic positions), so
 * memory grows with samples × kept positions, never with the file. Each kept row is handed to a
 * per-sample `VcfParser` exactly as a single-sample import would see it (the fixed columns plus
 * that sample's column), so the per-sample chunks are byte-for-byte what `importGenome(…,
 * {sample})` stores at those positions. Build and sex are decided by the same functions as the
 * single-sample import: build from the known marker positions (always kept) and the header; sex
 * from X (non-PAR) heterozygosity and Y calls counted for every sample over all X/Y rows.
 */
import { GenomeAccumulator } from './accumulator';
import { chromosomeIndex, inXPar } from './chromosomes';
import { type ContainerInfo } from './containers';
import { decodeTextFast } from './bgzf-text';
import { detectFormat, headerBuild } from './detect';
import { ImportError, throwIfAborted } from './errors';
import { MARKERS, decideBuild, inferSex, type SexEvidence } from './inference';
import { markConflicts } from './conflicts';
import { LIMITS } from './limits';
import { LineSplitter } from './lines';
import { CHROMOSOMES, type Chromosome, type GenomeBuild, type GenomeChunk, type GenomeSummary } from './types';
import { VcfParser, vcfSamples } from './vcf';

/** Which records to keep: positions per chromosome (any build) and rsIDs (numeric). */
export interface CohortKeep {
	positions: Map<Chromosome, Set<number>>;
	rsids: Set<number>;
}

/** Options of `readCohort`. */
export interface CohortOptions {
	/** Samples to read, in this order; all when absent. Unknown names are refused. */
	samples?: string[];
	signal?: AbortSignal;
	onProgress?: (p: { bytesRead: number; totalBytes: number | null; records: number }) => void;
	totalBytes?: number;
	/** Called with every sample name as soon as the #CHROM line is read (throw to refuse the file early). */
	onSamples?: (names: string[]) => void;
	/**
	 * Keep every record (a whole-genome read of several samples in one pass, e.g. a family's joint
	 * VCF): `keep` is then ignored and each sample's chunks equal `importGenome(…, {sample})`'s.
	 */
	keepAll?: boolean;
	/**
	 * Called with the raw bytes of every line (header lines included) before it is processed, so a
	 * caller can collect what it needs from the same pass (the buffer is reused: copy what you keep).
	 */
	onLine?: (buf: Uint8Array, start: number, end: number) => void;
}

/** One sample of a cohort: a summary and chunks holding only the kept records. */
export interface CohortSample {
	sample: string;
	summary: GenomeSummary;
	chunks: GenomeChunk[];
}

/** What `readCohort` returns. */
export interface CohortRead {
	/** Every sample of the VCF (header order). */
	allSamples: string[];
	samples: CohortSample[];
	/** Data rows read, and rows kept per sample. */
	records: number;
	kept: number;
}

const VCF_BASE: Uint8Array = (() => {
	const t = new Uint8Array(256).fill(7);
	'ACGT'.split('').forEach((ch, k) => {
		t[ch.charCodeAt(0)] = k + 1;
		t[ch.toLowerCase().charCodeAt(0)] = k + 1;
	});
	return t;
})();

/** Per-sample X/Y counters for both builds (the PARs differ). */
class SexCounters {
	x37 = new Uint32Array(0);
	h37 = new Uint32Array(0);
	x38 = new Uint32Array(0);
	h38 = new Uint32Array(0);
	yCalled = new Uint32Array(0);
	yRecords = 0;
	constructor(n: number) {
		this.x37 = new Uint32Array(n);
		this.h37 = new Uint32Array(n);
		this.x38 = new Uint32Array(n);
		this.h38 = new Uint32Array(n);
		this.yCalled = new Uint32Array(n);
	}
	evidence(i: number, build: GenomeBuild): SexEvidence {
		return {
			xCalled: build === 'GRCh37' ? this.x37[i] : this.x38[i],
			xHet: build === 'GRCh37' ? this.h37[i] : this.h38[i],
			yRecords: this.yRecords,
			yCalled: this.yCalled[i]
		};
	}
}

/** Stream a cohort VCF once, keeping the asked-for records for every chosen sample. */
export async function readCohort(stream: ReadableStream<Uint8Array>, keep: CohortKeep, options: CohortOptions = {}): Promise<CohortRead> {
	const comments: string[] = [];
	let chromLine: string | null = null;
	let allSamples: string[] = [];
	let chosen: number[] = [];
	let accs: GenomeAccumulator[] = [];
	let parsers: VcfParser[] = [];
	let sex: SexCounters | null = null;
	let lineNo = 0;
	let records = 0;
	let kept = 0;
	const decoder = new TextDecoder();
	// marker positions always kept (build decision as in a single import)
	const keepPos = new Map<number, Set<number>>();
	for (const [c, set] of keep.positions) keepPos.set(CHROMOSOMES.indexOf(c), new Set(set));
	for (const m of MARKERS) {
		const k = CHROMOSOMES.indexOf(m.chrom as Chromosome);
		if (k < 0) continue;
		const s = keepPos.get(k) ?? keepPos.set(k, new Set()).get(k)!;
		s.add(m.grch37);
		s.add(m.grch38);
	}
	const X = CHROMOSOMES.indexOf('X');
	const Y = CHROMOSOMES.indexOf('Y');
	let line = new Uint8Array(4096);
	const tabs = new Int32Array(9);
	let sampleStarts = new Int32Array(0);
	let sampleEnds = new Int32Array(0);
	const altCodes: number[] = [];

	const keepAll = options.keepAll === true;
	const tap = options.onLine;
	const onLine = (buf: Uint8Array, s: number, e: number) => {
		lineNo++;
		if (e <= s) return;
		if (tap) tap(buf, s, e);
		if (buf[s] === 35) {
			if (chromLine !== null) return;
			const text = decoder.decode(buf.subarray(s, e)).trim();
			if (lineNo === 1 && !/^##fileformat=VCF/i.test(text.replace(/^\uFEFF/, '')))
				throw new ImportError('unknown-format', 'This is not a VCF file (it does not start with "##fileformat=VCF"); a cohort needs a joint-called VCF.');
			if (/^#CHROM\b/i.test(text)) {
				chromLine = text;
				allSamples = vcfSamples(text);
				if (allSamples.length === 0) throw new ImportError('no-samples', 'This VCF has no sample columns (no genotypes).');
				options.onSamples?.(allSamples);
				if (options.samples) {
					chosen = options.samples.map((name) => {
						const i = allSamples.indexOf(name);
						if (i < 0)
							throw new ImportError('unknown-sample', `The VCF has no sample named "${name}". Its samples are: ${allSamples.slice(0, 20).join(', ')}${allSamples.length > 20 ? ', …' : ''}.`, {
								samples: allSamples
							});
						return i;
					});
				} else chosen = allSamples.map((_, i) => i);
				accs = chosen.map(() => new GenomeAccumulator());
				parsers = accs.map((a) => new VcfParser(a, 0));
				sex = new SexCounters(chosen.length);
				sampleStarts = new Int32Array(allSamples.length);
				sampleEnds = new Int32Array(allSamples.length);
			} else if (comments.length < LIMITS.maxHeaderLines) comments.push(text);
			return;
		}
		if (chromLine === null) throw new ImportError('bad-vcf', 'The VCF has no "#CHROM" column header line before its first record.', { line: lineNo });
		records++;
		// CHROM, POS
		let t0 = buf.indexOf(9, s);
		if (t0 < 0 || t0 >= e) return;
		const k = chromosomeIndex(buf, s, t0);
		if (k < 0) return;
		let pos = 0;
		let p = t0 + 1;
		while (p < e && buf[p] >= 48 && buf[p] <= 57) pos = pos * 10 + buf[p++] - 48;
		const set = keepPos.get(k);
		let want = keepAll || (set !== undefined && set.has(pos));
		if (!want && keep.rsids.size) {
			// ID column: rs123 (or rs123;…)
			const is = p + 1;
			if (e - is > 2 && (buf[is] | 32) === 114 && (buf[is + 1] | 32) === 115) {
				let v = 0;
				let q = is + 2;
				while (q < e && buf[q] >= 48 && buf[q] <= 57) v = v * 10 + buf[q++] - 48;
				want = keep.rsids.has(v);
			}
		}
		const xy = k === X || k === Y;
		if (!want && !xy) return;
		// the 9 fixed columns
		let q = s;
		for (let c = 0; c < 9; c++) {
			const t = buf.indexOf(9, q);
			if (t < 0 || t >= e)
				throw new ImportError('column-count', `Line ${lineNo} of the VCF has ${c + 1} columns; at least ${9 + allSamples.length} are needed.`, { line: lineNo });
			tabs[c] = t;
			q = t + 1;
		}
		// sample columns
		let ci = 0;
		let cs = tabs[8] + 1;
		while (ci < allSamples.length) {
			let t = buf.indexOf(9, cs);
			if (t < 0 || t > e) t = e;
			sampleStarts[ci] = cs;
			sampleEnds[ci] = t;
			ci++;
			cs = t + 1;
			if (t === e) break;
		}
		if (ci < allSamples.length)
			throw new ImportError('column-count', `Line ${lineNo} of the VCF has ${9 + ci} columns; ${9 + allSamples.length} are needed (8 fixed, FORMAT and ${allSamples.length} samples).`, { line: lineNo });
		if (want) {
			kept++;
			// The per-sample line: the fixed columns with INFO cut to "." (VcfParser never reads INFO,
			// which can be hundreds of bytes), FORMAT, then that sample's column.
			const headLen = tabs[6] + 1 - s;
			const fixedLen = headLen + 2 + (tabs[8] - tabs[7]);
			let maxLen = fixedLen;
			for (const c of chosen) maxLen = Math.max(maxLen, fixedLen + sampleEnds[c] - sampleStarts[c]);
			if (line.length < maxLen) line = new Uint8Array(Math.max(maxLen, line.length * 2));
			line.set(buf.subarray(s, tabs[6] + 1), 0);
			line[headLen] = 46; // '.'
			line.set(buf.subarray(tabs[7], tabs[8] + 1), headLen + 1);
			for (let j = 0; j < chosen.length; j++) {
				const ss = sampleStarts[chosen[j]];
				const se = sampleEnds[chosen[j]];
				line.set(buf.subarray(ss, se), fixedLen);
				parsers[j].line(line, 0, fixedLen + (se - ss), lineNo);
			}
		}
		if (xy) countSex(buf, k === X, pos, lineNo);
	};

	/** X/Y evidence per chosen sample, with the allele coding of VcfParser (codes, half-calls). */
	const countSex = (buf: Uint8Array, isX: boolean, pos: number, ln: number) => {
		const sc = sex!;
		if (!isX) sc.yRecords++;
		// REF / ALT codes
		const rs = tabs[2] + 1;
		const re = tabs[3];
		const refCode = re - rs === 1 ? VCF_BASE[buf[rs]] : 7;
		altCodes.length = 0;
		let a0 = tabs[3] + 1;
		for (let i = a0; i <= tabs[4]; i++) {
			if (i === tabs[4] || buf[i] === 44) {
				altCodes.push(i - a0 === 1 ? VCF_BASE[buf[a0]] : 7);
				a0 = i + 1;
			}
		}
		// GT position in FORMAT
		const fs = tabs[7] + 1;
		const fe = tabs[8];
		let gtIndex = -1;
		{
			let f = 0;
			let st = fs;
			for (let i = fs; i <= fe; i++) {
				if (i === fe || buf[i] === 58) {
					if (i - st === 2 && buf[st] === 71 && buf[st + 1] === 84) {
						gtIndex = f;
						break;
					}
					f++;
					st = i + 1;
				}
			}
		}
		const par37 = isX && inXPar(pos, 'GRCh37');
		const par38 = isX && inXPar(pos, 'GRCh38');
		const code = (i: number) => (i === 0 ? refCode : (altCodes[i - 1] ?? 7));
		for (let j = 0; j < chosen.length; j++) {
			let gs = sampleStarts[chosen[j]];
			const se = sampleEnds[chosen[j]];
			if (gtIndex < 0) continue; // no GT: not called
			for (let f = 0; f < gtIndex && gs < se; f++) {
				while (gs < se && buf[gs] !== 58) gs++;
				gs++;
			}
			let ge = gs;
			while (ge < se && buf[ge] !== 58) ge++;
			let i1 = -1;
			let i2 = -2;
			let g = gs;
			if (g < ge) {
				if (buf[g] === 46) g++;
				else {
					let v = 0;
					while (g < ge && buf[g] >= 48 && buf[g] <= 57) v = v * 10 + buf[g++] - 48;
					i1 = v;
				}
				if (g < ge) {
					g++;
					if (g < ge && buf[g] === 46) i2 = -1;
					else {
						let v = 0;
						while (g < ge && buf[g] >= 48 && buf[g] <= 57) v = v * 10 + buf[g++] - 48;
						i2 = v;
					}
				}
			}
			const full = i1 >= 0 && i2 !== -1;
			if (!full && !(i1 >= 0 || i2 >= 0)) continue; // no call
			if (!isX) {
				sc.yCalled[j]++; // Y: half-calls count as called, as sexEvidence reads allele1
				continue;
			}
			if (!full) continue; // X: half-calls are skipped (sexEvidence skips HALF_CALL)
			{
				const het = i2 >= 0 && code(i1) !== code(i2) ? 1 : 0;
				if (!par37) {
					sc.x37[j]++;
					sc.h37[j] += het;
				}
				if (!par38) {
					sc.x38[j]++;
					sc.h38[j] += het;
				}
			}
		}
		void ln;
	};

	const splitter = new LineSplitter(onLine);
	const info: ContainerInfo = { layers: [], zipEntry: null };
	let bytes = 0;
	let lastProgress = 0;
	let lastYield = Date.now();
	const reader = stream.getReader();
	const source = {
		async *[Symbol.asyncIterator]() {
			for (;;) {
				throwIfAborted(options.signal);
				const r = await reader.read();
				if (r.done) return;
				bytes += r.value.length;
				yield r.value;
			}
		}
	};
	try {
		for await (const chunk of decodeTextFast(source, info, { signal: options.signal })) {
			splitter.push(chunk);
			const now = Date.now();
			if (options.onProgress && now - lastProgress > 100) {
				lastProgress = now;
				options.onProgress({ bytesRead: bytes, totalBytes: options.totalBytes ?? null, records });
			}
			if (now - lastYield > 40) {
				lastYield = now;
				await new Promise((r) => setTimeout(r, 0));
			}
		}
		splitter.end();
	} finally {
		reader.releaseLock();
	}
	throwIfAborted(options.signal);
	if (chromLine === null) throw new ImportError('bad-vcf', bytes === 0 ? 'The file is empty (0 bytes).' : 'The VCF has no "#CHROM" column header line.');
	const detection = detectFormat(comments, chromLine);
	const header = headerBuild(comments);
	const samples: CohortSample[] = chosen.map((col, j) => {
		const chunks = accs[j].finish();
		const decision = decideBuild(chunks, header, 'vcf');
		const sexCall = inferSex(sex!.evidence(j, decision.build), 'vcf');
		for (const c of chunks) markConflicts(c); // as importGenome does: duplicate positions that disagree
		const summary: GenomeSummary = {
			format: 'vcf',
			formatDetail: detection.detail + (info.layers.length ? ` (${info.layers.join(' → ')})` : ''),
			build: decision.build,
			buildEvidence: decision.evidence,
			sex: sexCall,
			records,
			calls: 0,
			noCalls: 0,
			perChromosome: {},
			sample: allSamples[col],
			warnings: keepAll ? [...decision.warnings] : [...decision.warnings, 'Cohort read: only the records the analysis needs were kept.']
		};
		return { sample: allSamples[col], summary, chunks };
	});
	return { allSamples, samples, records, kept };
}
