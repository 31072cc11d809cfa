/**
 * The sharing domain's browser adapter (beside the domain; the Node one is `node.ts`): where a
 * worker's seal/open output goes — an OPFS temporary (flat memory) or Blob parts, or a file the
 * user picked (`showSaveFilePicker`) — and a sink that hashes opened content on a second worker
 * (share-hash.worker.ts) through the shared `BufferBatcher`. Used by `share.worker.ts`; browser
 * APIs are touched only when these functions run, so importing this module is safe anywhere.
 */
import { BufferBatcher } from './batcher';
import { BundleError } from './errors';
import type { ContentSink } from './bundle';

const TEMP_PREFIX = 'qenome-tmp-';
const TEMP_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** A temporary output: OPFS sync access handle when possible, else Blob parts. */
export interface TempOutput extends ContentSink {
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

/** A temporary output: an OPFS file (flat memory) when available, else Blob parts in memory. */
export async function tempOutput(): Promise<TempOutput> {
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
export async function fileTargetOutput(target: FileSystemFileHandle): Promise<TempOutput> {
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
export type HashingSink = ContentSink & { digest(): Promise<Uint8Array>; close(): void };

/**
 * Write opened content to `out` and hash it in a second worker (share-hash.worker.ts), so the
 * SHA-256 overlaps the decryption. Null when a nested worker cannot start; the caller then
 * hashes in this thread.
 */
export async function offThreadHashingSink(out: TempOutput): Promise<HashingSink | null> {
	let worker: Worker;
	try {
		worker = new Worker(new URL('../workers/share-hash.worker.ts', import.meta.url), { type: 'module' });
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
	let failed = false;
	let settle: { resolve(d: Uint8Array): void; reject(e: Error): void } | null = null;
	const hashFailed = () => new BundleError('decrypt-failed', 'The content could not be checked (its hashing thread stopped); nothing was kept.');
	const batcher = new BufferBatcher((buffer, length) => worker.postMessage({ type: 'update', bytes: new Uint8Array(buffer, 0, length) }, [buffer]), {
		batchBytes: HASH_BATCH_BYTES,
		pool: HASH_BATCH_POOL
	});
	worker.onmessage = (e: MessageEvent<{ type: string; buffer?: ArrayBuffer; digest?: Uint8Array }>) => {
		if (e.data.type === 'ack') batcher.release(e.data.buffer!);
		else if (e.data.type === 'digest') settle?.resolve(e.data.digest!);
	};
	worker.onerror = () => {
		failed = true;
		settle?.reject(hashFailed());
		batcher.fail(hashFailed());
	};
	return {
		async write(chunk) {
			if (failed) throw hashFailed();
			await out.write(chunk);
			await batcher.write(chunk);
		},
		digest() {
			if (failed) return Promise.reject(hashFailed());
			batcher.flush();
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
export function writeFailed(e: unknown, what = 'sealed bundle'): BundleError {
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

