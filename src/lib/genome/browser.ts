/**
 * Browser platform adapter of the genome import: inflating and parsing BGZF batches in parallel
 * (see parallel.ts) — on a pool of Web Workers (src/lib/workers/bgzf.worker.ts, nested dedicated
 * workers of the genome worker) when the machine has cores to spare, or on the importing thread
 * itself when the pool would be a single worker (see `bgzfPoolPlan`).
 */
import { bgzfWorkerHandler, createBgzfPool, type BatchDeps, type BgzfJob, type BgzfPool, type BgzfReply, type WorkerPort } from './parallel';
import { crc32From, crc32Js, createCrc32 } from './checksum';
import { createWasmBatchInflater, hasNativeGzip, inflateBgzfNative, inflateRawInto } from './workers';

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
 * Where the batches run: `workers` — a pool of that many Web Workers; `inline` — on the importing
 * thread (the genome worker), through the same batch protocol; null — no batching at all (the
 * serial path). One worker per core but the importing thread's, at most 4. Where that would be a
 * single worker (2 cores) the batches run inline: the importing thread is then the only other
 * busy thread anyway, and a pool worker costs a V8 isolate of its own in the app tab's renderer
 * (its heap, its inflater's memory, and heap pages Chromium keeps for ≈ 20 s after it ends —
 * docs/benchmarks.md, "Browser import (Chromium)"). `size` forces a pool of that many workers (1–4).
 */
export function bgzfPoolPlan(cores: number, size?: number): { kind: 'workers'; size: number } | { kind: 'inline' } | null {
	if (size !== undefined && Number.isFinite(size)) return { kind: 'workers', size: Math.min(4, Math.max(1, Math.floor(size))) };
	if (!(cores >= 2)) return null;
	const n = Math.min(4, cores - 1);
	return n === 1 ? { kind: 'inline' } : { kind: 'workers', size: n };
}

/**
 * The batch runner for this browser (see `bgzfPoolPlan`; `size` forces a pool of Web Workers of
 * that size), or null where no batching applies (one core, or workers cannot be created: then the
 * import runs on the calling thread's serial path).
 */
export function createBrowserBgzfPool(size?: number): BgzfPool | null {
	const cores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
	const plan = bgzfPoolPlan(cores, size);
	if (!plan) return null;
	if (plan.kind === 'inline') return typeof MessageChannel === 'function' ? createInlineBgzfPool() : null;
	if (typeof Worker !== 'function') return null;
	const n = plan.size;
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

/**
 * The batch dependencies a pool worker uses (bgzf.worker.ts): the WebAssembly inflater into reused
 * memory, else DecompressionStream, else fflate with our CRC-32.
 */
export async function browserBatchDeps(): Promise<BatchDeps> {
	const inflateBatch = await createWasmBatchInflater();
	// the WebAssembly inflater checks every CRC-32 itself: hash-wasm's CRC (another module and its
	// memory) is instantiated only for the fallback; the lazy JavaScript one stands in otherwise
	const deps: BatchDeps = { inflate: inflateRawInto, crc: inflateBatch ? crc32From(crc32Js) : await createCrc32() };
	if (inflateBatch) deps.inflateBatch = inflateBatch;
	else if (hasNativeGzip()) deps.inflateAsync = inflateBgzfNative;
	return deps;
}

/**
 * A pool of one "worker" that is the calling thread: each batch runs as a task of its own (a
 * MessageChannel message, so the file's reading, the store's writes and progress interleave
 * between batches and no timer clamping applies), through the very protocol and batch code of
 * the Web Worker pool. The transfer lists are ignored: nothing is copied, the buffers change
 * hands exactly as they would between threads.
 */
export function createInlineBgzfPool(deps: Promise<BatchDeps> = browserBatchDeps(), batchBytes = BROWSER_BATCH_BYTES): BgzfPool {
	const pool = createBgzfPool((): WorkerPort => {
		let reply: ((m: BgzfReply) => void) | null = null;
		let fail: ((err: unknown) => void) | null = null;
		let stopped = false;
		const jobs: BgzfJob[] = [];
		const handler = deps.then((d) => bgzfWorkerHandler(d, (m) => !stopped && reply?.(m)));
		const tick = new MessageChannel();
		tick.port1.onmessage = () => {
			const job = jobs.shift();
			if (!job || stopped) return;
			handler.then(
				(handle) => {
					if (stopped) return;
					try {
						handle(job);
					} catch (err) {
						fail?.(err);
					}
				},
				(err) => fail?.(err)
			);
		};
		return {
			postMessage(message) {
				jobs.push(message as BgzfJob);
				tick.port2.postMessage(null);
			},
			onReply(handler, onError) {
				reply = handler;
				fail = onError;
			},
			terminate() {
				stopped = true;
				jobs.length = 0;
				tick.port1.close();
				tick.port2.close();
			}
		};
	}, 1, batchBytes);
	// as many batches in flight as a pool of one worker keeps: while one is parsed here, the file
	// is read ahead for the next
	return { ...pool, maxInFlight: 4 };
}
