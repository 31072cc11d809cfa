/**
 * The record codec hook: every value written to or read from the `profiles`, `chunks`,
 * `results`, `keys` and `contacts` object stores passes through `encode`/`decode`. The default
 * is the identity; the vault (src/lib/store/vault.ts) plugs in an encrypting codec so that
 * records are sealed at rest.
 *
 * What the codec sees and what stays in the clear: records are stored as small envelopes
 * `{ <key fields>, v: encoded }`. Only the key fields (a random profile UUID, a chromosome name,
 * a result kind, a key/contact name) stay readable, because IndexedDB needs them for keys and
 * indexes; names, genotypes, rsIDs and summaries are all inside `v`.
 *
 * Both methods may be async. The store calls `encode` for all records of a write BEFORE it
 * opens the IndexedDB transaction (a transaction auto-commits while awaiting non-IDB promises),
 * then writes everything in one transaction.
 */

/** Object stores whose records pass through the codec (`meta` never does). */
export type CodecStore = 'profiles' | 'chunks' | 'results' | 'keys' | 'contacts';

/**
 * Encode/decode hook. `recordId` is a stable string naming the record, suitable as AEAD
 * associated data: `<profileId>` for profiles, `<profileId>/<chrom>` for chunks,
 * `<profileId>/<kind>` for results, the record key for keys and contacts.
 */
export interface RecordCodec {
	encode(store: CodecStore, recordId: string, value: unknown): unknown | Promise<unknown>;
	decode(store: CodecStore, recordId: string, stored: unknown): unknown | Promise<unknown>;
}

/** The default codec: values are stored as they are (structured clone keeps typed arrays exact). */
export const identityCodec: RecordCodec = {
	encode: (_store, _id, value) => value,
	decode: (_store, _id, stored) => stored
};
