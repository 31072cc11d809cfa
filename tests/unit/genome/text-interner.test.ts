/** TextInterner (parallel.ts): one shared copy of each short REF/allele text of an import, bounded. */
import { describe, expect, it } from 'vitest';
import { applyBatch, packTexts, TextInterner, unpackText, type BgzfBatchResult } from '../../../src/lib/genome/parallel';
import 'fake-indexeddb/auto';
import { CHROMOSOMES, importGenome, importGenomeBytes, type GenomeChunk } from '../../../src/lib/genome/index';
import { openStore } from '../../../src/lib/store';
import { freshDbName } from '../store/helpers';
import { bgzip } from './helpers';
import { scrambledPool } from './scrambled-pool';
import { GenomeAccumulator } from '../../../src/lib/genome/accumulator';

/** A string equal to `s` but built anew (as a structured clone delivers it; string identity itself is not observable in JS). */
const fresh = (s: string) => [...s].join('');

describe('TextInterner', () => {
	it('returns one shared copy per short text and one shared pair array per short pair', () => {
		const t = new TextInterner();
		expect(t.text(fresh('ACT'))).toBe('ACT');
		const p = t.pair(fresh('A'), fresh('AT'));
		const q = t.pair(fresh('A'), fresh('AT'));
		expect(q).toBe(p);
		expect(p).toEqual(['A', 'AT']);
		// different order is a different pair
		expect(t.pair('AT', 'A')).toEqual(['AT', 'A']);
		expect(t.pair('AT', 'A')).not.toBe(p);
	});

	it('passes long texts through unshared and stops growing at its bound (hostile input)', () => {
		const t = new TextInterner();
		const long = 'A'.repeat(25);
		const p1 = t.pair(long, 'C');
		const p2 = t.pair(long, 'C');
		expect(p2).not.toBe(p1);
		expect(p2).toEqual([long, 'C']);
		// 70,000 distinct short pairs: the first 65,536 are kept and shared, later ones are fresh arrays
		for (let i = 0; i < 70_000; i++) t.pair(`T${i}`, 'A');
		expect(t.pair(fresh('T100'), 'A')).toBe(t.pair('T100', 'A'));
		expect(t.pair(fresh('T69999'), 'A')).not.toBe(t.pair('T69999', 'A'));
		expect(t.pair('T69999', 'A')).toEqual(['T69999', 'A']);
	});

	it('applyBatch with an interner stores the same chunk, with equal pairs shared', () => {
		const batch = (): BgzfBatchResult => {
			const n = 4;
			return {
				head: new Uint8Array(0),
				hasNewline: true,
				tail: new Uint8Array(0),
				lines: n,
				records: n,
				skippedUnplaced: 0,
				skippedPositionZero: 0,
				allelesShortened: 0,
				n,
				chrom: Uint8Array.of(0, 0, 0, 0),
				positions: Uint32Array.of(10, 20, 30, 40),
				rsids: Uint32Array.of(1, 2, 3, 4),
				allele1: Uint8Array.of(1, 7, 7, 1),
				allele2: Uint8Array.of(7, 7, 7, 2),
				flags: Uint8Array.of(4, 4, 4, 4),
				refCodes: Uint8Array.of(1, 7, 7, 1),
				refIndex: Uint32Array.of(1, 2),
				otherIdIndex: new Uint32Array(0),
				longAlleleIndex: Uint32Array.of(0, 1, 2),
				texts: packTexts([fresh('ACG'), fresh('ACG')], [], [
					['A', fresh('AT')],
					[fresh('ACG'), fresh('A')],
					[fresh('ACG'), fresh('A')]
				]),
				phaseSetIndex: new Uint32Array(0),
				phaseSets: new Uint32Array(0)
			};
		};
		const plain = new GenomeAccumulator();
		applyBatch(batch(), plain);
		const shared = new GenomeAccumulator();
		applyBatch(batch(), shared, new TextInterner());
		const [a] = plain.finish();
		const [b] = shared.finish();
		expect(b).toEqual(a);
		expect(b.longAlleles[2]).toBe(b.longAlleles[1]);
		expect(a.longAlleles[2]).not.toBe(a.longAlleles[1]);
	});
});

describe('packed side-table texts (a parallel batch’s REFs, IDs and allele pairs)', () => {
	it('round-trip exactly: empty, non-Latin-1, a lone surrogate, 10,000 characters', () => {
		const long = 'ACGT'.repeat(2500);
		const refs = ['ACG', '', 'T€Ö', '\ud800x', long];
		const ids = ['var7', 'i3000001'];
		const pairs: [string, string][] = [['A', 'AT'], ['', 'G'], [long, 'A']];
		const p = packTexts(refs, ids, pairs);
		const all = [...refs, ...ids, ...pairs.flat()];
		expect(p.ends.length).toBe(all.length);
		all.forEach((s, k) => expect(unpackText(p, k)).toBe(s));
		const t = new TextInterner();
		all.forEach((s, k) => expect(t.textAt(p, k)).toBe(s));
		expect(t.pairAt(p, 7)).toEqual(['A', 'AT']);
		expect(t.pairAt(p, 11)).toEqual([long, 'A']);
	});

	it('textAt / pairAt share one copy with text() / pair(), across batches; bounded like them', () => {
		const t = new TextInterner();
		const b1 = packTexts([fresh('ACG')], [], [[fresh('A'), fresh('AT')]]);
		const b2 = packTexts([fresh('ACG')], [], [[fresh('A'), fresh('AT')]]);
		expect(t.textAt(b1, 0)).toBe(t.textAt(b2, 0));
		const p = t.pairAt(b1, 1);
		expect(t.pairAt(b2, 1)).toBe(p);
		expect(t.pair(fresh('A'), fresh('AT'))).toBe(p);
		// 70,000 distinct short pairs: the first ones are shared, the table stops growing (fresh arrays after)
		const many: [string, string][] = Array.from({ length: 70_000 }, (_, i) => [`T${i}`, 'A']);
		const big = packTexts([], [], many);
		let wrong = 0;
		for (let i = 0; i < many.length; i++) {
			const p = t.pairAt(big, 2 * i);
			if (p[0] !== many[i][0] || p[1] !== many[i][1]) wrong++;
		}
		expect(wrong).toBe(0);
		expect(t.pairAt(big, 200)).toBe(t.pairAt(packTexts([], [], [['T100', 'A']]), 0));
		expect(t.pairAt(big, 2 * 69_999)).not.toBe(t.pairAt(big, 2 * 69_999));
	});
});

describe('a chromosome through the parallel path (packed texts, interner) and the writer equals the serial import', () => {
	it('multi-allelic, alleles longer than the interner keeps, missing and half calls, X/Y/MT, an unplaced contig with no kept record', async () => {
		const lines = ['##fileformat=VCFv4.2', '##reference=GRCh38', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1'];
		const long = 'ACGTTGCA'.repeat(5); // 40 characters: passed through unshared
		const recs: string[] = [];
		for (const chrom of ['chr1', 'chrUn_KI270302v1', 'chr2', 'chrX', 'chrY', 'chrM']) {
			for (let i = 0; i < 400; i++) {
				const pos = 1000 + i * 37;
				const shape = i % 8;
				const ref = shape === 1 ? long : shape === 2 ? 'AC' : 'A';
				const alt = shape === 3 ? `G,${long}T` : shape === 4 ? 'AT,ATT' : shape === 5 ? '<DEL>' : shape === 1 ? 'A' : 'G';
				const gt = chrom === 'chrY' || chrom === 'chrM' ? (i % 3 === 0 ? '.' : '1') : ['0/1', '1/1', './.', '1/2', '2|1', '0/1', '0/0', './1'][shape];
				const id = i % 5 === 0 ? '.' : i % 5 === 1 ? `var${i}` : `rs${i + 1}`;
				recs.push(`${chrom}\t${pos}\t${id}\t${ref}\t${alt}\t50\tPASS\t.\tGT\t${gt}`);
			}
		}
		const file = bgzip(new TextEncoder().encode([...lines, ...recs].join('\n') + '\n'), 0x800);
		const serial = await importGenomeBytes(file, {});
		expect(serial.chunks.map((c) => c.chrom)).toEqual(['1', '2', 'X', 'Y', 'MT']);
		const c1 = serial.chunks[0];
		expect(c1.longAlleles.some(([a, b]) => a === long || b === `${long}T`)).toBe(true);
		expect(c1.otherIds).toContain('var1');
		// the streamed import: the parallel path into the store's writer (fake-indexeddb) and back
		const store = await openStore({ name: freshDbName() });
		const pool = scrambledPool(2, 1_500, 5);
		try {
			const writer = await store.beginGenome({ name: 'edge', sourceFileName: 'edge.vcf.gz' });
			const parsed = await importGenome(new Blob([file as Uint8Array<ArrayBuffer>]).stream(), { bgzfPool: pool, sink: writer, totalBytes: file.length });
			expect(parsed.chunks).toEqual([]);
			expect(parsed.summary).toEqual(serial.summary);
			const id = await writer.commit(parsed);
			const back = await store.loadChunks(id);
			const order = (c: GenomeChunk) => CHROMOSOMES.indexOf(c.chrom);
			expect(back.sort((a, b) => order(a) - order(b))).toEqual(serial.chunks);
		} finally {
			pool.close();
			store.close();
		}
	});
});
