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
import { ImportError, throwIfAborted } from './errors';
import { LIMITS } from './limits';

/** What the decoder learnt about the containers, for the summary/warnings. */
export interface ContainerInfo {
	/** Outermost first, e.g. ["zip", "gzip"]; empty for plain text. */
	layers: string[];
	/** Name of the zip entry that was read, if any. */
	zipEntry: string | null;
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

/** Concatenate byte arrays. */
function concat(parts: Uint8Array[], len: number): Uint8Array {
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

/** Guard against decompression bombs: absolute size and expansion ratio. */
function checkExpansion(outBytes: number, inBytes: number): void {
	if (outBytes > LIMITS.maxDecompressedBytes)
		throw new ImportError(
			'too-large',
			`The file expands to more than ${LIMITS.maxDecompressedBytes / 1024 ** 3} GB of text, which is more than any genome file; it was not imported.`
		);
	if (outBytes > LIMITS.ratioCheckAfterBytes && outBytes > inBytes * LIMITS.maxCompressionRatio)
		throw new ImportError(
			'too-large',
			`The compressed file expands more than ${LIMITS.maxCompressionRatio}-fold, which genome files never do (a "zip bomb"?); it was not imported.`
		);
}

/** Stream-decompress gzip (any number of members). */
async function* gunzip(head: Uint8Array, rest: AsyncIterator<Uint8Array>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
	const out: Uint8Array[] = [];
	let inBytes = 0;
	let outBytes = 0;
	const g = new Gunzip((data) => {
		outBytes += data.length;
		out.push(data);
	});
	const push = (chunk: Uint8Array, final: boolean) => {
		try {
			g.push(chunk, final);
		} catch (err) {
			const msg = (err as Error).message ?? '';
			if (/unexpected EOF/i.test(msg))
				throw new ImportError('truncated-gzip', 'The compressed (gzip) file is cut off before its end — download it again.');
			throw new ImportError('corrupt-gzip', `The compressed (gzip) file is damaged (${msg || 'invalid data'}) — download it again.`);
		}
		checkExpansion(outBytes, inBytes);
	};
	inBytes += head.length;
	push(head, false);
	for (;;) {
		while (out.length) yield out.shift()!;
		throwIfAborted(signal);
		const r = await rest.next();
		if (r.done) break;
		inBytes += r.value.length;
		push(r.value, false);
	}
	push(new Uint8Array(0), true);
	while (out.length) yield out.shift()!;
}

/**
 * BGZF (bgzip) fast path. A BGZF file is a series of gzip members of at most 64 KiB of text,
 * each stating its compressed size (BSIZE) in the header and its text size (ISIZE) in the
 * trailer. Knowing both, every block is inflated with one `inflateSync` straight into its slot
 * of a preallocated output buffer — no streaming state, no re-slicing of the input per member
 * (fflate's generic multi-member path copies the rest of the input at every member boundary,
 * which costs seconds on a 15,000-block WGS file).
 */
async function* bgunzip(head: Uint8Array, rest: AsyncIterator<Uint8Array>, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
	let buf = head;
	let inBytes = head.length;
	let outBytes = 0;
	let ended = false;
	const blocks: { start: number; end: number; isize: number }[] = [];
	let outBuf = new Uint8Array(0);
	for (;;) {
		// collect the complete blocks in `buf`
		blocks.length = 0;
		let off = 0;
		let total = 0;
		while (buf.length - off >= 18) {
			if (buf[off] !== 0x1f || buf[off + 1] !== 0x8b || buf[off + 2] !== 8 || (buf[off + 3] & 4) === 0)
				throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block header is invalid) — download it again.');
			const xlen = buf[off + 10] | (buf[off + 11] << 8);
			if (buf.length - off < 12 + xlen) break;
			let bsize = -1;
			for (let p = off + 12; p + 4 <= off + 12 + xlen; ) {
				const slen = buf[p + 2] | (buf[p + 3] << 8);
				if (buf[p] === 66 && buf[p + 1] === 67 && slen === 2) bsize = buf[p + 4] | (buf[p + 5] << 8);
				p += 4 + slen;
			}
			if (bsize < 0) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block has no size field) — download it again.');
			const size = bsize + 1;
			if (size < 12 + xlen + 8) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (impossible block size) — download it again.');
			if (buf.length - off < size) break;
			const e = off + size;
			const isize = (buf[e - 4] | (buf[e - 3] << 8) | (buf[e - 2] << 16) | (buf[e - 1] << 24)) >>> 0;
			if (isize > 65536) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (block larger than 64 KiB) — download it again.');
			blocks.push({ start: off + 12 + xlen, end: e - 8, isize });
			total += isize;
			off = e;
		}
		if (blocks.length) {
			// One output buffer, reused: the consumer (line splitter) is done with a yielded view
			// before it asks for the next, and copies what it keeps. Saves ~900 MB of short-lived
			// allocations on a WGS file, which otherwise inflate the peak RSS until GC catches up.
			if (total > outBuf.length) outBuf = new Uint8Array(Math.max(total, 8 << 20));
			const out = outBuf.subarray(0, total);
			let o = 0;
			for (const b of blocks) {
				if (b.isize === 0) continue;
				let got: Uint8Array;
				try {
					got = inflateSync(buf.subarray(b.start, b.end), { out: out.subarray(o, o + b.isize) });
				} catch (err) {
					throw new ImportError('corrupt-gzip', `The compressed (bgzip) file is damaged (${(err as Error).message || 'invalid data'}) — download it again.`);
				}
				if (got.length !== b.isize) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block has the wrong size) — download it again.');
				o += b.isize;
			}
			outBytes += total;
			checkExpansion(outBytes, inBytes);
			if (total > 0) yield out;
		}
		if (ended) {
			if (off < buf.length) throw new ImportError('truncated-gzip', 'The compressed (bgzip) file is cut off before its end — download it again.');
			return;
		}
		throwIfAborted(signal);
		const r = await rest.next();
		const leftover = buf.subarray(off);
		if (r.done) {
			ended = true;
			buf = leftover;
			continue;
		}
		inBytes += r.value.length;
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

/** Read a whole zip, pick the largest genome-like entry and inflate it in slices. */
async function* unzip(
	head: Uint8Array,
	rest: AsyncIterator<Uint8Array>,
	info: ContainerInfo,
	signal?: AbortSignal
): AsyncGenerator<Uint8Array> {
	const parts = [head];
	let len = head.length;
	for (;;) {
		throwIfAborted(signal);
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
	const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
	const lo = entry.localOffset;
	if (lo + 30 > zip.length || dv.getUint32(lo, true) !== 0x04034b50)
		throw new ImportError('corrupt-zip', 'The zip file is damaged (bad entry header) — download it again.');
	const dataStart = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
	const dataEnd = dataStart + entry.compressedSize;
	if (dataEnd > zip.length) throw new ImportError('truncated-zip', 'The zip file is cut off before its end — download it again.');
	const data = zip.subarray(dataStart, dataEnd);
	if (entry.method === 0) {
		for (let o = 0; o < data.length; o += 1 << 20) yield data.subarray(o, Math.min(data.length, o + (1 << 20)));
		return;
	}
	if (entry.method !== 8)
		throw new ImportError('corrupt-zip', `The zip entry "${entry.name}" uses an unsupported compression method (${entry.method}); unzip it first.`);
	const out: Uint8Array[] = [];
	let outBytes = 0;
	const inf = new Inflate((d) => {
		outBytes += d.length;
		out.push(d);
	});
	const slice = 1 << 20;
	for (let o = 0; o < data.length || o === 0; o += slice) {
		throwIfAborted(signal);
		const final = o + slice >= data.length;
		try {
			inf.push(data.subarray(o, Math.min(data.length, o + slice)), final);
		} catch (err) {
			const msg = (err as Error).message ?? '';
			if (/unexpected EOF/i.test(msg)) throw new ImportError('truncated-zip', 'The zip file is cut off before its end — download it again.');
			throw new ImportError('corrupt-zip', `The zip file is damaged (${msg || 'invalid data'}) — download it again.`);
		}
		checkExpansion(outBytes, data.length);
		while (out.length) yield out.shift()!;
		if (final) break;
	}
}

/**
 * Peel containers off a byte source: returns the genome text bytes. Gzip/zip are recognised by
 * their magic bytes (never by file name), up to two levels deep.
 */
export async function* decodeContainers(
	source: AsyncIterable<Uint8Array>,
	info: ContainerInfo,
	signal?: AbortSignal,
	depth = 0
): AsyncGenerator<Uint8Array> {
	const it = source[Symbol.asyncIterator]();
	const { head, done } = await peek(it, 14);
	if (head.length === 0) return;
	if (depth < 2 && isGzip(head)) {
		const bgzf = isBgzip(head);
		info.layers.push(bgzf ? 'bgzip' : 'gzip');
		const inner = bgzf ? () => bgunzip(head, it, signal) : () => gunzip(head, it, signal);
		yield* decodeContainers({ [Symbol.asyncIterator]: inner }, info, signal, depth + 1);
		return;
	}
	if (depth < 2 && isZip(head)) {
		info.layers.push('zip');
		yield* decodeContainers({ [Symbol.asyncIterator]: () => unzip(head, it, info, signal) }, info, signal, depth + 1);
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
