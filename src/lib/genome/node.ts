/**
 * Node platform adapter of the genome import (CLI, benchmarks): native SHA-256 and CRC-32, and a
 * pool of worker_threads that inflate and parse BGZF batches in parallel (parallel.ts). The
 * browser's counterpart is src/lib/workers/bgzf.worker.ts + src/lib/clients (Web Workers).
 *
 * The worker script is `genome-worker.mjs` beside the bundled CLI (scripts/build-cli.js), or the
 * TypeScript source `node-worker.ts` run through tsx in a development checkout.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import zlib from 'node:zlib';
import { crc32From, type Crc32Factory } from './checksum';
import type { IncrementalHash } from './hasher';
import { createBgzfPool, type BgzfPool, type BgzfReply, type WorkerPort } from './parallel';
import type { ImportOptions } from './types';

/** Node's native SHA-256 (OpenSSL; several times faster than WebAssembly). */
export async function nodeSha256(): Promise<IncrementalHash> {
	const h = createHash('sha256');
	return { update: (b) => void h.update(b), hex: () => h.digest('hex') };
}

/** Node's native CRC-32 (zlib.crc32, Node ≥ 20.15), else the default. */
export const nodeCrc32: Crc32Factory | undefined =
	typeof (zlib as { crc32?: unknown }).crc32 === 'function'
		? async () => crc32From((b, c) => (zlib as unknown as { crc32: (b: Uint8Array, c: number) => number }).crc32(b, c))
		: undefined;

/** Where the worker script is, and how to run it. */
function workerScript(): { file: string; execArgv: string[] } {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const bundled = path.join(here, 'genome-worker.mjs');
	if (fs.existsSync(bundled)) return { file: bundled, execArgv: [] };
	const source = path.join(here, 'node-worker.ts');
	if (fs.existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
	throw new Error('genome worker script not found (run npm run build:cli)');
}

/** How many parsing workers: one per core, at most 4 (the importing thread is mostly idle). */
export function defaultPoolSize(): number {
	const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
	return Math.max(1, Math.min(4, cores));
}

/**
 * A pool of worker_threads for parallel BGZF import. Close it when the import is done.
 * `script`: the bundled worker entry to run (default: found beside this module). A worker that
 * cannot start only costs speed: its batches are redone on the importing thread.
 */
export function createNodeBgzfPool(size = defaultPoolSize(), script?: string): BgzfPool {
	const { file, execArgv } = script ? { file: script, execArgv: [] } : workerScript();
	return createBgzfPool((): WorkerPort => {
		const w = new Worker(file, { execArgv });
		// Workers stay referenced until the pool is closed (terminate): while the importing thread
		// only awaits their replies, nothing else may hold Node's event loop open, and an unref'd
		// pool let the process exit mid-import, silently, with code 0. Callers close the pool.
		return {
			postMessage: (m, t) => w.postMessage(m, t as never),
			onReply(handler, onError) {
				w.on('message', (m: BgzfReply) => handler(m));
				w.on('error', onError);
				w.on('exit', (code) => code !== 0 && onError(new Error(`genome worker exited with code ${code}`)));
			},
			terminate: () => void w.terminate()
		};
	}, size);
}

/**
 * Import options for Node: native hashes, and (for files worth it) a worker pool. Returns the
 * options and a `close()` to call when the import has finished.
 */
export function nodeImportOptions(fileBytes: number): { options: Pick<ImportOptions, 'createHash' | 'createCrc32' | 'bgzfPool'>; close: () => void } {
	const pool = fileBytes >= 4 << 20 && defaultPoolSize() > 1 ? createNodeBgzfPool() : undefined;
	return { options: { createHash: nodeSha256, createCrc32: nodeCrc32, bgzfPool: pool }, close: () => pool?.close() };
}
