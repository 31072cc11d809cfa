/**
 * Sharing worker: passphrase key derivation (scrypt) and streaming seal/open of `.qenome` bundles
 * off the main thread, with progress and cancel. Output goes to a temporary file in the origin's
 * private file system (OPFS) when available — flat memory for large bundles — else to a Blob;
 * a seal may instead stream straight into a file the user picked (`SealArgs.target`), which stays
 * flat even in private windows, whose OPFS lives in memory. A refused bundle's temporary is
 * deleted before the error is reported: nothing is kept. Earlier outputs of this worker are
 * deleted when a later job starts (after a grace period for their downloads).
 *
 *   const share = connectWorker<ShareWorkerApi>(new Worker(new URL('$lib/workers/share.worker.ts', import.meta.url), { type: 'module' }));
 */
import { exposeWorker, type Job } from './bridge';
import {
	BundleError,
	changePassphrase,
	createFastSha256,
	createIdentity,
	hashBlob,
	openBundle,
	sealBundle,
	unlockIdentity,
	type BundleManifest,
	type ContactCard,
	type ContentSink,
	type ContentType,
	type IdentityFile,
	type UnlockedIdentity
} from '../share';

/** What `seal` needs. */
export interface SealArgs {
	sender: UnlockedIdentity;
	recipients: ContactCard[];
	contentType: ContentType;
	fileName: string | null;
	mediaType: string | null;
	content: Blob;
	/**
	 * Optional: a file the user chose with `showSaveFilePicker`. The bundle is then streamed
	 * straight into it (through the browser's on-disk swap file, committed only when sealing
	 * succeeded) instead of into an OPFS temporary — flat memory even where the origin's private
	 * storage lives in memory (private windows).
	 */
	target?: FileSystemFileHandle | null;
}

/** What `open` returns. */
export interface OpenResult {
	manifest: BundleManifest;
	sender: ContactCard;
	trusted: boolean;
	content: Blob;
}

const TEMP_PREFIX = 'qenome-tmp-';
const TEMP_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** A temporary output: OPFS sync access handle when possible, else Blob parts. */
interface TempOutput extends ContentSink {
	finish(type: string): Promise<Blob>;
	discard(): Promise<void>;
}

type SyncHandle = { write(b: Uint8Array, o: { at: number }): number; flush(): void; close(): void };
type OpfsDir = FileSystemDirectoryHandle & { entries?: () => AsyncIterable<[string, FileSystemHandle]> };

async function opfsRoot(): Promise<OpfsDir | null> {
	try {
		return (await navigator.storage.getDirectory()) as OpfsDir;
	} catch {
		return null;
	}
}

/**
 * This worker's own earlier outputs. A page shows one result at a time and clears it before the
 * next seal or open, so when a new job starts the earlier outputs are no longer offered — they are
 * deleted then (a 1 GB bundle would otherwise sit in the browser's storage for hours), once they
 * are old enough that a download started from them has finished reading.
 */
const ownTemps = new Map<string, number>();
/** An earlier output of this worker is deleted only after this long (time for its download to finish). */
const OWN_TEMP_GRACE_MS = 60 * 1000;

/** Delete stale temporaries from earlier sessions, and this worker's earlier outputs. */
async function sweepTemps(root: OpfsDir): Promise<void> {
	const now = Date.now();
	for (const [name, created] of ownTemps)
		if (now - created > OWN_TEMP_GRACE_MS) {
			ownTemps.delete(name);
			await root.removeEntry(name).catch(() => undefined);
		}
	if (!root.entries) return;
	for await (const [name] of root.entries()) {
		const m = new RegExp(`^${TEMP_PREFIX}(\\d+)-`).exec(name);
		if (m && now - Number(m[1]) > TEMP_MAX_AGE_MS) await root.removeEntry(name).catch(() => undefined);
	}
}

async function tempOutput(): Promise<TempOutput> {
	const root = await opfsRoot();
	if (root) {
		try {
			await sweepTemps(root);
			const name = `${TEMP_PREFIX}${Date.now()}-${Math.random().toString(36).slice(2)}`;
			const fh = await root.getFileHandle(name, { create: true });
			ownTemps.set(name, Date.now());
			const access = (await (fh as unknown as { createSyncAccessHandle(): Promise<SyncHandle> }).createSyncAccessHandle());
			let at = 0;
			return {
				write(chunk) {
					at += access.write(chunk, { at });
				},
				async finish(type) {
					access.flush();
					access.close();
					const file = await fh.getFile();
					return type ? file.slice(0, file.size, type) : file;
				},
				async discard() {
					try {
						access.close();
					} catch {
						/* already closed */
					}
					ownTemps.delete(name);
					await root.removeEntry(name).catch(() => undefined);
				}
			};
		} catch {
			/* fall through to memory */
		}
	}
	const parts: Uint8Array[] = [];
	return {
		write(chunk) {
			parts.push(chunk);
		},
		async finish(type) {
			return new Blob(parts as BlobPart[], { type });
		},
		async discard() {
			parts.length = 0;
		}
	};
}

/** Bytes gathered before each write to a user-chosen file (each write is a round trip to the browser). */
const TARGET_WRITE_BYTES = 4 << 20;

/**
 * Output into a file the user chose: a FileSystemWritableFileStream, fed in 4 MiB writes. The
 * browser writes to a swap file beside the target and replaces the target only on `close`, so a
 * failed or cancelled seal leaves the chosen file untouched (`abort`).
 */
async function fileTargetOutput(target: FileSystemFileHandle): Promise<TempOutput> {
	const writable = await target.createWritable();
	// One buffer, reused: a write's promise settles only once the browser has taken the bytes.
	const batch = new Uint8Array(TARGET_WRITE_BYTES);
	let used = 0;
	const flush = async () => {
		if (!used) return;
		await writable.write(batch.subarray(0, used));
		used = 0;
	};
	return {
		async write(chunk) {
			let c = chunk;
			while (c.length) {
				const n = Math.min(c.length, batch.length - used);
				batch.set(c.subarray(0, n), used);
				used += n;
				c = c.subarray(n);
				if (used === batch.length) await flush();
			}
		},
		async finish() {
			await flush();
			await writable.close();
			return target.getFile();
		},
		async discard() {
			await writable.abort().catch(() => undefined);
		}
	};
}

/** Content reaches the hashing worker in batches of this size (one message per MiB). */
const HASH_BATCH_BYTES = 1 << 20;
/** Batch buffers in circulation (8 MiB): when all are with the hashing worker, writing waits. */
const HASH_BATCH_POOL = 8;

/** A sink that also hashes what it writes, on another thread; `close` stops that thread. */
type HashingSink = ContentSink & { digest(): Promise<Uint8Array>; close(): void };

/**
 * Write opened content to `out` and hash it in a second worker (share-hash.worker.ts), so the
 * SHA-256 overlaps the decryption. Null when a nested worker cannot start; the caller then
 * hashes in this thread.
 */
async function offThreadHashingSink(out: TempOutput): Promise<HashingSink | null> {
	let worker: Worker;
	try {
		worker = new Worker(new URL('./share-hash.worker.ts', import.meta.url), { type: 'module' });
	} catch {
		return null;
	}
	const started = await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), 5000);
		worker.onmessage = (e: MessageEvent<{ type: string }>) => {
			if (e.data.type === 'ready') {
				clearTimeout(timer);
				resolve(true);
			}
		};
		worker.onerror = () => {
			clearTimeout(timer);
			resolve(false);
		};
	});
	if (!started) {
		worker.terminate();
		return null;
	}
	const free: Uint8Array[] = [];
	for (let i = 1; i < HASH_BATCH_POOL; i++) free.push(new Uint8Array(HASH_BATCH_BYTES));
	let failed = false;
	let wake: (() => void) | null = null;
	let settle: { resolve(d: Uint8Array): void; reject(e: Error): void } | null = null;
	const hashFailed = () => new BundleError('decrypt-failed', 'The content could not be checked (its hashing thread stopped); nothing was kept.');
	worker.onmessage = (e: MessageEvent<{ type: string; buffer?: ArrayBuffer; digest?: Uint8Array }>) => {
		if (e.data.type === 'ack' && e.data.buffer!.byteLength === HASH_BATCH_BYTES) free.push(new Uint8Array(e.data.buffer!));
		else if (e.data.type === 'digest') settle?.resolve(e.data.digest!);
		const w = wake;
		wake = null;
		w?.();
	};
	worker.onerror = () => {
		failed = true;
		settle?.reject(hashFailed());
		wake?.();
	};
	let batch: Uint8Array | null = new Uint8Array(HASH_BATCH_BYTES);
	let used = 0;
	const post = () => {
		if (!batch || !used) return;
		const bytes = batch.subarray(0, used);
		worker.postMessage({ type: 'update', bytes }, [batch.buffer as ArrayBuffer]);
		batch = null;
		used = 0;
	};
	return {
		async write(chunk) {
			if (failed) throw hashFailed();
			await out.write(chunk);
			let c = chunk;
			while (c.length) {
				if (!batch) {
					while (!free.length && !failed) await new Promise<void>((r) => (wake = r));
					if (failed) throw hashFailed();
					batch = free.pop()!;
				}
				const n = Math.min(c.length, batch.length - used);
				batch.set(c.subarray(0, n), used);
				used += n;
				c = c.subarray(n);
				if (used === batch.length) post();
			}
		},
		digest() {
			if (failed) return Promise.reject(hashFailed());
			post();
			return new Promise<Uint8Array>((resolve, reject) => {
				settle = { resolve, reject };
				worker.postMessage({ type: 'digest' });
			});
		},
		close() {
			worker.terminate();
		}
	};
}

/** A failed write (full disk or storage quota, a file that cannot be saved) as a plain-language refusal. */
function writeFailed(e: unknown, what = 'sealed bundle'): BundleError {
	if (e instanceof BundleError) return e;
	const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
	const full = /quota|space|full/i.test(detail);
	return new BundleError(
		'write-failed',
		full
			? `The ${what} could not be written: there is not enough free space (${detail}). Free some space and try again (where offered, “… and save as…” writes straight to a file you choose).`
			: `The ${what} could not be written (${detail}); nothing was kept.`,
		'failed'
	);
}

/** Pump a stream into a temp output, checking for cancel. */
async function drain(stream: ReadableStream<Uint8Array>, out: TempOutput, job: Job): Promise<void> {
	const reader = stream.getReader();
	for (;;) {
		if (job.signal.aborted) {
			await reader.cancel().catch(() => undefined);
			throw new BundleError('cancelled', 'Cancelled.');
		}
		const { value, done } = await reader.read();
		if (done) return;
		try {
			await out.write(value);
		} catch (e) {
			await reader.cancel().catch(() => undefined);
			throw writeFailed(e);
		}
	}
}

/** Throttled progress reporting. */
function reporter(job: Job, total: number, base: number, span: number, stage: string) {
	let last = 0;
	return (bytes: number) => {
		const now = Date.now();
		if (now - last < 100 && bytes < total) return;
		last = now;
		job.progress({ fraction: total ? base + (span * bytes) / total : null, stage, bytes, total });
	};
}

const api = {
	/** Create a new identity (scrypt + keygen in the worker). */
	async createIdentity(name: string, passphrase: string, _job: Job): Promise<{ file: IdentityFile; identity: UnlockedIdentity }> {
		return createIdentity(name, passphrase);
	},
	/** Unlock an identity file with its passphrase. */
	async unlock(file: IdentityFile, passphrase: string, _job: Job): Promise<UnlockedIdentity> {
		return unlockIdentity(file, passphrase);
	},
	/** Re-wrap under a new passphrase. */
	async changePassphrase(file: IdentityFile, oldPassphrase: string, newPassphrase: string, _job: Job): Promise<IdentityFile> {
		return changePassphrase(file, oldPassphrase, newPassphrase);
	},
	/**
	 * Seal content into a bundle: a hashing pass (WebAssembly SHA-256), then one streaming
	 * encryption pass into `args.target` when given, else into an OPFS temporary. Returns the
	 * bundle as a disk-backed Blob (the saved file, or the temporary to download).
	 */
	async seal(args: SealArgs, job: Job): Promise<{ manifest: BundleManifest; bundle: Blob; savedTo: string | null }> {
		const size = args.content.size;
		const hasher = await createFastSha256();
		const { digest, length } = await hashBlob(args.content, () => hasher, reporter(job, size, 0, 0.3, 'Fingerprinting the content'), job.signal);
		if (length !== size) throw new BundleError('bad-content', 'The file changed while it was being read; try again.', 'refused');
		const { manifest, stream } = await sealBundle({
			sender: args.sender,
			recipients: args.recipients,
			contentType: args.contentType,
			fileName: args.fileName,
			mediaType: args.mediaType,
			content: args.content.stream(),
			contentLength: size,
			contentSha256: digest,
			onProgress: reporter(job, size, 0.3, 0.7, 'Encrypting and signing')
		});
		const out = args.target ? await fileTargetOutput(args.target).catch((e: unknown) => Promise.reject(writeFailed(e))) : await tempOutput();
		try {
			await drain(stream, out, job);
			const bundle = await out.finish('application/octet-stream');
			job.progress({ fraction: 1, stage: 'Done' });
			return { manifest, bundle, savedTo: args.target?.name ?? null };
		} catch (e) {
			await out.discard();
			throw e;
		}
	},
	/**
	 * Read what a bundle says it holds — its manifest, decrypted but NOT yet verified — without
	 * opening the content, so the Inbox can offer to save a large file straight to disk. Null when
	 * the manifest cannot be read (the full `open` then reports why).
	 */
	async peek(bundle: Blob, opener: UnlockedIdentity, _job: Job): Promise<BundleManifest | null> {
		let manifest: BundleManifest | null = null;
		const stop = new AbortController();
		await openBundle(bundle.stream(), {
			opener,
			trusted: [],
			allowUntrustedSender: true,
			sink: { write: () => stop.abort() },
			onManifest: (m) => {
				manifest = m;
				stop.abort();
			},
			signal: stop.signal
		}).catch(() => undefined);
		return manifest;
	},
	/**
	 * Open a bundle; resolves only when everything verified (temporary deleted otherwise). The
	 * content is hashed in a second worker while this one decrypts. With `target` (a file the user
	 * picked) the content is streamed into it instead of an OPFS temporary and committed only when
	 * every check passed; an unknown sender is then refused, since the content would be kept.
	 */
	async open(
		bundle: Blob,
		opener: UnlockedIdentity,
		trusted: ContactCard[],
		allowUntrustedSender: boolean,
		target: FileSystemFileHandle | null,
		job: Job
	): Promise<OpenResult & { savedTo: string | null }> {
		const out = target ? await fileTargetOutput(target).catch((e: unknown) => Promise.reject(writeFailed(e, 'opened file'))) : await tempOutput();
		const progress = reporter(job, bundle.size, 0, 1, 'Decrypting and verifying');
		const hashingSink = await offThreadHashingSink(out);
		const inThreadHasher = hashingSink ? null : await createFastSha256();
		try {
			const r = await openBundle(bundle.stream(), {
				opener,
				trusted,
				allowUntrustedSender: allowUntrustedSender && !target,
				sink: hashingSink ?? out,
				createHasher: inThreadHasher ? () => inThreadHasher : undefined,
				onProgress: progress,
				signal: job.signal
			});
			const content = await out.finish(r.manifest.mediaType ?? '').catch((e: unknown) => Promise.reject(writeFailed(e, 'opened file')));
			return { manifest: r.manifest, sender: r.sender, trusted: r.trusted, content, savedTo: target?.name ?? null };
		} catch (e) {
			await out.discard();
			throw e;
		} finally {
			hashingSink?.close();
		}
	}
};

/** The worker's API type for connectWorker. */
export type ShareWorkerApi = typeof api;

exposeWorker(api);
