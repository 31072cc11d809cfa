/**
 * BGZF batch worker (browser): one of the genome import's parallel workers. Inflates a batch of
 * BGZF blocks — natively with DecompressionStream where the browser has it (zlib checks every
 * block's CRC-32 and size), else with fflate and our CRC-32 — parses the VCF lines into columns
 * and transfers them back (protocol and reassembly in src/lib/genome/parallel.ts).
 */
import { bgzfWorkerHandler, createCrc32, hasNativeGzip, inflateBgzfNative, inflateRawInto, type BgzfJob } from '../genome/workers';

const post = (reply: unknown, transfer: ArrayBuffer[]) => (self as unknown as Worker).postMessage(reply, transfer);
const ready = createCrc32().then((crc) =>
	bgzfWorkerHandler({ inflate: inflateRawInto, crc, ...(hasNativeGzip() ? { inflateAsync: inflateBgzfNative } : {}) }, post)
);
self.onmessage = (e: MessageEvent<BgzfJob>) => void ready.then((handle) => handle(e.data));
