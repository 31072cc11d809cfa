/**
 * What the genome's parallel workers need (the worker entry points import only this): the batch
 * handler, the default CRC-32, the WebAssembly BGZF inflater (inflate-wasm.ts: into memory it
 * owns, reused batch after batch), a raw-deflate inflater into a given buffer (fflate), and the
 * browser's native BGZF inflater (DecompressionStream), the fallback where WebAssembly cannot run.
 */
import { inflateSync } from 'fflate';
import type { BgzfBlock } from './bgzf';
import { loadInflateModuleBrowser, WasmInflater } from './inflate-wasm';

export { bgzfWorkerHandler, type BgzfJob, type BatchDeps } from './parallel';
export { createCrc32, crc32From, crc32Js } from './checksum';

/**
 * The WebAssembly BGZF inflater as a batch hook (`BatchDeps.inflateBatch`), or null where the
 * module cannot be fetched or compiled (no WebAssembly, a CSP without 'wasm-unsafe-eval').
 */
export async function createWasmBatchInflater(
	module?: WebAssembly.Module | Promise<WebAssembly.Module>
): Promise<((data: Uint8Array, textBytes: number, blocks: readonly BgzfBlock[]) => Uint8Array) | null> {
	try {
		const inflater = await WasmInflater.create(await (module ?? loadInflateModuleBrowser()));
		return (data, textBytes, blocks) => inflater.inflateBgzf(data, blocks, textBytes);
	} catch {
		return null;
	}
}

/** Inflate raw deflate `data` into `out` (fflate); returns the bytes written. */
export function inflateRawInto(data: Uint8Array, out: Uint8Array): number {
	return inflateSync(data, { out }).length;
}

/** Can this platform inflate gzip natively (Chromium ≥ 80, Firefox ≥ 113, Safari ≥ 16.4)? */
export function hasNativeGzip(): boolean {
	return typeof DecompressionStream === 'function';
}

/**
 * Inflate consecutive BGZF blocks of `data` into `out` with the platform's native zlib
 * (DecompressionStream 'gzip': one stream per block, since it stops at the end of the first gzip
 * member). zlib checks each block's CRC-32 and ISIZE; a block that would overrun its slot (more
 * text than its trailer states) is refused before it is written. All blocks of the batch inflate
 * concurrently. Resolves to the bytes written; rejects on damage (the batch is then redone on the
 * importing thread, whose fflate path gives the exact refusal).
 */
export async function inflateBgzfNative(data: Uint8Array, blocks: readonly BgzfBlock[], out: Uint8Array): Promise<number> {
	// one block at a time: a stream per block costs buffers that wait for the garbage collector,
	// so block after block keeps few of them alive (inflating them concurrently was no faster)
	let memberStart = 0;
	let at = 0;
	let written = 0;
	for (const b of blocks) {
		written += await inflateMember(data.subarray(memberStart, b.end + 8), out, at, at + b.isize);
		memberStart = b.end + 8;
		at += b.isize;
	}
	return written;
}

/** One gzip member into `out[start, end)`; resolves to the bytes written. */
async function inflateMember(member: Uint8Array, out: Uint8Array, start: number, end: number): Promise<number> {
	const ds = new DecompressionStream('gzip');
	const writer = ds.writable.getWriter();
	writer.write(member as Uint8Array<ArrayBuffer>).catch(() => undefined); // failures surface on the readable side
	writer.close().catch(() => undefined);
	const reader = ds.readable.getReader();
	let p = start;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		if (p + value.length > end) {
			await reader.cancel().catch(() => undefined);
			throw new Error('a block inflates to more than its stated size');
		}
		out.set(value, p);
		p += value.length;
	}
	return p - start;
}

