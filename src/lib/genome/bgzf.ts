/**
 * BGZF (bgzip) framing. A BGZF file is a series of gzip members of at most 64 KiB of text, each
 * stating its compressed size (BSIZE, in the "BC" extra field) in its header and the CRC-32 and
 * size (ISIZE) of its text in its trailer. Knowing both sizes before inflating lets every block
 * be inflated straight into its slot of an output buffer, lets the bomb guard act before any
 * work, and lets blocks be inflated independently — in parallel (see parallel.ts).
 */
import type { Crc32 } from './checksum';
import { ImportError } from './errors';

/** One complete block inside a buffer: its raw-deflate data `[start, end)` and trailer facts. */
export interface BgzfBlock {
	start: number;
	end: number;
	/** Text bytes the block inflates to (≤ 65536). */
	isize: number;
	/** CRC-32 of that text. */
	crc: number;
}

/** Inflate raw deflate `data` into `out`; returns the number of bytes written. */
export type RawInflate = (data: Uint8Array, out: Uint8Array) => number;

/** A damaged-file refusal. */
function damaged(what: string): never {
	throw new ImportError('corrupt-gzip', `The compressed (bgzip) file is damaged (${what}) — download it again.`);
}

/**
 * Find the complete blocks of `buf` from `off`, appending them to `blocks` (at most `maxBlocks`).
 * Returns the offset just past the last complete block (the start of a partial one, if any).
 */
export function scanBgzfBlocks(buf: Uint8Array, off: number, blocks: BgzfBlock[], maxBlocks = Infinity): number {
	let n = 0;
	while (buf.length - off >= 18 && n < maxBlocks) {
		if (buf[off] !== 0x1f || buf[off + 1] !== 0x8b || buf[off + 2] !== 8 || (buf[off + 3] & 4) === 0) damaged('a block header is invalid');
		const xlen = buf[off + 10] | (buf[off + 11] << 8);
		if (buf.length - off < 12 + xlen) break;
		let bsize = -1;
		for (let p = off + 12; p + 4 <= off + 12 + xlen; ) {
			const slen = buf[p + 2] | (buf[p + 3] << 8);
			if (buf[p] === 66 && buf[p + 1] === 67 && slen === 2) bsize = buf[p + 4] | (buf[p + 5] << 8);
			p += 4 + slen;
		}
		if (bsize < 0) damaged('a block has no size field');
		const size = bsize + 1;
		if (size < 12 + xlen + 8) damaged('impossible block size');
		if (buf.length - off < size) break;
		const e = off + size;
		const crc = (buf[e - 8] | (buf[e - 7] << 8) | (buf[e - 6] << 16) | (buf[e - 5] << 24)) >>> 0;
		const isize = (buf[e - 4] | (buf[e - 3] << 8) | (buf[e - 2] << 16) | (buf[e - 1] << 24)) >>> 0;
		if (isize > 65536) damaged('block larger than 64 KiB');
		blocks.push({ start: off + 12 + xlen, end: e - 8, isize, crc });
		off = e;
		n++;
	}
	return off;
}

/**
 * Inflate `blocks` of `buf` one after another into `out` (which holds at least the sum of their
 * ISIZEs), checking each block's size and CRC-32 against its trailer. Returns the bytes written.
 */
export function inflateBgzfBlocks(buf: Uint8Array, blocks: readonly BgzfBlock[], out: Uint8Array, inflate: RawInflate, crc: Crc32): number {
	let o = 0;
	for (const b of blocks) {
		if (b.isize === 0) {
			if (b.crc !== 0) damaged('an empty block has a checksum');
			continue;
		}
		const slot = out.subarray(o, o + b.isize);
		let got: number;
		try {
			got = inflate(buf.subarray(b.start, b.end), slot);
		} catch (err) {
			damaged((err as Error).message || 'invalid data');
		}
		if (got !== b.isize) damaged('a block has the wrong size');
		crc.reset();
		crc.update(slot);
		if (crc.value() !== b.crc) damaged('a block fails its CRC-32 check: its content was altered');
		o += b.isize;
	}
	return o;
}
