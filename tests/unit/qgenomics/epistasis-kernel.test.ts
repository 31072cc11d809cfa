import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../../src/lib/quantum/index';
import { createNodeSimulator } from '../../../src/lib/quantum/node';
import {
	epistasisSearch,
	fidelity,
	kernelStudy,
	pairInteraction,
	pearson,
	syntheticCohort,
	trainSvm,
	zzFeatureState,
	type Cohort
} from '../../../src/lib/qgenomics/index';

let sim: Simulator;
beforeAll(async () => {
	sim = await createNodeSimulator();
});

describe('epistasis search', () => {
	it('the interaction test is ~0 without interaction and large for a planted XOR pair with no main effect', () => {
		// Two independent SNPs, phenotype from SNP a alone (additive, no interaction).
		const n = 900;
		const a = new Float64Array(n);
		const b = new Float64Array(n);
		const xor = new Float64Array(n);
		const additive = new Float64Array(n);
		for (let s = 0; s < n; s++) {
			a[s] = s % 3;
			b[s] = Math.floor(s / 3) % 3;
			additive[s] = (s * 7) % 10 < 3 + a[s] ? 1 : 0;
			xor[s] = (a[s] > 0) !== (b[s] > 0) ? 1 : 0;
		}
		const mk = (phenotype: Float64Array): Cohort => ({
			snps: ['a', 'b'],
			dosages: [a, b],
			phenotype,
			samples: n,
			synthetic: true,
			source: 'test',
			missingDosages: 0,
			droppedRows: 0
		});
		const none = pairInteraction(mk(additive), 0, 1);
		expect(none.df).toBe(4);
		expect(none.statistic).toBeLessThan(2);
		const inter = pairInteraction(mk(xor), 0, 1);
		expect(inter.statistic).toBeGreaterThan(100);
		expect(inter.p).toBeLessThan(1e-20);
	});

	it('finds the planted pair; the QUBO optimum is the exhaustive top pair (it re-encodes the pairwise statistics)', async () => {
		for (const seed of [1, 2]) {
			const c = syntheticCohort({ snps: 8, seed, epistasis: true, samples: 500 });
			// The planted SNPs carry little marginal signal: the pair, not either SNP, explains the phenotype.
			const [pa, pb] = c.planted!.epistaticPair!;
			expect(Math.abs(pearson(c.dosages[c.snps.indexOf(pa)], c.phenotype))).toBeLessThan(0.2);
			expect(Math.abs(pearson(c.dosages[c.snps.indexOf(pb)], c.phenotype))).toBeLessThan(0.2);
			const r = await epistasisSearch(c, { layers: 1, seed: 1 }, sim);
			expect(r.pairsTested).toBe(28);
			expect(r.planted?.found).toBe(true);
			expect([r.top[0].a, r.top[0].b].sort()).toEqual([pa, pb].sort());
			expect(r.top[0].pBonferroni).toBeLessThan(0.01);
			expect(r.qubo?.reencodesBaseline).toBe(true);
			expect(r.qubo?.statisticsNeeded).toBe(28);
			expect([...r.qubo!.anneal.pair].sort()).toEqual([pa, pb].sort());
			expect(r.qubo!.qaoa.qubits).toBe(8);
		}
	});
});

describe('quantum kernel classifier', () => {
	it('ZZ feature states are normalised; K(x, x) = 1 and K is symmetric', () => {
		const x = [0.3, -1.2, 0.7];
		const y = [0.1, 0.4, -0.5];
		const sx = zzFeatureState(sim, x);
		const sy = zzFeatureState(sim, y);
		expect(fidelity(sx, sx)).toBeCloseTo(1, 12);
		expect(fidelity(sx, sy)).toBeCloseTo(fidelity(sy, sx), 14);
		expect(fidelity(sx, sy)).toBeLessThan(1);
	});

	it('the SVM separates separable data', () => {
		const pts = [-3, -2, -1.5, -1, 1, 1.5, 2, 3];
		const y = Int8Array.from(pts, (p) => (p > 0 ? 1 : -1));
		const svm = trainSvm((i, j) => pts[i] * pts[j], y, 10);
		pts.forEach((p, i) => {
			let v = svm.bias;
			pts.forEach((q, t) => (v += svm.coef[t] * q * p));
			expect(Math.sign(v)).toBe(y[i]);
		});
	});

	it('compares the quantum kernel SVM with RBF SVM and logistic regression, and warns on a near-diagonal kernel', async () => {
		const c = syntheticCohort({ snps: 10, seed: 2, samples: 160 });
		const r = await kernelStudy(c, sim, { features: 8, bandwidths: [0.05, 5], gammas: [0.1, 10], seed: 3 });
		expect(r.qubits).toBe(8);
		expect(r.trainSize + r.testSize).toBe(160);
		expect(r.quantum.sweep).toHaveLength(2);
		// Small bandwidth: broad kernel; large: near-diagonal (memorisation only).
		expect(r.quantum.sweep[0].nearDiagonal).toBe(false);
		expect(r.quantum.sweep[1].nearDiagonal).toBe(true);
		expect(r.warnings.join(' ')).toMatch(/near-diagonal/);
		for (const acc of [r.quantum.testAccuracy, r.rbf.testAccuracy, r.logistic.testAccuracy]) {
			expect(acc).toBeGreaterThanOrEqual(0);
			expect(acc).toBeLessThanOrEqual(1);
		}
		// Planted additive effects: logistic regression beats always guessing the majority class.
		expect(r.logistic.testAccuracy).toBeGreaterThan(r.majorityAccuracy);
	}, 60_000);
});
