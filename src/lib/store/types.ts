/**
 * Contract of the on-device store (IndexedDB via `idb`). Implemented in src/lib/store; used by
 * pages, workers and every domain that persists something. All methods work in windows and
 * workers (and in Node tests with `fake-indexeddb`).
 */
import type { ChunkSink, GenomeChunk, GenomeSummary, GenomeView, ParsedGenome } from '../genome/types';
import type { RecordCodec } from './codec';

/** A stored genome profile (everything but the chunks). */
export interface ProfileRecord {
	id: string;
	/** Display name chosen by the user (defaults to the file name). */
	name: string;
	sourceFileName: string;
	/** SHA-256 (hex) of the original file. */
	sourceSha256: string;
	sourceBytes: number;
	summary: GenomeSummary;
	/** ISO timestamp. */
	created: string;
	/** How the profile arrived: imported from a file, or received in a bundle. */
	origin: { kind: 'file' } | { kind: 'bundle'; senderFingerprint: string; senderName: string };
}

/** A stored analysis result (PGx calls, outside calls, PK settings, ...), one per profile and kind. */
export interface ResultRecord<T = unknown> {
	profileId: string;
	/** e.g. "pgx", "pgx-outside-calls", "warfarin-inputs". */
	kind: string;
	updated: string;
	value: T;
}

/** Storage usage as reported by navigator.storage (null fields where unsupported). */
export interface StorageStatus {
	usedBytes: number | null;
	quotaBytes: number | null;
	persisted: boolean | null;
}

/** Store change notifications (also broadcast to other tabs). */
export type StoreChange =
	| { type: 'profiles' }
	| { type: 'results'; profileId: string }
	| { type: 'keys' }
	| { type: 'contacts' }
	| { type: 'all-deleted' };

/** A genome being saved as it is imported (see QenomeStore.beginGenome). */
export interface GenomeWriter extends ChunkSink {
	/** The new profile's id. */
	readonly id: string;
	/**
	 * Wait for every chunk put to be written, then write the profile (summary, source digest and
	 * size) without its pending mark; resolves to the id. `onProgress` gets the fraction of the
	 * chunks still queued at the call that have been written.
	 */
	commit(parsed: Pick<ParsedGenome, 'summary' | 'sha256' | 'bytes'>, options?: { onProgress?: (fraction: number) => void }): Promise<string>;
	/** Give up: delete what was written (best effort; a leftover is swept on the next open). */
	abort(): Promise<void>;
}

/** The store's public API. */
export interface QenomeStore {
	/**
	 * Save an imported genome as a new profile; resolves to the new id. Written in bounded
	 * transactions (a pending profile, its chunks in batches, then the profile marked complete):
	 * readers never see it before the last one commits, and a failure or cancel deletes what was
	 * written. `onProgress` gets the fraction of chunk bytes committed.
	 */
	saveGenome(
		parsed: ParsedGenome,
		meta: { name: string; sourceFileName: string; origin?: ProfileRecord['origin'] },
		options?: { signal?: AbortSignal; onProgress?: (fraction: number) => void }
	): Promise<string>;
	/**
	 * Start saving a genome chromosome by chromosome while it is still being imported (the
	 * writer is the import's ChunkSink): the profile is written at once, marked pending, each
	 * chunk in its own transaction as the importer finishes it, and `commit` writes the summary
	 * and removes the mark. As with saveGenome, readers never see the profile before the commit;
	 * a failed write makes `drain`, `take` and `commit` reject, and `abort` (or a failed commit)
	 * deletes what was written. The whole genome is never in memory at once.
	 */
	beginGenome(
		meta: { name: string; sourceFileName: string; origin?: ProfileRecord['origin'] },
		options?: {
			signal?: AbortSignal;
			/** The whole genome's stored size projected from the bytes written so far (quota messages). */
			estimateTotalBytes?: (written: number) => number;
		}
	): Promise<GenomeWriter>;
	/** Delete profiles a crashed import left half-written (also run by `openStore`); returns how many. */
	sweepIncomplete(): Promise<number>;
	listProfiles(): Promise<ProfileRecord[]>;
	getProfile(id: string): Promise<ProfileRecord | undefined>;
	renameProfile(id: string, name: string): Promise<void>;
	/** All chunks of a profile. */
	loadChunks(id: string): Promise<GenomeChunk[]>;
	/** A lookup view over a stored profile. */
	openGenomeView(id: string): Promise<GenomeView>;
	/** Delete a profile with its chunks and results, in one transaction. */
	deleteProfile(id: string): Promise<void>;
	putResult<T>(profileId: string, kind: string, value: T): Promise<void>;
	getResult<T>(profileId: string, kind: string): Promise<ResultRecord<T> | undefined>;
	/** Generic key/value records for later domains: store name is 'keys' or 'contacts'. */
	putRecord(store: 'keys' | 'contacts', key: string, value: unknown): Promise<void>;
	getRecord<T>(store: 'keys' | 'contacts', key: string): Promise<T | undefined>;
	listRecords<T>(store: 'keys' | 'contacts'): Promise<{ key: string; value: T }[]>;
	deleteRecord(store: 'keys' | 'contacts', key: string): Promise<void>;
	/** Delete every object store's contents (the database stays, empty). */
	deleteEverything(): Promise<void>;
	storageStatus(): Promise<StorageStatus>;
	/** Ask the browser for persistent storage; resolves to whether it is granted. */
	requestPersistence(): Promise<boolean>;
	/** Settings records in the `meta` store (never passed through the codec; e.g. vault KDF parameters). */
	getMeta<T>(key: string): Promise<T | undefined>;
	putMeta(key: string, value: unknown): Promise<void>;
	deleteMeta(key: string): Promise<void>;
	/** Replace the record codec (vault unlock/lock). Records already stored are not re-encoded. */
	setCodec(codec: RecordCodec): void;
	/** Every data record, decoded (for backups). */
	dumpAll(): Promise<StoreDump>;
	/**
	 * Write a dump back in ONE transaction (encoded with the current codec). With `replace`, the
	 * data stores are emptied first in the same transaction. Quota or any failure → unchanged.
	 */
	restoreAll(dump: StoreDump, options?: { replace?: boolean; signal?: AbortSignal }): Promise<void>;
	/** Subscribe to changes from this and other tabs; returns an unsubscribe function. */
	onChange(listener: (change: StoreChange) => void): () => void;
	close(): void;
}

/** All user data of a store, decoded: what backups carry. */
export interface StoreDump {
	profiles: ProfileRecord[];
	chunks: { profileId: string; chunk: GenomeChunk }[];
	results: ResultRecord[];
	keys: { key: string; value: unknown }[];
	contacts: { key: string; value: unknown }[];
}
