/** The `qenome pk` command, run as a real process (bin/qenome.js → tsx sources). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQenome } from '../qenome-cli';
import { simulate, usablePhenotypes } from '../../../src/lib/pk/index';


/** Run `qenome …` as a real process and capture its output. */
const qenome = (...args: string[]) => runQenome(args);

describe('qenome pk', () => {
	it('--json prints the time series, steady-state metrics, exposure ratio and sources', () => {
		const r = qenome('pk', '--drug', 'citalopram', '--phenotype', 'CYP2C19=Poor Metabolizer', '--comed', 'omeprazole', '--dose', '20', '--interval', '24', '--days', '14', '--json');
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.disclaimer).toMatch(/not a prescription/);
		expect(j.regimen).toMatchObject({ dose: 20, interval: 24, doses: 14 });
		expect(j.times.length).toBe(j.patient.length);
		expect(j.times[j.times.length - 1]).toBe(14 * 24);
		// A poor metabolizer has no CYP2C19 left for omeprazole to inhibit: the label's +107 % stands.
		expect(j.exposureRatio).toBeCloseTo(2.07, 2);
		expect(j.steadyState.patient.cmax).toBeGreaterThan(j.steadyState.typical.cmax);
		expect(j.equivalentDose.mg).toBeCloseTo(20 / 2.07, 2);
		expect(Object.values(j.sources).join(' ')).toMatch(/CELEXA/);
		expect(j.cpic.advice.text).toMatch(/50% reduction/);
		expect(j.cpic.guideline).toMatch(/PA166127638 v48/);
	});

	it('accepts an activity score (GENE=score:N)', () => {
		const r = qenome('pk', '--drug', 'warfarin', '--phenotype', 'CYP2C9=score:0', '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).exposureRatio).toBeCloseTo(1 / 0.63 ** 2, 3);
	});

	it('refuses unknown drugs, phenotypes, genes and co-medications with one line listing the options (exit 2)', () => {
		const cases: [string[], RegExp][] = [
			[['--drug', 'aspirin'], /unknown drug "aspirin"; choose one of: citalopram, clopidogrel/],
			[['--drug', 'codeine', '--phenotype', 'CYP2D6=speedy'], /unknown CYP2D6 phenotype "speedy"; use one of: Ultrarapid Metabolizer/],
			[['--drug', 'codeine', '--phenotype', 'CYP2C19=poor'], /CYP2C19 is not part of the Codeine model; it uses: CYP2D6/],
			[['--drug', 'codeine', '--comed', 'grapefruit'], /unknown co-medication "grapefruit"; choose from: fluoxetine/],
			[['--drug', 'codeine', '--dose', 'ten'], /--dose must be a number/],
			[['--drug', 'codeine', '--interval', '0'], /interval must be a positive number/]
		];
		for (const [args, message] of cases) {
			const r = qenome('pk', ...args, '--json');
			expect(r.code, args.join(' ')).toBe(2);
			expect(r.stdout).toBe('');
			expect(r.stderr.trim().split('\n')).toHaveLength(1);
			expect(r.stderr).toMatch(message);
		}
	});

	it('refuses a phenotype the model does not simulate: one line with the reason and the CPIC advice, exit 1', () => {
		const fu = qenome('pk', '--drug', 'fluorouracil', '--phenotype', 'DPYD=1.5', '--dose', '4000', '--interval', '336', '--days', '42', '--json');
		expect(fu.code).toBe(1);
		expect(fu.stdout).toBe('');
		const lines = fu.stderr.trim().split('\n');
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatch(/^qenome: Fluorouracil \(5-FU\) is not simulated for DPYD Intermediate Metabolizer \(activity score 1\.5\): no measured fluorouracil level is known/);
		expect(lines[0]).toContain('CPIC advises for DPYD activity score 1.5: "Reduce starting dose by 50% followed by titration of dose');
		// The same refusal for the score:N form, for NUDT15 on mercaptopurine, and for TPMT poor metabolizers.
		expect(qenome('pk', '--drug', 'fluorouracil', '--phenotype', 'DPYD=score:1.5', '--json').code).toBe(1);
		const nudt15 = qenome('pk', '--drug', 'mercaptopurine', '--phenotype', 'NUDT15=poor', '--json');
		expect(nudt15.code).toBe(1);
		expect(nudt15.stderr).toMatch(/^qenome: Mercaptopurine is not simulated for NUDT15 Poor Metabolizer: .*initiate dose at 10 mg\/m2\/day/);
		expect(qenome('pk', '--drug', 'mercaptopurine', '--phenotype', 'TPMT=PM', '--json').stderr).toMatch(/drastically reduced doses/);
		// Scores the model does simulate still run, and a number for a gene without activity scores is bad input (exit 2).
		expect(qenome('pk', '--drug', 'fluorouracil', '--phenotype', 'DPYD=1', '--json').code).toBe(0);
		const tpmtNumber = qenome('pk', '--drug', 'mercaptopurine', '--phenotype', 'TPMT=1', '--json');
		expect(tpmtNumber.code).toBe(2);
		expect(tpmtNumber.stderr).toMatch(/TPMT has no activity score/);
	});

	it('--profile uses exactly the phenotypes `qenome pgx` calls for the same DNA file', () => {
		const file = path.resolve(__dirname, '..', '..', 'fixtures', 'genome', 'vcf-grch38-chr.vcf');
		const pgx = qenome('pgx', file, '--json');
		expect(pgx.code).toBe(0);
		const calls = JSON.parse(pgx.stdout).genes as { gene: string; phenotype: string; activityScore: number | null }[];
		const expected = usablePhenotypes(Object.fromEntries(calls.map((g) => [g.gene, { phenotype: g.phenotype, activityScore: g.activityScore }]))).phenotypes;
		for (const drug of ['fluorouracil', 'tacrolimus']) {
			const r = qenome('pk', '--drug', drug, '--profile', file, '--json');
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
			const j = JSON.parse(r.stdout);
			expect(j.profile.phenotypes).toEqual(expected);
			expect(j.exposureRatio).toBeCloseTo(simulate({ drug, phenotypes: expected, points: 20 }).exposureRatio, 9);
		}
	});

	it('--profile says which results it could not use, and refuses a missing file', () => {
		const file = path.resolve(__dirname, '..', '..', 'fixtures', 'genome', '23andme-v5-female.txt');
		const r = qenome('pk', '--drug', 'citalopram', '--profile', file, '--json');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.stdout).warnings.join(' ')).toMatch(/CYP2C19 result "Not determinable" cannot be used/);
		const missing = qenome('pk', '--drug', 'citalopram', '--profile', 'no-such-file.txt');
		expect(missing.code).toBe(2);
		expect(missing.stderr).toMatch(/no such file/);
		const both = qenome('pk', '--drug', 'citalopram', '--profile', file, '--phenotype', 'CYP2C19=poor');
		expect(both.code).toBe(2);
		expect(both.stderr).toMatch(/either --profile or --phenotype/);
	});

	const pharmcatVcf = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'pgx', 'pharmcat', 'examples', 'pharmcat.example.vcf');
	const haveShared = fs.existsSync(pharmcatVcf);
	if (!haveShared) console.log(`skipping the PharmCAT example profile: ${pharmcatVcf} is absent (../shared not present)`);
	it.skipIf(!haveShared)('--profile on the PharmCAT example VCF uses its CYP2C9 activity score (needs ../shared)', () => {
		const r = qenome('pk', '--drug', 'phenytoin', '--profile', pharmcatVcf, '--json');
		expect(r.code).toBe(0);
		const j = JSON.parse(r.stdout);
		expect(j.profile.phenotypes.CYP2C9).toEqual({ activityScore: 2 });
		expect(j.cpic.lookup).toBe('2.0');
	});
});
