/**
 * What the genome's parallel workers need (the worker entry points import only this): the batch
 * handler, the default CRC-32 and a raw-deflate inflater into a given buffer.
 */
import { inflateSync } from 'fflate';

export { bgzfWorkerHandler, type BgzfJob } from './parallel';
export { createCrc32 } from './checksum';

/** Inflate raw deflate `data` into `out` (fflate); returns the bytes written. */
export function inflateRawInto(data: Uint8Array, out: Uint8Array): number {
	return inflateSync(data, { out }).length;
}
