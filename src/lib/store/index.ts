/**
 * Public face of the on-device store (IndexedDB via idb). Pages, workers and other domains
 * import only from here.
 */
export { openStore, type OpenStoreOptions } from './store';
export { StoreError, formatBytes, type StoreErrorCode } from './errors';
export { identityCodec, type RecordCodec, type CodecStore } from './codec';
export { CHANGE_CHANNEL } from './changes';
export { DB_NAME, DB_VERSION } from './schema';
export { parseLookupQuery, lookupInView, type LookupQuery, type LookupResult } from './lookup';
export type * from './types';
export { putKnowledge, listKnowledge, loadKnowledge, removeKnowledge, type KnowledgeInfo, type KnowledgePart } from './knowledge';
