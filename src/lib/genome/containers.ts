/**
 * Containers around genome text: gzip (incl. bgzip and concatenated multi-member gzip, as
 * FamilyTreeDNA ships), zip (the largest genome-like entry), and nesting of those (a `.vcf.gz`
 * inside a zip). Everything streams through fflate except zip, whose central directory sits at
 * the end of the file: the *compressed* zip is held (bounded by LIMITS.maxZipBytes) while the
 * chosen entry is inflated in 1 MiB slices, so the decompressed text is never held whole.
 *
 * Why fflate and not the native DecompressionStream: Chromium's DecompressionStream('gzip')
 * stops after the first gzip member ("Junk found after end of compressed data"; whatwg/compression
 * issue #42), and bgzip and FamilyTreeDNA files are multi-member by construction.
 */
import { Gunzip, Inflate, inflateSync } from 'fflate';
import { inflateBgzfBlocks, scanBgzfBlocks, type BgzfBlock, type RawInflate } from './bgzf';
import { createCrc32, type Crc32, type Crc32Factory } from './checksum';
import { ImportError, throwIfAborted } from './errors';
import { LIMITS } from './limits';

/** What the decoder learnt about the containers, for the summary/warnings. */
export interface ContainerInfo {
	/** Outermost first, e.g. ["zip", "gzip"]; empty for plain text. */
	layers: string[];
	/** Name of the zip entry that was read, if any. */
	zipEntry: string | null;
	/** Which inflater decodeTextFast (bgzf-text.ts) used for a BGZF file: Node's zlib, the WebAssembly decoder or DecompressionStream. */
	inflater?: 'zlib' | 'wasm' | 'streams';
}

/** Peek at least `min` leading bytes of an async byte source; returns them and the remainder. */
async function peek(
	source: AsyncIterator<Uint8Array>,
	min: number
): Promise<{ head: Uint8Array; done: boolean }> {
	const parts: Uint8Array[] = [];
	let len = 0;
	let done = false;
	while (len < min) {
		const r = await source.next();
		if (r.done) {
			done = true;
			break;
		}
		if (r.value.length === 0) continue;
		parts.push(r.value.slice()); // copy: a decoder may reuse its output buffer (bgunzip)
		len += r.value.length;
	}
	return { head: concat(parts, len), done };
}

/** Concatenate byte arrays whose lengths add up to `len` (the only part itself when there is one; an array, not varargs, so a 1 GB zip's thousands of pieces are fine). */
export function concat(parts: Uint8Array[], len: number): Uint8Array {
	if (parts.length === 1) return parts[0];
	const out = new Uint8Array(len);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** Is this the gzip magic (1f 8b)? */
export function isGzip(b: Uint8Array): boolean {
	return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Is this a zip local-file or empty-archive signature? */
export function isZip(b: Uint8Array): boolean {
	return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** Is this a BGZF (bgzip) block header: gzip with FEXTRA and a "BC" subfield? */
export function isBgzip(b: Uint8Array): boolean {
	return isGzip(b) && b.length >= 14 && (b[3] & 4) !== 0 && b[12] === 66 && b[13] === 67;
}

/** Raw-deflate input fed to a streaming inflater at a time. Deflate expands at most ~1032-fold,
 * so one piece yields at most ~16 MiB: the bomb guard runs between pieces, long before memory
 * is at risk, at every nesting level. */
export const INFLATE_PIECE = 16384;

/** Yield to the event loop (a macrotask, so a worker's cancel message gets through). */
export function yieldToEventLoop(): Promise<void> {
	const g = globalThis as { setImmediate?: (f: () => void) => unknown };
	if (typeof g.setImmediate === 'function') return new Promise((r) => g.setImmediate!(r));
	if (typeof MessageChannel === 'function')
		return new Promise((r) => {
			const ch = new MessageChannel();
			ch.port1.onmessage = () => {
				ch.port1.close();
				r();
			};
			ch.port2.postMessage(0);
		});
	return new Promise((r) => setTimeout(r, 0));
}

/**
 * Shared decompression state of one import: the raw (file) bytes read so far, for the bomb
 * guard's ratio at every nesting level, and the pacing that keeps cancel responsive while a
 * decoder works through data already in memory.
 */
export class DecodeContext {
	/** Bytes of the original file decoded so far: the bomb guard's base. */
	rawBytes = 0;
	/** Bytes of the original file read from the source so far. */
	rawRead = 0;
	/** Set when the outermost decoder (gzip/bgzip) counts `rawBytes` itself, piece by piece. */
	decoderCounts = false;
	private lastYield = Date.now();

	/** @param signal the import's cancel signal */
	constructor(readonly signal?: AbortSignal) {}

	/**
	 * Guard against decompression bombs, per piece: a layer that has produced `outBytes` is
	 * refused when that exceeds the absolute cap, or is more than the ratio cap times the whole
	 * file read so far (so a gzip inside a gzip cannot multiply the two ratios).
	 */
	check(outBytes: number): void {
		if (outBytes > LIMITS.maxDecompressedBytes)
			throw new ImportError(
				'too-large',
				`The file expands to more than ${LIMITS.maxDecompressedBytes / 1024 ** 3} GB of text, which is more than any genome file; it was not imported.`
			);
		if (outBytes > LIMITS.ratioCheckAfterBytes && outBytes > this.rawBytes * LIMITS.maxCompressionRatio)
			throw new ImportError(
				'too-large',
				`The compressed file expands more than ${LIMITS.maxCompressionRatio}-fold, which genome files never do (a "zip bomb"?); it was not imported.`
			);
	}

	/** Throw when cancelled; every ~40 ms give the event loop a turn first (cancel, progress). */
	async pace(): Promise<void> {
		throwIfAborted(this.signal);
		const now = Date.now();
		if (now - this.lastYield > 40) {
			await yieldToEventLoop();
			this.lastYield = Date.now();
			throwIfAborted(this.signal);
		}
	}
}

/** Gzip trailer: CRC-32 and ISIZE (text size mod 2^32) of a member. */
function readTrailer(t: Uint8Array): { crc: number; isize: number } {
	return {
		crc: (t[0] | (t[1] << 8) | (t[2] << 16) | (t[3] << 24)) >>> 0,
		isize: (t[4] | (t[5] << 8) | (t[6] << 16) | (t[7] << 24)) >>> 0
	};
}

/**
 * The last ~128 KiB pushed into a decoder, as copies of its pieces (a source may reuse its
 * buffers), so a member's trailer can be read once the decoder reports where the member ended
 * (a gzip header may carry up to 64 KiB of extra fields before the next member's data).
 */
class TailWindow {
	private pieces: { bytes: Uint8Array; end: number }[] = [];
	private held = 0;

	/** Remember `piece`, which ends at global offset `end`. */
	push(piece: Uint8Array, end: number): void {
		this.pieces.push({ bytes: piece.slice(), end });
		this.held += piece.length;
		while (this.pieces.length > 1 && this.held - this.pieces[0].bytes.length >= 128 * 1024) this.held -= this.pieces.shift()!.bytes.length;
	}

	/** Bytes `[from, from + n)` (global offsets), or null when no longer held. */
	get(from: number, n: number): Uint8Array | null {
		const out = new Uint8Array(n);
		let got = 0;
		for (const p of this.pieces) {
			const start = p.end - p.bytes.length;
			const a = Math.max(from, start);
			const b = Math.min(from + n, p.end);
			if (a >= b) continue;
			out.set(p.bytes.subarray(a - start, b - start), a - from);
			got += b - a;
		}
		return got === n ? out : null;
	}
}

/**
 * Stream-decompress gzip (any number of members), fed in small pieces. Every member's CRC-32 and
 * ISIZE are checked against its trailer: an altered byte that still inflates is refused.
 */
async function* gunzip(head: Uint8Array, rest: AsyncIterator<Uint8Array>, ctx: DecodeContext, crc: Crc32, outer: boolean): AsyncGenerator<Uint8Array> {
	const out: Uint8Array[] = [];
	let inBytes = 0;
	let outBytes = 0;
	let memberBytes = 0;
	const tail = new TailWindow();
	const g = new Gunzip((data) => {
		outBytes += data.length;
		memberBytes += data.length;
		crc.update(data);
		out.push(data);
	});
	/** A member ended just before global input offset `next`: check its trailer. */
	const memberEnd = (next: number) => {
		const t = tail.get(next - 8, 8);
		if (!t) throw new ImportError('corrupt-gzip', 'The compressed (gzip) file is damaged (a member trailer could not be read) — download it again.');
		verify(readTrailer(t));
	};
	const verify = ({ crc: want, isize }: { crc: number; isize: number }) => {
		if (isize !== memberBytes % 2 ** 32)
			throw new ImportError('corrupt-gzip', 'The compressed (gzip) file is damaged (its stated size does not match its content) — download it again.');
		if (crc.value() !== want)
			throw new ImportError('corrupt-gzip', 'The compressed (gzip) file is damaged (it fails its CRC-32 check: its content was altered) — download it again.');
		crc.reset();
		memberBytes = 0;
	};
	g.onmember = (offset: number) => memberEnd(offset);
	const push = (chunk: Uint8Array, final: boolean) => {
		try {
			g.push(chunk, final);
		} catch (err) {
			if (err instanceof ImportError) throw err;
			const msg = (err as Error).message ?? '';
			if (/unexpected EOF/i.test(msg))
				throw new ImportError('truncated-gzip', 'The compressed (gzip) file is cut off before its end — download it again.');
			throw new ImportError('corrupt-gzip', `The compressed (gzip) file is damaged (${msg || 'invalid data'}) — download it again.`);
		}
		ctx.check(outBytes);
	};
	crc.reset();
	let chunk: Uint8Array | null = head;
	while (chunk) {
		for (let o = 0; o < chunk.length; o += INFLATE_PIECE) {
			const piece = chunk.subarray(o, Math.min(chunk.length, o + INFLATE_PIECE));
			inBytes += piece.length;
			if (outer) ctx.rawBytes = inBytes; // the file bytes decoded so far: the ratio's base
			tail.push(piece, inBytes);
			push(piece, false);
			while (out.length) yield out.shift()!;
			await ctx.pace();
		}
		const r = await rest.next();
		chunk = r.done ? null : r.value;
	}
	push(new Uint8Array(0), true);
	while (out.length) yield out.shift()!;
	// the last member's trailer is the file's last 8 bytes
	const t = tail.get(inBytes - 8, 8);
	if (!t) throw new ImportError('truncated-gzip', 'The compressed (gzip) file is cut off before its end — download it again.');
	verify(readTrailer(t));
}

/**
 * BGZF (bgzip) fast path: every block is inflated with one `inflateSync` straight into its slot
 * of a reused output buffer (sizes from BSIZE/ISIZE, see bgzf.ts) — no streaming state, no
 * re-slicing of the input per member (fflate's generic multi-member path copies the rest of the
 * input at every member boundary, which costs seconds on a 15,000-block WGS file). Each block's
 * CRC-32 and size are checked; the bomb guard runs on the stated sizes before inflating.
 */
async function* bgunzip(head: Uint8Array, rest: AsyncIterator<Uint8Array>, ctx: DecodeContext, crc: Crc32, outer: boolean): AsyncGenerator<Uint8Array> {
	let buf = head;
	let consumed = 0; // file bytes of the blocks decoded so far (when this is the outer layer)
	let outBytes = 0;
	let ended = false;
	const blocks: BgzfBlock[] = [];
	let outBuf = new Uint8Array(0);
	const inflate: RawInflate = (data, out) => inflateSync(data, { out }).length;
	for (;;) {
		// the complete blocks in `buf`, 64 at a time (≤ 4 MiB of text between bomb checks)
		let off = 0;
		for (;;) {
			blocks.length = 0;
			const next = scanBgzfBlocks(buf, off, blocks, 64);
			if (blocks.length === 0) break;
			let total = 0;
			for (const b of blocks) total += b.isize;
			if (outer) ctx.rawBytes = consumed + next;
			ctx.check(outBytes + total);
			// One output buffer, reused: the consumer (line splitter) is done with a yielded view
			// before it asks for the next, and copies what it keeps.
			if (total > outBuf.length) outBuf = new Uint8Array(Math.max(total, 4 << 20));
			const got = inflateBgzfBlocks(buf, blocks, outBuf, inflate, crc);
			outBytes += got;
			off = next;
			if (got > 0) yield outBuf.subarray(0, got);
			await ctx.pace();
		}
		if (ended) {
			if (off < buf.length) throw new ImportError('truncated-gzip', 'The compressed (bgzip) file is cut off before its end — download it again.');
			return;
		}
		const r = await rest.next();
		const leftover = buf.subarray(off);
		consumed += off;
		if (r.done) {
			ended = true;
			buf = leftover;
			continue;
		}
		if (leftover.length === 0) buf = r.value;
		else {
			const next = new Uint8Array(leftover.length + r.value.length);
			next.set(leftover);
			next.set(r.value, leftover.length);
			buf = next;
		}
	}
}

/** One entry of a zip's central directory. */
interface ZipEntry {
	name: string;
	method: number;
	flags: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
}

/** Read the central directory of a whole zip held in memory. */
function readZipDirectory(zip: Uint8Array): ZipEntry[] {
	const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	let eocd = -1;
	for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
		if (dv.getUint32(i, true) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new ImportError('truncated-zip', 'The zip file is incomplete (its table of contents is missing) — download it again.');
	const count = dv.getUint16(eocd + 10, true);
	let p = dv.getUint32(eocd + 16, true);
	const entries: ZipEntry[] = [];
	const dec = new TextDecoder();
	for (let k = 0; k < count; k++) {
		if (p + 46 > zip.length || dv.getUint32(p, true) !== 0x02014b50)
			throw new ImportError('corrupt-zip', 'The zip file is damaged (bad table of contents) — download it again.');
		const nameLen = dv.getUint16(p + 28, true);
		const extraLen = dv.getUint16(p + 30, true);
		const commentLen = dv.getUint16(p + 32, true);
		const entry: ZipEntry = {
			flags: dv.getUint16(p + 8, true),
			method: dv.getUint16(p + 10, true),
			crc: dv.getUint32(p + 16, true),
			compressedSize: dv.getUint32(p + 20, true),
			size: dv.getUint32(p + 24, true),
			localOffset: dv.getUint32(p + 42, true),
			name: dec.decode(zip.subarray(p + 46, Math.min(zip.length, p + 46 + nameLen)))
		};
		if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff || entry.localOffset === 0xffffffff)
			throw new ImportError('too-large', 'The zip file uses the ZIP64 extension (over 4 GB), which is not supported; unzip it first.');
		entries.push(entry);
		p += 46 + nameLen + extraLen + commentLen;
	}
	return entries;
}

/** Does this zip entry look like genome data (not a folder, not macOS metadata, not a PDF/readme)? */
export function isGenomeLikeEntry(name: string): boolean {
	const lower = name.toLowerCase();
	if (lower.endsWith('/') || lower.startsWith('__macosx/') || lower.split('/').pop()!.startsWith('.')) return false;
	if (/readme|licen[cs]e/.test(lower)) return false;
	return /\.(txt|csv|tsv|vcf|vcf\.gz|vcf\.bgz|txt\.gz|csv\.gz|gz|bgz)$/.test(lower) || !/\.[a-z0-9]{1,5}$/.test(lower);
}

/** Read a whole zip, pick the largest genome-like entry and inflate it in small pieces. */
async function* unzip(
	head: Uint8Array,
	rest: AsyncIterator<Uint8Array>,
	info: ContainerInfo,
	ctx: DecodeContext,
	crc: Crc32
): AsyncGenerator<Uint8Array> {
	const parts = [head];
	let len = head.length;
	for (;;) {
		await ctx.pace();
		const r = await rest.next();
		if (r.done) break;
		len += r.value.length;
		if (len > LIMITS.maxZipBytes)
			throw new ImportError('too-large', `The zip file is larger than ${LIMITS.maxZipBytes / 1024 ** 3} GB; unzip it and import the file inside.`);
		parts.push(r.value);
	}
	const zip = concat(parts, len);
	const entries = readZipDirectory(zip).filter((e) => isGenomeLikeEntry(e.name));
	if (entries.length === 0)
		throw new ImportError('zip-without-genome', 'The zip file contains no genome data file (.txt, .csv or .vcf).');
	entries.sort((a, b) => b.size - a.size);
	const entry = entries[0];
	info.zipEntry = entry.name;
	if (entry.flags & 1) throw new ImportError('zip-encrypted', 'The zip file is password-protected; unzip it first and import the file inside.');
	// the stated size is known before inflating: refuse a bomb without doing the work
	ctx.check(entry.size);
	const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const lo = entry.localOffset;
	if (lo + 30 > zip.length || dv.getUint32(lo, true) !== 0x04034b50)
		throw new ImportError('corrupt-zip', 'The zip file is damaged (bad entry header) — download it again.');
	const dataStart = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
	const dataEnd = dataStart + entry.compressedSize;
	if (dataEnd > zip.length) throw new ImportError('truncated-zip', 'The zip file is cut off before its end — download it again.');
	const data = zip.subarray(dataStart, dataEnd);
	if (entry.method !== 0 && entry.method !== 8)
		throw new ImportError('corrupt-zip', `The zip entry "${entry.name}" uses an unsupported compression method (${entry.method}); unzip it first.`);
	crc.reset();
	let outBytes = 0;
	/** Count, bound and checksum one piece of the entry's text. */
	const account = (d: Uint8Array) => {
		outBytes += d.length;
		if (outBytes > entry.size)
			throw new ImportError('corrupt-zip', 'The zip file is damaged (an entry holds more data than its stated size) — download it again.');
		ctx.check(outBytes);
		crc.update(d);
	};
	if (entry.method === 0) {
		for (let o = 0; o < data.length; o += 1 << 20) {
			const piece = data.subarray(o, Math.min(data.length, o + (1 << 20)));
			account(piece);
			yield piece;
			await ctx.pace();
		}
	} else {
		const out: Uint8Array[] = [];
		const inf = new Inflate((d) => {
			account(d);
			out.push(d);
		});
		for (let o = 0; o < data.length || o === 0; o += INFLATE_PIECE) {
			const final = o + INFLATE_PIECE >= data.length;
			try {
				inf.push(data.subarray(o, Math.min(data.length, o + INFLATE_PIECE)), final);
			} catch (err) {
				if (err instanceof ImportError) throw err;
				const msg = (err as Error).message ?? '';
				if (/unexpected EOF/i.test(msg)) throw new ImportError('truncated-zip', 'The zip file is cut off before its end — download it again.');
				throw new ImportError('corrupt-zip', `The zip file is damaged (${msg || 'invalid data'}) — download it again.`);
			}
			while (out.length) yield out.shift()!;
			await ctx.pace();
			if (final) break;
		}
	}
	if (outBytes !== entry.size)
		throw new ImportError('corrupt-zip', 'The zip file is damaged (an entry is shorter than its stated size) — download it again.');
	if (crc.value() !== entry.crc)
		throw new ImportError('corrupt-zip', 'The zip file is damaged (its content fails the CRC-32 check: it was altered) — download it again.');
}

/** Map an allocation failure of the engine to the importer's "too large" refusal. */
export function asImportError(err: unknown): unknown {
	if (err instanceof RangeError && /allocat|array length|buffer/i.test(err.message))
		return new ImportError('too-large', 'The file needs more memory than this device can give it; it is far larger than a genome file and was not imported.');
	return err;
}

/** Options of `decodeContainers`. */
export interface DecodeOptions {
	signal?: AbortSignal;
	/** CRC-32 factory (default: hash-wasm / JavaScript; Node passes its native zlib.crc32). */
	createCrc32?: Crc32Factory;
}

/**
 * Peel containers off a byte source: returns the genome text bytes. Gzip/zip are recognised by
 * their magic bytes (never by file name), up to two levels deep. Each layer inflates in small
 * pieces with the bomb guard checked per piece against the file's own size, verifies the
 * CRC-32 and size its container states, and gives the event loop a turn every ~40 ms so a
 * cancel acts at once. An allocation failure anywhere becomes `too-large`.
 */
export async function* decodeContainers(
	source: AsyncIterable<Uint8Array>,
	info: ContainerInfo,
	options: DecodeOptions = {}
): AsyncGenerator<Uint8Array> {
	const ctx = new DecodeContext(options.signal);
	// The ratio's base: bytes of the file read so far (a zip is read whole first); the outer gzip
	// and bgzip decoders set it to the bytes they have decoded, which can lag far behind a source
	// that delivers the file in large chunks.
	const counted = async function* () {
		for await (const chunk of source) {
			ctx.rawRead += chunk.length;
			if (!ctx.decoderCounts) ctx.rawBytes = ctx.rawRead;
			yield chunk;
		}
	};
	try {
		yield* decodeLayer(counted(), info, ctx, options.createCrc32 ?? createCrc32, 0);
	} catch (err) {
		throw asImportError(err);
	}
}

/** One container layer (recursive). */
async function* decodeLayer(
	source: AsyncIterable<Uint8Array>,
	info: ContainerInfo,
	ctx: DecodeContext,
	createCrc: Crc32Factory,
	depth: number
): AsyncGenerator<Uint8Array> {
	const it = source[Symbol.asyncIterator]();
	const { head, done } = await peek(it, 14);
	if (head.length === 0) return;
	if (depth < 2 && isGzip(head)) {
		const bgzf = isBgzip(head);
		info.layers.push(bgzf ? 'bgzip' : 'gzip');
		const crc = await createCrc();
		const outer = depth === 0;
		if (outer) ctx.decoderCounts = true;
		const inner = bgzf ? () => bgunzip(head, it, ctx, crc, outer) : () => gunzip(head, it, ctx, crc, outer);
		yield* decodeLayer({ [Symbol.asyncIterator]: inner }, info, ctx, createCrc, depth + 1);
		return;
	}
	if (depth < 2 && isZip(head)) {
		info.layers.push('zip');
		const crc = await createCrc();
		yield* decodeLayer({ [Symbol.asyncIterator]: () => unzip(head, it, info, ctx, crc) }, info, ctx, createCrc, depth + 1);
		return;
	}
	yield head;
	if (done) return;
	for (;;) {
		const r = await it.next();
		if (r.done) return;
		yield r.value;
	}
}
