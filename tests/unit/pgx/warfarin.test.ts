/**
 * Warfarin: worked examples computed by hand from the IWPC 2009 formula
 *   sqrt(weekly mg) = 5.6044 − 0.2614·(age decades) + 0.0087·height cm + 0.0128·weight kg
 *     − 0.8677·VKORC1 A/G − 1.6974·A/A − 0.4854·VKORC1 unknown
 *     − 0.5211·*1/*2 − 0.9357·*1/*3 − 1.0616·*2/*2 − 1.9206·*2/*3 − 2.3312·*3/*3 − 0.2188·CYP2C9 unknown
 *     − 0.1092·Asian − 0.2760·Black − 0.1032·missing/mixed + 1.1816·inducer − 0.5503·amiodarone
 * and the CPIC 2017 flowchart (midpoint of each adjustment range applied).
 */
import { describe, expect, it } from 'vitest';
import { PgxError, warfarinDose, type WarfarinGenetics } from '../../../src/lib/pgx/index';

const wildtype: WarfarinGenetics = {
	cyp2c9: '*1/*1',
	cyp2c9Diplotype: '*1/*1',
	cyp2c9Poor: false,
	vkorc1: 'G/G',
	star2and3Tested: true,
	africanVariantsTested: true,
	africanVariantCopies: 0,
	cyp4f2TCopies: 0,
	rs12777823ACopies: 0
};
const adult = { age: 60, heightCm: 170, weightKg: 70, race: 'white' as const, amiodarone: false, inducer: false };

describe('warfarin (IWPC 2009 + CPIC 2017)', () => {
	it('example 1: 60 y, 170 cm, 70 kg, white, *1/*1, GG', () => {
		// 5.6044 − 0.2614·6 + 0.0087·170 + 0.0128·70 = 5.6044 − 1.5684 + 1.479 + 0.896 = 6.411
		// 6.411² = 41.100921 mg/week → 41.1; /7 = 5.871 → 5.9 mg/day
		const r = warfarinDose(adult, wildtype);
		expect(r.weeklyDoseMg).toBe(41.1);
		expect(r.dailyDoseMg).toBe(5.9);
		expect(r.adjustments).toEqual([]);
		expect(r.alternativeAgent).toBe(false);
	});

	it('example 2: 75 y, 160 cm, 60 kg, Asian, *1/*3, AA, amiodarone', () => {
		// 5.6044 − 0.2614·7 + 0.0087·160 + 0.0128·60 − 1.6974 − 0.9357 − 0.1092 − 0.5503
		// = 5.6044 − 1.8298 + 1.392 + 0.768 − 1.6974 − 0.9357 − 0.1092 − 0.5503 = 2.642; 2.642² = 6.980164 → 7.0
		const r = warfarinDose({ ...adult, age: 75, heightCm: 160, weightKg: 60, race: 'asian', amiodarone: true }, { ...wildtype, cyp2c9: '*1/*3', cyp2c9Diplotype: '*1/*3', vkorc1: 'A/A' });
		expect(r.weeklyDoseMg).toBe(7);
		expect(r.iwpcWeeklyDoseMg).toBe(7);
	});

	it('example 3: CYP4F2 rs2108622 T carrier raises the dose 5–10% (7.5% applied)', () => {
		// 41.100921 × 1.075 = 44.18349 → 44.2
		const r = warfarinDose(adult, { ...wildtype, cyp4f2TCopies: 1 });
		expect(r.iwpcWeeklyDoseMg).toBe(41.1);
		expect(r.weeklyDoseMg).toBe(44.2);
		expect(r.adjustments[0].percentRange).toEqual([5, 10]);
	});

	it('example 4: African ancestry with *5/*6/*8/*11 untested → dose clinically', () => {
		const r = warfarinDose({ ...adult, race: 'black' }, { ...wildtype, africanVariantsTested: false, africanVariantCopies: null });
		expect(r.doseClinically).toBe(true);
		expect(r.weeklyDoseMg).toBeNull();
		expect(r.recommendation).toMatch(/Dose clinically/);
	});

	it('example 5: African American, *1/*8, VKORC1 A/G, rs12777823 A carrier', () => {
		// 5.6044 − 0.2614·5 + 0.0087·180 + 0.0128·90 − 0.8677 − 0.2760
		// = 5.6044 − 1.307 + 1.566 + 1.152 − 0.8677 − 0.276 = 5.8717; 5.8717² = 34.47686 → 34.5
		// ×(1 − 0.225) for *8 carrier = 26.719567; ×(1 − 0.175) for rs12777823 A = 22.043643 → 22.0
		const r = warfarinDose(
			{ ...adult, age: 50, heightCm: 180, weightKg: 90, race: 'black' },
			{ ...wildtype, cyp2c9Diplotype: '*1/*8', vkorc1: 'A/G', africanVariantCopies: 1, rs12777823ACopies: 1 }
		);
		expect(r.iwpcWeeklyDoseMg).toBe(34.5);
		expect(r.weeklyDoseMg).toBe(22);
		expect(r.adjustments.map((a) => a.appliedPercent)).toEqual([-22.5, -17.5]);
	});

	it('CYP2C9 poor metabolizer → consider an alternative agent; missing VKORC1 → dose clinically', () => {
		const poor = warfarinDose(adult, { ...wildtype, cyp2c9: '*2/*3', cyp2c9Diplotype: '*2/*3', cyp2c9Poor: true });
		expect(poor.alternativeAgent).toBe(true);
		expect(poor.recommendation).toMatch(/alternative/);
		const noVk = warfarinDose(adult, { ...wildtype, vkorc1: 'unknown' });
		expect(noVk.doseClinically).toBe(true);
	});

	it('refuses out-of-range clinical inputs with a typed error', () => {
		expect(() => warfarinDose({ ...adult, age: 5 }, wildtype)).toThrow(PgxError);
		expect(() => warfarinDose({ ...adult, weightKg: Number.NaN }, wildtype)).toThrow(/weight/);
	});
});
