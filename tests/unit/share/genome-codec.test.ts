import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { importGenomeBytes } from '../../../src/lib/genome/index';
import { decodeGenomeContent, encodeGenomeContent } from '../../../src/lib/share/index';
import type { GenomeChunk } from '../../../src/lib/genome/types';
import { goldenGenome } from '../../fixtures/share/golden';

const profile = (summary = goldenGenome().summary) => ({ name: 'P', sourceFileName: 'f.vcf', sourceSha256: 'ab'.repeat(32), sourceBytes: 99, summary });

describe('genome content codec', () => {
	test('round-trips chunks, including VCF long alleles and REF tables', () => {
		const { summary, chunks } = goldenGenome();
		const vcf: GenomeChunk = {
			chrom: 'X',
			positions: new Uint32Array([100, 200, 4_000_000_000]),
			rsids: new Uint32Array([1, 0, 4_294_967_295]),
			allele1: new Uint8Array([7, 1, 2]),
			allele2: new Uint8Array([7, 0, 2]),
			flags: new Uint8Array([5, 2, 1]),
			otherIdIndex: new Uint32Array([1]),
			otherIds: ['VG01S1'],
			longAlleleIndex: new Uint32Array([0]),
			longAlleles: [['AT', 'ATT']],
			refIndex: new Uint32Array([0, 2]),
			refs: ['A', 'G']
		};
		const all = [...chunks, vcf];
		const bytes = encodeGenomeContent(profile(summary), all);
		const back = decodeGenomeContent(bytes);
		expect(back.parsed.chunks).toEqual(all);
		expect(back.parsed.summary).toEqual(summary);
		expect(back.parsed.sha256).toBe('ab'.repeat(32));
		expect(back.profile.name).toBe('P');
	});

	test('round-trips a real imported VCF byte for byte (REF codes, long alleles, phasing)', async () => {
		const file = readFileSync('tests/fixtures/genome/vcf-grch38-chr.vcf');
		const parsed = await importGenomeBytes(new Uint8Array(file));
		expect(parsed.chunks.some((c) => c.refCodes)).toBe(true);
		const back = decodeGenomeContent(encodeGenomeContent(profile(parsed.summary), parsed.chunks));
		expect(back.parsed.chunks).toEqual(parsed.chunks);
	});

	test('truncated, extended or foreign bytes are refused with bad-content', () => {
		const bytes = encodeGenomeContent(profile(), goldenGenome().chunks);
		expect(() => decodeGenomeContent(bytes.subarray(0, bytes.length - 1))).toThrow(/cut short/);
		expect(() => decodeGenomeContent(new Uint8Array([...bytes, 0]))).toThrow(/extra bytes/);
		expect(() => decodeGenomeContent(new TextEncoder().encode('rsid\tchromosome\n'))).toThrow(/unknown genome encoding/);
		try {
			decodeGenomeContent(bytes.subarray(0, 20));
		} catch (e) {
			expect((e as { code: string }).code).toBe('bad-content');
		}
	});
});

describe('genome content from a bundle is validated before it can be stored', () => {
	const { summary, chunks } = goldenGenome();
	/** Encode after `mutate` changed a deep copy of the golden chunks or profile. */
	const tampered = (mutate: (c: GenomeChunk[], p: ReturnType<typeof profile>) => void) => {
		const copy = chunks.map((c) => ({ ...c, positions: c.positions.slice(), allele1: c.allele1.slice(), allele2: c.allele2.slice(), flags: c.flags.slice() }));
		const p = profile(structuredClone(summary));
		mutate(copy, p);
		return () => decodeGenomeContent(encodeGenomeContent(p, copy));
	};

	test('wrong types, out-of-range codes, unsorted or zero positions, and forged counts are refused', () => {
		expect(tampered(() => undefined)).not.toThrow();
		expect(tampered((c) => (c[0].allele1[0] = 8))).toThrow(/allele code is out of range/);
		expect(tampered((c) => (c[0].flags[0] = 200))).toThrow(/unknown record flags/);
		expect(tampered((c) => ([c[0].positions[0], c[0].positions[1]] = [c[0].positions[1], c[0].positions[0]]))).toThrow(/not sorted/);
		expect(tampered((c) => (c[0].positions[0] = 0))).toThrow(/not sorted whole numbers from 1/);
		expect(tampered((c) => c.push(c[0]))).toThrow(/appears twice/);
		expect(tampered((_, p) => (p.summary.build = 'hg19' as never))).toThrow(/genome build/);
		expect(tampered((_, p) => (p.summary.records = -1))).toThrow(/record counts/);
		expect(tampered((_, p) => (p.summary.warnings = [42 as never]))).toThrow(/warnings/);
		expect(tampered((_, p) => (p.name = 'Bob\u001b[2J'))).toThrow(/profile name/);
		expect(tampered((_, p) => (p.sourceSha256 = 'xyz'))).toThrow(/source digest/);
		const chrom = chunks[0].chrom;
		expect(tampered((_, p) => (p.summary.perChromosome[chrom]!.records += 1))).toThrow(/the summary counts/);
		expect(tampered((c) => (c[0].otherIds = [''] as never))).toThrow();
	});
});
