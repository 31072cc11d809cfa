/**
 * Public face of the genome domain: import raw DNA files into columnar chunks and look calls up.
 * Other domains import only from here.
 */
export * from './types';
export { ImportError, isImportError, type ImportErrorCode } from './errors';
export { LIMITS as IMPORT_LIMITS } from './limits';
export { importGenome, importGenomeBytes, listVcfSamples, bytesToStream, readTextLines } from './import';
export { createGenomeView, decodeRecord, parseRsid } from './view';
export { parseChromosomeName } from './chromosomes';
export { createBrowserBgzfPool, PARALLEL_MIN_BYTES } from './browser';
export { isBgzip } from './containers';
export type { BgzfPool } from './parallel';
/** Low-level streaming pieces reused by analyses that read VCF INFO (rare disease). */
export { decodeContainers, type ContainerInfo } from './containers';
export { LineSplitter } from './lines';
