/**
 * Browser platform adapter of the genome import: a pool of Web Workers
 * (src/lib/workers/bgzf.worker.ts) that inflate and parse BGZF batches in parallel
 * (see parallel.ts). Created by the genome worker for large files; nested dedicated workers.
 */
import { createBgzfPool, type BgzfPool, type BgzfReply, type WorkerPort } from './parallel';

/** Files smaller than this are imported on one thread (a pool's start-up would not pay off). */
export const PARALLEL_MIN_BYTES = 4 << 20;

/**
 * Compressed bytes per batch in the browser: half the default (BATCH_BYTES). Every batch in flight
 * holds its compressed bytes twice in the genome worker and its text in a pool worker's inflater.
 * In the 5M WGS bench (5 Dec) the app tab's renderer peaked a little lower than with 1 MiB (means
 * 199 and 206 MB, within the run-to-run spread) with slightly less pool CPU; 256 KiB gained nothing.
 */
export const BROWSER_BATCH_BYTES = 512 << 10;

/**
 * A pool of `size` Web Workers (default: one per core, at most 4), or null where workers
 * cannot be created (then the import runs on the calling thread).
 */
export function createBrowserBgzfPool(size?: number): BgzfPool | null {
	if (typeof Worker !== 'function') return null;
	const cores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
	// the importing thread itself stays busy (reading, hashing, applying, storing), so the pool
	// takes the other cores; each worker also costs memory at a WGS import's peak (its V8 heap and
	// ≈ 4 MB of WebAssembly memory for its inflater; ≈ 60 MB when it falls back to DecompressionStream)
	if (size === undefined && cores < 2) return null;
	const n = size ?? Math.max(1, Math.min(4, cores - 1));
	try {
		const pool = createBgzfPool((): WorkerPort => {
			const w = new Worker(new URL('../workers/bgzf.worker.ts', import.meta.url), { type: 'module' });
			return {
				postMessage: (m, t) => w.postMessage(m, t),
				onReply(handler, onError) {
					w.onmessage = (e: MessageEvent<BgzfReply>) => handler(e.data);
					w.onerror = (e) => onError(e);
				},
				terminate: () => w.terminate()
			};
		}, n, BROWSER_BATCH_BYTES);
		// fewer batches in flight than the default: as fast here, and each holds ≈ 1.3 MB
		return { ...pool, maxInFlight: 2 * n + 2 };
	} catch {
		return null;
	}
}
