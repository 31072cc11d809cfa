/**
 * Fast text of a bgzipped stream for the whole-file readers (rare-disease VCF, family VCF,
 * cohort): in a browser or worker the app's WebAssembly DEFLATE decoder (inflate-wasm.ts: a batch
 * inflated into memory it reuses, then copied out once — no buffer per block for the garbage
 * collector), else the platform's native zlib (Node's gunzipSync per batch; DecompressionStream,
 * one stream per BGZF block, since Chromium's stops at the end of the first gzip member) instead
 * of fflate in JavaScript — about 2–3× less CPU per byte. Each block's CRC-32 and ISIZE are
 * checked; a block that would overrun its stated size is refused. Anything that is not BGZF (plain text, one-member gzip, zip), or a platform
 * without DecompressionStream, goes through `decodeContainers` unchanged, and the inflated text
 * goes through it too (so a compressed file inside the bgzip is still peeled, and `info` reads
 * as before: 'bgzip' first).
 *
 * Uses only exported helpers of the genome domain (bgzf.ts scanBgzfBlocks, workers.ts
 * createWasmBatchInflater/inflateBgzfNative, containers.ts decodeContainers/isBgzip).
 */
import { scanBgzfBlocks, type BgzfBlock } from './bgzf';
import { concat, decodeContainers, isBgzip, type ContainerInfo, type DecodeOptions } from './containers';
import { ImportError, throwIfAborted } from './errors';
import { createWasmBatchInflater, hasNativeGzip, inflateBgzfNative } from './workers';

/** Compressed bytes inflated per native batch (its blocks inflate concurrently). */
const BATCH = 1 << 20;

/**
 * As `decodeContainers`, but a BGZF source is inflated with the platform's native zlib.
 * Yields the text bytes in file order.
 */
export async function* decodeTextFast(
	source: AsyncIterable<Uint8Array>,
	info: ContainerInfo,
	options: DecodeOptions & {
		/** Inflate as a browser does even in Node (tests of the browser path): the WebAssembly decoder from `inflateModule`, else DecompressionStream. */
		webStreams?: boolean;
		/** The compiled inflate.wasm (default: fetched from /wasm/ in a browser); `null` = never use it. */
		inflateModule?: WebAssembly.Module | Promise<WebAssembly.Module> | null;
	} = {}
): AsyncGenerator<Uint8Array> {
	const it = source[Symbol.asyncIterator]();
	// Peek at the first bytes.
	const pending: Uint8Array[] = [];
	let have = 0;
	let done = false;
	while (have < 18) {
		const r = await it.next();
		if (r.done) {
			done = true;
			break;
		}
		pending.push(r.value);
		have += r.value.length;
	}
	const head = concat(pending, have);
	const rest: AsyncIterable<Uint8Array> = {
		async *[Symbol.asyncIterator]() {
			yield head;
			if (done) return;
			for (;;) {
				const r = await it.next();
				if (r.done) return;
				yield r.value;
			}
		}
	};
	if (!hasNativeGzip() || !isBgzip(head)) {
		yield* decodeContainers(rest, info, options);
		return;
	}
	info.layers.push('bgzip');
	yield* decodeContainers(inflateNative(rest, info, options.signal, options.webStreams === true, options.inflateModule), info, options);
}

/** BGZF blocks → text batches with the fastest inflater at hand (Node's zlib, the WebAssembly decoder, DecompressionStream). */
async function* inflateNative(
	source: AsyncIterable<Uint8Array>,
	info: ContainerInfo,
	signal: AbortSignal | undefined,
	webStreams: boolean,
	inflateModule: WebAssembly.Module | Promise<WebAssembly.Module> | null | undefined
): AsyncGenerator<Uint8Array> {
	const nodeGunzip = webStreams ? null : await nodeZlib();
	// outside Node: the WebAssembly decoder unless it cannot load (then null: DecompressionStream)
	const wasm = nodeGunzip || inflateModule === null ? null : await createWasmBatchInflater(inflateModule ?? undefined);
	info.inflater = nodeGunzip ? 'zlib' : wasm ? 'wasm' : 'streams';
	let buf: Uint8Array = new Uint8Array(0);
	const flush = async function* (final: boolean): AsyncGenerator<Uint8Array> {
		const blocks: BgzfBlock[] = [];
		let off = 0;
		for (;;) {
			const start = off;
			blocks.length = 0;
			off = scanBgzfBlocks(buf, off, blocks, 256);
			if (!blocks.length) break;
			let total = 0;
			for (const b of blocks) total += b.isize;
			const member = buf.subarray(start, off);
			// Block offsets are relative to `buf`; inflateBgzfNative wants them relative to `member`.
			const local = blocks.map((b) => ({ ...b, start: b.start - start, end: b.end - start }));
			const out = new Uint8Array(total);
			let got: number;
			try {
				if (nodeGunzip || wasm) {
					// the decoder's text is a view of its memory, valid until its next call: copied out here
					const text = nodeGunzip ? nodeGunzip(member) : wasm!(member, total, local);
					if (text.length !== total) throw new Error('size');
					out.set(text);
					got = total;
				} else got = await inflateBgzfNative(member, local, out);
			} catch {
				throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block does not inflate or fails its checksum) — download it again.');
			}
			if (got !== total) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is damaged (a block is shorter than its stated size) — download it again.');
			throwIfAborted(signal);
			if (total) yield out;
		}
		buf = buf.subarray(off);
		if (final && buf.length) throw new ImportError('corrupt-gzip', 'The compressed (bgzip) file is truncated (its last block is incomplete) — download it again.');
	};
	// Chunks are gathered and joined once per batch (joining on every small chunk is quadratic).
	let parts: Uint8Array[] = [];
	let size = 0;
	const join = () => {
		if (buf.length) parts.unshift(buf);
		buf = concat(parts, buf.length + size);
		parts = [];
		size = 0;
	};
	for await (const chunk of source) {
		throwIfAborted(signal);
		parts.push(chunk);
		size += chunk.length;
		if (buf.length + size >= BATCH) {
			join();
			yield* flush(false);
		}
	}
	join();
	yield* flush(true);
}

/**
 * Node's zlib.gunzipSync (multi-member, checks every CRC-32 and ISIZE) when running in Node:
 * a whole batch in one call, far cheaper than one web stream per block there. The module name
 * is hidden from the bundler so browser builds never see it.
 */
async function nodeZlib(): Promise<((data: Uint8Array) => Uint8Array) | null> {
	const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
	if (!proc?.versions?.node) return null;
	try {
		const name = 'node:zlib';
		const zlib = (await import(/* @vite-ignore */ name)) as { gunzipSync: (d: Uint8Array) => Uint8Array };
		return (d) => zlib.gunzipSync(d);
	} catch {
		return null;
	}
}
