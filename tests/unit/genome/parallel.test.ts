/**
 * Parallel BGZF import (src/lib/genome/parallel.ts): batches of blocks parsed by a pool and
 * applied in file order must give exactly the serial import — same chunks, same summary, same
 * refusals with the same line numbers — whatever order the workers finish in.
 */
import { inflateSync } from 'fflate';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32From, crc32Js } from '../../../src/lib/genome/checksum';
import { CHROMOSOMES, importGenome, importGenomeBytes, type ChunkSink, type GenomeChunk, type ParsedGenome } from '../../../src/lib/genome/index';
import { createNodeBgzfPool } from '../../../src/lib/genome/node';
import { bgzfWorkerHandler, createBgzfPool, type BgzfJob, type BgzfPool, type BgzfReply } from '../../../src/lib/genome/parallel';
import { mulberry32 } from '../../../scripts/make-demo-genome';
import { inflateBgzfNative } from '../../../src/lib/genome/workers';
import { bgzip } from './helpers';
import { refusal, scrambledPool } from './scrambled-pool';

const enc = (s: string) => new TextEncoder().encode(s);

/** A VCF exercising every record shape the parser handles (indels, multi-allelic, IDs, filters, contigs, CRLF). */
function syntheticVcf(records: number, seed = 7, crlfEvery = 0): string {
	const rnd = mulberry32(seed);
	const B = 'ACGT';
	const lines = [
		'##fileformat=VCFv4.2',
		'##contig=<ID=chr1,length=248956422>',
		'##reference=GRCh38',
		'#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2'
	];
	const chroms = ['chr1', 'chr2', 'chrUn_KI270302v1', 'chr3', 'chrX', 'chrY', 'chrM'];
	let pos = 1000;
	let c = 0;
	for (let i = 0; i < records; i++) {
		if (rnd() < 0.0005) {
			c = (c + 1) % chroms.length;
			pos = 1000;
		}
		pos += 1 + Math.floor(rnd() * 300);
		const ref = B[Math.floor(rnd() * 4)];
		const u = rnd();
		let r = ref;
		let alt = B[(B.indexOf(ref) + 1) % 4];
		if (u < 0.05) r = ref + 'GTTACAGGTACCA'.slice(0, 1 + Math.floor(rnd() * 12));
		else if (u < 0.1) alt = ref + 'T';
		else if (u < 0.13) alt = `${alt},${ref}AAAAAAAAAAAAAA`;
		else if (u < 0.14) alt = '<DEL>';
		const gts = u >= 0.1 && u < 0.13 ? ['1/2', '0|2', '2/2'] : ['0/1', '1/1', '0|1', '1|0', './.', '0', '1', '.'];
		const gt = gts[Math.floor(rnd() * gts.length)];
		const id = rnd() < 0.8 ? `rs${1 + Math.floor(rnd() * 1e9)}` : rnd() < 0.5 ? '.' : `var${i}`;
		const filter = rnd() < 0.9 ? 'PASS' : rnd() < 0.5 ? '.' : 'LowQual';
		const info = `AC=1;DP=${Math.floor(rnd() * 60)};QD=${(rnd() * 30).toFixed(2)}`;
		const eol = crlfEvery && i % crlfEvery === 0 ? '\r' : '';
		lines.push(`${chroms[c]}\t${pos}\t${id}\t${r}\t${alt}\t50\t${filter}\t${info}\tGT:DP\t${gt}:30\t0/0:12${eol}`);
	}
	return lines.join('\n') + '\n';
}

/** Node's one-call batch inflater (as src/lib/genome/node-worker.ts): zlib checks every member. */
const gunzipBatch = (data: Uint8Array, textBytes: number) => gunzipSync(data, { chunkSize: Math.max(64, textBytes + 1), maxOutputLength: textBytes + 1 });

/** The scrambled pool (scrambled-pool.ts) whose workers inflate natively: Node's zlib in one call per batch ('node', as node-worker.ts) or DecompressionStream per block ('stream', as the browser's fallback in bgzf.worker.ts). */
function nativePool(size: number, batchBytes: number, seed = 1, native: false | 'node' | 'stream' = false): BgzfPool {
	return scrambledPool(size, batchBytes, seed, () => (native === 'node' ? { inflateBatch: gunzipBatch } : native === 'stream' ? { inflateAsync: inflateBgzfNative } : {}));
}

/** Everything observable about an import, for exact comparison. */
function observable(g: ParsedGenome) {
	return { summary: g.summary, chunks: g.chunks, sha256: g.sha256, bytes: g.bytes };
}

const pools: BgzfPool[] = [];
afterAll(() => pools.forEach((p) => p.close()));

describe('parallel BGZF import', () => {
	const text = syntheticVcf(20_000, 7, 97);
	const file = bgzip(enc(text), 0x3f00);

	it('gives exactly the serial result, with replies arriving out of order (small batches, straddling lines)', async () => {
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		expect(serial.summary.records).toBe(20_000);
		for (const batch of [2_000, 30_000]) {
			const pool = scrambledPool(3, batch, batch);
			pools.push(pool);
			const parallel = await importGenomeBytes(file, { sample: 'S1', bgzfPool: pool });
			expect(observable(parallel)).toEqual(observable(serial));
		}
	});

	it('a pool of one worker, one block per batch, and the native inflaters (Node zlib per batch, DecompressionStream per block) all give the serial result', async () => {
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		for (const [size, batch, native] of [
			[1, 1, false], // every batch is a single block: every line straddles
			[1, 50_000, 'node'],
			[1, 30_000, 'stream'],
			[3, 2_000, 'stream']
		] as const) {
			const pool = nativePool(size, batch, 11 + size, native);
			pools.push(pool);
			expect(observable(await importGenomeBytes(file, { sample: 'S1', bgzfPool: pool }))).toEqual(observable(serial));
		}
	});

	it('a worker that dies mid-import: the batches in flight are applied or redone first, in order', async () => {
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		let jobs = 0;
		const dying = createBgzfPool(
			() => {
				let reply: (m: BgzfReply) => void = () => undefined;
				let fail: (err: unknown) => void = () => undefined;
				const handle = bgzfWorkerHandler({ inflate: (d, out) => inflateSync(d, { out }).length, crc: crc32From(crc32Js), inflateBatch: gunzipBatch }, (m, transfer) =>
					reply(structuredClone(m, { transfer }))
				);
				return {
					postMessage: (m, transfer) => {
						const copy = structuredClone(m as BgzfJob, { transfer: transfer as ArrayBuffer[] });
						const n = ++jobs;
						setTimeout(() => (n === 5 ? fail(new Error('worker crashed')) : handle(copy)), n === 5 ? 20 : 1);
					},
					onReply: (h, onError) => {
						reply = h;
						fail = onError;
					},
					terminate: () => undefined
				};
			},
			2,
			3_000
		);
		pools.push(dying);
		expect(observable(await importGenomeBytes(file, { sample: 'S1', bgzfPool: dying }))).toEqual(observable(serial));
		expect(jobs).toBeGreaterThan(5);
	});

	it('a pool whose workers cannot start (every one dies): the import finishes here, never hangs', async () => {
		const serial = await importGenomeBytes(file, { sample: 'S1' });
		const broken = createBgzfPool(
			() => {
				let fail: (err: unknown) => void = () => undefined;
				return {
					postMessage: () => setTimeout(() => fail(new Error('worker script failed to load')), 1),
					onReply: (_h, onError) => void (fail = onError),
					terminate: () => undefined
				};
			},
			2,
			3_000
		);
		pools.push(broken);
		expect(observable(await importGenomeBytes(file, { sample: 'S1', bgzfPool: broken }))).toEqual(observable(serial));
	});

	it('counts skipped and shortened records the same way (position 0, alleles over 10 kb)', async () => {
		const lines = text.split('\n');
		let at = 15_000;
		while (lines[at].startsWith('chrUn')) at++;
		const f = lines[at].split('\t');
		lines.splice(at, 0, [f[0], '0', ...f.slice(2)].join('\t'), [f[0], f[1], f[2], 'A', 'A' + 'C'.repeat(12_000), ...f.slice(5)].join('\t'));
		const odd = bgzip(enc(lines.join('\n')), 0x3f00);
		const serial = await importGenomeBytes(odd, { sample: 'S1' });
		expect(serial.summary.warnings.join(' ')).toMatch(/position 0/);
		const pool = scrambledPool(2, 5_000, 9);
		pools.push(pool);
		expect(observable(await importGenomeBytes(odd, { sample: 'S1', bgzfPool: pool }))).toEqual(observable(serial));
	});

	it('with real worker_threads (Node adapter, the bundled worker as the CLI ships it) gives the same result', async () => {
		const serial = await importGenomeBytes(file, { sample: 'S2' });
		// the worker entry bundled as scripts/build-cli.js does (plain Node cannot load the .ts source)
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qenome-genome-worker-'));
		const script = path.join(dir, 'genome-worker.mjs');
		await build({ entryPoints: [path.resolve('src/lib/genome/node-worker.ts')], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
		const pool = createNodeBgzfPool(2, script);
		pools.push(pool);
		// the workers really answer (a pool that failed to start would be redone here and pass anyway)
		const reply = await pool.run({ data: bgzip(enc(text.slice(0, 200_000)), 0x3f00), sampleIndex: 1 });
		expect(reply.ok && reply.result.n).toBeGreaterThan(500);
		const parallel = await importGenomeBytes(file, { sample: 'S2', bgzfPool: pool });
		expect(observable(parallel)).toEqual(observable(serial));
	}, 30_000);

	it('a bad record deep in the file is refused with the serial message and line number', async () => {
		const lines = text.split('\n');
		let at = 12_004;
		while (lines[at].startsWith('chrUn')) at++; // a placed record (unplaced ones are skipped unparsed)
		lines[at] = lines[at].replace(/\t([^\t]+):30\t/, '\t0/7:30\t');
		const bad = bgzip(enc(lines.join('\n')), 0x3f00);
		const serial = await refusal(importGenomeBytes(bad, { sample: 'S1' }));
		expect(serial.code).toBe('bad-genotype');
		expect(serial.message).toMatch(new RegExp(`^Line ${at + 1}:`));
		const pool = scrambledPool(2, 4_000, 3);
		pools.push(pool);
		expect(await refusal(importGenomeBytes(bad, { sample: 'S1', bgzfPool: pool }))).toEqual(serial);
	});

	it('an altered block (CRC-32 mismatch) is refused on both paths', async () => {
		// stored (uncompressed) blocks, so one changed genotype byte still inflates
		const plain = enc(text);
		const blocks = bgzipStored(plain);
		const at = indexOfBytes(blocks, enc('\t0/1:30\t'), blocks.length >> 1);
		blocks[at + 1] = 49; // 0/1 → 1/1
		expect((await refusal(importGenomeBytes(blocks, { sample: 'S1' }))).code).toBe('corrupt-gzip');
		const pool = scrambledPool(2, 20_000, 4);
		pools.push(pool);
		const r = await refusal(importGenomeBytes(blocks, { sample: 'S1', bgzfPool: pool }));
		expect(r.code).toBe('corrupt-gzip');
		expect(r.message).toMatch(/CRC-32/);
		// the native batch inflater refuses the batch (zlib's own CRC check); the redo gives the serial message
		const serialMessage = await refusal(importGenomeBytes(blocks, { sample: 'S1' }));
		for (const native of ['node', 'stream'] as const) {
			const withNative = nativePool(2, 20_000, 5, native);
			pools.push(withNative);
			expect(await refusal(importGenomeBytes(blocks, { sample: 'S1', bgzfPool: withNative }))).toEqual(serialMessage);
		}
	});
});

/** An in-memory ChunkSink (what the store's GenomeWriter is to the browser's import). */
function memorySink() {
	const stored = new Map<string, GenomeChunk>();
	const puts: string[] = [];
	let pending = 0;
	const sink: ChunkSink = {
		put(c) {
			puts.push(c.chrom);
			pending++;
			// written later, as IndexedDB would: the importer must not touch a chunk it handed over
			const copy = structuredClone(c);
			setTimeout(() => {
				stored.set(c.chrom, copy);
				pending--;
			}, 1);
		},
		async drain() {
			while (pending > 1) await new Promise((r) => setTimeout(r, 1));
		},
		async take(chrom) {
			while (pending > 0) await new Promise((r) => setTimeout(r, 1));
			const c = stored.get(chrom)!;
			stored.delete(chrom);
			return c;
		}
	};
	const chunks = async () => {
		while (pending > 0) await new Promise((r) => setTimeout(r, 1));
		return CHROMOSOMES.filter((c) => stored.has(c)).map((c) => stored.get(c)!);
	};
	return { sink, puts, chunks };
}

/** A byte stream (as a File's is in the browser: the importer reads it with a BYOB reader). */
function byteStream(bytes: Uint8Array, piece = 50_000): ReadableStream<Uint8Array> {
	let off = 0;
	return new ReadableStream({
		type: 'bytes',
		pull(controller) {
			if (off < bytes.length) return controller.enqueue(bytes.slice(off, (off += piece)));
			controller.close();
			controller.byobRequest?.respond(0); // a read waiting on a closed byte stream gets its end
		}
	});
}

describe('streamed import (chromosomes handed to a sink as the file moves past them)', () => {
	const text = syntheticVcf(20_000, 8, 0);
	const file = bgzip(enc(text), 0x3f00);

	it('stores exactly the chunks and summary of the ordinary import, on the parallel and the serial path, chromosomes coming back included', async () => {
		const plain = await importGenomeBytes(file, { sample: 'S1' });
		// the synthetic file cycles through its contigs, so chromosomes come back after they were stored
		expect(new Set(text.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.split('\t')[0])).size).toBeGreaterThan(5);
		for (const parallel of [false, true]) {
			const { sink, puts, chunks } = memorySink();
			const pool = parallel ? nativePool(2, 3_000, 21, 'stream') : undefined;
			if (pool) pools.push(pool);
			const streamed = await importGenome(byteStream(file), { sample: 'S1', sink, bgzfPool: pool, totalBytes: file.length });
			expect(streamed.chunks).toEqual([]);
			expect(streamed.summary).toEqual(plain.summary);
			expect(streamed.sha256).toBe(plain.sha256);
			expect(await chunks()).toEqual(plain.chunks);
			// streamed for real: an autosome was stored before the end, and one came back and was stored again
			expect(puts.indexOf('1')).toBeLessThan(puts.length - 3);
			expect(puts.filter((c) => c === '1').length).toBe(2);
			expect(puts.filter((c) => c === '2').length).toBe(2);
			// X, Y and MT stay until the end (sex inference reads them)
			for (const c of ['X', 'Y', 'MT']) expect(puts.filter((p) => p === c).length).toBeLessThanOrEqual(1);
		}
	});
});

/** First index of `needle` in `hay` at or after `from`. */
function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
	for (let i = from; i + needle.length <= hay.length; i++) {
		let ok = true;
		for (let j = 0; j < needle.length && ok; j++) ok = hay[i + j] === needle[j];
		if (ok) return i;
	}
	throw new Error('needle not found');
}

/** BGZF with stored deflate blocks (what an altered-but-valid stream looks like). */
function bgzipStored(bytes: Uint8Array, blockSize = 0x3f00): Uint8Array {
	return bgzip(bytes, blockSize, (data) => {
		const cdata = new Uint8Array(5 + data.length);
		cdata[0] = 1;
		cdata[1] = data.length & 0xff;
		cdata[2] = data.length >> 8;
		cdata[3] = ~data.length & 0xff;
		cdata[4] = (~data.length >> 8) & 0xff;
		cdata.set(data, 5);
		return cdata;
	});
}
