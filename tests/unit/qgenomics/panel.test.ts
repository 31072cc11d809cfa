import { describe, expect, it } from 'vitest';
import {
	annealPanel,
	exactPanel,
	panelObjective,
	panelQubo,
	panelValue,
	parseCohortCsv,
	pearson,
	syntheticCohort
} from '../../../src/lib/qgenomics/index';
import { popcount, quboValue } from '../../../src/lib/quantum/index';

// Four samples; A and B informative, C constant, D has one missing dosage (pairwise-complete).
const CSV = `sample,A,B,C,D,phenotype
s1,0,0,1,2,0
s2,1,0,1,NA,0
s3,2,2,1,0,1
s4,1,2,1,0,1
`;

describe('SNP panel objective (pinned: r = |Pearson(dosage, phenotype)|, R = |Pearson(dosage, dosage)|, f = Σr − α·ΣR)', () => {
	it('matches hand-computed values', () => {
		const c = parseCohortCsv(CSV);
		expect(c.snps).toEqual(['A', 'B', 'C', 'D']);
		expect(c.missingDosages).toBe(1);
		const o = panelObjective(c, 0.5);
		// A = (0,1,2,1), p = (0,0,1,1): Σ(a−ā)(p−p̄) = 1, Σ(a−ā)² = 2, Σ(p−p̄)² = 1 → 1/√2.
		expect(o.relevance[0]).toBeCloseTo(Math.SQRT1_2, 14);
		// B = (0,0,2,2) is the phenotype times 2 → 1.
		expect(o.relevance[1]).toBeCloseTo(1, 14);
		// C constant → r = 0 and R = 0 with every other SNP.
		expect(o.relevance[2]).toBe(0);
		expect(o.redundancy[2 * 4 + 0]).toBe(0);
		expect(o.redundancy[1 * 4 + 2]).toBe(0);
		// D over rows 1, 3, 4 = (2, 0, 0) vs p = (0, 1, 1): perfectly anti-correlated → |−1| = 1.
		expect(o.relevance[3]).toBeCloseTo(1, 14);
		// R_AB: Σ = 2, Σa² = 2, Σb² = 4 → 2/√8 = 1/√2.
		expect(o.redundancy[0 * 4 + 1]).toBeCloseTo(Math.SQRT1_2, 14);
		expect(o.redundancy[1 * 4 + 0]).toBe(o.redundancy[0 * 4 + 1]);
		// f({A,B}) = 1/√2 + 1 − 0.5/√2.
		expect(panelValue(o, [0, 1])).toBeCloseTo(1 + Math.SQRT1_2 / 2, 14);
		expect(panelValue(o, [0, 2])).toBeCloseTo(Math.SQRT1_2, 14);
		// α = 1 doubles the redundancy charge.
		expect(panelValue(panelObjective(c, 1), [0, 1])).toBeCloseTo(1, 14);
		// The QUBO form gives the same value on every panel.
		const q = panelQubo(o);
		for (let m = 0; m < 16; m++) {
			const panel = [0, 1, 2, 3].filter((i) => (m >> i) & 1);
			expect(quboValue(q, m)).toBeCloseTo(panelValue(o, panel), 14);
		}
	});

	it('pearson: constant columns and too few rows give 0', () => {
		expect(pearson([1, 1, 1], [0, 1, 2])).toBe(0);
		expect(pearson([1, NaN, 3], [0, 5, NaN])).toBe(0);
		expect(pearson([0, 1, 2], [0, 2, 4])).toBeCloseTo(1, 15);
	});

	it('refuses bad CSV with the line and column', () => {
		expect(() => parseCohortCsv('A,B\n0,1\n')).toThrow(/phenotype/);
		expect(() => parseCohortCsv('A,B,phenotype\n0,1,1\n0,3,0\n1,1,1\n')).toThrow(/line 3, column "B": "3" is not a dosage/);
		expect(() => parseCohortCsv('A,B,phenotype\n0,1\n')).toThrow(/line 2 has 2 fields/);
		expect(() => parseCohortCsv('A,A,phenotype\n0,1,1\n')).toThrow(/appears twice/);
		// Rows without a phenotype are dropped and counted, never read as 0.
		const c = parseCohortCsv('A,B,phenotype\n0,1,1\n1,1,\n2,0,0\n1,2,1\n');
		expect(c.samples).toBe(3);
		expect(c.droppedRows).toBe(1);
	});
});

describe('exact enumeration and annealing', () => {
	it('exact enumeration equals brute force over all 2^n masks', () => {
		for (const seed of [1, 2]) {
			const o = panelObjective(syntheticCohort({ snps: 10, seed, samples: 150 }), 0.7);
			for (const k of [1, 3, 5]) {
				let best = -Infinity;
				let worst = Infinity;
				let count = 0;
				let bestPanel: number[] = [];
				for (let m = 0; m < 1 << 10; m++) {
					if (popcount(m) !== k) continue;
					const panel = Array.from({ length: 10 }, (_, i) => i).filter((i) => (m >> i) & 1);
					const v = panelValue(o, panel);
					count++;
					worst = Math.min(worst, v);
					if (v > best) {
						best = v;
						bestPanel = panel;
					}
				}
				const e = exactPanel(o, k);
				expect(e.evaluations).toBe(count);
				expect(e.optimum).toBeCloseTo(best, 12);
				expect(e.minimum).toBeCloseTo(worst, 12);
				expect(e.best).toEqual(bestPanel);
				expect(e.top[0].value).toBeCloseTo(best, 12);
			}
		}
	});

	it('annealing with swap moves finds the optimum on planted instances', () => {
		for (const [snps, seed] of [
			[12, 1],
			[12, 2],
			[14, 3],
			[16, 4],
			[16, 5]
		]) {
			const c = syntheticCohort({ snps, seed, causal: 4, redundantCopies: 3 });
			const o = panelObjective(c);
			const e = exactPanel(o, 4);
			const a = annealPanel(o, 4, { seed: 11, restarts: 10 });
			expect(a.value).toBeCloseTo(e.optimum, 12);
			expect(a.best).toEqual(e.best);
			for (const v of a.runValues) expect(v).toBeLessThanOrEqual(e.optimum + 1e-12);
		}
	});

	it('the planted causal SNPs are what the optimum picks (synthetic cohort is labelled synthetic)', () => {
		const c = syntheticCohort({ snps: 12, seed: 3, causal: 3, redundantCopies: 2 });
		expect(c.synthetic).toBe(true);
		expect(c.source).toMatch(/synthetic/);
		const o = panelObjective(c);
		const best = exactPanel(o, 3).best.map((i) => c.snps[i]);
		expect(best.sort()).toEqual([...c.planted!.causal].sort());
	});
});

describe('cohort from genomes in this browser', () => {
	it('counts copies of the rarer allele; missing and haploid calls stay missing; people without a phenotype are left out', async () => {
		const { cohortFromProfiles } = await import('../../../src/lib/qgenomics/index');
		const c = cohortFromProfiles(
			['rs1', 'rs2'],
			[
				{ name: 'a', phenotype: 1, calls: [['A', 'G'], ['C', 'C']] },
				{ name: 'b', phenotype: 0, calls: [['A', 'A'], null] },
				{ name: 'c', phenotype: 1, calls: [['G', 'G'], ['T']] },
				{ name: 'd', phenotype: 0, calls: [['A', 'A'], ['C', 'T']] },
				{ name: 'e', phenotype: NaN, calls: [['G', 'G'], ['T', 'T']] }
			]
		);
		expect(c.samples).toBe(4);
		expect(c.droppedRows).toBe(1);
		// rs1 among a–d: A×5, G×3 → G counted.
		expect(c.snps).toEqual(['rs1-G', 'rs2-T']);
		expect(Array.from(c.dosages[0])).toEqual([1, 0, 2, 0]);
		expect(Array.from(c.dosages[1]).map((v) => (Number.isNaN(v) ? 'NA' : v))).toEqual([0, 'NA', 'NA', 1]);
		expect(c.missingDosages).toBe(2);
		expect(c.synthetic).toBe(false);
		expect(() => cohortFromProfiles(['rs1', 'rs2'], [{ name: 'a', phenotype: 1, calls: [null, null] }])).toThrow(/at least 3/);
	});
});
