/**
 * Parallel BGZF import: BGZF blocks are independently compressed, so once a VCF's header has
 * been read (serially, on the importing thread), the rest of the file is cut into batches of
 * whole blocks that a pool of workers (Web Workers in the browser, worker_threads in Node)
 * inflate, check (size and CRC-32 of every block) and parse into columns. The importing thread
 * applies the results strictly in file order, parsing only the one line that straddles two
 * batches, so the records, their order and every refusal are exactly those of the serial path.
 *
 * Memory stays flat: at most `4 × pool size + 2` batches (the browser's pool: 2 × size + 2) (≈ 1 MiB compressed, ≈ 4 MiB of text
 * each) are in flight; the importing thread holds only their compressed bytes and the growing
 * columns. A batch a worker refuses (bad record, damaged block, long line) is re-done serially
 * on the importing thread, so the error message and its line number are the serial path's own.
 *
 * The pool is platform code: `createBgzfPool(spawn)` over any worker-like port;
 * src/lib/genome/node.ts spawns worker_threads, src/lib/workers/bgzf.worker.ts is the browser's.
 */
import { inflateBgzfBlocks, scanBgzfBlocks, type BgzfBlock, type RawInflate } from './bgzf';
import type { Crc32 } from './checksum';
import { ImportError } from './errors';
import { LIMITS } from './limits';
import { VcfParser } from './vcf';
import { CR, LF } from './bytes';

/** Compressed bytes per batch (whole blocks; ≈ 4 MiB of VCF text). */
export const BATCH_BYTES = 1 << 20;

/** A batch of whole BGZF blocks for a worker. */
export interface BgzfJob {
	/**
	 * The blocks' bytes (header to trailer), transferred to the worker (a view: the rest of its
	 * buffer is spare room). The worker transfers the buffer back with its reply (`input`), so
	 * the importing thread reuses it for a later batch instead of allocating one per batch.
	 */
	data: Uint8Array;
	/** Which sample column of the VCF to read. */
	sampleIndex: number;
	/**
	 * Column buffers of a batch the importing thread has applied, transferred back for the worker
	 * to parse into (whole buffers, any length; the worker grows what is too small).
	 */
	spare?: BgzfColumns;
}

/** The typed-array columns of a parsed batch (the buffers a job's `spare` recycles). */
export interface BgzfColumns {
	chrom: Uint8Array;
	positions: Uint32Array;
	rsids: Uint32Array;
	allele1: Uint8Array;
	allele2: Uint8Array;
	flags: Uint8Array;
	refCodes: Uint8Array;
}

/**
 * The texts of a batch's side tables packed into one buffer: the UTF-16 code units of every text,
 * one after another — first the long REFs (`refIndex` order), then the non-rs IDs (`otherIdIndex`
 * order), then the two texts of each long-allele record (`longAlleleIndex` order) — and where each
 * ends. A structured clone of typed arrays makes no JS objects on the importing thread (arrays of
 * strings made one string per text, and one array per allele pair, in its V8 heap for every batch).
 */
export interface PackedTexts {
	/** Code units of all texts, concatenated. */
	units: Uint16Array;
	/** ends[k] = end (exclusive) of text k in `units`; text k starts at ends[k - 1] (0 for k = 0). */
	ends: Uint32Array;
}

/** Records parsed from one batch, as columns (batch-relative indices; the first `n` of each). */
export interface BgzfBatchResult extends BgzfColumns {
	/** Text before the batch's first newline (the end of a line that began earlier). */
	head: Uint8Array;
	/** False when the batch's text holds no newline at all (then `head` is all of it). */
	hasNewline: boolean;
	/** Text after the last newline (the start of a line that ends later). */
	tail: Uint8Array;
	/** Complete lines between the first and last newline. */
	lines: number;
	/** Data records counted (including skipped ones). */
	records: number;
	skippedUnplaced: number;
	skippedPositionZero: number;
	allelesShortened: number;
	/** Records kept: n. */
	n: number;
	/** Records whose REF is long (code 7); their texts are the first of `texts`. */
	refIndex: Uint32Array;
	/** Records with a non-rs ID; their texts follow the REFs in `texts`. */
	otherIdIndex: Uint32Array;
	/** Records with a code-7 allele; two texts each (allele 1, allele 2) follow the IDs in `texts`. */
	longAlleleIndex: Uint32Array;
	/** The side tables' texts (see PackedTexts). */
	texts: PackedTexts;
	/** FORMAT/PS phase sets of phased records (sparse; empty unless FORMAT has PS). */
	phaseSetIndex: Uint32Array;
	phaseSets: Uint32Array;
}

/**
 * A worker's answer: the result, or the refusal that makes the importing thread redo the batch.
 * `input` is the job's `data` buffer handed back for reuse (absent when a worker could not).
 */
export type BgzfReply = ({ ok: true; result: BgzfBatchResult } | { ok: false; code: string; message: string }) & { input?: Uint8Array };

/** What a pool runs: one batch at a time per worker. */
export interface BgzfPool {
	/** Number of workers. */
	readonly size: number;
	/** Compressed bytes per batch (default BATCH_BYTES; tests use small batches). */
	readonly batchBytes?: number;
	/**
	 * Most batches in flight (default 4 × size + 2, so every worker has work queued; the browser's
	 * pool keeps 2 × size + 2, which is as fast there and holds less memory).
	 */
	readonly maxInFlight?: number;
	/** Inflate, check and parse one batch. */
	run(job: BgzfJob): Promise<BgzfReply>;
	/** Stop every worker (pending runs reject). */
	close(): void;
}

/** The part of a Web Worker / worker_threads Worker the pool needs. */
export interface WorkerPort {
	postMessage(message: unknown, transfer: Transferable[]): void;
	/** Register the reply handler. */
	onReply(handler: (message: BgzfReply) => void, onError: (err: unknown) => void): void;
	terminate(): void;
}

/**
 * A pool of `size` workers made by `spawn`, fed from one queue (each worker takes the next batch
 * when it finishes one, so a slow worker never holds up the others).
 */
export function createBgzfPool(spawn: () => WorkerPort, size: number, batchBytes = BATCH_BYTES): BgzfPool {
	type Task = { job: BgzfJob; resolve: (r: BgzfReply) => void; reject: (e: unknown) => void };
	const queue: Task[] = [];
	const idle: WorkerPort[] = [];
	const busy = new Map<WorkerPort, Task>();
	let closed = false;
	const next = (w: WorkerPort) => {
		const task = queue.shift();
		if (!task) {
			idle.push(w);
			return;
		}
		busy.set(w, task);
		w.postMessage(task.job, jobTransfers(task.job));
	};
	const dead = new Set<WorkerPort>();
	for (let i = 0; i < size; i++) {
		const w = spawn();
		w.onReply(
			(reply) => {
				const task = busy.get(w);
				busy.delete(w);
				task?.resolve(reply);
				if (!closed) next(w);
			},
			(err) => {
				const task = busy.get(w);
				busy.delete(w);
				task?.reject(err);
				// a dead worker takes no more jobs; when none is left, nothing queued would ever run
				dead.add(w);
				const at = idle.indexOf(w);
				if (at >= 0) idle.splice(at, 1);
				if (dead.size === all.length) for (const t of queue.splice(0)) t.reject(err);
			}
		);
		idle.push(w);
	}
	const all = [...idle];
	return {
		size,
		batchBytes,
		run(job) {
			if (closed) return Promise.reject(new ImportError('cancelled', 'The import was cancelled.'));
			if (dead.size === all.length) return Promise.reject(new Error('every worker of the pool has stopped'));
			return new Promise<BgzfReply>((resolve, reject) => {
				queue.push({ job, resolve, reject });
				const w = idle.pop();
				if (w) next(w);
			});
		},
		close() {
			if (closed) return;
			closed = true;
			for (const w of all) w.terminate();
			const stop = new ImportError('cancelled', 'The import was cancelled.');
			for (const t of [...queue, ...busy.values()]) t.reject(stop);
			queue.length = 0;
			busy.clear();
		}
	};
}

/** The buffers a job transfers: its data and any spare columns (each once). */
export function jobTransfers(job: BgzfJob): ArrayBuffer[] {
	const out = new Set<ArrayBuffer>([job.data.buffer as ArrayBuffer]);
	const s = job.spare;
	if (s) for (const a of [s.chrom, s.positions, s.rsids, s.allele1, s.allele2, s.flags, s.refCodes]) out.add(a.buffer as ArrayBuffer);
	return [...out];
}

/** Whole-buffer views of a batch result's columns, for a later job's `spare`. */
export function spareColumns(r: BgzfColumns): BgzfColumns {
	return {
		chrom: new Uint8Array(r.chrom.buffer),
		positions: new Uint32Array(r.positions.buffer),
		rsids: new Uint32Array(r.rsids.buffer),
		allele1: new Uint8Array(r.allele1.buffer),
		allele2: new Uint8Array(r.allele2.buffer),
		flags: new Uint8Array(r.flags.buffer),
		refCodes: new Uint8Array(r.refCodes.buffer)
	};
}

/** A column of `n` elements from a spare buffer, or a new one when the spare is missing or short. */
function column<T extends Uint8Array | Uint32Array>(spare: T | undefined, n: number, make: (n: number) => T): T {
	return spare && spare.length >= n ? spare : make(n);
}

/** Uint32 values in one buffer that is reused batch after batch (a side table's record indices). */
class U32List {
	private a = new Uint32Array(1024);
	n = 0;

	/** Empty the list (its buffer is kept). */
	reset(): this {
		this.n = 0;
		return this;
	}

	push(v: number): void {
		if (this.n === this.a.length) {
			const g = new Uint32Array(this.n * 2);
			g.set(this.a);
			this.a = g;
		}
		this.a[this.n++] = v;
	}

	/** A copy of the values (its own buffer, to transfer). */
	take(): Uint32Array {
		return this.a.slice(0, this.n);
	}
}

/** Strings in one array that is reused batch after batch (growing it once, not per batch). */
class TextList {
	readonly a: string[] = [];
	n = 0;

	/** Empty the list, dropping the strings it held. */
	reset(): this {
		for (let i = 0; i < this.n; i++) this.a[i] = '';
		this.n = 0;
		return this;
	}

	push(s: string): void {
		this.a[this.n++] = s;
	}
}

/** This thread's side-table lists (see RecordBatch). */
const SIDE = {
	refIndex: new U32List(),
	refs: new TextList(),
	otherIdIndex: new U32List(),
	otherIds: new TextList(),
	longAlleleIndex: new U32List(),
	alleleTexts: new TextList(),
	phaseSetIndex: new U32List(),
	phaseSets: new U32List()
};

/**
 * Growable column storage with the accumulator interface VcfParser writes to. Parses into the
 * spare buffers of an applied batch when the job brings them (no allocation per batch), and its
 * result's columns are views of its buffers (transferred, never copied).
 */
class RecordBatch {
	records = 0;
	skippedUnplaced = 0;
	skippedPositionZero = 0;
	allelesShortened = 0;
	n = 0;
	private k = 0;
	chrom: Uint8Array;
	positions: Uint32Array;
	rsids: Uint32Array;
	allele1: Uint8Array;
	allele2: Uint8Array;
	flags: Uint8Array;
	refCodes: Uint8Array;
	// side tables: this thread's lists, reused batch after batch (a batch is parsed and packed in
	// one synchronous call, so one set per thread is enough)
	refIndex = SIDE.refIndex.reset();
	refs = SIDE.refs.reset();
	otherIdIndex = SIDE.otherIdIndex.reset();
	otherIds = SIDE.otherIds.reset();
	longAlleleIndex = SIDE.longAlleleIndex.reset();
	/** The texts of each long-allele record, two per record (no array per record). */
	alleleTexts = SIDE.alleleTexts.reset();
	phaseSetIndex = SIDE.phaseSetIndex.reset();
	phaseSets = SIDE.phaseSets.reset();

	/** @param spare buffers to parse into (from a batch already applied), else fresh ones */
	constructor(spare?: BgzfColumns) {
		// every column must have the same length (add() grows them together): the shortest spare
		// decides, and a column shorter than that is replaced
		const m = spare ? Math.max(16384, Math.min(spare.chrom.length, spare.positions.length, spare.rsids.length, spare.allele1.length, spare.allele2.length, spare.flags.length, spare.refCodes.length)) : 16384;
		const u8 = (n: number) => new Uint8Array(n);
		const u32 = (n: number) => new Uint32Array(n);
		this.chrom = column(spare?.chrom, m, u8).subarray(0, m);
		this.positions = column(spare?.positions, m, u32).subarray(0, m);
		this.rsids = column(spare?.rsids, m, u32).subarray(0, m);
		this.allele1 = column(spare?.allele1, m, u8).subarray(0, m);
		this.allele2 = column(spare?.allele2, m, u8).subarray(0, m);
		this.flags = column(spare?.flags, m, u8).subarray(0, m);
		this.refCodes = column(spare?.refCodes, m, u8).subarray(0, m);
	}

	/** Count one data record. */
	countRecord(): void {
		this.records++;
	}

	/** Records from here on belong to chromosome index `k`. */
	builder(k: number): this {
		this.k = k;
		return this;
	}

	/** Double every column. */
	private grow(): void {
		const m = this.chrom.length * 2;
		const g8 = (a: Uint8Array) => {
			const b = new Uint8Array(m);
			b.set(a);
			return b;
		};
		const g32 = (a: Uint32Array) => {
			const b = new Uint32Array(m);
			b.set(a);
			return b;
		};
		this.chrom = g8(this.chrom);
		this.positions = g32(this.positions);
		this.rsids = g32(this.rsids);
		this.allele1 = g8(this.allele1);
		this.allele2 = g8(this.allele2);
		this.flags = g8(this.flags);
		this.refCodes = g8(this.refCodes);
	}

	/** Append one record (as ChunkBuilder.add). */
	add(pos: number, rsid: number, a1: number, a2: number, flags: number): number {
		if (this.n === this.chrom.length) this.grow();
		const i = this.n++;
		this.chrom[i] = this.k;
		this.positions[i] = pos;
		this.rsids[i] = rsid;
		this.allele1[i] = a1;
		this.allele2[i] = a2;
		this.flags[i] = flags;
		this.refCodes[i] = 0; // a recycled buffer holds an earlier batch's codes
		return i;
	}

	/** As ChunkBuilder.setRef. */
	setRef(i: number, code: number, text: string | null): void {
		this.refCodes[i] = code;
		if (code === 7 && text !== null) {
			this.refIndex.push(i);
			this.refs.push(text);
		}
	}

	/** As ChunkBuilder.setOtherId. */
	setOtherId(i: number, id: string): void {
		this.otherIdIndex.push(i);
		this.otherIds.push(id);
	}

	/** As ChunkBuilder.setLongAlleles. */
	setLongAlleles(i: number, a1: string, a2: string): void {
		this.longAlleleIndex.push(i);
		this.alleleTexts.push(a1);
		this.alleleTexts.push(a2);
	}

	/** As ChunkBuilder.setPhaseSet. */
	setPhaseSet(i: number, ps: number): void {
		this.phaseSetIndex.push(i);
		this.phaseSets.push(ps);
	}
}

/** What a worker needs from its platform. */
export interface BatchDeps {
	/** Inflate one block's raw deflate data into its slot (with `crc`: the portable path). */
	inflate: RawInflate;
	crc: Crc32;
	/**
	 * Optional native fast path: inflate a whole batch of BGZF blocks (consecutive gzip members)
	 * in one call that itself checks every member's CRC-32 and size (Node: zlib.gunzipSync), and
	 * return its text — or throw, and the batch is redone serially with the serial path's message.
	 * `textBytes` is the sum of the blocks' ISIZEs; the result must be exactly that long.
	 * `blocks` are the batch's blocks (as scanned), for inflaters that go block by block (the
	 * browser's WebAssembly decoder, inflate-wasm.ts, whose result is a view of its own memory that
	 * is parsed before the next batch overwrites it).
	 */
	inflateBatch?: (data: Uint8Array, textBytes: number, blocks: readonly BgzfBlock[]) => Uint8Array;
	/**
	 * Optional asynchronous native path (the browser's DecompressionStream): inflate `blocks` of
	 * `data` one after another into `out` (exactly the sum of their ISIZEs long), checking each
	 * block's CRC-32 and size; resolves to the bytes written, or rejects (the batch is redone).
	 */
	inflateAsync?: (data: Uint8Array, blocks: readonly BgzfBlock[], out: Uint8Array) => Promise<number>;
}

let textBuf = new Uint8Array(0);

/** The blocks of a job and their total text size (a batch must be whole blocks). */
function scanJob(job: BgzfJob): { blocks: BgzfBlock[]; total: number } {
	const blocks: BgzfBlock[] = [];
	const end = scanBgzfBlocks(job.data, 0, blocks);
	if (end !== job.data.length) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a batch ends inside a block) — download it again.');
	let total = 0;
	for (const b of blocks) total += b.isize;
	return { blocks, total };
}

/** A refusal reply from a thrown error (the importing thread redoes the batch serially). */
function refusal(err: unknown): { reply: BgzfReply; transfer: ArrayBuffer[] } {
	const e = err as { code?: string; message?: string };
	return { reply: { ok: false, code: e.code ?? 'failed', message: e.message ?? String(err) }, transfer: [] };
}

/**
 * The worker's job: inflate and check every block of the batch, then parse its complete lines.
 * Returns the reply and the buffers to transfer back. Runs in a worker (or in-process in tests).
 */
export function parseBgzfBatch(job: BgzfJob, deps: BatchDeps): { reply: BgzfReply; transfer: ArrayBuffer[] } {
	return handBack(job, parseBgzfBatchOnce(job, deps));
}

/** The reply with the job's input buffer handed back for reuse (each buffer transferred once). */
function handBack(job: BgzfJob, out: { reply: BgzfReply; transfer: ArrayBuffer[] }): { reply: BgzfReply; transfer: ArrayBuffer[] } {
	const buffer = job.data.buffer as ArrayBuffer;
	out.reply.input = job.data;
	if (!out.transfer.includes(buffer)) out.transfer.push(buffer);
	return out;
}

/** parseBgzfBatch without the hand-back. */
function parseBgzfBatchOnce(job: BgzfJob, deps: BatchDeps): { reply: BgzfReply; transfer: ArrayBuffer[] } {
	try {
		const { blocks, total } = scanJob(job);
		let text: Uint8Array;
		if (deps.inflateBatch) {
			text = deps.inflateBatch(job.data, total, blocks);
			if (text.length !== total) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block has the wrong size) — download it again.');
		} else {
			if (total > textBuf.length) textBuf = new Uint8Array(Math.max(total, 4 << 20));
			text = textBuf.subarray(0, inflateBgzfBlocks(job.data, blocks, textBuf, deps.inflate, deps.crc));
		}
		return parseBatchText(text, job.sampleIndex, job.spare);
	} catch (err) {
		return refusal(err);
	}
}

/**
 * As parseBgzfBatch, with an asynchronous native inflater (the browser's DecompressionStream,
 * which checks each block's CRC-32 and size itself). Falls back to the synchronous path when
 * `inflateAsync` is absent. `scratch` holds the text buffer between batches; callers that may run
 * several jobs at once in one thread give each its own.
 */
export async function parseBgzfBatchAsync(job: BgzfJob, deps: BatchDeps, scratch: { buf: Uint8Array } = { buf: new Uint8Array(0) }): Promise<{ reply: BgzfReply; transfer: ArrayBuffer[] }> {
	if (!deps.inflateAsync) return parseBgzfBatch(job, deps);
	return handBack(job, await parseBgzfBatchAsyncOnce(job, deps.inflateAsync, scratch));
}

/** parseBgzfBatchAsync without the hand-back. */
async function parseBgzfBatchAsyncOnce(job: BgzfJob, inflateAsync: NonNullable<BatchDeps['inflateAsync']>, scratch: { buf: Uint8Array }): Promise<{ reply: BgzfReply; transfer: ArrayBuffer[] }> {
	try {
		const { blocks, total } = scanJob(job);
		// the caller's buffer (one per worker, which holds one job at a time), reused batch after batch
		if (total > scratch.buf.length) scratch.buf = new Uint8Array(total + (total >> 3));
		const text = scratch.buf.subarray(0, total);
		const got = await inflateAsync(job.data, blocks, text);
		if (got !== total) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block has the wrong size) — download it again.');
		return parseBatchText(text, job.sampleIndex, job.spare);
	} catch (err) {
		return refusal(err);
	}
}

/**
 * Parse the complete lines of a batch's text. The first partial line (the end of one that began
 * in an earlier batch) and the last (the start of one that ends later) go back as bytes for the
 * importing thread, which joins them with their neighbours' and parses them there.
 */
function parseBatchText(inflated: Uint8Array, sampleIndex: number, spare?: BgzfColumns): { reply: BgzfReply; transfer: ArrayBuffer[] } {
	// a plain Uint8Array view (a Node Buffer's slice() would share memory, not copy: head and
	// tail must be their own small buffers to transfer)
	const text = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
	const batch = new RecordBatch(spare);
	const first = text.indexOf(LF);
	if (first < 0) {
		const result = finishBatch(batch, text.slice(), false, new Uint8Array(0), 0);
		return { reply: { ok: true, result }, transfer: transfers(result) };
	}
	const last = text.lastIndexOf(LF);
	const parser = new VcfParser(batch, sampleIndex);
	let s = first + 1;
	let lines = 0;
	while (s <= last) {
		const nl = text.indexOf(LF, s);
		let e = nl;
		if (e - s > LIMITS.maxLineBytes) throw new ImportError('too-large', 'A line is too long.');
		if (e > s && text[e - 1] === CR) e--;
		lines++;
		parser.line(text, s, e, lines);
		s = nl + 1;
	}
	const result = finishBatch(batch, text.slice(0, first), true, text.slice(last + 1), lines);
	return { reply: { ok: true, result }, transfer: transfers(result) };
}

/** A batch's columns as views of its first `n` records (their buffers are transferred whole). */
function finishBatch(b: RecordBatch, head: Uint8Array, hasNewline: boolean, tail: Uint8Array, lines: number): BgzfBatchResult {
	const n = b.n;
	return {
		head,
		hasNewline,
		tail,
		lines,
		records: b.records,
		skippedUnplaced: b.skippedUnplaced,
		skippedPositionZero: b.skippedPositionZero,
		allelesShortened: b.allelesShortened,
		n,
		chrom: b.chrom.subarray(0, n),
		positions: b.positions.subarray(0, n),
		rsids: b.rsids.subarray(0, n),
		allele1: b.allele1.subarray(0, n),
		allele2: b.allele2.subarray(0, n),
		flags: b.flags.subarray(0, n),
		refCodes: b.refCodes.subarray(0, n),
		refIndex: b.refIndex.take(),
		otherIdIndex: b.otherIdIndex.take(),
		longAlleleIndex: b.longAlleleIndex.take(),
		texts: packFlat(b.refs, b.otherIds, b.alleleTexts),
		phaseSetIndex: b.phaseSetIndex.take(),
		phaseSets: b.phaseSets.take()
	};
}

/** Pack the side tables' texts (REFs, then IDs, then each allele pair's two texts) into one buffer. */
export function packTexts(refs: readonly string[], otherIds: readonly string[], longAlleles: readonly (readonly [string, string])[]): PackedTexts {
	const list = (a: readonly string[]) => ({ a, n: a.length });
	return packFlat(list(refs), list(otherIds), list(longAlleles.flat()));
}

/** As packTexts, with the allele pairs' texts given flat (allele 1, allele 2, allele 1, …): the first `n` of each list. */
function packFlat(...groups: { readonly a: readonly string[]; readonly n: number }[]): PackedTexts {
	let count = 0;
	let total = 0;
	for (const g of groups) {
		count += g.n;
		for (let k = 0; k < g.n; k++) total += g.a[k].length;
	}
	const units = new Uint16Array(total);
	const ends = new Uint32Array(count);
	let o = 0;
	let t = 0;
	for (const g of groups)
		for (let k = 0; k < g.n; k++) {
			const s = g.a[k];
			for (let i = 0; i < s.length; i++) units[o++] = s.charCodeAt(i);
			ends[t++] = o;
		}
	return { units, ends };
}

/** Text `k` of packed texts, as a new string (exact: UTF-16 code units are copied as they are). */
export function unpackText(p: PackedTexts, k: number): string {
	return fromUnits(p.units, k === 0 ? 0 : p.ends[k - 1], p.ends[k]);
}

/** The string of code units `units[s, e)`. */
function fromUnits(units: Uint16Array, s: number, e: number): string {
	if (e - s <= 8) {
		let out = '';
		for (let i = s; i < e; i++) out += String.fromCharCode(units[i]);
		return out;
	}
	let out = '';
	for (let i = s; i < e; i += 8192) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(e, i + 8192)) as unknown as number[]);
	return out;
}

/** The buffers of a result, for a zero-copy transfer (each once: a duplicate makes postMessage throw). */
function transfers(r: BgzfBatchResult): ArrayBuffer[] {
	return [
		...new Set(
			[r.head, r.tail, r.chrom, r.positions, r.rsids, r.allele1, r.allele2, r.flags, r.refCodes, r.refIndex, r.otherIdIndex, r.longAlleleIndex, r.texts.units, r.texts.ends, r.phaseSetIndex, r.phaseSets].map(
				(a) => a.buffer as ArrayBuffer
			)
		)
	];
}

/** The accumulator interface batches are appended to (GenomeAccumulator's). */
interface ReplayTarget {
	countRecords(n: number): void;
	skippedUnplaced: number;
	skippedPositionZero: number;
	allelesShortened: number;
	builder(k: number): {
		appendColumns(c: BgzfBatchResult, from: number, to: number): number;
		addRefText(i: number, text: string): void;
		setOtherId(i: number, id: string): void;
		setLongAlleles(i: number, a1: string, a2: string): void;
		setLongAllelePair(i: number, pair: [string, string]): void;
		setPhaseSet(i: number, ps: number): void;
	};
}

/** Texts up to this many characters are shared by `TextInterner` (indels, short REFs). */
const INTERN_MAX_CHARS = 24;
/** Distinct texts (and allele pairs) `TextInterner` keeps at most; later ones pass through. */
const INTERN_MAX_ENTRIES = 1 << 16;

/**
 * One shared copy of each short allele / REF text (and of each allele pair) for one import. A WGS
 * file repeats a few thousand short indel texts hundreds of thousands of times; the chromosome
 * being built keeps them until it is stored, so without sharing they would be hundreds of
 * thousands of long-lived heap objects (the genome worker's V8 heap grew by tens of MB). Batches
 * arrive with their texts packed as code units (`PackedTexts`), which `textAt` / `pairAt` look up
 * in a hash table over those code units: a text seen before makes no string at all, so applying a
 * batch allocates almost nothing in the V8 heap. Bounded: long texts and new texts past
 * `INTERN_MAX_ENTRIES` are passed through unshared (hostile input cannot grow the tables).
 */
export class TextInterner {
	private readonly texts = new Map<string, string>();
	private readonly pairs = new Map<string, [string, string]>();
	/** Packed-text table: open addressing over code-unit hashes; slot = entry id + 1 (0 empty). */
	private readonly slots = new Int32Array(INTERN_MAX_ENTRIES * 2);
	private readonly hashes = new Int32Array(INTERN_MAX_ENTRIES);
	private readonly starts = new Uint32Array(INTERN_MAX_ENTRIES + 1);
	private arena = new Uint16Array(4096);
	private readonly strings: string[] = [];
	/** Pair table over entry ids (a Map with a numeric key a · 65536 + b boxed the key per lookup). */
	private readonly pairSlots = new Int32Array(INTERN_MAX_ENTRIES * 2);
	private readonly pairIds = new Int32Array(INTERN_MAX_ENTRIES * 2);
	private readonly pairList: [string, string][] = [];

	/** The shared copy of `s` (or `s` itself). */
	text(s: string): string {
		if (s.length > INTERN_MAX_CHARS) return s;
		const hit = this.texts.get(s);
		if (hit !== undefined) return hit;
		if (this.texts.size < INTERN_MAX_ENTRIES) this.texts.set(s, s);
		return s;
	}

	/** One shared, never-mutated `[a, b]` array per distinct short pair (a fresh one otherwise). */
	pair(a: string, b: string): [string, string] {
		if (a.length > INTERN_MAX_CHARS || b.length > INTERN_MAX_CHARS) return [a, b];
		// a tab never occurs inside an allele text (it separates VCF columns)
		const key = `${a}\t${b}`;
		const hit = this.pairs.get(key);
		if (hit) return hit;
		const p: [string, string] = [this.text(a), this.text(b)];
		if (this.pairs.size < INTERN_MAX_ENTRIES) this.pairs.set(key, p);
		return p;
	}

	/** Text `k` of packed texts: the shared copy, made (decoded) only the first time it is seen. */
	textAt(p: PackedTexts, k: number): string {
		const id = this.idAt(p, k);
		return id >= 0 ? this.strings[id] : unpackText(p, k);
	}

	/** The shared pair of packed texts `k` and `k + 1` (as `pair`), with no allocation when seen before. */
	pairAt(p: PackedTexts, k: number): [string, string] {
		const a = this.idAt(p, k);
		const b = a >= 0 ? this.idAt(p, k + 1) : -1;
		if (b < 0) return this.pair(a >= 0 ? this.strings[a] : unpackText(p, k), unpackText(p, k + 1));
		const mask = this.pairSlots.length - 1;
		for (let at = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b), probe = 0; ; probe++) {
			at = (at + probe) & mask;
			const slot = this.pairSlots[at];
			if (slot === 0) {
				const pair = this.pair(this.strings[a], this.strings[b]);
				const id = this.pairList.length;
				if (id < INTERN_MAX_ENTRIES) {
					this.pairList.push(pair);
					this.pairIds[2 * id] = a;
					this.pairIds[2 * id + 1] = b;
					this.pairSlots[at] = id + 1;
				}
				return pair;
			}
			if (this.pairIds[2 * (slot - 1)] === a && this.pairIds[2 * (slot - 1) + 1] === b) return this.pairList[slot - 1];
		}
	}

	/** Entry id of packed text `k` (added when new and there is room), or −1 (long, or the table is full). */
	private idAt(p: PackedTexts, k: number): number {
		const s = k === 0 ? 0 : p.ends[k - 1];
		const e = p.ends[k];
		const len = e - s;
		if (len > INTERN_MAX_CHARS) return -1;
		const u = p.units;
		let h = 0x811c9dc5 ^ len;
		for (let i = s; i < e; i++) h = Math.imul(h ^ u[i], 0x01000193);
		const mask = this.slots.length - 1;
		for (let at = h & mask; ; at = (at + 1) & mask) {
			const slot = this.slots[at];
			if (slot === 0) {
				const id = this.strings.length;
				if (id >= INTERN_MAX_ENTRIES) return -1;
				const start = this.starts[id];
				if (start + len > this.arena.length) {
					const grown = new Uint16Array(Math.max(this.arena.length * 2, start + len));
					grown.set(this.arena);
					this.arena = grown;
				}
				this.arena.set(u.subarray(s, e), start);
				this.starts[id + 1] = start + len;
				this.hashes[id] = h;
				this.strings.push(this.text(fromUnits(u, s, e)));
				this.slots[at] = id + 1;
				return id;
			}
			const id = slot - 1;
			if (this.hashes[id] !== h || this.starts[id + 1] - this.starts[id] !== len) continue;
			const a = this.arena;
			let j = this.starts[id];
			let i = s;
			while (i < e && a[j] === u[i]) {
				i++;
				j++;
			}
			if (i === e) return id;
		}
	}
}

/**
 * Append a batch's records to the accumulator, in order: one block copy per chromosome run.
 * With `intern`, the batch's REF and allele texts become shared copies (see TextInterner), made
 * from the packed texts without a string per record.
 */
export function applyBatch(r: BgzfBatchResult, acc: ReplayTarget, intern?: TextInterner): void {
	acc.countRecords(r.records);
	acc.skippedUnplaced += r.skippedUnplaced;
	acc.skippedPositionZero += r.skippedPositionZero;
	acc.allelesShortened += r.allelesShortened;
	const t = r.texts;
	const idBase = r.refIndex.length;
	const pairBase = idBase + r.otherIdIndex.length;
	let ri = 0;
	let oi = 0;
	let li = 0;
	let pi = 0;
	for (let from = 0; from < r.n; ) {
		const k = r.chrom[from];
		let to = from + 1;
		while (to < r.n && r.chrom[to] === k) to++;
		const b = acc.builder(k);
		const base = b.appendColumns(r, from, to) - from;
		for (; ri < r.refIndex.length && r.refIndex[ri] < to; ri++) b.addRefText(base + r.refIndex[ri], intern ? intern.textAt(t, ri) : unpackText(t, ri));
		for (; oi < r.otherIdIndex.length && r.otherIdIndex[oi] < to; oi++) b.setOtherId(base + r.otherIdIndex[oi], unpackText(t, idBase + oi));
		for (; li < r.longAlleleIndex.length && r.longAlleleIndex[li] < to; li++) {
			const at = pairBase + 2 * li;
			if (intern) b.setLongAllelePair(base + r.longAlleleIndex[li], intern.pairAt(t, at));
			else b.setLongAlleles(base + r.longAlleleIndex[li], unpackText(t, at), unpackText(t, at + 1));
		}
		for (; pi < r.phaseSetIndex.length && r.phaseSetIndex[pi] < to; pi++) b.setPhaseSet(base + r.phaseSetIndex[pi], r.phaseSets[pi]);
		from = to;
	}
}

/**
 * The worker side of the message protocol: answer each job with `parseBgzfBatch` (or its
 * asynchronous twin when the platform inflates asynchronously). A pool worker holds one job at a
 * time, so replies leave in the order jobs arrived.
 */
export function bgzfWorkerHandler(deps: BatchDeps, post: (reply: BgzfReply, transfer: ArrayBuffer[]) => void): (job: BgzfJob) => void {
	if (deps.inflateAsync) {
		const scratch = { buf: new Uint8Array(0) };
		return (job) => void parseBgzfBatchAsync(job, deps, scratch).then(({ reply, transfer }) => post(reply, transfer));
	}
	return (job) => {
		const { reply, transfer } = parseBgzfBatch(job, deps);
		post(reply, transfer);
	};
}
