/** TextInterner (parallel.ts): one shared copy of each short REF/allele text of an import, bounded. */
import { describe, expect, it } from 'vitest';
import { applyBatch, TextInterner, type BgzfBatchResult } from '../../../src/lib/genome/parallel';
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
				refIndex: [1, 2],
				refs: [fresh('ACG'), fresh('ACG')],
				otherIdIndex: [],
				otherIds: [],
				longAlleleIndex: [0, 1, 2],
				longAlleles: [
					['A', fresh('AT')],
					[fresh('ACG'), fresh('A')],
					[fresh('ACG'), fresh('A')]
				],
				phaseSetIndex: [],
				phaseSets: []
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
