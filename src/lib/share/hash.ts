/**
 * Incremental SHA-256 behind a tiny interface, so each platform plugs in its fastest hasher:
 * Node's native one in the CLI, hash-wasm (WebAssembly, ~2.5× faster than pure-JS
 * @noble/hashes on this machine; allowed by the CSP's 'wasm-unsafe-eval') in browsers.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { createSHA256 } from 'hash-wasm';

/** An incremental hash. */
export interface Hasher {
	update(bytes: Uint8Array): void;
	digest(): Uint8Array;
}

/** Creates a fresh SHA-256 hasher. */
export type HasherFactory = () => Hasher;

/** The portable default (noble, pure JS; works in browsers and workers). */
export const nobleSha256: HasherFactory = () => {
	const h = sha256.create();
	return {
		update: (b) => void h.update(b),
		digest: () => h.digest()
	};
};

/**
 * A fresh SHA-256 hasher backed by hash-wasm (WebAssembly), or @noble/hashes when WebAssembly
 * cannot be instantiated. Each call creates its own instance, so concurrent jobs never share state.
 */
export async function createFastSha256(): Promise<Hasher> {
	try {
		const h = await createSHA256();
		h.init();
		return {
			update: (b) => void h.update(b),
			digest: () => h.digest('binary')
		};
	} catch {
		return nobleSha256();
	}
}

/** SHA-256 of a whole stream, reporting bytes hashed. */
export async function hashStream(
	stream: ReadableStream<Uint8Array>,
	createHasher: HasherFactory = nobleSha256,
	onBytes?: (n: number) => void,
	signal?: AbortSignal
): Promise<{ digest: Uint8Array; length: number }> {
	const h = createHasher();
	const reader = stream.getReader();
	let length = 0;
	for (;;) {
		signal?.throwIfAborted();
		const { value, done } = await reader.read();
		if (done) break;
		h.update(value);
		length += value.length;
		onBytes?.(length);
	}
	return { digest: h.digest(), length };
}

/** Bytes per read when hashing a Blob through one reused buffer. */
export const HASH_READ_BYTES = 1 << 20;

/**
 * SHA-256 of a Blob (e.g. a chosen File), reading it through ONE reused 1 MiB buffer: a BYOB
 * reader fills the same buffer again and again, so hashing a 1 GB file allocates nothing per
 * chunk. (A default reader hands out a fresh buffer per chunk; in Chromium that garbage piled up
 * faster than the collector freed it, and the seal's peak memory grew with the file's size.)
 * Falls back to `hashStream` where the stream has no BYOB reader.
 */
export async function hashBlob(
	blob: Blob,
	createHasher: HasherFactory = nobleSha256,
	onBytes?: (n: number) => void,
	signal?: AbortSignal
): Promise<{ digest: Uint8Array; length: number }> {
	const stream = blob.stream();
	let reader: ReadableStreamBYOBReader;
	try {
		reader = stream.getReader({ mode: 'byob' });
	} catch {
		return hashStream(stream, createHasher, onBytes, signal);
	}
	const h = createHasher();
	let buffer = new ArrayBuffer(HASH_READ_BYTES);
	let length = 0;
	try {
		for (;;) {
			signal?.throwIfAborted();
			const { value, done } = await reader.read(new Uint8Array(buffer));
			if (done || !value) break;
			h.update(value);
			length += value.byteLength;
			// The read transferred the buffer into `value`; take it back for the next read.
			buffer = value.buffer as ArrayBuffer;
			onBytes?.(length);
		}
	} catch (e) {
		await reader.cancel().catch(() => undefined);
		throw e;
	}
	return { digest: h.digest(), length };
}
