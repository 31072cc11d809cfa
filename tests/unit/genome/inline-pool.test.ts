/**
 * The browser's batch runner choice (src/lib/genome/browser.ts `bgzfPoolPlan`) and the inline
 * pool (`createInlineBgzfPool`: the batches run on the importing thread through the pool
 * protocol, one task each): on 2 cores no pool worker (one isolate less), and the inline pool
 * gives exactly the serial import, refusals included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { bgzfPoolPlan, createInlineBgzfPool } from '../../../src/lib/genome/browser';
import { crc32From, crc32Js } from '../../../src/lib/genome/checksum';
import { importGenomeBytes, type ParsedGenome } from '../../../src/lib/genome/index';
import { createWasmInflaterNode } from '../../../src/lib/genome/inflate-node';
import type { BatchDeps, BgzfPool } from '../../../src/lib/genome/parallel';
import { inflateRawInto } from '../../../src/lib/genome/workers';
import { bgzip } from './helpers';
import { refusal } from './scrambled-pool';

const enc = (s: string) => new TextEncoder().encode(s);

/** A small multi-chromosome VCF with indels, multi-allelics and IDs. */
function vcf(records: number): string {
	const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
	const chroms = ['chr1', 'chr2', 'chr7', 'chrX', 'chrM'];
	for (let i = 0; i < records; i++) {
		const c = chroms[Math.floor((i * chroms.length) / records)];
		const ref = 'ACGT'[i % 4];
		const alt = i % 17 === 0 ? `${ref}TT` : i % 29 === 0 ? `${'ACGT'[(i + 1) % 4]},${ref}GGGGGGGGGGGGGGGGGGGGGGGGGGGG` : 'ACGT'[(i + 2) % 4];
		const gt = alt.includes(',') ? '1/2' : ['0/1', '1/1', '0|1', './.'][i % 4];
		lines.push(`${c}\t${1000 + i * 37}\t${i % 3 ? `rs${100 + i}` : '.'}\t${ref}\t${alt}\t50\tPASS\tDP=${i % 60}\tGT:DP\t${gt}:30`);
	}
	return lines.join('\n') + '\n';
}

/** Everything observable about an import, for exact comparison. */
function observable(g: ParsedGenome) {
	return { summary: g.summary, chunks: g.chunks, sha256: g.sha256, bytes: g.bytes };
}

const pools: BgzfPool[] = [];
afterAll(() => pools.forEach((p) => p.close()));

/** The pool worker's dependencies as the browser builds them, with the WebAssembly decoder read from static/wasm. */
async function wasmDeps(): Promise<BatchDeps> {
	const inflater = await createWasmInflaterNode();
	return { inflate: inflateRawInto, crc: crc32From(crc32Js), inflateBatch: (data, textBytes, blocks) => inflater.inflateBgzf(data, blocks, textBytes) };
}

describe('browser batch runner', () => {
	it('chooses no batching on one core, the inline pool on two, a worker pool (cores − 1, at most 4) above', () => {
		expect(bgzfPoolPlan(1)).toBeNull();
		expect(bgzfPoolPlan(NaN)).toBeNull();
		expect(bgzfPoolPlan(2)).toEqual({ kind: 'inline' });
		expect(bgzfPoolPlan(3)).toEqual({ kind: 'workers', size: 2 });
		expect(bgzfPoolPlan(4)).toEqual({ kind: 'workers', size: 3 });
		expect(bgzfPoolPlan(16)).toEqual({ kind: 'workers', size: 4 });
		// a forced size is a worker pool, even of one
		expect(bgzfPoolPlan(2, 1)).toEqual({ kind: 'workers', size: 1 });
		expect(bgzfPoolPlan(1, 3)).toEqual({ kind: 'workers', size: 3 });
		// the developer override is bounded (1–4) and ignored when not a number
		expect(bgzfPoolPlan(2, 64)).toEqual({ kind: 'workers', size: 4 });
		expect(bgzfPoolPlan(2, 0)).toEqual({ kind: 'workers', size: 1 });
		expect(bgzfPoolPlan(2, NaN)).toEqual({ kind: 'inline' });
	});

	it('the inline pool (WebAssembly decoder, fflate fallback) gives exactly the serial import, straddling lines and one-block batches included', async () => {
		const file = bgzip(enc(vcf(12_000)), 0x3f00);
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		expect(serial.summary.records).toBe(12_000);
		for (const [deps, batch] of [
			[wasmDeps(), 20_000],
			[wasmDeps(), 1],
			[Promise.resolve<BatchDeps>({ inflate: inflateRawInto, crc: crc32From(crc32Js) }), 7_000]
		] as const) {
			const pool = createInlineBgzfPool(deps, batch);
			pools.push(pool);
			expect(pool.size).toBe(1);
			expect(observable(await importGenomeBytes(file, { sample: 'S1', bgzfPool: pool }))).toEqual(observable(serial));
		}
	});

	it('runs each batch as a task of its own, never inside run() (the importing thread keeps reading between batches)', async () => {
		const file = bgzip(enc(vcf(3_000)), 0x3f00);
		let calls = 0;
		const deps = await wasmDeps();
		const counted: BatchDeps = { ...deps, inflateBatch: (d, n, b) => (calls++, deps.inflateBatch!(d, n, b)) };
		const pool = createInlineBgzfPool(Promise.resolve(counted), 1 << 20);
		pools.push(pool);
		const reply = pool.run({ data: file.slice(), sampleIndex: 0 });
		expect(calls).toBe(0);
		const r = await reply;
		expect(calls).toBe(1);
		expect(r.ok).toBe(true);
		expect(r.input).toBeInstanceOf(Uint8Array);
	});

	it('a bad record and a damaged block are refused with the serial messages; a closed pool refuses further runs', async () => {
		const text = vcf(6_000).split('\n');
		text[4_500] = text[4_500].replace(/\t\d+\t/, '\t12x\t');
		const bad = bgzip(enc(text.join('\n')), 0x3f00);
		const serial = await refusal(importGenomeBytes(bad, { sample: 'S1' }));
		const pool = createInlineBgzfPool(wasmDeps(), 10_000);
		pools.push(pool);
		expect(await refusal(importGenomeBytes(bad, { sample: 'S1', bgzfPool: pool }))).toEqual(serial);
		const damaged = bgzip(enc(vcf(6_000)), 0x3f00);
		damaged[damaged.length >> 1] ^= 0xff;
		const serialDamage = await refusal(importGenomeBytes(damaged, { sample: 'S1' }));
		const pool2 = createInlineBgzfPool(wasmDeps(), 10_000);
		pools.push(pool2);
		expect(await refusal(importGenomeBytes(damaged, { sample: 'S1', bgzfPool: pool2 }))).toEqual(serialDamage);
		pool2.close();
		await expect(pool2.run({ data: damaged, sampleIndex: 0 })).rejects.toMatchObject({ code: 'cancelled' });
	});
});
