/** Incremental SHA-256 behind a tiny interface, so Node callers can plug in a native hasher. */
import { sha256 } from '@noble/hashes/sha2.js';

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
