/**
 * The IndexedDB implementation of QenomeStore (see types.ts for the contract, schema.ts for the
 * object stores, codec.ts for the encode/decode hook).
 *
 * Atomicity: every write that belongs together (a profile's deletion, a restore) happens in ONE
 * readwrite transaction. Values are encoded before the transaction opens; any failure (quota, a
 * value that cannot be cloned, cancellation) aborts the transaction, so the database is exactly as
 * it was before. A new genome is the exception, for memory: it is written in bounded transactions
 * (profile marked `pending`, chunks in batches of ≤ 16 MiB, then the mark removed); readers and
 * backups ignore pending profiles, a failure or cancel deletes the partial records, and `ready()`
 * sweeps a leftover whose writer is gone (no Web Lock held; without Web Locks, a stale mark).
 *
 * Several tabs: when another tab opens a newer schema version, this connection closes itself
 * (`versionchange`), so upgrades never deadlock; the next call reopens or explains that the page
 * must be reloaded.
 */
import { openDB, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { CHROMOSOMES, type Chromosome, type GenomeChunk, type GenomeView, type ParsedGenome } from '../genome/types';
import { ChangeFeed } from './changes';
import { type CodecStore, type RecordCodec } from './codec';
import { vaultSession } from './vault-session';
import { StoreError, formatBytes, isQuotaError } from './errors';
import { DATA_STORES, DB_NAME, DB_VERSION, upgradeSchema, type ChunkEnvelope, type ProfileEnvelope, type QenomeDB } from './schema';
import { approximateBytes, askForPersistence, readStorageStatus } from './storage';
import type {
	GenomeWriter,
	ProfileRecord,
	QenomeStore,
	ResultRecord,
	StorageStatus,
	StoreChange,
	StoreDump
} from './types';

/** Options for `openStore`. */
export interface OpenStoreOptions {
	/** Database name (tests use their own); default 'qenome'. */
	name?: string;
	/** Record codec; default identity. */
	codec?: RecordCodec;
	/** Called with a plain message when another tab keeps an older version open (`blocked`). */
	onBlocked?: (message: string) => void;
	/** Called when another tab upgraded the database and this connection closed itself. */
	onVersionChange?: (message: string) => void;
	/** Bound of chunk bytes per save transaction; default 16 MiB (tests use a small one). */
	saveBatchBytes?: number;
}

type Db = IDBPDatabase<QenomeDB>;
type Names = StoreNames<QenomeDB>;
type WriteTx = IDBPTransaction<QenomeDB, Names[], 'readwrite'>;

const BLOCKED_MESSAGE =
	'Qenome is open in another tab with an older version. Close or reload the other Qenome tabs to continue.';
const OUTDATED_MESSAGE =
	'Qenome was updated in another tab. Reload this page to keep using your data.';

/** Upper bound of chunk bytes per save transaction (a chunk larger than this goes alone). */
const SAVE_BATCH_BYTES = 16 * 1024 * 1024;
/** Without Web Locks, a pending profile whose mark is older than this is a crash leftover. */
const STALE_PENDING_MS = 10 * 60 * 1000;
/** Ids this realm is writing right now (never swept by a store of the same realm). */
const IN_PROGRESS = new Set<string>();

type LockManagerLike = {
	request<T>(name: string, options: { ifAvailable?: boolean }, cb: (lock: unknown) => Promise<T> | T): Promise<T>;
	request<T>(name: string, cb: (lock: unknown) => Promise<T> | T): Promise<T>;
};
function lockManager(): LockManagerLike | null {
	const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
	return locks && typeof locks.request === 'function' ? locks : null;
}
const lockName = (id: string) => `qenome-save:${id}`;

/** Whether a pending profile was left behind: nobody holds its lock (or its mark is stale). */
async function isAbandoned(id: string, pendingSince: number): Promise<boolean> {
	const locks = lockManager();
	if (!locks) return Date.now() - pendingSince > STALE_PENDING_MS;
	return locks.request(lockName(id), { ifAvailable: true }, (lock) => lock != null);
}

/** Chromosome order for sorting loaded chunks. */
const CHROM_ORDER = new Map<string, number>(CHROMOSOMES.map((c, i) => [c, i]));

/** Open a database connection, translating failures into StoreErrors. */
async function connect(name: string, options: OpenStoreOptions, onClosed: () => void): Promise<Db> {
	if (typeof indexedDB === 'undefined') {
		throw new StoreError('unavailable', 'This browser does not allow Qenome to store data (IndexedDB is unavailable). Private windows sometimes do this.');
	}
	try {
		const db = await openDB<QenomeDB>(name, DB_VERSION, {
			upgrade: (database, oldVersion, newVersion, tx) =>
				upgradeSchema(database, oldVersion, newVersion ?? DB_VERSION, tx),
			blocked: () => options.onBlocked?.(BLOCKED_MESSAGE),
			blocking: () => {
				// Another tab wants a newer version: step aside so its upgrade never waits on us.
				db.close();
				onClosed();
				options.onVersionChange?.(OUTDATED_MESSAGE);
			},
			terminated: onClosed
		});
		return db;
	} catch (err) {
		if ((err as { name?: string })?.name === 'VersionError') {
			throw new StoreError('outdated', OUTDATED_MESSAGE, undefined, err);
		}
		throw new StoreError('unavailable', `Qenome could not open its on-device database: ${(err as Error)?.message ?? String(err)}`, undefined, err);
	}
}

/** Open (creating or upgrading if needed) the on-device store. */
export async function openStore(options: OpenStoreOptions = {}): Promise<QenomeStore> {
	const store = new IdbStore(options);
	await store.ready();
	return store;
}

class IdbStore implements QenomeStore {
	readonly #name: string;
	readonly #options: OpenStoreOptions;
	#codec: RecordCodec;
	#db: Promise<Db> | null = null;
	#closed = false;
	readonly #changes = new ChangeFeed();

	constructor(options: OpenStoreOptions) {
		this.#name = options.name ?? DB_NAME;
		this.#options = options;
		// Every connection goes through the vault session by default: with no vault configured it
		// passes records through unchanged; with one, records are sealed (see vault-session.ts).
		this.#codec = options.codec ?? vaultSession().codec;
	}

	/** Resolve once the database is open (or reject with a StoreError). */
	async ready(): Promise<void> {
		await this.#getDb();
		await this.sweepIncomplete();
	}

	#getDb(): Promise<Db> {
		if (this.#closed) return Promise.reject(new StoreError('failed', 'The store has been closed.'));
		if (!this.#db) {
			const pending = connect(this.#name, this.#options, () => {
				if (this.#db === pending) this.#db = null;
			});
			this.#db = pending;
			pending.catch(() => {
				if (this.#db === pending) this.#db = null;
			});
		}
		return this.#db;
	}

	async #encode(store: CodecStore, id: string, value: unknown): Promise<unknown> {
		return await this.#codec.encode(store, id, value);
	}

	async #decode<T>(store: CodecStore, id: string, stored: unknown): Promise<T> {
		return (await this.#codec.decode(store, id, stored)) as T;
	}

	/**
	 * Run `write` in one readwrite transaction over `stores` and wait for the commit. Any failure
	 * or an abort of `signal` aborts the whole transaction and is rethrown as a StoreError.
	 */
	async #writeAtomically(
		stores: Names[],
		write: (tx: WriteTx, track: (request: Promise<unknown>) => void) => void,
		opts: { signal?: AbortSignal; neededBytes?: () => number } = {}
	): Promise<void> {
		if (opts.signal?.aborted) throw cancelledError();
		const db = await this.#getDb();
		let tx: WriteTx;
		try {
			tx = db.transaction(stores, 'readwrite');
		} catch (err) {
			throw new StoreError('failed', `The on-device database refused the change: ${(err as Error).message}`, undefined, err);
		}
		const done = tx.done;
		done.catch(() => {});
		const requests: Promise<unknown>[] = [];
		const track = (request: Promise<unknown>) => {
			request.catch(() => {});
			requests.push(request);
		};
		const abort = () => {
			try {
				tx.abort();
			} catch {
				// Already finished or aborted.
			}
		};
		opts.signal?.addEventListener('abort', abort, { once: true });
		try {
			write(tx, track);
			await Promise.all([...requests, done]);
		} catch (err) {
			abort();
			await done.catch(() => {});
			if (opts.signal?.aborted) throw cancelledError();
			throw await toStoreError(tx.error ?? err, opts.neededBytes);
		} finally {
			opts.signal?.removeEventListener('abort', abort);
		}
	}

	async saveGenome(
		parsed: ParsedGenome,
		meta: { name: string; sourceFileName: string; origin?: ProfileRecord['origin'] },
		options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}
	): Promise<string> {
		const seen = new Set<string>();
		for (const chunk of parsed.chunks) {
			if (seen.has(chunk.chrom)) {
				throw new StoreError('invalid', `The genome has two chunks for chromosome ${chunk.chrom}; it was not saved.`);
			}
			seen.add(chunk.chrom);
		}
		if (options.signal?.aborted) throw cancelledError();
		const sizes = parsed.chunks.map((c) => approximateBytes(c));
		const totalBytes = sizes.reduce((n, b) => n + b, 0);
		// The same writer as a streamed import (pending mark, lock, commit point), fed in bounded batches.
		const writer = await this.#beginGenome(meta, { signal: options.signal, estimateTotalBytes: () => totalBytes });
		try {
			let written = 0;
			const batchLimit = this.#options.saveBatchBytes ?? SAVE_BATCH_BYTES;
			for (let i = 0; i < parsed.chunks.length; ) {
				// One bounded batch: at least one chunk, at most SAVE_BATCH_BYTES beyond it.
				let j = i + 1;
				let batchBytes = sizes[i];
				while (j < parsed.chunks.length && batchBytes + sizes[j] <= batchLimit) batchBytes += sizes[j++];
				writer.putBatch(parsed.chunks.slice(i, j));
				await writer.drain(0);
				written += batchBytes;
				i = j;
				options.onProgress?.(totalBytes > 0 ? written / totalBytes : 1);
			}
			return await writer.commit(parsed);
		} catch (err) {
			await writer.abort();
			throw err;
		}
	}

	beginGenome(
		meta: { name: string; sourceFileName: string; origin?: ProfileRecord['origin'] },
		options: { signal?: AbortSignal; estimateTotalBytes?: (written: number) => number } = {}
	): Promise<GenomeWriter> {
		return this.#beginGenome(meta, options);
	}

	/**
	 * The writer behind both saves: `putBatch` writes several chunks in one transaction (saveGenome's
	 * bounded batches), `put` one (a streamed import's chromosome); `drain(n)` waits until at most n
	 * writes are queued.
	 */
	async #beginGenome(
		meta: { name: string; sourceFileName: string; origin?: ProfileRecord['origin'] },
		options: { signal?: AbortSignal; estimateTotalBytes?: (written: number) => number } = {}
	): Promise<GenomeWriter & { putBatch(chunks: GenomeChunk[]): void; drain(max?: number): Promise<void> }> {
		const id = newId();
		const signal = options.signal;
		const base = {
			id,
			name: cleanName(meta.name) || cleanName(meta.sourceFileName) || 'Genome',
			sourceFileName: meta.sourceFileName,
			created: new Date().toISOString(),
			origin: meta.origin ?? { kind: 'file' as const }
		};
		if (signal?.aborted) throw cancelledError();
		// While pending, the envelope holds only the profile's name and origin (no reader opens a
		// pending profile; the sweep reads only its id and mark); the commit writes the whole record.
		const pendingEnvelope: ProfileEnvelope = { id, v: await this.#encode('profiles', id, base) };
		// the Web Lock that tells other tabs' sweeps this profile is being written, held until the end
		let release = () => {};
		const held = new Promise<void>((r) => (release = r));
		const locks = lockManager();
		if (locks) await new Promise<void>((acquired) => void locks.request(lockName(id), () => (acquired(), held)));
		IN_PROGRESS.add(id);
		let written = 0;
		// a quota refusal quotes the whole genome's size: the caller's projection when it gives one
		const neededBytes = (extra = 0) => Math.max(written + extra, options.estimateTotalBytes?.(written + extra) ?? 0) + approximateBytes(base);
		let finished = false;
		const finish = () => {
			if (finished) return;
			finished = true;
			IN_PROGRESS.delete(id);
			release();
			this.#changes.emit({ type: 'profiles' });
		};
		try {
			await this.#writeAtomically(['profiles'], (tx, track) => track(tx.objectStore('profiles').add({ ...pendingEnvelope, pending: Date.now() })), { signal, neededBytes });
		} catch (err) {
			finish();
			throw err;
		}
		/** Chunk writes in order; each removes itself when done. The first failure is kept. */
		const queue: Promise<void>[] = [];
		let failure: unknown = null;
		let tail: Promise<void> = Promise.resolve();
		const put = (chunks: GenomeChunk[]) => {
			const job = tail.then(async () => {
				if (failure) return;
				try {
					// Encode before the transaction opens (it must not wait on non-IDB promises).
					const envelopes: ChunkEnvelope[] = [];
					for (const chunk of chunks) {
						if (signal?.aborted) throw cancelledError();
						envelopes.push({ profileId: id, chrom: chunk.chrom, v: await this.#encode('chunks', `${id}/${chunk.chrom}`, chunk) });
					}
					const bytes = chunks.reduce((n, c) => n + approximateBytes(c), 0);
					await this.#writeAtomically(
						['profiles', 'chunks'],
						(tx, track) => {
							// put: a chromosome the file came back to is written again, whole
							for (const e of envelopes) track(tx.objectStore('chunks').put(e));
							// heartbeat: a profile still being written is not a crash leftover
							track(tx.objectStore('profiles').put({ ...pendingEnvelope, pending: Date.now() }));
						},
						{ signal, neededBytes: () => neededBytes(bytes) }
					);
					written += bytes;
				} catch (err) {
					failure ??= err;
				}
			});
			tail = job;
			queue.push(job);
			void job.then(() => queue.splice(queue.indexOf(job), 1));
		};
		const settle = async (onDone?: () => void) => {
			while (queue.length) {
				await queue[0];
				onDone?.();
			}
		};
		const writer = {
			id,
			put(chunk: GenomeChunk) {
				writer.putBatch([chunk]);
			},
			putBatch(chunks: GenomeChunk[]) {
				if (finished) throw new StoreError('failed', 'The genome is no longer being saved.');
				put(chunks);
			},
			async drain(max = 1) {
				while (queue.length > max) await queue[0];
				if (failure) throw failure;
			},
			take: async (chrom: Chromosome) => {
				await settle();
				if (failure) throw failure;
				const db = await this.#getDb();
				const e = await db.get('chunks', [id, chrom]);
				if (!e) throw new StoreError('failed', `Chromosome ${chrom} of the genome being saved is missing.`);
				return this.#decode<GenomeChunk>('chunks', `${id}/${chrom}`, e.v);
			},
			commit: async (parsed: Pick<ParsedGenome, 'summary' | 'sha256' | 'bytes'>, commitOptions: { onProgress?: (fraction: number) => void } = {}) => {
				try {
					const total = queue.length;
					let done = 0;
					commitOptions.onProgress?.(total ? 0 : 1);
					await settle(() => commitOptions.onProgress?.(++done / Math.max(total, 1)));
					if (failure) throw failure;
					const profile: ProfileRecord = { ...base, sourceSha256: parsed.sha256, sourceBytes: parsed.bytes, summary: parsed.summary };
					const envelope: ProfileEnvelope = { id, v: await this.#encode('profiles', id, profile) };
					// The commit point: the whole profile, without its pending mark.
					await this.#writeAtomically(['profiles'], (tx, track) => track(tx.objectStore('profiles').put(envelope)), { signal, neededBytes });
				} catch (err) {
					await this.#deletePartial(id);
					finish();
					throw err;
				}
				finish();
				return id;
			},
			abort: async () => {
				if (finished) return;
				failure ??= cancelledError();
				await settle();
				await this.#deletePartial(id);
				finish();
			}
		};
		return writer;
	}

	/** Best-effort removal of a profile that was not completely written. */
	async #deletePartial(id: string): Promise<void> {
		const range = profileRange(id);
		try {
			await this.#writeAtomically(['profiles', 'chunks', 'results'], (tx, track) => {
				track(tx.objectStore('profiles').delete(id));
				track(tx.objectStore('chunks').delete(range));
				track(tx.objectStore('results').delete(range));
			});
		} catch {
			// The next open sweeps it (it is still marked pending).
		}
	}

	/**
	 * Delete profiles left pending by a crashed or closed import (with their chunks). A pending
	 * profile another tab or worker is still writing is kept: it holds a Web Lock named after it
	 * (where the browser has Web Locks) and refreshes its mark with every batch.
	 */
	async sweepIncomplete(): Promise<number> {
		const db = await this.#getDb();
		const envelopes = await db.getAll('profiles');
		let swept = 0;
		for (const e of envelopes) {
			if (e.pending == null || IN_PROGRESS.has(e.id)) continue;
			if (!(await isAbandoned(e.id, e.pending))) continue;
			await this.#deletePartial(e.id);
			swept++;
		}
		if (swept > 0) this.#changes.emit({ type: 'profiles' });
		return swept;
	}

	async listProfiles(): Promise<ProfileRecord[]> {
		const db = await this.#getDb();
		const envelopes = (await db.getAll('profiles')).filter((e) => e.pending == null);
		const profiles = await Promise.all(envelopes.map((e) => this.#decode<ProfileRecord>('profiles', e.id, e.v)));
		return profiles.sort((a, b) => b.created.localeCompare(a.created));
	}

	async getProfile(id: string): Promise<ProfileRecord | undefined> {
		const db = await this.#getDb();
		const envelope = await db.get('profiles', id);
		return envelope && envelope.pending == null ? this.#decode<ProfileRecord>('profiles', id, envelope.v) : undefined;
	}

	async renameProfile(id: string, name: string): Promise<void> {
		const clean = cleanName(name);
		if (!clean) throw new StoreError('invalid', 'A profile name cannot be empty.');
		if (clean.length > 200) throw new StoreError('invalid', 'A profile name can have at most 200 characters.');
		const current = await this.getProfile(id);
		if (!current) throw notFound(id);
		const envelope = { id, v: await this.#encode('profiles', id, { ...current, name: clean }) };
		await this.#writeAtomically(['profiles'], (tx, track) =>
			track(
				tx.objectStore('profiles').get(id).then((existing) => {
					// Deleted in another tab between our read and this write: do not resurrect it.
					if (!existing || existing.pending != null) throw notFound(id);
					return tx.objectStore('profiles').put(envelope);
				})
			)
		);
		this.#changes.emit({ type: 'profiles' });
	}

	async loadChunks(id: string): Promise<GenomeChunk[]> {
		const db = await this.#getDb();
		const envelopes = await db.getAllFromIndex('chunks', 'byProfile', id);
		const chunks = await Promise.all(
			envelopes.map((e) => this.#decode<GenomeChunk>('chunks', `${id}/${e.chrom}`, e.v))
		);
		return chunks.sort((a, b) => (CHROM_ORDER.get(a.chrom) ?? 99) - (CHROM_ORDER.get(b.chrom) ?? 99));
	}

	async openGenomeView(id: string): Promise<GenomeView> {
		const profile = await this.getProfile(id);
		if (!profile) throw notFound(id);
		// Loaded on demand: pages that only list profiles need not ship the importer.
		const { createGenomeView } = await import('../genome');
		return createGenomeView(profile.summary, await this.loadChunks(id));
	}

	async deleteProfile(id: string): Promise<void> {
		const range = profileRange(id);
		await this.#writeAtomically(['profiles', 'chunks', 'results'], (tx, track) => {
			track(tx.objectStore('profiles').delete(id));
			track(tx.objectStore('chunks').delete(range));
			track(tx.objectStore('results').delete(range));
		});
		this.#changes.emit({ type: 'profiles' });
	}

	async putResult<T>(profileId: string, kind: string, value: T): Promise<void> {
		if (!kind) throw new StoreError('invalid', 'A result needs a kind.');
		const record: ResultRecord<T> = { profileId, kind, updated: new Date().toISOString(), value };
		const envelope = { profileId, kind, v: await this.#encode('results', `${profileId}/${kind}`, record) };
		await this.#writeAtomically(['profiles', 'results'], (tx, track) =>
			track(
				tx.objectStore('profiles').get(profileId).then((profile) => {
					if (!profile || profile.pending != null) throw notFound(profileId);
					return tx.objectStore('results').put(envelope);
				})
			)
		);
		this.#changes.emit({ type: 'results', profileId });
	}

	async getResult<T>(profileId: string, kind: string): Promise<ResultRecord<T> | undefined> {
		const db = await this.#getDb();
		const envelope = await db.get('results', [profileId, kind]);
		return envelope ? this.#decode<ResultRecord<T>>('results', `${profileId}/${kind}`, envelope.v) : undefined;
	}

	async putRecord(store: 'keys' | 'contacts', key: string, value: unknown): Promise<void> {
		checkNamedStore(store);
		if (!key) throw new StoreError('invalid', 'A record needs a key.');
		const envelope = { key, v: await this.#encode(store, key, value) };
		await this.#writeAtomically([store], (tx, track) => track(tx.objectStore(store).put(envelope)));
		this.#changes.emit({ type: store });
	}

	async getRecord<T>(store: 'keys' | 'contacts', key: string): Promise<T | undefined> {
		checkNamedStore(store);
		const db = await this.#getDb();
		const envelope = await db.get(store, key);
		return envelope ? this.#decode<T>(store, key, envelope.v) : undefined;
	}

	async listRecords<T>(store: 'keys' | 'contacts'): Promise<{ key: string; value: T }[]> {
		checkNamedStore(store);
		const db = await this.#getDb();
		const envelopes = await db.getAll(store);
		return Promise.all(envelopes.map(async (e) => ({ key: e.key, value: await this.#decode<T>(store, e.key, e.v) })));
	}

	async deleteRecord(store: 'keys' | 'contacts', key: string): Promise<void> {
		checkNamedStore(store);
		await this.#writeAtomically([store], (tx, track) => track(tx.objectStore(store).delete(key)));
		this.#changes.emit({ type: store });
	}

	async deleteEverything(): Promise<void> {
		// `meta` is kept: it holds settings (e.g. vault parameters) that outlive the data.
		await this.#writeAtomically([...DATA_STORES, 'knowledge'], (tx, track) => {
			for (const name of [...DATA_STORES, 'knowledge'] as const) track(tx.objectStore(name).clear());
		});
		this.#changes.emit({ type: 'all-deleted' });
	}

	async getMeta<T>(key: string): Promise<T | undefined> {
		const db = await this.#getDb();
		return (await db.get('meta', key))?.value as T | undefined;
	}

	async putMeta(key: string, value: unknown): Promise<void> {
		await this.#writeAtomically(['meta'], (tx, track) => track(tx.objectStore('meta').put({ key, value })));
	}

	async deleteMeta(key: string): Promise<void> {
		await this.#writeAtomically(['meta'], (tx, track) => track(tx.objectStore('meta').delete(key)));
	}

	setCodec(codec: RecordCodec): void {
		this.#codec = codec;
	}

	async dumpAll(): Promise<StoreDump> {
		const db = await this.#getDb();
		// Read every envelope in one readonly transaction (a consistent snapshot), decode after.
		const tx = db.transaction([...DATA_STORES], 'readonly');
		const [allProfiles, allChunks, allResults, keys, contacts] = await Promise.all([
			tx.objectStore('profiles').getAll(),
			tx.objectStore('chunks').getAll(),
			tx.objectStore('results').getAll(),
			tx.objectStore('keys').getAll(),
			tx.objectStore('contacts').getAll()
		]);
		await tx.done;
		// A profile still being written (or a crash leftover) is not part of a backup.
		const pending = new Set(allProfiles.filter((e) => e.pending != null).map((e) => e.id));
		const profiles = allProfiles.filter((e) => !pending.has(e.id));
		const chunks = allChunks.filter((e) => !pending.has(e.profileId));
		const results = allResults.filter((e) => !pending.has(e.profileId));
		return {
			profiles: await Promise.all(profiles.map((e) => this.#decode<ProfileRecord>('profiles', e.id, e.v))),
			chunks: await Promise.all(
				chunks.map(async (e) => ({
					profileId: e.profileId,
					chunk: await this.#decode<GenomeChunk>('chunks', `${e.profileId}/${e.chrom}`, e.v)
				}))
			),
			results: await Promise.all(results.map((e) => this.#decode<ResultRecord>('results', `${e.profileId}/${e.kind}`, e.v))),
			keys: await Promise.all(keys.map(async (e) => ({ key: e.key, value: await this.#decode<unknown>('keys', e.key, e.v) }))),
			contacts: await Promise.all(
				contacts.map(async (e) => ({ key: e.key, value: await this.#decode<unknown>('contacts', e.key, e.v) }))
			)
		};
	}

	async restoreAll(dump: StoreDump, options: { replace?: boolean; signal?: AbortSignal } = {}): Promise<void> {
		const profiles = await Promise.all(
			dump.profiles.map(async (p) => ({ id: p.id, v: await this.#encode('profiles', p.id, p) }))
		);
		const chunks = await Promise.all(
			dump.chunks.map(async ({ profileId, chunk }) => ({
				profileId,
				chrom: chunk.chrom,
				v: await this.#encode('chunks', `${profileId}/${chunk.chrom}`, chunk)
			}))
		);
		const results = await Promise.all(
			dump.results.map(async (r) => ({
				profileId: r.profileId,
				kind: r.kind,
				v: await this.#encode('results', `${r.profileId}/${r.kind}`, r)
			}))
		);
		const keys = await Promise.all(dump.keys.map(async (r) => ({ key: r.key, v: await this.#encode('keys', r.key, r.value) })));
		const contacts = await Promise.all(
			dump.contacts.map(async (r) => ({ key: r.key, v: await this.#encode('contacts', r.key, r.value) }))
		);
		await this.#writeAtomically(
			[...DATA_STORES],
			(tx, track) => {
				if (options.replace) for (const name of DATA_STORES) track(tx.objectStore(name).clear());
				for (const e of profiles) track(tx.objectStore('profiles').put(e));
				for (const e of chunks) track(tx.objectStore('chunks').put(e));
				for (const e of results) track(tx.objectStore('results').put(e));
				for (const e of keys) track(tx.objectStore('keys').put(e));
				for (const e of contacts) track(tx.objectStore('contacts').put(e));
			},
			{ signal: options.signal, neededBytes: () => approximateBytes(dump) }
		);
		this.#changes.emit(options.replace ? { type: 'all-deleted' } : { type: 'profiles' });
	}

	storageStatus(): Promise<StorageStatus> {
		return readStorageStatus();
	}

	requestPersistence(): Promise<boolean> {
		return askForPersistence();
	}

	onChange(listener: (change: StoreChange) => void): () => void {
		return this.#changes.subscribe(listener);
	}

	close(): void {
		this.#closed = true;
		this.#changes.close();
		const db = this.#db;
		this.#db = null;
		void db?.then((d) => d.close()).catch(() => {});
	}
}

/** Key range covering every [profileId, *] record (arrays sort after strings in IndexedDB). */
function profileRange(profileId: string): IDBKeyRange {
	return IDBKeyRange.bound([profileId], [profileId, []]);
}

function checkNamedStore(store: string): void {
	if (store !== 'keys' && store !== 'contacts') {
		throw new StoreError('invalid', `Unknown record store "${store}" (expected keys or contacts).`);
	}
}

/** A random profile id (UUID v4). */
function newId(): string {
	return crypto.randomUUID();
}

/** Collapse whitespace and control characters in a user-supplied name. */
function cleanName(name: string): string {
	return String(name ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function notFound(id: string): StoreError {
	return new StoreError('not-found', `That genome profile no longer exists on this device (it may have been deleted in another tab).`, { id });
}

function cancelledError(): StoreError {
	return new StoreError('cancelled', 'Saving was cancelled. Nothing was stored.');
}

/** Translate an IndexedDB failure into a StoreError with a plain message. */
async function toStoreError(err: unknown, estimateNeeded?: () => number): Promise<StoreError> {
	if (err instanceof StoreError) return err;
	if (isQuotaError(err)) {
		let neededBytes: number | undefined;
		try {
			neededBytes = estimateNeeded?.();
		} catch {
			neededBytes = undefined;
		}
		const status = await readStorageStatus();
		const available =
			status.quotaBytes != null && status.usedBytes != null ? Math.max(0, status.quotaBytes - status.usedBytes) : null;
		const needed = neededBytes != null ? `about ${formatBytes(neededBytes)}` : 'more space';
		// Browsers' estimates can disagree with the limit they enforce (e.g. a lowered per-site
		// quota): only quote the estimate when it explains the refusal.
		const free =
			available != null && (neededBytes == null || available < neededBytes)
				? `only ${formatBytes(available)} is available to Qenome`
				: 'the browser refused to store more for this site';
		return new StoreError(
			'quota',
			`Not enough storage space: saving needs ${needed}, but ${free}. Nothing was saved. Delete other profiles or free disk space, then try again.`,
			{ neededBytes: neededBytes ?? null, availableBytes: available },
			err
		);
	}
	const name = (err as { name?: unknown })?.name;
	if (name === 'DataCloneError') {
		return new StoreError('invalid', 'This data cannot be stored on the device (it contains values IndexedDB cannot keep). Nothing was saved.', undefined, err);
	}
	if (name === 'ConstraintError') {
		return new StoreError('invalid', 'A record with the same identity already exists. Nothing was saved.', undefined, err);
	}
	if (name === 'InvalidStateError') {
		return new StoreError('outdated', OUTDATED_MESSAGE, undefined, err);
	}
	const message = (err as Error)?.message || String(err);
	return new StoreError('failed', `The on-device database refused the change (${message}). Nothing was saved.`, undefined, err);
}
