/**
 * Simvastatin (SLCO1B1) and mercaptopurine (TPMT → thioguanine nucleotides): the model reproduces
 * the checked exposure ratios within 10 %, agrees with CPIC where it has a figure, and says so
 * where it has none.
 */
import { describe, expect, it } from 'vitest';
import { consistentWithCpic, getDrug, simulate, usablePhenotypes, type PhenotypeInput } from '../../../src/lib/pk/index';

const within = (actual: number, expected: number, rel = 0.1) => expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(rel);
const run = (drug: string, phenotypes: PhenotypeInput) => simulate({ drug, phenotypes, points: 50 });

describe('simvastatin and SLCO1B1 (Mykkänen 2022: simvastatin acid AUC by OATP1B1 function group)', () => {
	it('decreased function: AUC +40 %', () => {
		within(run('simvastatin', { SLCO1B1: { phenotype: 'Decreased Function' } }).exposureRatio, 1.4);
	});
	it('poor function: AUC +273 %', () => {
		within(run('simvastatin', { SLCO1B1: { phenotype: 'Poor Function' } }).exposureRatio, 3.73);
	});
	it('normal function and an unknown genotype give the typical exposure', () => {
		expect(run('simvastatin', { SLCO1B1: { phenotype: 'Normal Function' } }).exposureRatio).toBeCloseTo(1, 12);
		expect(run('simvastatin', {}).exposureRatio).toBeCloseTo(1, 12);
	});
	it('"Possible Decreased Function" from a pgx result is read as decreased function', () => {
		const { phenotypes, notes } = usablePhenotypes({ SLCO1B1: { phenotype: 'Possible Decreased Function' } });
		expect(phenotypes).toEqual({ SLCO1B1: { phenotype: 'Decreased Function' } });
		expect(notes[0]).toMatch(/modelled as "Decreased Function"/);
	});
	it('increased function has no figure: modelled as normal, with a warning', () => {
		const r = run('simvastatin', { SLCO1B1: { phenotype: 'Increased Function' } });
		expect(r.exposureRatio).toBeCloseTo(1, 12);
		expect(r.warnings.join(' ')).toMatch(/No reliable figure/);
	});
	it('the CPIC rows are looked up by the knowledge-base phenotype names', () => {
		expect(run('simvastatin', { SLCO1B1: { phenotype: 'poor' } }).cpic?.lookup).toBe('Poor Function');
		expect(run('simvastatin', { SLCO1B1: { phenotype: 'decreased' } }).cpic?.advice?.text).toMatch(/limit dose to <20mg\/day/);
	});
	it('the CPIC 20 mg/day ceiling for decreased function keeps exposure below the typical 40 mg exposure', () => {
		const r = simulate({ drug: 'simvastatin', phenotypes: { SLCO1B1: { phenotype: 'Decreased Function' } }, regimen: { dose: 20 }, points: 50 });
		// Both runs are shown relative to their own typical peak; the model is linear, so scale the 20 mg typical AUC to 40 mg.
		const typical40 = r.steadyState.typical.auc * (40 / 20);
		expect(r.steadyState.patient.auc).toBeLessThan(typical40);
		expect(r.steadyState.patient.auc / typical40).toBeCloseTo(0.7, 2);
	});
	it('the "avoid" check can fail: an exposure only 10 % higher would not justify an alternative statin', () => {
		const advice = getDrug('simvastatin').cpic!.advice['Poor Function']!;
		expect(consistentWithCpic(advice, 1.1)).toBe(false);
		expect(consistentWithCpic(advice, 3.73)).toBe(true);
	});
});

describe('mercaptopurine and TPMT (thioguanine nucleotides; Lennard 2013)', () => {
	it('TPMT intermediate (heterozygous): median TGN 754 vs 360 pmol/8×10⁸ RBC', () => {
		within(run('mercaptopurine', { TPMT: { phenotype: 'Intermediate Metabolizer' } }).exposureRatio, 754 / 360);
	});
	it('the intermediate dose that restores typical TGN lies in CPIC\'s 30–80 % range', () => {
		const r = run('mercaptopurine', { TPMT: { phenotype: 'IM' } });
		expect(r.equivalentDose.mg).not.toBeNull();
		const fraction = r.equivalentDose.mg === null ? NaN : r.equivalentDose.fraction;
		expect(fraction).toBeGreaterThanOrEqual(0.3);
		expect(fraction).toBeLessThanOrEqual(0.8);
	});
	it('TGN takes weeks to settle: about 90 % of steady state after 2 weeks (CPIC: allow at least 2 weeks)', () => {
		const r = simulate({ drug: 'mercaptopurine', regimen: { doses: 60 }, points: 601 });
		const at = (h: number) => r.typical[r.times.findIndex((t) => t >= h)];
		const late = at(59 * 24);
		expect(at(14 * 24) / late).toBeGreaterThan(0.8);
		expect(at(14 * 24) / late).toBeLessThan(1);
		expect(at(3 * 24) / late).toBeLessThan(0.5);
	});
	it('TPMT poor metabolizer: no checked figure, so not simulated (no curve drawn as normal); CPIC quoted', () => {
		expect(() => run('mercaptopurine', { TPMT: { phenotype: 'Poor Metabolizer' } })).toThrow(
			expect.objectContaining({ code: 'phenotype-not-modelled', message: expect.stringContaining('drastically reduced doses') })
		);
	});
	it('NUDT15 is not part of the concentration model: a profile\'s NUDT15 result is read, normal is simulated, others are refused', () => {
		expect(getDrug('mercaptopurine').pathways.map((p) => p.gene)).toEqual(['TPMT']);
		expect(getDrug('mercaptopurine').caveats.join(' ')).toMatch(/NUDT15 is not part of the concentration model/);
		// Not silently dropped any more: the result reaches the model, which refuses what it cannot show.
		const { phenotypes } = usablePhenotypes({ NUDT15: { phenotype: 'Poor Metabolizer' } });
		expect(phenotypes).toEqual({ NUDT15: { phenotype: 'Poor Metabolizer' } });
		expect(() => run('mercaptopurine', phenotypes)).toThrow(expect.objectContaining({ code: 'phenotype-not-modelled' }));
		expect(run('mercaptopurine', { NUDT15: { phenotype: 'NM' }, TPMT: { phenotype: 'IM' } }).exposureRatio).toBeCloseTo(754 / 360, 2);
	});
});
