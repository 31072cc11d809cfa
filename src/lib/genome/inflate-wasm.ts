/**
 * Host side of the WebAssembly raw-DEFLATE decoder (wasm/assembly/inflate.entry.ts →
 * static/wasm/inflate.wasm): a BGZF batch is copied once into the module's memory and every block
 * is inflated into its slot of one output region that is reused batch after batch, its size and
 * CRC-32 checked in the module too. The text comes back as a view of that memory — valid until the
 * next call — so a worker that parses from it allocates nothing per block or per batch (the
 * browser's DecompressionStream makes a new buffer per 64 KiB block that only a full garbage
 * collection frees). Platform-neutral: the browser fetches the module (`loadInflateModuleBrowser`),
 * Node reads it from disk (inflate-node.ts).
 *
 * No library fitted (docs/benchmarks.md, "Browser import (Chromium)"): the WebAssembly inflaters
 * on npm return a new buffer per call (wasm-gzip, @hazae41/foras: miniz_oxide behind wasm-bindgen)
 * and ran at ≈ 0.35× and ≈ 0.5–0.6× Node's native zlib on BGZF blocks of the WGS bench's VCF; fflate
 * (JavaScript) writes into a given buffer but ran at ≈ 0.3–0.4×. This decoder: ≈ 0.95×, CRC included.
 */
import type { BgzfBlock } from './bgzf';
import { ImportError } from './errors';

/** The file name of the module (served from /wasm/ in the browser, static/wasm/ in Node). */
export const INFLATE_WASM_FILE = 'inflate.wasm';

/** The exports of inflate.wasm. */
interface InflateExports {
	memory: WebAssembly.Memory;
	inflate(inPtr: number, inLen: number, outPtr: number, outCap: number): number;
	crc32(ptr: number, len: number, crc: number): number;
	heapBase(): number;
	reserve(bytes: number): number;
}

/** What each negative return value of the module's `inflate` means. */
const REASONS: Record<number, string> = {
	[-1]: 'unexpected end of data',
	[-2]: 'invalid block type',
	[-3]: 'invalid stored block lengths',
	[-4]: 'invalid code lengths set',
	[-5]: 'invalid literal/length code',
	[-6]: 'invalid distance code',
	[-7]: 'invalid distance too far back',
	[-8]: 'more data than expected'
};

/** A raw-deflate stream the decoder refused: `code` is the module's (negative) error code. */
export class InflateError extends Error {
	constructor(readonly code: number) {
		super(REASONS[code] ?? `inflate error ${code}`);
		this.name = 'InflateError';
	}
}

/** A BGZF refusal with the serial path's wording (bgzf.ts). */
function damaged(what: string): never {
	throw new ImportError('corrupt-gzip', `The compressed (bgzip) file is damaged (${what}) — download it again.`);
}

/** An instance of the decoder with its own memory (one per worker; not re-entrant). */
export class WasmInflater {
	private readonly x: InflateExports;
	private bytes: Uint8Array;

	private constructor(instance: WebAssembly.Instance) {
		this.x = instance.exports as unknown as InflateExports;
		this.bytes = new Uint8Array(this.x.memory.buffer);
	}

	/** Instantiate the compiled module (or its bytes). */
	static async create(module: WebAssembly.Module | BufferSource): Promise<WasmInflater> {
		const m = module instanceof WebAssembly.Module ? module : await WebAssembly.compile(module);
		return new WasmInflater(await WebAssembly.instantiate(m, {}));
	}

	/** Room for `bytes` from the module's heap base; returns that base (views are renewed when the memory grows). */
	private reserve(bytes: number): number {
		// the module addresses 32 bits (and takes the size as a u32): refuse what could wrap
		if (!(bytes <= 0x7fff0000) || !this.x.reserve(bytes)) throw new ImportError('too-large', 'Not enough memory to inflate the file.');
		if (this.bytes.buffer !== this.x.memory.buffer || this.bytes.byteLength === 0) this.bytes = new Uint8Array(this.x.memory.buffer);
		return this.x.heapBase();
	}

	/**
	 * Inflate a raw DEFLATE stream into at most `maxBytes`. Returns a view of the module's memory
	 * (valid until the next call); throws InflateError on a damaged stream or one that inflates
	 * to more than `maxBytes`.
	 */
	inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array {
		const inCap = (data.length + 15) & ~15;
		const base = this.reserve(inCap + maxBytes);
		this.bytes.set(data, base);
		const got = this.x.inflate(base, data.length, base + inCap, maxBytes);
		if (got < 0) throw new InflateError(got);
		return this.bytes.subarray(base + inCap, base + inCap + got);
	}

	/**
	 * Inflate `blocks` of a BGZF batch `data` (whole blocks, header to trailer) one after another,
	 * checking each block's size and CRC-32 against its trailer; `textBytes` is the sum of their
	 * ISIZEs. Returns the text as a view of the module's memory, valid until the next call.
	 * Throws ImportError('corrupt-gzip') on damage.
	 */
	inflateBgzf(data: Uint8Array, blocks: readonly BgzfBlock[], textBytes: number): Uint8Array {
		const inCap = (data.length + 15) & ~15;
		const base = this.reserve(inCap + textBytes);
		this.bytes.set(data, base);
		const x = this.x;
		const text = base + inCap;
		let o = 0;
		for (const b of blocks) {
			if (o + b.isize > textBytes) damaged('a block has the wrong size');
			if (b.isize === 0) {
				if (b.crc !== 0) damaged('an empty block has a checksum');
				continue;
			}
			const got = x.inflate(base + b.start, b.end - b.start, text + o, b.isize);
			if (got < 0) damaged(got === -8 ? 'a block has the wrong size' : (REASONS[got] ?? 'invalid data'));
			if (got !== b.isize) damaged('a block has the wrong size');
			if (x.crc32(text + o, got, 0) >>> 0 !== b.crc) damaged('a block fails its CRC-32 check: its content was altered');
			o += got;
		}
		if (o !== textBytes) damaged('a block has the wrong size');
		return this.bytes.subarray(text, text + o);
	}

	/** CRC-32 of `data` (continuing from `crc`), computed in the module. */
	crc32(data: Uint8Array, crc = 0): number {
		const base = this.reserve(data.length);
		this.bytes.set(data, base);
		return this.x.crc32(base, data.length, crc) >>> 0;
	}
}

/** Fetch and compile the module in the browser (served from `base`, default /wasm/). */
export async function loadInflateModuleBrowser(base = '/wasm/'): Promise<WebAssembly.Module> {
	const response = await fetch(`${base}${INFLATE_WASM_FILE}`);
	if (!response.ok) throw new Error(`the inflater could not be loaded (HTTP ${response.status})`);
	return WebAssembly.compile(await response.arrayBuffer());
}
