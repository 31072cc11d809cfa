/**
 * BGZF batch worker (browser): one of the genome import's parallel workers. Inflates a batch of
 * BGZF blocks — with the WebAssembly decoder into memory it reuses batch after batch (size and
 * CRC-32 of every block checked), else natively with DecompressionStream (zlib checks them), else
 * with fflate and our CRC-32 — parses the VCF lines into columns and transfers them back
 * (protocol and reassembly in src/lib/genome/parallel.ts).
 */
import { bgzfWorkerHandler, crc32From, crc32Js, createCrc32, createWasmBatchInflater, hasNativeGzip, inflateBgzfNative, inflateRawInto, type BatchDeps, type BgzfJob } from '../genome/workers';

const post = (reply: unknown, transfer: ArrayBuffer[]) => (self as unknown as Worker).postMessage(reply, transfer);
const ready = createWasmBatchInflater().then(async (inflateBatch) => {
	// the WebAssembly inflater checks every CRC-32 itself: hash-wasm's CRC (another module and its
	// memory) is instantiated only for the fallback; the lazy JavaScript one stands in otherwise
	const deps: BatchDeps = { inflate: inflateRawInto, crc: inflateBatch ? crc32From(crc32Js) : await createCrc32() };
	if (inflateBatch) deps.inflateBatch = inflateBatch;
	else if (hasNativeGzip()) deps.inflateAsync = inflateBgzfNative;
	return bgzfWorkerHandler(deps, post);
});
self.onmessage = (e: MessageEvent<BgzfJob>) => void ready.then((handle) => handle(e.data));
