/** PGS Catalog scoring-file parser: header, named columns, harmonised columns, bounds and refusals. */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'fflate';
import { MATCH_STATUS, SCORE_FLAGS, parseScoreBytes } from '../../../src/lib/prs/index';
import { score, scoreText } from './helpers';

describe('parseScoreFile', () => {
	it('reads the v2.0 header (citation, licence, build) and every named column', async () => {
		const s = await score('rules.txt');
		expect(s.n).toBe(43);
		expect(s.header).toMatchObject({
			formatVersion: '2.0',
			pgsId: 'PGS900001',
			pgsName: 'QENOME_RULES',
			traitReported: 'Test trait (synthetic)',
			genomeBuild: 'GRCh37',
			variantsNumber: 43,
			weightType: 'beta',
			pgpId: 'PGP999999',
			citation: 'Qenome test fixture (synthetic; not a published score)',
			license: 'CC0 (synthetic test data)'
		});
		expect(s.pos[0]).toBe(1000);
		expect(s.chrom[0]).toBe(1);
		expect(s.rsid[0]).toBe(1000);
		expect(s.effect[0]).toBe(3); // G
		expect(s.other[0]).toBe(1); // A
		expect(s.effectWeight[2]).toBeCloseTo(0.3, 12);
		expect(s.flags[9] & SCORE_FLAGS.DOMINANT).toBeTruthy();
		expect(s.flags[10] & SCORE_FLAGS.RECESSIVE).toBeTruthy();
		expect(Array.from(s.dosageWeights!.subarray(11 * 3, 11 * 3 + 3))).toEqual([0.1, 0.2, 0.9]);
		expect(s.alleleFrequency![8]).toBe(0.1);
		expect(s.longAlleles.get(12)).toEqual(['A', 'AT']);
	});

	it('reads gzip by magic bytes, the same as plain text', async () => {
		const a = await score('rules.txt');
		const b = await score('rules.txt', true);
		expect(b.n).toBe(a.n);
		expect(Array.from(b.effectWeight)).toEqual(Array.from(a.effectWeight));
		expect(b.header).toEqual(a.header);
	});

	it('reads harmonised columns (hm_chr, hm_pos, hm_rsID, hm_inferOtherAllele) and HmPOS_build', async () => {
		const s = await score('harmonised.txt');
		expect(s.header.genomeBuild).toBe('GRCh38');
		expect(s.header.hmPosBuild).toBe('GRCh37');
		expect(Array.from(s.hmPos!)).toEqual([1000, 2000, 20000, 20100, 20200, 0]);
		expect(s.pos[0]).toBe(501000);
		expect(s.other[3]).toBe(2); // C inferred
		expect(s.flags[3] & SCORE_FLAGS.INFERRED_OTHER).toBeTruthy();
	});

	it('refuses a file without positions (never rsID alone), without effect_allele, or with a bad weight (line named)', async () => {
		await expect(score('rsid-only.txt')).rejects.toMatchObject({ name: 'PrsError', code: 'missing-column', kind: 'input' });
		await expect(scoreText('rsID\tchr_name\tchr_position\teffect_weight\nrs1\t1\t5\t0.1\n')).rejects.toMatchObject({ code: 'not-a-score-file' });
		await expect(scoreText('#pgs_id=X\nchr_name\tchr_position\teffect_allele\teffect_weight\n1\t5\tA\t0.1\n1\t6\tC\tabc\n')).rejects.toMatchObject({
			code: 'bad-row',
			message: expect.stringMatching(/Line 4.*abc/)
		});
		await expect(scoreText('#pgs_id=X\nchr_name\tchr_position\teffect_allele\teffect_weight\n')).rejects.toMatchObject({ code: 'no-variants' });
		await expect(scoreText('hello world\n')).rejects.toMatchObject({ code: 'not-a-score-file' });
	});

	it('bounds: an endless line and a gzip bomb are refused, not read into memory', async () => {
		const long = new Uint8Array(3 << 20).fill(65);
		await expect(parseScoreBytes(long)).rejects.toMatchObject({ name: 'PrsError', code: 'too-large' });
		const bomb = gzipSync(new Uint8Array(72 << 20).fill(10), { level: 1 });
		await expect(parseScoreBytes(bomb)).rejects.toMatchObject({ name: 'PrsError', code: 'too-large' });
	}, 20_000);

	it('a damaged or cut-off gzip is refused, not half-read', async () => {
		const gz = gzipSync((await import('./helpers')).prsFixture('rules.txt'));
		await expect(parseScoreBytes(gz.subarray(0, gz.length - 30))).rejects.toMatchObject({ name: 'PrsError', kind: 'input' });
	});

	it('cancel stops parsing with a cancelled error', async () => {
		const ac = new AbortController();
		ac.abort();
		await expect(parseScoreBytes(new TextEncoder().encode('x\n'), { signal: ac.signal })).rejects.toMatchObject({ kind: 'cancelled' });
		expect(MATCH_STATUS.SAME).toBe(0);
	});
});

describe('parseDecimal', () => {
	it('gives exactly what Number() gives, on weights as the PGS Catalog writes them', async () => {
		const { parseDecimal } = await import('../../../src/lib/prs/scorefile');
		const samples = ['0', '-0.0123', '1.5e-05', '-2.3E+2', '0.000123456789012345', '123456789012345678', '7', '+0.5', '.5', '5.', '1e-30', '-0.1234567890123456789', '3.14159e0'];
		let seed = 1;
		const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		for (let i = 0; i < 20000; i++) samples.push(((rnd() - 0.5) * 10 ** Math.floor(rnd() * 8 - 6)).toPrecision(1 + Math.floor(rnd() * 16)));
		for (const t of samples) {
			const b = new TextEncoder().encode(t);
			expect(Object.is(parseDecimal(b, 0, b.length), Number(t)), t).toBe(true);
		}
		for (const t of ['abc', '1.2.3', '--1', 'e5', '']) {
			const b = new TextEncoder().encode(t);
			const v = parseDecimal(b, 0, b.length);
			if (t === '') expect(v).toBe(0);
			else expect(Number.isNaN(v)).toBe(true);
		}
	});
});
