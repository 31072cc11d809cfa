/**
 * hashBlob: the seal's first pass (SHA-256 of the chosen file) reads through one reused buffer
 * (BYOB reader), so its memory does not grow with the file; a stream without BYOB support falls
 * back to a default reader. Same digest either way, progress counts every byte, cancel stops it.
 */
import { describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { createFastSha256, hashBlob, nobleSha256, type Hasher } from '../../../src/lib/share/index';
import { HASH_READ_BYTES } from '../../../src/lib/share/hash';

/** 3.5 reads' worth of bytes that differ at every offset (a dropped or repeated read shows). */
const SIZE = Math.floor(HASH_READ_BYTES * 3.5) + 17;
const bytes = new Uint8Array(SIZE).map((_, i) => (i * 131 + (i >>> 9)) & 0xff);
const expected = createHash('sha256').update(bytes).digest('hex');
const hex = (d: Uint8Array) => Buffer.from(d).toString('hex');

/** A hasher that records the size of every update. */
function recording(): { factory: () => Hasher; sizes: number[] } {
	const sizes: number[] = [];
	const inner = nobleSha256();
	return {
		sizes,
		factory: () => ({
			update(b) {
				sizes.push(b.byteLength);
				inner.update(b);
			},
			digest: () => inner.digest()
		})
	};
}

/** A Blob whose stream is a plain (non-byte) stream, so `getReader({ mode: 'byob' })` throws. */
function blobWithoutByob(data: Uint8Array): Blob {
	const blob = new Blob([data as BlobPart]);
	Object.defineProperty(blob, 'stream', {
		value: () =>
			new ReadableStream<Uint8Array>({
				start(controller) {
					for (let i = 0; i < data.length; i += 100_000) controller.enqueue(data.slice(i, i + 100_000));
					controller.close();
				}
			})
	});
	return blob;
}

describe('hashBlob', () => {
	test('BYOB path: right digest and length, reads of at most 1 MiB, progress up to the full size', async () => {
		const rec = recording();
		const progress: number[] = [];
		const r = await hashBlob(new Blob([bytes as BlobPart]), rec.factory, (n) => progress.push(n));
		expect(hex(r.digest)).toBe(expected);
		expect(r.length).toBe(SIZE);
		expect(rec.sizes.reduce((a, b) => a + b, 0)).toBe(SIZE);
		expect(Math.max(...rec.sizes)).toBeLessThanOrEqual(HASH_READ_BYTES);
		expect(progress.at(-1)).toBe(SIZE);
		expect(progress.every((n, i) => i === 0 || n > progress[i - 1])).toBe(true);
	});

	test('the WebAssembly hasher gives the same digest', async () => {
		const h = await createFastSha256();
		const r = await hashBlob(new Blob([bytes as BlobPart]), () => h);
		expect(hex(r.digest)).toBe(expected);
	});

	test('falls back to a default reader when the stream has no BYOB reader', async () => {
		const rec = recording();
		const r = await hashBlob(blobWithoutByob(bytes), rec.factory);
		expect(hex(r.digest)).toBe(expected);
		expect(r.length).toBe(SIZE);
		expect(rec.sizes.every((n) => n <= 100_000)).toBe(true);
	});

	test('an empty blob hashes to the SHA-256 of nothing', async () => {
		const r = await hashBlob(new Blob([]));
		expect(r.length).toBe(0);
		expect(hex(r.digest)).toBe(createHash('sha256').digest('hex'));
	});

	test('cancelling stops the pass with the abort reason', async () => {
		const controller = new AbortController();
		const run = hashBlob(new Blob([bytes as BlobPart]), nobleSha256, (n) => {
			if (n >= HASH_READ_BYTES) controller.abort(new Error('stop now'));
		}, controller.signal);
		await expect(run).rejects.toThrow('stop now');
	});
});
