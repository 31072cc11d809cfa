/**
 * CRC-32 (the gzip/zip checksum, polynomial 0xEDB88320) for the integrity checks of compressed
 * input: every gzip member, BGZF block and zip entry states the CRC-32 and size of its text, and
 * an altered byte that still inflates (a stored block, a patched literal) is caught only here.
 *
 * hash-wasm's WebAssembly CRC-32 is used where WebAssembly runs; the table-driven fallback below
 * (slicing by 4) keeps imports working under a CSP without 'wasm-unsafe-eval'. Node code may pass
 * its native `zlib.crc32` instead (src/lib/genome/node.ts).
 */
import { createCRC32 } from 'hash-wasm';

/** An incremental CRC-32. */
export interface Crc32 {
	/** Start a new checksum. */
	reset(): void;
	/** Add bytes. */
	update(bytes: Uint8Array): void;
	/** The CRC-32 of everything added since `reset()`, as an unsigned 32-bit number. */
	value(): number;
}

/** A factory of incremental CRC-32s (async because WebAssembly instantiates asynchronously). */
export type Crc32Factory = () => Promise<Crc32>;

let table: Uint32Array | null = null;

/** Four 256-entry tables for slicing-by-4. */
function tables(): Uint32Array {
	if (table) return table;
	const t = new Uint32Array(1024);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		t[n] = c >>> 0;
	}
	for (let n = 0; n < 256; n++) {
		let c = t[n];
		for (let k = 1; k < 4; k++) {
			c = t[c & 0xff] ^ (c >>> 8);
			t[k * 256 + n] = c >>> 0;
		}
	}
	return (table = t);
}

/** Continue a CRC-32 (`crc` = the value so far, 0 to start) over `bytes` in plain JavaScript. */
export function crc32Js(bytes: Uint8Array, crc = 0): number {
	const t = tables();
	let c = ~crc >>> 0;
	let i = 0;
	const n = bytes.length;
	for (; i + 4 <= n; i += 4) {
		c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
		c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
	}
	for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

/** An incremental CRC-32 over a "continue from value" function such as `zlib.crc32` or `crc32Js`. */
export function crc32From(fn: (bytes: Uint8Array, crc: number) => number): Crc32 {
	let c = 0;
	return {
		reset: () => void (c = 0),
		update: (b) => void (c = fn(b, c)),
		value: () => c >>> 0
	};
}

/** The default CRC-32: hash-wasm (WebAssembly) when it loads, else the JavaScript tables. */
export const createCrc32: Crc32Factory = async () => {
	try {
		const h = await createCRC32();
		h.init();
		return {
			reset: () => void h.init(),
			update: (b) => void h.update(b),
			value: () => {
				const d = h.digest('binary');
				return ((d[0] << 24) | (d[1] << 16) | (d[2] << 8) | d[3]) >>> 0;
			}
		};
	} catch {
		return crc32From(crc32Js);
	}
};
