/** The one transferred-buffer batcher (Node writer thread and browser hashing worker share it). */
import { describe, expect, test } from 'vitest';
import { BufferBatcher } from '../../../src/lib/share/batcher';

describe('BufferBatcher', () => {
	test('batches in order, never holds more than its pool, waits for returned buffers', async () => {
		const sent: { buffer: ArrayBuffer; length: number; bytes: number[] }[] = [];
		const b = new BufferBatcher((buffer, length) => sent.push({ buffer, length, bytes: [...new Uint8Array(buffer, 0, length)] }), { batchBytes: 4, pool: 2 });
		await b.write(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])); // fills both buffers
		expect(sent.map((s) => s.length)).toEqual([4, 4]);
		let done = false;
		const pending = b.write(new Uint8Array([9])).then(() => (done = true));
		await Promise.resolve();
		expect(done).toBe(false); // every buffer is with the other side
		b.release(sent[0].buffer);
		await pending;
		b.flush();
		expect(sent.map((s) => s.bytes)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
		expect(sent[2].buffer).toBe(sent[0].buffer); // the returned buffer was reused
	});

	test('a failure on the other side reaches waiting and later writes', async () => {
		const b = new BufferBatcher(() => undefined, { batchBytes: 2, pool: 1 });
		await b.write(new Uint8Array([1, 2]));
		const waiting = b.write(new Uint8Array([3]));
		b.fail(new Error('disk full'));
		await expect(waiting).rejects.toThrow('disk full');
		await expect(b.write(new Uint8Array([4]))).rejects.toThrow('disk full');
	});
});
