/**
 * The WebAssembly raw-DEFLATE decoder (wasm/assembly/inflate.entry.ts via inflate-wasm.ts): output
 * byte-identical to node:zlib on a corpus (every level, every strategy, stored/fixed/dynamic
 * blocks, long overlapping matches, empty streams, the repo's VCF fixtures bgzipped), BGZF size
 * and CRC-32 checks, and a seeded fuzz of truncated and bit-flipped streams that must end in an
 * error or in exactly zlib's output — never a hang or a write out of bounds. Needs
 * `npm run build:wasm` (static/wasm/inflate.wasm), as the quantum engine's tests do.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanBgzfBlocks, type BgzfBlock } from '../../../src/lib/genome/bgzf';
import { crc32Js } from '../../../src/lib/genome/checksum';
import { ImportError } from '../../../src/lib/genome/errors';
import { importGenomeBytes } from '../../../src/lib/genome/index';
import { createWasmInflaterNode, loadInflateModuleNode } from '../../../src/lib/genome/inflate-node';
import type { BgzfPool } from '../../../src/lib/genome/parallel';
import { createWasmBatchInflater } from '../../../src/lib/genome/workers';
import { InflateError, type WasmInflater } from '../../../src/lib/genome/inflate-wasm';
import { mulberry32 } from '../../../scripts/make-demo-genome';
import { bgzip, FIXTURES, fixture } from './helpers';
import { refusal, scrambledPool } from './scrambled-pool';

let w: WasmInflater;

/** Byte equality (vitest's deep equality is slow on long arrays). */
const same = (a: Uint8Array | number | null, b: Uint8Array | null) => a instanceof Uint8Array && b !== null && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
beforeAll(async () => {
	w = await createWasmInflaterNode();
});

/** Inflate with the decoder; the bytes (copied out of its memory) or the error code. */
function ours(data: Uint8Array, max = 1 << 22): Uint8Array | number {
	try {
		return w.inflateRaw(data, max).slice();
	} catch (err) {
		expect(err).toBeInstanceOf(InflateError);
		return (err as InflateError).code;
	}
}

/** zlib's answer on the same stream, or null when it refuses it. */
function theirs(data: Uint8Array, max = 1 << 22): Uint8Array | null {
	try {
		return new Uint8Array(zlib.inflateRawSync(data, { maxOutputLength: max }));
	} catch {
		return null;
	}
}

/** Data of different shapes, all from a seed. */
function corpus(seed: number): { name: string; data: Uint8Array }[] {
	const rnd = mulberry32(seed);
	const random = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
	const text = (n: number) => {
		let s = '';
		let pos = 10_000;
		while (s.length < n) {
			pos += 1 + Math.floor(rnd() * 500);
			s += `chr1\t${pos}\trs${Math.floor(rnd() * 1e8)}\t${'ACGT'[pos & 3]}\t${'ACGT'[(pos >> 2) & 3]}\t50\tPASS\tDP=${Math.floor(rnd() * 60)}\tGT\t0/1\n`;
		}
		return new TextEncoder().encode(s.slice(0, n));
	};
	const periodic = (n: number, period: number) => {
		const unit = random(period);
		return Uint8Array.from({ length: n }, (_, i) => unit[i % period]);
	};
	const skewed = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() ** 4 * 256)); // long codes
	return [
		{ name: 'empty', data: new Uint8Array(0) },
		{ name: 'one byte', data: new Uint8Array([65]) },
		{ name: 'random 70 KiB', data: random(70_000) },
		{ name: 'VCF-like text 200 KB (distances up to 32 KiB)', data: text(200_000) },
		{ name: 'one byte repeated 100 KB', data: new Uint8Array(100_000).fill(7) },
		...[2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 258, 300].map((p) => ({ name: `period ${p}`, data: periodic(30_000, p) })),
		{ name: 'skewed bytes 60 KB', data: skewed(60_000) },
		{ name: 'runs and noise', data: Uint8Array.from({ length: 80_000 }, (_, i) => ((i >> 9) & 1 ? (rnd() * 256) | 0 : (i >> 12) & 0xff)) }
	];
}

describe('WebAssembly raw-DEFLATE decoder', () => {
	it('matches node:zlib byte for byte at every level and strategy', () => {
		const { Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
		let streams = 0;
		for (const { name, data } of corpus(19)) {
			const settings: zlib.ZlibOptions[] = [
				...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => ({ level })),
				...[Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED].map((strategy) => ({ level: 6, strategy })),
				{ level: 9, memLevel: 9, windowBits: 15, strategy: Z_DEFAULT_STRATEGY },
				{ level: 9, windowBits: 9 }
			];
			for (const opts of settings) {
				const packed = new Uint8Array(zlib.deflateRawSync(data, opts));
				expect(same(ours(packed, data.length), data), `${name} ${JSON.stringify(opts)}`).toBe(true);
				streams++;
			}
		}
		expect(streams).toBeGreaterThan(300);
	});

	it('refuses output beyond the capacity it is given, and truncated streams', () => {
		const data = corpus(3)[3].data;
		const packed = new Uint8Array(zlib.deflateRawSync(data));
		expect(ours(packed, data.length - 1)).toBe(-8);
		expect(ours(packed.subarray(0, packed.length >> 1), data.length)).toBe(-1);
		expect(ours(new Uint8Array(0), 10)).toBe(-1);
		const stored = new Uint8Array(zlib.deflateRawSync(data.subarray(0, 1000), { level: 0 }));
		expect(ours(stored, 999)).toBe(-8);
		expect(ours(stored.subarray(0, 500), 1000)).toBe(-1);
		// hand-made: block type 3, a stored block whose length and complement disagree, a match
		// before the start of the output (fixed code: literal 'a', then length 3 distance 2)
		expect(ours(new Uint8Array([0b111]))).toBe(-2);
		expect(ours(new Uint8Array([1, 5, 0, 0, 0, 1, 2, 3, 4, 5]))).toBe(-3);
		expect(theirs(new Uint8Array([1, 5, 0, 0, 0, 1, 2, 3, 4, 5]))).toBeNull();
		// a capacity past what 32-bit memory can hold is refused before anything is reserved
		expect(() => w.inflateRaw(packed, 2 ** 31)).toThrow(ImportError);
		expect(ours(packed, data.length)).toHaveLength(data.length);
	});

	it('a seeded fuzz of truncated and bit-flipped streams: refused exactly when zlib refuses, else zlib’s output, never a hang', () => {
		const rnd = mulberry32(2024);
		const sources = corpus(5).filter((c) => c.data.length > 0 && c.data.length < 120_000);
		let agreed = 0;
		let refused = 0;
		for (let i = 0; i < 3000; i++) {
			const src = sources[i % sources.length].data;
			const level = [1, 6, 9][i % 3];
			const strategy = [zlib.constants.Z_DEFAULT_STRATEGY, zlib.constants.Z_FIXED, zlib.constants.Z_HUFFMAN_ONLY][(i / 3) % 3 | 0];
			const packed = new Uint8Array(zlib.deflateRawSync(src.subarray(0, 4000 + ((rnd() * 20_000) | 0)), { level, strategy }));
			const bad = packed.slice(0, rnd() < 0.3 ? Math.floor(rnd() * packed.length) : packed.length);
			const flips = rnd() < 0.3 ? 0 : 1 + Math.floor(rnd() * 3);
			for (let f = 0; f < flips && bad.length; f++) {
				// flips early in the stream hit the code-length header, which is what breaks most
				const at = Math.floor((rnd() < 0.5 ? rnd() * 0.05 : rnd()) * bad.length);
				bad[at] ^= 1 << Math.floor(rnd() * 8);
			}
			const cap = 1 << 17;
			const got = ours(bad, cap);
			const want = theirs(bad, cap);
			if (typeof got === 'number') {
				// the rules are zlib's (code-length sets, distances, end of input), so zlib refuses it too
				expect(want, `case ${i}: we refuse what zlib accepts (error ${got})`).toBeNull();
				refused++;
				continue;
			}
			expect(want, `case ${i}: zlib refuses what we accept`).not.toBeNull();
			expect(same(got, want), `case ${i}`).toBe(true);
			agreed++;
		}
		expect(agreed).toBeGreaterThan(100);
		expect(refused).toBeGreaterThan(100);
	});

	it('computes CRC-32 as the gzip trailer states it', () => {
		const data = corpus(9)[3].data;
		expect(w.crc32(data)).toBe(crc32Js(data));
		expect(w.crc32(data.subarray(5, 13))).toBe(crc32Js(data.subarray(5, 13)));
		expect(w.crc32(data.subarray(100), w.crc32(data.subarray(0, 100)))).toBe(crc32Js(data));
		expect(w.crc32(new Uint8Array(0))).toBe(0);
	});
});

describe('WebAssembly BGZF batches', () => {
	/** The blocks of a BGZF file, relative to its start, and their text size. */
	function scan(file: Uint8Array): { blocks: BgzfBlock[]; total: number } {
		const blocks: BgzfBlock[] = [];
		expect(scanBgzfBlocks(file, 0, blocks)).toBe(file.length);
		return { blocks, total: blocks.reduce((n, b) => n + b.isize, 0) };
	}

	it('inflates the bgzipped VCF fixtures exactly as zlib’s gunzip does (small and full-size blocks, the EOF block)', () => {
		const names = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.vcf'));
		expect(names.length).toBeGreaterThan(0);
		for (const name of names)
			for (const blockSize of [0x400, 0xff00]) {
				const file = bgzip(fixture(name), blockSize);
				const { blocks, total } = scan(file);
				expect(same(w.inflateBgzf(file, blocks, total), zlib.gunzipSync(file)), name).toBe(true);
			}
	});

	it('refuses a block whose CRC-32 or size does not match its trailer, with the serial path’s wording', () => {
		const file = bgzip(new TextEncoder().encode('chr1\t1\t.\tA\tG\n'.repeat(5000)), 0x1000);
		const { blocks, total } = scan(file);
		const message = (f: () => unknown) => {
			try {
				f();
			} catch (err) {
				expect(err).toBeInstanceOf(ImportError);
				expect((err as ImportError).code).toBe('corrupt-gzip');
				return (err as ImportError).message;
			}
			throw new Error('expected a refusal');
		};
		const badCrc = blocks.map((b, i) => (i === 2 ? { ...b, crc: (b.crc ^ 1) >>> 0 } : b));
		expect(message(() => w.inflateBgzf(file, badCrc, total))).toMatch(/fails its CRC-32 check/);
		const badSize = blocks.map((b, i) => (i === 1 ? { ...b, isize: b.isize - 1 } : b));
		expect(message(() => w.inflateBgzf(file, badSize, total - 1))).toMatch(/wrong size/);
		const flipped = file.slice();
		flipped[blocks[3].start + 20] ^= 0x10;
		expect(() => w.inflateBgzf(flipped, blocks, total)).toThrow(ImportError);
		// still sound after refusals: the memory is reused
		expect(same(w.inflateBgzf(file, blocks, total), zlib.gunzipSync(file))).toBe(true);
	});
});

describe('parallel import with the WebAssembly inflater (as the browser’s pool worker)', () => {
	const rnd = mulberry32(77);
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
	for (const chrom of ['chr1', 'chr2', 'chrX']) {
		let pos = 1000;
		for (let i = 0; i < 6000; i++) {
			pos += 1 + Math.floor(rnd() * 400);
			const ref = 'ACGT'[i & 3];
			const alt = rnd() < 0.1 ? `${ref}TTAG` : 'ACGT'[(i + 1) & 3];
			lines.push(`${chrom}\t${pos}\t${rnd() < 0.7 ? `rs${1 + Math.floor(rnd() * 1e8)}` : '.'}\t${ref}\t${alt}\t50\tPASS\tDP=${Math.floor(rnd() * 50)}\tGT:DP\t${['0/1', '1/1', '0|1', './.'][i % 4]}:30`);
		}
	}
	const text = new TextEncoder().encode(lines.join('\n') + '\n');

	/** A pool of in-thread "workers", each with its own decoder, replying after small seeded delays (out of order). */
	async function wasmPool(size: number, batchBytes: number): Promise<BgzfPool> {
		const hooks = await Promise.all(Array.from({ length: size }, () => createWasmBatchInflater(loadInflateModuleNode())));
		expect(hooks.every((h) => typeof h === 'function')).toBe(true); // the module loaded: no silent fallback
		return scrambledPool(size, batchBytes, size * 31 + batchBytes, (worker) => ({ inflateBatch: hooks[worker]! }), 6);
	}

	it('gives exactly the serial result (batches of one block and of many)', async () => {
		const file = bgzip(text, 0x3f00);
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		expect(serial.summary.records).toBe(18_000);
		for (const [size, batch] of [
			[1, 1],
			[2, 40_000]
		]) {
			const pool = await wasmPool(size, batch);
			try {
				const parallel = await importGenomeBytes(file, { sample: 'S1', bgzfPool: pool });
				expect({ summary: parallel.summary, chunks: parallel.chunks }).toEqual({ summary: serial.summary, chunks: serial.chunks });
			} finally {
				pool.close();
			}
		}
	});

	it('a damaged block deep in the file: the same refusal as the serial path', async () => {
		const file = bgzip(text, 0x3f00);
		const blocks: BgzfBlock[] = [];
		scanBgzfBlocks(file, 0, blocks);
		const bad = file.slice();
		bad[blocks[8].start + 40] ^= 0x04;
		const serial = await refusal(importGenomeBytes(bad, { sample: 'S1' }));
		expect(serial.code).toBe('corrupt-gzip');
		const pool = await wasmPool(2, 30_000);
		try {
			expect(await refusal(importGenomeBytes(bad, { sample: 'S1', bgzfPool: pool }))).toEqual(serial);
		} finally {
			pool.close();
		}
	});
});
