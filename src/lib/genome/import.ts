/**
 * The import pipeline: byte stream → SHA-256 + progress + cancel → containers (zip/gzip/bgzip)
 * → lines → format detection → parser → per-chromosome columnar chunks → build, sex, summary.
 *
 * Nothing here holds the whole file as text: bytes flow through in the chunks the stream
 * delivers (or the decompressor emits) and only the columnar arrays grow.
 */
import { GenomeAccumulator } from './accumulator';
import { releaseSpareBlocks } from './builder';
import { ArrayParser } from './arrays';
import { inflateSync } from 'fflate';
import { inflateBgzfBlocks, scanBgzfBlocks, type BgzfBlock } from './bgzf';
import { createCrc32 } from './checksum';
import { markConflicts } from './conflicts';
import { asImportError, DecodeContext, decodeContainers, isBgzip, type ContainerInfo } from './containers';
import { applyBatch, BATCH_BYTES, spareColumns, TextInterner, type BgzfColumns, type BgzfJob, type BgzfPool, type BgzfReply } from './parallel';
import { asUtf8 } from './text-encoding';
import { detectFormat, headerBuild, isColumnLine, type Detection } from './detect';
import { ImportError, throwIfAborted } from './errors';
import { createSha256, type IncrementalHash } from './hasher';
import { countMarkers, decideBuild, inferSex, makeHemizygousHaploid, sexEvidence } from './inference';
import { LIMITS } from './limits';
import { LineSplitter } from './lines';
import { VcfParser, vcfSamples } from './vcf';
import {
	CHROMOSOMES,
	GENOTYPE_FLAGS,
	type ChromosomeSummary,
	type Chromosome,
	type GenomeChunk,
	type GenomeSummary,
	type ImportOptions,
	type ImportProgress,
	type ParsedGenome
} from './types';

/** Yield to the event loop this often (ms) so cancel messages and progress get through. */
const YIELD_EVERY_MS = 40;
/** Report progress at most this often (ms). */
const PROGRESS_EVERY_MS = 100;

/** Bytes per read once RawSource recycles its read buffer. */
const RECYCLED_READ_BYTES = 1 << 20;

/** Reads the raw stream: hashes, counts, reports progress, honours the AbortSignal. */
class RawSource {
	bytes = 0;
	private hash: IncrementalHash | null = null;
	private lastYield = 0;
	private lastProgress = 0;
	records: () => number = () => 0;
	/** Bytes read but not yet parsed (handed to a worker pool); 0 on the serial path. */
	pending: () => number = () => 0;
	private lastDone = 0;
	/**
	 * Set by a consumer that copies each chunk before asking for the next (the parallel path):
	 * from then on a byte stream (a File's) is read into one reused buffer (a BYOB reader), so
	 * reading allocates nothing per chunk.
	 */
	recycle = false;

	/** @param stream the original file bytes; @param options signal/progress/totalBytes */
	constructor(
		private readonly stream: ReadableStream<Uint8Array>,
		private readonly options: ImportOptions
	) {}

	/** Emit a progress event (throttled unless `force`). */
	progress(stage: ImportProgress['stage'], force = false, stageFraction?: number): void {
		const cb = this.options.onProgress;
		if (!cb) return;
		const now = Date.now();
		if (!force && now - this.lastProgress < PROGRESS_EVERY_MS) return;
		this.lastProgress = now;
		// never backwards (a piece read but not yet handed to the pool counts as done until it is)
		const doneBytes = (this.lastDone = Math.max(this.lastDone, this.bytes - this.pending()));
		cb({ bytesRead: this.bytes, doneBytes, totalBytes: this.options.totalBytes ?? null, records: this.records(), stage, ...(stageFraction != null ? { stageFraction } : {}) });
	}

	/** The raw chunks. */
	async *chunks(): AsyncGenerator<Uint8Array> {
		const hash = (this.hash = await (this.options.createHash ?? createSha256)());
		this.lastYield = Date.now();
		let reader: ReadableStreamDefaultReader<Uint8Array> | ReadableStreamBYOBReader = this.stream.getReader();
		let byob: ReadableStreamBYOBReader | null = null;
		let spare: ArrayBuffer | null = null;
		const signal = this.options.signal;
		let finished = false;
		try {
			for (;;) {
				if (this.recycle && !byob && !spare) {
					spare = new ArrayBuffer(RECYCLED_READ_BYTES);
					reader.releaseLock();
					try {
						reader = byob = this.stream.getReader({ mode: 'byob' });
					} catch {
						reader = this.stream.getReader(); // not a byte stream: chunks as they come
					}
				}
				throwIfAborted(signal);
				const now = Date.now();
				if (now - this.lastYield > YIELD_EVERY_MS) {
					this.lastYield = now;
					await new Promise((r) => setTimeout(r, 0));
					throwIfAborted(signal);
				}
				const { done, value } = byob ? await byob.read(new Uint8Array(spare!)) : await (reader as ReadableStreamDefaultReader<Uint8Array>).read();
				if (byob && value) spare = value.buffer as ArrayBuffer; // the same memory, handed back
				if (done) {
					finished = true;
					return;
				}
				if (!value || value.length === 0) continue;
				hash.update(value);
				this.bytes += value.length;
				this.progress('reading');
				yield value;
			}
		} finally {
			if (!finished) await reader.cancel().catch(() => undefined);
			reader.releaseLock();
		}
	}

	/** Hex SHA-256 of everything read. */
	digest(): string {
		if (!this.hash) throw new Error('digest() before reading');
		return this.hash.hex();
	}
}

/** Refuse binary data (images, executables, encrypted files) before trying to parse it. */
function checkText(head: Uint8Array): void {
	const n = Math.min(head.length, 4096);
	let bad = 0;
	for (let i = 0; i < n; i++) {
		const b = head[i];
		if (b === 0) bad += 100;
		else if (b < 9 || (b > 13 && b < 32 && b !== 27)) bad++;
	}
	if (n > 0 && bad * 20 > n)
		throw new ImportError('binary', 'This file contains binary data, not genome text. Choose the raw data file (.txt, .csv, .vcf, or their .zip/.gz).');
}

/** Line-level state machine: header block → detection → data lines. */
class TextParser {
	lineNo = 0;
	comments: string[] = [];
	detection: Detection | null = null;
	sample: string | null = null;
	sawText = false;
	parser: ArrayParser | VcfParser | null = null;
	private readonly decoder = new TextDecoder('utf-8');
	private first = true;

	/** @param acc record destination; @param options for the VCF sample choice */
	constructor(
		readonly acc: GenomeAccumulator,
		private readonly options: ImportOptions
	) {}

	/** Handle one line. */
	onLine = (buf: Uint8Array, s: number, e: number): void => {
		this.lineNo++;
		if (this.parser) {
			this.parser.line(buf, s, e, this.lineNo);
			return;
		}
		if (this.first) {
			this.first = false;
			if (e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3; // UTF-8 BOM
		}
		const text = this.decoder.decode(buf.subarray(s, e));
		const trimmed = text.trim();
		if (!trimmed) return;
		this.sawText = true;
		if (trimmed.startsWith('#')) {
			if (this.comments.length >= LIMITS.maxHeaderLines)
				throw new ImportError('too-large', `The file starts with more than ${LIMITS.maxHeaderLines} header lines; this is not a genome file Qenome can read.`);
			this.comments.push(trimmed);
			if (/^#CHROM\b/i.test(trimmed) && /^##fileformat=VCF/i.test(this.comments[0])) this.startVcf(trimmed);
			return;
		}
		const detection = detectFormat(this.comments, trimmed);
		this.detection = detection;
		const hb = headerBuild(this.comments);
		if (hb.build === 'NCBI36')
			throw new ImportError(
				'build36',
				`This file uses the old genome build 36 (${hb.evidence}). Qenome needs build 37 or 38; download a current copy of your raw data from the testing company.`
			);
		if (detection.layout === 'vcf')
			throw new ImportError('bad-vcf', 'The VCF has no "#CHROM" column header line before its first record.', { line: this.lineNo });
		this.parser = new ArrayParser(detection.layout, detection.detail, this.acc);
		if (!isColumnLine(trimmed)) this.parser.line(buf, s, e, this.lineNo);
	};

	/** The #CHROM line of a VCF: choose the sample and start the record parser. */
	private startVcf(chromLine: string): void {
		this.detection = detectFormat(this.comments, chromLine);
		const hb = headerBuild(this.comments);
		if (hb.build === 'NCBI36')
			throw new ImportError('build36', `This VCF uses the old genome build 36 (${hb.evidence}). Qenome needs GRCh37 or GRCh38.`);
		const samples = vcfSamples(chromLine);
		if (samples.length === 0)
			throw new ImportError('no-samples', 'This VCF has no sample columns (no genotypes), so there is nothing personal to import.');
		let index = 0;
		if (this.options.sample !== undefined) {
			index = samples.indexOf(this.options.sample);
			if (index < 0)
				throw new ImportError('unknown-sample', `The VCF has no sample named "${this.options.sample}". Its samples are: ${samples.slice(0, 20).join(', ')}.`, {
					samples
				});
		} else if (samples.length > 1) {
			throw new ImportError('multi-sample', `This VCF holds ${samples.length} people (${samples.slice(0, 5).join(', ')}${samples.length > 5 ? ', …' : ''}); choose which one to import.`, {
				samples
			});
		}
		this.sample = samples[index];
		this.parser = new VcfParser(this.acc, index);
	}
}

/** Per-chromosome counts from finished chunks. */
function summarizeChunk(c: GenomeChunk): ChromosomeSummary {
	let calls = 0;
	let het = 0;
	let longK = 0;
	for (let i = 0; i < c.positions.length; i++) {
		const a1 = c.allele1[i];
		if (a1 === 0 || c.flags[i] & GENOTYPE_FLAGS.HALF_CALL) continue;
		calls++;
		const a2 = c.allele2[i];
		if (a2 === 0 || c.flags[i] & GENOTYPE_FLAGS.HAPLOID) continue;
		if (a1 !== a2) het++;
		else if (a1 === 7) {
			while (longK < c.longAlleleIndex.length && c.longAlleleIndex[longK] < i) longK++;
			const pair = c.longAlleleIndex[longK] === i ? c.longAlleles[longK] : null;
			if (pair && pair[0] !== pair[1]) het++;
		}
	}
	return { records: c.positions.length, calls, noCalls: c.positions.length - calls, heterozygous: het };
}

/** Read at least `min` leading bytes of a raw source; returns them and the rest of the source. */
async function peekRaw(source: AsyncGenerator<Uint8Array>, min: number): Promise<{ head: Uint8Array; rest: AsyncGenerator<Uint8Array> }> {
	const parts: Uint8Array[] = [];
	let len = 0;
	while (len < min) {
		const r = await source.next();
		if (r.done) break;
		parts.push(r.value);
		len += r.value.length;
	}
	let head = parts[0] ?? new Uint8Array(0);
	if (parts.length > 1) {
		head = new Uint8Array(len);
		let o = 0;
		for (const p of parts) {
			head.set(p, o);
			o += p.length;
		}
	}
	return { head, rest: source };
}

/** `head` followed by the rest of a source. */
async function* prepend(head: Uint8Array, rest: AsyncGenerator<Uint8Array>): AsyncGenerator<Uint8Array> {
	if (head.length) yield head;
	yield* rest;
}

/** Does the first BGZF block of `head` inflate to VCF text (not a nested container)? */
function bgzfHoldsVcf(head: Uint8Array): boolean {
	try {
		const blocks: BgzfBlock[] = [];
		scanBgzfBlocks(head, 0, blocks, 1);
		if (blocks.length === 0 || blocks[0].isize < 16) return false;
		const text = inflateSync(head.subarray(blocks[0].start, blocks[0].end), { out: new Uint8Array(blocks[0].isize) });
		let s = 0;
		if (text[0] === 0xef && text[1] === 0xbb && text[2] === 0xbf) s = 3;
		return new TextDecoder().decode(text.subarray(s, s + 16)).toLowerCase() === '##fileformat=vcf';
	} catch {
		return false; // the serial path reports what is wrong
	}
}

/** What the parallel BGZF path works with. */
interface ParallelContext {
	pool: BgzfPool;
	text: TextParser;
	acc: GenomeAccumulator;
	splitter: LineSplitter;
	onText: (chunk: Uint8Array) => void;
	options: ImportOptions;
	/** The file source: told how many read bytes are still in flight, asked to report progress. */
	source: RawSource;
}

const NEWLINE = Uint8Array.of(10);

/**
 * A bgzipped file with a worker pool: the header is read here, block by block, until the VCF
 * record parser starts; from then on batches of whole blocks go to the pool and their results
 * are applied in file order (see parallel.ts). A batch a worker refused is redone here, so
 * refusals carry the serial path's message and line. Files that are not VCF stay serial.
 */
async function decodeBgzfParallel(head: Uint8Array, rest: AsyncGenerator<Uint8Array>, px: ParallelContext): Promise<void> {
	const { pool, text, acc, splitter, onText, options, source } = px;
	// compressed bytes handed to the pool and not yet applied: the bar follows what is parsed,
	// so it keeps moving while the pool drains after the last byte was read
	let inflightBytes = 0;
	source.pending = () => inflightBytes;
	// every chunk read is copied into the staging buffer below before the next is asked for
	source.recycle = true;
	const ctx = new DecodeContext(options.signal);
	const crc = await (options.createCrc32 ?? createCrc32)();
	const inflate = (d: Uint8Array, out: Uint8Array) => inflateSync(d, { out }).length;
	let outBuf = new Uint8Array(0);
	let outBytes = 0;
	/** Inflate blocks of `buf` here and feed their text to the line splitter. */
	const inflateHere = (buf: Uint8Array, blocks: BgzfBlock[]) => {
		let total = 0;
		for (const b of blocks) total += b.isize;
		if (total > outBuf.length) outBuf = new Uint8Array(Math.max(total, 4 << 20));
		const got = inflateBgzfBlocks(buf, blocks, outBuf, inflate, crc);
		if (got > 0) onText(outBuf.subarray(0, got));
	};
	// Buffers are recycled, so the import allocates almost nothing per batch (dead buffers wait for
	// the garbage collector, and four threads' worth of them would add up to hundreds of MB): the
	// compressed bytes not yet batched sit in one staging buffer; each batch in flight is kept in a
	// buffer of `freeKeep` (for a redo here) and sent in one of `freeData`, which the worker hands
	// back with its reply; the columns of an applied batch go back with a later job (`spare`).
	const freeKeep: Uint8Array[] = [];
	const freeData: ArrayBuffer[] = [];
	const freeCols: BgzfColumns[] = [];
	const inflight: { keep: Uint8Array; reply: Promise<BgzfReply> }[] = [];
	// deep enough that each worker has its next batch queued while this thread waits for a turn
	const maxInFlight = pool.maxInFlight ?? 4 * pool.size + 2;
	const batchBytes = pool.batchBytes ?? BATCH_BYTES;
	/** Room for a batch: whole blocks of ≥ batchBytes, so at most one block (64 KiB) beyond it. */
	const slot = (n: number) => Math.max(n, batchBytes + 65536 + 1024);
	let poolBroken = false;
	// one shared copy of each short REF / allele text for the whole import (see TextInterner)
	const intern = new TextInterner();
	/** Apply the oldest batch in flight. */
	const applyOldest = async () => {
		const t = inflight.shift()!;
		inflightBytes -= t.keep.length;
		let reply: BgzfReply | null = null;
		try {
			reply = await t.reply;
		} catch {
			throwIfAborted(options.signal);
			poolBroken = true; // a worker died: do the rest here
		}
		if (reply?.input) freeData.push(reply.input.buffer as ArrayBuffer);
		if (reply?.ok) {
			const r = reply.result;
			onText(r.head);
			if (r.hasNewline) {
				splitter.push(NEWLINE);
				text.lineNo += r.lines;
				applyBatch(r, acc, intern);
				splitter.push(r.tail);
			}
			freeCols.push(spareColumns(r));
			// a streamed import: parse no further ahead of the store than one chromosome
			if (options.sink) await options.sink.drain();
		} else {
			const blocks: BgzfBlock[] = [];
			scanBgzfBlocks(t.keep, 0, blocks);
			inflateHere(t.keep, blocks);
		}
		freeKeep.push(new Uint8Array(t.keep.buffer));
		source.progress('parsing');
		await ctx.pace();
	};
	// the compressed bytes read and not yet batched: stage[0, fill)
	// (room for one batch not yet cut plus one read: it grows only if a read is larger)
	let stage = new Uint8Array(2 * slot(0));
	let fill = 0;
	const append = (bytes: Uint8Array) => {
		if (fill + bytes.length > stage.length) {
			const bigger = new Uint8Array(Math.max(2 * stage.length, fill + bytes.length));
			bigger.set(stage.subarray(0, fill));
			stage = bigger;
		}
		stage.set(bytes, fill);
		fill += bytes.length;
	};
	append(head);
	ctx.rawBytes = head.length;
	let ended = false;
	let parallel = false;
	const blocks: BgzfBlock[] = [];
	for (;;) {
		let off = 0;
		const buf = stage.subarray(0, fill);
		for (;;) {
			blocks.length = 0;
			if (!parallel) {
				// header: a few blocks at a time, here, until the record parser has started
				const next = scanBgzfBlocks(buf, off, blocks, 4);
				if (blocks.length === 0) break;
				let total = 0;
				for (const b of blocks) total += b.isize;
				ctx.check((outBytes += total));
				inflateHere(buf, blocks);
				off = next;
				await ctx.pace();
				if (text.parser instanceof VcfParser) parallel = true;
				continue;
			}
			// one batch of whole blocks, about BATCH_BYTES compressed
			let next = off;
			let total = 0;
			for (;;) {
				const before = blocks.length;
				const e = scanBgzfBlocks(buf, next, blocks, 1);
				if (blocks.length === before) break;
				total += blocks[before].isize;
				next = e;
				if (next - off >= batchBytes) break;
			}
			if (blocks.length === 0 || (next - off < batchBytes && !ended)) break;
			ctx.check((outBytes += total));
			const data = buf.subarray(off, next);
			off = next;
			if (poolBroken) {
				// a worker died: everything still in flight is applied (or redone) first, in order
				while (inflight.length) await applyOldest();
				const bl: BgzfBlock[] = [];
				scanBgzfBlocks(data, 0, bl);
				inflateHere(data, bl);
			} else {
				// one copy kept here (for a redo), one sent (transferred, and handed back)
				let keepBuf = freeKeep.pop();
				if (!keepBuf || keepBuf.length < data.length) keepBuf = new Uint8Array(slot(data.length));
				const keep = keepBuf.subarray(0, data.length);
				keep.set(data);
				let sendBuf = freeData.pop();
				if (!sendBuf || sendBuf.byteLength < data.length) sendBuf = new ArrayBuffer(slot(data.length));
				const send = new Uint8Array(sendBuf, 0, data.length);
				send.set(data);
				const spare = freeCols.pop();
				const job: BgzfJob = { data: send, sampleIndex: (text.parser as VcfParser).sampleIndex, ...(spare ? { spare } : {}) };
				const reply = pool.run(job);
				reply.catch(() => undefined); // handled when applied; abandoned if the import stops first
				inflight.push({ keep, reply });
				inflightBytes += data.length;
				while (inflight.length >= maxInFlight) await applyOldest();
			}
			await ctx.pace();
		}
		if (ended) {
			while (inflight.length) await applyOldest();
			if (off < buf.length) throw new ImportError('truncated-gzip', 'The compressed (bgzip) file is cut off before its end — download it again.');
			return;
		}
		// keep only what is not batched yet, at the start of the staging buffer
		stage.copyWithin(0, off, fill);
		fill -= off;
		const r = await rest.next();
		if (r.done) {
			ended = true;
			continue;
		}
		ctx.rawBytes += r.value.length;
		append(r.value);
	}
}

/** Import a genome from a byte stream (File.stream(), or a Node stream via Readable.toWeb). */
export async function importGenome(stream: ReadableStream<Uint8Array>, options: ImportOptions = {}): Promise<ParsedGenome> {
	try {
		return await importGenomeUnguarded(stream, options);
	} catch (err) {
		throw asImportError(err); // an allocation failure anywhere is "too large", never a crash
	} finally {
		releaseSpareBlocks();
	}
}

/** The import itself (see importGenome). */
async function importGenomeUnguarded(stream: ReadableStream<Uint8Array>, options: ImportOptions): Promise<ParsedGenome> {
	throwIfAborted(options.signal);
	const source = new RawSource(stream, options);
	const acc = new GenomeAccumulator();
	source.records = () => acc.records;
	const text = new TextParser(acc, options);
	const splitter = new LineSplitter(text.onLine);
	const info: ContainerInfo = { layers: [], zipEntry: null };
	let first = true;
	let encoding: string | null = null;
	const onText = (chunk: Uint8Array) => {
		if (first) {
			checkText(chunk);
			first = false;
		}
		splitter.push(chunk);
	};
	const sink = options.sink;
	// A streamed import hands each chromosome to the sink once the file has moved past it (X, Y
	// and MT stay: sex inference and haploid calls need them); what the summary needs of it is
	// kept here: its counts, conflicts, filtered records and build-marker hits.
	const sent = new Map<Chromosome, { summary: ChromosomeSummary; conflicts: number; filtered: number; markers: { grch37: number; grch38: number } }>();
	const digest = (chunk: GenomeChunk) => {
		const conflicts = markConflicts(chunk);
		let filtered = 0;
		for (let i = 0; i < chunk.flags.length; i++) if (chunk.flags[i] & GENOTYPE_FLAGS.FILTERED) filtered++;
		sent.set(chunk.chrom, { summary: summarizeChunk(chunk), conflicts, filtered, markers: countMarkers([chunk]) });
	};
	if (sink)
		acc.handOff = (chunk) => {
			if (chunk.chrom === 'X' || chunk.chrom === 'Y' || chunk.chrom === 'MT') return false;
			digest(chunk);
			sink.put(chunk);
			return true;
		};
	const raw = source.chunks();
	// a whole first block (≤ 64 KiB) tells whether a bgzipped file holds a VCF (parallel path)
	const { head, rest } = await peekRaw(raw, options.bgzfPool ? 65536 + 64 : 18);
	if (options.bgzfPool && isBgzip(head) && bgzfHoldsVcf(head)) {
		info.layers.push('bgzip');
		await decodeBgzfParallel(head, rest, { pool: options.bgzfPool, text, acc, splitter, onText, options, source });
	} else {
		const decoded = decodeContainers(prepend(head, rest), info, { signal: options.signal, createCrc32: options.createCrc32 });
		for await (const chunk of asUtf8(decoded, (e) => (encoding = e))) {
			onText(chunk);
			if (options.sink) await options.sink.drain();
		}
	}
	splitter.end();
	throwIfAborted(options.signal);
	if (source.bytes === 0) throw new ImportError('empty-file', 'The file is empty (0 bytes).');
	if (!text.sawText) throw new ImportError('empty-file', info.layers.length ? 'The compressed file contains no data.' : 'The file contains no data, only blank space.');
	if (!text.detection) {
		if (/^##fileformat=VCF/i.test(text.comments[0] ?? ''))
			throw new ImportError('bad-vcf', 'The VCF has header lines but no "#CHROM" column line and no records.');
		detectFormat(text.comments, ''); // throws unknown-format (or returns for a header-only vendor file)
		throw new ImportError('no-variants', 'The file has a header but no genotype rows.');
	}
	if (acc.records === 0) throw new ImportError('no-variants', 'The file has a header but no genotype rows.');
	source.progress('indexing', true, 0);
	// chromosomes that came back after they were stored: their stored part is merged back in
	for (const k of [...acc.returned]) {
		const chrom = CHROMOSOMES[k];
		acc.restore(k, await sink!.take(chrom));
		sent.delete(chrom);
	}
	const chunks = acc.finish();
	source.progress('indexing', true, 0.4);
	if (chunks.length === 0 && sent.size === 0)
		throw new ImportError('no-variants', 'None of the file\'s rows lie on a human chromosome (1–22, X, Y, MT), so there is nothing to import.');
	const detection = text.detection;
	const header = headerBuild(text.comments);
	const counted = { grch37: 0, grch38: 0 };
	for (const d of sent.values()) {
		counted.grch37 += d.markers.grch37;
		counted.grch38 += d.markers.grch38;
	}
	const decision = decideBuild(chunks, header, detection.format, counted);
	const warnings = [...decision.warnings];
	const sex = inferSex(sexEvidence(chunks, decision.build), detection.format);
	if (detection.format !== 'vcf') makeHemizygousHaploid(chunks, sex, decision.build);
	if (text.parser instanceof ArrayParser && text.parser.multiBase > 0)
		warnings.push(`${text.parser.multiBase.toLocaleString('en')} rows gave several bases instead of a genotype; they are kept as not called.`);
	let conflicting = 0;
	for (const d of sent.values()) conflicting += d.conflicts;
	for (let i = 0; i < chunks.length; i++) {
		conflicting += markConflicts(chunks[i]);
		source.progress('indexing', false, 0.4 + (0.3 * (i + 1)) / chunks.length);
	}
	if (conflicting > 0)
		warnings.push(
			`${conflicting.toLocaleString('en')} position${conflicting === 1 ? ' is' : 's are'} listed more than once with different genotypes; they are treated as not tested, and results that need them say so.`
		);
	if (encoding) warnings.push(`The file is ${encoding === 'utf-16le' ? 'UTF-16' : 'UTF-16 (big-endian)'} text; it was read as such.`);
	if (acc.skippedPositionZero > 0)
		warnings.push(`${acc.skippedPositionZero.toLocaleString('en')} records at position 0 (no such base) were skipped.`);
	if (acc.allelesShortened > 0)
		warnings.push(
			`${acc.allelesShortened.toLocaleString('en')} alleles longer than ${LIMITS.maxAlleleText.toLocaleString('en')} bases were shortened to their first ${LIMITS.maxAlleleText.toLocaleString('en')}; analyses that need those alleles exactly cannot use them.`
		);
	if (acc.skippedUnplaced > 0)
		warnings.push(`${acc.skippedUnplaced.toLocaleString('en')} records on unplaced contigs or chromosome "0" were skipped.`);
	const perChromosome: GenomeSummary['perChromosome'] = {};
	let calls = 0;
	let kept = 0;
	let filtered = 0;
	const byChrom = new Map<Chromosome, { summary: ChromosomeSummary; filtered: number }>(sent);
	for (const c of chunks) {
		let f = 0;
		if (detection.format === 'vcf') for (let i = 0; i < c.flags.length; i++) if (c.flags[i] & GENOTYPE_FLAGS.FILTERED) f++;
		byChrom.set(c.chrom, { summary: summarizeChunk(c), filtered: f });
		source.progress('indexing', false, 0.7 + (0.3 * byChrom.size) / (chunks.length + sent.size));
	}
	// in canonical chromosome order, as before
	for (const chrom of CHROMOSOMES) {
		const d = byChrom.get(chrom);
		if (!d) continue;
		perChromosome[chrom] = d.summary;
		calls += d.summary.calls;
		kept += d.summary.records;
		if (detection.format === 'vcf') filtered += d.filtered;
	}
	if (filtered > 0) warnings.push(`${filtered.toLocaleString('en')} VCF records did not pass the caller's filters; they are kept and marked as filtered.`);
	// 23andMe states its chip version only in the download's file name ("…_v5_Full_…"): detail only,
	// never used for detection.
	let detail = detection.detail;
	const version = /_v(\d)_Full_/i.exec(info.zipEntry ?? options.fileName ?? '');
	if (detection.format === '23andme' && version) detail = `23andMe v${version[1]}`;
	const summary: GenomeSummary = {
		format: detection.format,
		formatDetail: detail + (info.layers.length ? ` (${info.layers.join(' → ')})` : ''),
		build: decision.build,
		buildEvidence: decision.evidence,
		sex,
		records: acc.records,
		calls,
		noCalls: kept - calls,
		perChromosome,
		sample: text.sample,
		warnings
	};
	source.progress('indexing', true, 1);
	if (sink) {
		for (const c of chunks) sink.put(c);
		return { summary, chunks: [], sha256: source.digest(), bytes: source.bytes };
	}
	return { summary, chunks, sha256: source.digest(), bytes: source.bytes };
}

/** Import from bytes in memory (tests, small files). */
export function importGenomeBytes(bytes: Uint8Array, options: ImportOptions = {}): Promise<ParsedGenome> {
	return importGenome(bytesToStream(bytes), { totalBytes: bytes.length, ...options });
}

/** A ReadableStream over in-memory bytes, in 1 MiB pieces. */
export function bytesToStream(bytes: Uint8Array, pieceSize = 1 << 20): ReadableStream<Uint8Array> {
	let offset = 0;
	return new ReadableStream<Uint8Array>({
		pull(controller) {
			if (offset >= bytes.length) {
				controller.close();
				return;
			}
			const end = Math.min(bytes.length, offset + pieceSize);
			controller.enqueue(bytes.subarray(offset, end));
			offset = end;
		}
	});
}

/** List the sample names of a (possibly compressed) VCF, reading only its header. */
export async function listVcfSamples(stream: ReadableStream<Uint8Array>): Promise<string[]> {
	let samples: string[] | null = null;
	let lineNo = 0;
	let isVcf = false;
	const decoder = new TextDecoder();
	const splitter = new LineSplitter((buf, s, e) => {
		if (samples) return;
		lineNo++;
		if (lineNo === 1 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf) s += 3;
		const line = decoder.decode(buf.subarray(s, e)).trim();
		if (lineNo === 1) isVcf = /^##fileformat=VCF/i.test(line);
		if (!isVcf) throw new ImportError('unknown-format', 'This is not a VCF file (it does not start with "##fileformat=VCF").');
		if (/^#CHROM\b/i.test(line)) samples = vcfSamples(line);
		else if (!line.startsWith('#') && line) throw new ImportError('bad-vcf', 'The VCF has no "#CHROM" column header line before its first record.');
	});
	const info: ContainerInfo = { layers: [], zipEntry: null };
	const source = new RawSource(stream, {});
	let sawBytes = false;
	for await (const chunk of asUtf8(decodeContainers(source.chunks(), info, {}))) {
		if (!sawBytes) checkText(chunk);
		sawBytes = true;
		splitter.push(chunk);
		if (samples) break;
	}
	if (!samples) splitter.end();
	if (!sawBytes) throw new ImportError('empty-file', 'The file is empty (0 bytes).');
	if (!samples) throw new ImportError('bad-vcf', 'The VCF has no "#CHROM" column header line.');
	return samples;
}

/**
 * Stream the text lines of a (possibly gzip/bgzip/zip-compressed) file to `onLine` as byte views,
 * with the importer's container handling and line limits. For analyses that need columns the
 * importer does not keep (e.g. the family checks read FORMAT DP/GQ/AD at a few sites).
 */
export async function readTextLines(
	stream: ReadableStream<Uint8Array>,
	onLine: (buf: Uint8Array, start: number, end: number) => void,
	signal?: AbortSignal
): Promise<void> {
	const splitter = new LineSplitter(onLine);
	const info: ContainerInfo = { layers: [], zipEntry: null };
	const source = new RawSource(stream, { signal });
	for await (const chunk of decodeContainers(source.chunks(), info, { signal })) splitter.push(chunk);
	splitter.end();
}
