/**
 * The one transferred-buffer batcher of the sharing domain, used by the Node writer thread
 * (`node.ts` PendingFile) and the browser hashing worker (`browser.ts`): chunks are copied into
 * fixed-size batches whose buffers are transferred to the other thread and handed back when it is
 * done with them. A fixed pool of buffers bounds memory; `write` waits only while every buffer is
 * with the other thread.
 */

/** Where full batches go: transfer `buffer` (its first `length` bytes are the batch). */
export type BatchSender = (buffer: ArrayBuffer, length: number) => void;

/** Batches chunks into a fixed pool of transferred buffers. */
export class BufferBatcher {
	private readonly free: Uint8Array[] = [];
	private batch: Uint8Array | null;
	private used = 0;
	private wake: (() => void) | null = null;
	private failure: Error | null = null;

	/**
	 * @param send hands a full (or flushed) batch to the other thread, transferring its buffer
	 * @param options `batchBytes` per message (1 MiB), `pool` buffers in circulation (8)
	 */
	constructor(
		private readonly send: BatchSender,
		readonly options: { batchBytes?: number; pool?: number } = {}
	) {
		const size = options.batchBytes ?? 1 << 20;
		this.batch = new Uint8Array(size);
		for (let i = 1; i < (options.pool ?? 8); i++) this.free.push(new Uint8Array(size));
	}

	/** Size of one batch buffer. */
	get batchBytes(): number {
		return this.options.batchBytes ?? 1 << 20;
	}

	/** A buffer came back from the other thread: reuse it (foreign sizes are ignored). */
	release(buffer: ArrayBuffer): void {
		if (buffer.byteLength === this.batchBytes) this.free.push(new Uint8Array(buffer));
		this.wakeUp();
	}

	/** The other thread failed: every waiting and later `write` throws `error`. */
	fail(error: Error): void {
		this.failure ??= error;
		this.wakeUp();
	}

	/** Wake a `write` waiting for a free buffer (e.g. after a message that is not an ack). */
	wakeUp(): void {
		const w = this.wake;
		this.wake = null;
		w?.();
	}

	/** Copy `chunk` into batches, sending each one that fills up. */
	async write(chunk: Uint8Array): Promise<void> {
		if (this.failure) throw this.failure;
		let c = chunk;
		while (c.length) {
			if (!this.batch) {
				while (!this.free.length && !this.failure) await new Promise<void>((r) => (this.wake = r));
				if (this.failure) throw this.failure;
				this.batch = this.free.pop()!;
			}
			const n = Math.min(c.length, this.batch.length - this.used);
			this.batch.set(c.subarray(0, n), this.used);
			this.used += n;
			c = c.subarray(n);
			if (this.used === this.batch.length) this.flush();
		}
	}

	/** Send the current partial batch, if any. */
	flush(): void {
		if (!this.batch || !this.used) return;
		const buffer = this.batch.buffer as ArrayBuffer;
		const length = this.used;
		this.batch = null;
		this.used = 0;
		this.send(buffer, length);
	}
}
