/** Outside (lab) calls are validated, not trusted blindly (issue #16). */
import { describe, expect, it } from 'vitest';
import { loadKb } from '../../../src/lib/pgx/kb';
import { outsideToCall, parseOutsideCalls } from '../../../src/lib/pgx/outside';

describe('outside calls', () => {
	it('three alleles are refused, not cut to two', async () => {
		const kb = await loadKb();
		expect(() => parseOutsideCalls('CYP2D6\t*1/*4/*10', kb)).toThrow(/line 1: "\*1\/\*4\/\*10" lists 3 alleles/);
		expect(() => parseOutsideCalls('CYP2D6\t*1/', kb)).toThrow(/not a diplotype/);
		expect(() => parseOutsideCalls('CYP2D6\t*1 /*4 x', kb)).toThrow(/not a diplotype/);
		expect(parseOutsideCalls('CYP2D6\t*1/*4', kb)[0].diplotype).toBe('*1/*4');
	});

	it('activity scores: plain decimals from 0 to 6 in steps of 0.25', async () => {
		const kb = await loadKb();
		for (const bad of ['-1', '0x2', '1e9', '7', '1.3', 'Infinity', '1,5', ' '.repeat(0) + '+1'])
			expect(() => parseOutsideCalls(`CYP2D6\t\tIntermediate Metabolizer\t${bad}`, kb), bad).toThrow(/activity score .* is not a number from 0 to 6/);
		expect(parseOutsideCalls('CYP2D6\t\tIntermediate Metabolizer\t1.25', kb)[0].activityScore).toBe(1.25);
		expect(parseOutsideCalls('DPYD\t\tPoor Metabolizer\t0', kb)[0].activityScore).toBe(0);
	});

	it('a phenotype or score that contradicts the diplotype is kept but warned about', async () => {
		const kb = await loadKb();
		const [o] = parseOutsideCalls('CYP2D6\t*1/*4\tPoor Metabolizer\t0', kb);
		const call = outsideToCall(o, kb, 'female');
		expect(call.phenotype).toBe('Poor Metabolizer');
		expect(call.warnings.join(' ')).toMatch(/differs from what the CPIC tables give for CYP2D6 \*1\/\*4 \("Intermediate Metabolizer"\)/);
		expect(call.warnings.join(' ')).toMatch(/activity score 0 differs/);
		const [agree] = parseOutsideCalls('CYP2D6\t*1/*4\tIntermediate Metabolizer', kb);
		expect(outsideToCall(agree, kb, 'female').warnings.join(' ')).not.toMatch(/differs/);
	});
});
