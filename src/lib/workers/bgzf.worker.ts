/**
 * BGZF batch worker (browser): one of the genome import's parallel workers. Inflates a batch of
 * BGZF blocks — with the WebAssembly decoder into memory it reuses batch after batch (size and
 * CRC-32 of every block checked), else natively with DecompressionStream (zlib checks them), else
 * with fflate and our CRC-32 — parses the VCF lines into columns and transfers them back
 * (protocol and reassembly in src/lib/genome/parallel.ts; the dependencies in
 * src/lib/genome/browser.ts `browserBatchDeps`, which the inline pool shares).
 */
import { browserBatchDeps } from '../genome/browser';
import { bgzfWorkerHandler, type BgzfJob } from '../genome/workers';

const post = (reply: unknown, transfer: ArrayBuffer[]) => (self as unknown as Worker).postMessage(reply, transfer);
const ready = browserBatchDeps().then((deps) => bgzfWorkerHandler(deps, post));
self.onmessage = (e: MessageEvent<BgzfJob>) => void ready.then((handle) => handle(e.data));
