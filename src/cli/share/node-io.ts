/**
 * Node-side plumbing for the sharing commands: passphrase and key files, file↔web-stream
 * adapters, a native SHA-256 hasher, and an output file that appears only on success.
 */
import { errorKind } from '../../lib/errors';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors';
import { parseCard, parseIdentityFile, type ContactCard, type HasherFactory, type IdentityFile } from '../../lib/share/index';

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

/** Read a file or fail with a one-line message naming it. */
export function readFileOrFail(file: string, what: string): Buffer {
	try {
		return fs.readFileSync(file);
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		throw new CliError(`cannot read ${what} "${file}": ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}`, 'input');
	}
}

/** The passphrase in a file: its text without one trailing newline. */
export function readPassphrase(file: string | undefined): string {
	if (!file) throw new CliError('missing required option --passphrase-file', 'input');
	const text = readFileOrFail(file, 'passphrase file').toString('utf8').replace(/\r?\n$/, '');
	if (!text) throw new CliError(`the passphrase file "${file}" is empty`, 'input');
	return text;
}

/** Load and parse an identity file. */
export function readIdentityFile(file: string | undefined, option = 'the identity file'): IdentityFile {
	if (!file) throw new CliError(`missing ${option}`, 'input');
	return parseIdentityFile(readFileOrFail(file, 'identity file').toString('utf8'));
}

/** Load and verify a contact card. */
export function readCard(file: string): ContactCard {
	try {
		return parseCard(readFileOrFail(file, 'contact card').toString('utf8'));
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`${file}: ${(e as Error).message}`, errorKind(e) === 'failed' ? 'input' : errorKind(e), { code: (e as { code?: string }).code });
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

/** Size of a regular file, or a one-line failure. */
export function fileSize(file: string, what: string): number {
	try {
		const st = fs.statSync(file);
		if (!st.isFile()) throw new CliError(`${what} "${file}" is not a regular file`, 'input');
		return st.size;
	} catch (e) {
		if (e instanceof CliError) throw e;
		throw new CliError(`cannot read ${what} "${file}": no such file`, 'input');
	}
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
 * a worker thread, so they overlap the caller's work: chunks are copied into 1 MiB batches whose
 * buffers are transferred to the thread and back (a fixed pool of 8, so memory stays flat).
 */
export class PendingFile {
	readonly tmp: string;
	private fd: number;
	private readonly thread: Worker;
	private readonly free: Uint8Array[] = [];
	private failure: string | null = null;
	private wake: (() => void) | null = null;
	private finished: Promise<Uint8Array | null> | null = null;
	private finishResolve: ((d: Uint8Array | null) => void) | null = null;
	private batch: Uint8Array | null = new Uint8Array(BATCH_BYTES);
	private batched = 0;
	/** @param target final path; `hash`: also compute SHA-256 of the written bytes off-thread */
	constructor(readonly target: string, options: { hash?: boolean } = {}) {
		const dir = path.dirname(path.resolve(target));
		if (!fs.existsSync(dir)) throw new CliError(`the output folder "${dir}" does not exist`, 'input');
		this.tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.partial`);
		this.fd = fs.openSync(this.tmp, 'w', 0o600);
		this.thread = new Worker(WRITER_THREAD_SOURCE, { eval: true, workerData: { fd: this.fd, hash: Boolean(options.hash) } });
		for (let i = 1; i < BATCH_POOL; i++) this.free.push(new Uint8Array(BATCH_BYTES));
		this.thread.on('message', (m: { type: string; buffer?: ArrayBuffer; message?: string; digest?: Uint8Array | null }) => {
			if (m.type === 'ack') this.free.push(new Uint8Array(m.buffer!));
			else if (m.type === 'error') this.failure = m.message ?? 'write failed';
			else if (m.type === 'done') this.finishResolve?.(m.digest ?? null);
			if (m.type === 'error') this.finishResolve?.(null);
			const w = this.wake;
			this.wake = null;
			w?.();
		});
		this.thread.on('error', (e) => {
			this.failure = e.message;
			this.finishResolve?.(null);
			this.wake?.();
		});
	}
	private check(): void {
		if (this.failure) throw new CliError(`cannot write "${this.target}": ${this.failure}`, 'failed');
	}
	/** Append bytes (copied into 1 MiB batches; waits only while every batch buffer is being written). */
	async write(chunk: Uint8Array): Promise<void> {
		this.check();
		let c = chunk;
		while (c.length) {
			if (!this.batch) {
				while (!this.free.length && !this.failure) await new Promise<void>((r) => (this.wake = r));
				this.check();
				this.batch = this.free.pop()!;
			}
			const n = Math.min(c.length, this.batch.length - this.batched);
			this.batch.set(c.subarray(0, n), this.batched);
			this.batched += n;
			c = c.subarray(n);
			if (this.batched === this.batch.length) this.post();
		}
	}
	/** Hand the current batch to the writer thread (its buffer is transferred, and comes back). */
	private post(): void {
		if (!this.batch || !this.batched) return;
		const buffer = this.batch.buffer as ArrayBuffer;
		this.thread.postMessage({ type: 'write', buffer, offset: 0, length: this.batched }, [buffer]);
		this.batch = null;
		this.batched = 0;
	}
	/** Flush to disk; resolves with the SHA-256 of the written bytes when constructed with `hash`. */
	private finish(): Promise<Uint8Array | null> {
		if (!this.finished) {
			this.finished = new Promise((resolve) => (this.finishResolve = resolve));
			this.post();
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
		fs.renameSync(this.tmp, this.target);
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
