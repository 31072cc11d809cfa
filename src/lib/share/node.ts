/**
 * The sharing domain's Node adapter (beside the domain, like `quantum/node.ts`; the browser's is
 * `share.worker.ts`): file↔web-stream adapters, a native SHA-256 hasher, and an output file that
 * appears only on success. Used by the CLI, the tests and the benchmarks; never by browser code.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { QenomeError } from '../errors';
import { BundleError } from './errors';
import { BufferBatcher } from './batcher';
import type { HasherFactory } from './hash';

/** SHA-256 via Node's native implementation (same digest as the portable one, much faster). */
export const nodeSha256: HasherFactory = () => {
	const h = createHash('sha256');
	return {
		update: (b) => void h.update(b),
		digest: () => new Uint8Array(h.digest())
	};
};

/**
 * SHA-256 and length of a file (the seal's first pass): 4 MiB reads on libuv's thread pool, two
 * ahead, so reading overlaps hashing instead of alternating with it on the main thread.
 */
export async function hashFile(file: string): Promise<{ digest: Uint8Array; length: number }> {
	const READ_BYTES = 4 << 20;
	const AHEAD = 2;
	const h = createHash('sha256');
	const handle = await fs.promises.open(file, 'r');
	try {
		const free: Buffer[] = Array.from({ length: AHEAD + 1 }, () => Buffer.allocUnsafe(READ_BYTES));
		const reads: Promise<{ buf: Buffer; n: number }>[] = [];
		let position = 0;
		const next = () => {
			const buf = free.pop()!;
			const at = position;
			position += READ_BYTES;
			reads.push(handle.read(buf, 0, READ_BYTES, at).then(({ bytesRead }) => ({ buf, n: bytesRead })));
		};
		for (let i = 0; i < AHEAD; i++) next();
		let length = 0;
		for (;;) {
			const { buf, n } = await reads.shift()!;
			if (n === 0) break;
			next();
			h.update(buf.subarray(0, n));
			length += n;
			free.push(buf);
		}
		await Promise.allSettled(reads);
		return { digest: new Uint8Array(h.digest()), length };
	} finally {
		await handle.close();
	}
}

/**
 * A file as a web ReadableStream of bytes: 1 MiB reads (each into a fresh buffer, so consumers may
 * keep or transfer it) with up to 4 MiB read ahead on libuv's thread pool, so disk reads overlap
 * the encryption instead of leaving the main thread idle between chunks.
 */
export function fileStream(file: string): ReadableStream<Uint8Array> {
	const READ_BYTES = 1 << 20;
	let fd = -1;
	const close = () => {
		if (fd >= 0) fs.close(fd, () => undefined);
		fd = -1;
	};
	return new ReadableStream<Uint8Array>(
		{
			start() {
				fd = fs.openSync(file, 'r');
			},
			pull(controller) {
				// allocUnsafe: a fresh, unpooled buffer at this size; only the `n` bytes read are exposed.
				const buf = Buffer.allocUnsafe(READ_BYTES);
				return new Promise<void>((resolve, reject) => {
					fs.read(fd, buf, 0, READ_BYTES, null, (err, n) => {
						if (err) {
							close();
							reject(err);
						} else if (n === 0) {
							close();
							controller.close();
							resolve();
						} else {
							controller.enqueue(n === READ_BYTES ? buf : Uint8Array.prototype.slice.call(buf, 0, n));
							resolve();
						}
					});
				});
			},
			cancel() {
				close();
			}
		},
		new CountQueuingStrategy({ highWaterMark: 4 })
	);
}

/** The writer thread flushes to disk after this many bytes, so `commit()` does not wait long. */
const SYNC_EVERY_BYTES = 16 << 20;

/**
 * The writer thread's code (plain JavaScript, so it runs the same under tsx and in a bundle): it
 * appends each transferred chunk to the file (flushing every 16 MiB) and, when asked, hashes it
 * with Node's native SHA-256 — all off the main thread, which is busy with the pure-JS AEAD.
 */
const WRITER_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const fd = workerData.fd;
const hash = workerData.hash ? createHash('sha256') : null;
let failed = false;
let unsynced = 0;
parentPort.on('message', (m) => {
	if (m.type === 'write') {
		if (failed) return;
		try {
			const bytes = new Uint8Array(m.buffer, m.offset, m.length);
			let off = 0;
			while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
			if (hash) hash.update(bytes);
			parentPort.postMessage({ type: 'ack', buffer: m.buffer }, [m.buffer]);
			// Flush as we go (this thread has time to spare), so the final fsync has little left.
			unsynced += m.length;
			if (unsynced >= ${SYNC_EVERY_BYTES}) {
				fs.fdatasyncSync(fd);
				unsynced = 0;
			}
		} catch (e) {
			failed = true;
			parentPort.postMessage({ type: 'error', message: (e && e.code) || String(e) });
		}
	} else if (m.type === 'finish') {
		try {
			if (!failed) fs.fsyncSync(fd);
			parentPort.postMessage({ type: 'done', digest: hash && !failed ? new Uint8Array(hash.digest()) : null });
		} catch (e) {
			parentPort.postMessage({ type: 'error', message: (e && e.code) || String(e) });
		}
	}
});
`;

/** Writes reach the writer thread in batches of this size (one message per MiB, not per chunk). */
const BATCH_BYTES = 1 << 20;

/** Batch buffers in circulation (8 MiB): when all are with the writer thread, `write` waits. */
const BATCH_POOL = 8;

/**
 * An output file written to a hidden temporary beside the target and renamed into place only by
 * `commit()`; `discard()` removes the temporary. Nothing appears at the target on failure.
 *
 * Writes (and, with `{ hash: true }`, the SHA-256 of everything written — see `digest()`) run on
 * a worker thread, so they overlap the caller's work: chunks go through the shared
 * `BufferBatcher` (1 MiB batches transferred to the thread and back, a fixed pool of 8).
 */
export class PendingFile {
	readonly tmp: string;
	private fd: number;
	private readonly thread: Worker;
	private readonly batcher: BufferBatcher;
	private failure: string | null = null;
	private finished: Promise<Uint8Array | null> | null = null;
	private finishResolve: ((d: Uint8Array | null) => void) | null = null;
	private readonly replace: boolean;
	/** @param target final path; `hash`: also compute SHA-256 of the written bytes off-thread; `replace`: may replace an existing target (else refused) */
	constructor(readonly target: string, options: { hash?: boolean; replace?: boolean } = {}) {
		const dir = path.dirname(path.resolve(target));
		if (!fs.existsSync(dir)) throw new QenomeError('input', 'no-folder', `the output folder "${dir}" does not exist`);
		this.replace = options.replace ?? false;
		if (!this.replace) refuseExisting(target);
		removeStalePartials(target);
		// A random name, created exclusively and never through a symlink: a file or link planted
		// under a predictable name cannot redirect the (unverified) output anywhere.
		this.tmp = partialName(target);
		this.fd = fs.openSync(this.tmp, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_NOFOLLOW, 0o600);
		livePartials.add(this.tmp);
		watchSignals();
		this.thread = new Worker(WRITER_THREAD_SOURCE, { eval: true, workerData: { fd: this.fd, hash: Boolean(options.hash) } });
		this.batcher = new BufferBatcher((buffer, length) => this.thread.postMessage({ type: 'write', buffer, offset: 0, length }, [buffer]), {
			batchBytes: BATCH_BYTES,
			pool: BATCH_POOL
		});
		const failed = (message: string) => {
			this.failure = message;
			this.finishResolve?.(null);
			this.batcher.fail(new BundleError('write-failed', `cannot write "${this.target}": ${message}`, 'failed'));
		};
		this.thread.on('message', (m: { type: string; buffer?: ArrayBuffer; message?: string; digest?: Uint8Array | null }) => {
			if (m.type === 'ack') this.batcher.release(m.buffer!);
			else if (m.type === 'error') failed(m.message ?? 'write failed');
			else if (m.type === 'done') this.finishResolve?.(m.digest ?? null);
		});
		this.thread.on('error', (e) => failed(e.message));
	}
	private check(): void {
		if (this.failure) throw new BundleError('write-failed', `cannot write "${this.target}": ${this.failure}`, 'failed');
	}
	/** Append bytes (copied into 1 MiB batches; waits only while every batch buffer is being written). */
	async write(chunk: Uint8Array): Promise<void> {
		this.check();
		await this.batcher.write(chunk);
	}
	/** Flush to disk; resolves with the SHA-256 of the written bytes when constructed with `hash`. */
	private finish(): Promise<Uint8Array | null> {
		if (!this.finished) {
			this.finished = new Promise((resolve) => (this.finishResolve = resolve));
			this.batcher.flush();
			this.thread.postMessage({ type: 'finish' });
		}
		return this.finished;
	}
	/** SHA-256 of everything written (only with `{ hash: true }`); flushes the file first. */
	async digest(): Promise<Uint8Array> {
		const d = await this.finish();
		this.check();
		if (!d) throw new Error('PendingFile.digest needs { hash: true }');
		return d;
	}
	/** Flush, close and move into place. */
	async commit(): Promise<void> {
		await this.finish();
		this.check();
		await this.thread.terminate();
		fs.closeSync(this.fd);
		this.fd = -1;
		if (this.replace) fs.renameSync(this.tmp, this.target);
		else {
			// link() fails if the target appeared meanwhile: never replace a file silently.
			try {
				fs.linkSync(this.tmp, this.target);
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'EEXIST') refuseExisting(this.target);
				throw e;
			}
			fs.rmSync(this.tmp, { force: true });
		}
		livePartials.delete(this.tmp);
	}
	/** Close and delete the temporary. */
	async discard(): Promise<void> {
		await this.thread.terminate().catch(() => undefined);
		try {
			if (this.fd >= 0) fs.closeSync(this.fd);
		} catch {
			/* already closed */
		}
		this.fd = -1;
		fs.rmSync(this.tmp, { force: true });
		livePartials.delete(this.tmp);
	}
}

/** Refuse to write over an existing file (the CLI's `--force` passes `replace`). */
function refuseExisting(target: string): void {
	let exists = false;
	try {
		fs.lstatSync(target);
		exists = true;
	} catch {
		/* absent: fine */
	}
	if (exists) throw new QenomeError('refused', 'output-exists', `"${target}" already exists; choose another name or pass --force to replace it`);
}

/** `.<name>.<pid>.<random>.partial` beside the target. */
function partialName(target: string): string {
	const dir = path.dirname(path.resolve(target));
	return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(12).toString('hex')}.partial`);
}

/**
 * Remove partial files of earlier runs for this target whose process is gone (a crash or a
 * kill -9 leaves them; a signal handler cannot). Only regular files are removed, never followed.
 */
export function removeStalePartials(target: string): number {
	const dir = path.dirname(path.resolve(target));
	const prefix = `.${path.basename(target)}.`;
	let removed = 0;
	let names: string[] = [];
	try {
		names = fs.readdirSync(dir);
	} catch {
		return 0;
	}
	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith('.partial')) continue;
		const m = /^(\d+)\.(?:[0-9a-f]{24}\.)?partial$/.exec(name.slice(prefix.length));
		if (!m) continue;
		const pid = Number(m[1]);
		if (pid !== process.pid && processAlive(pid)) continue;
		const file = path.join(dir, name);
		try {
			if (!fs.lstatSync(file).isFile() && !fs.lstatSync(file).isSymbolicLink()) continue;
			if (livePartials.has(file)) continue;
			fs.unlinkSync(file);
			removed++;
		} catch {
			/* gone already */
		}
	}
	return removed;
}

/** True when a process with this id exists. */
function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Partial files of this process not yet committed or discarded. */
const livePartials = new Set<string>();
let watching = false;

/** Remove every live partial file now (synchronously: safe in signal and exit handlers). */
function removeLivePartials(): void {
	for (const f of livePartials) {
		try {
			fs.unlinkSync(f);
		} catch {
			/* already gone */
		}
	}
	livePartials.clear();
}

/** On SIGINT/SIGTERM/SIGHUP (and on any exit) delete unverified partial output, then exit as the signal would. */
function watchSignals(): void {
	if (watching) return;
	watching = true;
	process.once('exit', removeLivePartials);
	for (const [signal, number] of [
		['SIGINT', 2],
		['SIGTERM', 15],
		['SIGHUP', 1]
	] as const) {
		process.once(signal, () => {
			removeLivePartials();
			process.exit(128 + number);
		});
	}
}

/** Pipe a web stream into a PendingFile. */
export async function drainTo(stream: ReadableStream<Uint8Array>, out: PendingFile): Promise<number> {
	const reader = stream.getReader();
	let n = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if (done) return n;
		n += value.length;
		await out.write(value);
	}
}
