/**
 * BGZF batch worker (browser): one of the genome import's parallel workers. Inflates a batch of
 * BGZF blocks (fflate), checks each block's size and CRC-32, parses the VCF lines into columns
 * and transfers them back (protocol and reassembly in src/lib/genome/parallel.ts).
 */
import { bgzfWorkerHandler, createCrc32, inflateRawInto, type BgzfJob } from '../genome/workers';

const post = (reply: unknown, transfer: ArrayBuffer[]) => (self as unknown as Worker).postMessage(reply, transfer);
const ready = createCrc32().then((crc) => bgzfWorkerHandler({ inflate: inflateRawInto, crc }, post));
self.onmessage = (e: MessageEvent<BgzfJob>) => void ready.then((handle) => handle(e.data));
