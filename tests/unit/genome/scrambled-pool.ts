/**
 * A BGZF pool for tests whose "workers" run in this thread and answer after seeded random delays,
 * so replies come back out of order. Messages go both ways through structuredClone with the
 * transfer list, as postMessage does (a buffer listed twice, or one that is not transferable,
 * throws here as it would there). Workers inflate with fflate and check with the JS CRC-32 unless
 * `extra(worker)` gives that worker another inflater (Node's zlib per batch, DecompressionStream
 * per block, the WebAssembly decoder…).
 */
import { inflateSync } from 'fflate';
import { expect } from 'vitest';
import { ImportError } from '../../../src/lib/genome/errors';
import { crc32From, crc32Js } from '../../../src/lib/genome/checksum';
import { bgzfWorkerHandler, createBgzfPool, type BatchDeps, type BgzfJob, type BgzfPool, type BgzfReply } from '../../../src/lib/genome/parallel';
import { mulberry32 } from '../../../scripts/make-demo-genome';

/** A pool of `size` in-thread workers taking batches of `batchBytes`; replies delayed by 0…`maxDelayMs` ms drawn from `seed`. */
export function scrambledPool(
	size: number,
	batchBytes: number,
	seed = 1,
	extra: (worker: number) => Partial<BatchDeps> = () => ({}),
	maxDelayMs = 8
): BgzfPool {
	const rnd = mulberry32(seed);
	let next = 0;
	return createBgzfPool(
		() => {
			let reply: (m: BgzfReply) => void = () => undefined;
			const deps: BatchDeps = { inflate: (d: Uint8Array, out: Uint8Array) => inflateSync(d, { out }).length, crc: crc32From(crc32Js), ...extra(next++) };
			const handle = bgzfWorkerHandler(deps, (m, transfer) => reply(structuredClone(m, { transfer })));
			return {
				postMessage: (m, transfer) => {
					const copy = structuredClone(m as BgzfJob, { transfer: transfer as ArrayBuffer[] });
					setTimeout(() => handle(copy), Math.floor(rnd() * maxDelayMs));
				},
				onReply: (h) => void (reply = h),
				terminate: () => undefined
			};
		},
		size,
		batchBytes
	);
}

/** The code and message of a refused import (fails the test when `p` resolves). */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
	try {
		await p;
	} catch (err) {
		expect(err).toBeInstanceOf(ImportError);
		return { code: (err as ImportError).code, message: (err as ImportError).message };
	}
	throw new Error('expected a refusal');
}
