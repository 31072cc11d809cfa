import { beforeAll, describe, expect, it } from 'vitest';
import {
	Simulator,
	binomial,
	costPhaseOps,
	dickeStateOps,
	emptyQubo,
	popcount,
	quboTable,
	quboValue,
	ringEdges,
	runQaoa,
	spreadRing,
	weightKMasks,
	weightNorm,
	xMixerOps,
	xyMixerOps
} from '../../../src/lib/quantum/index';
import { createNodeSimulator } from '../../../src/lib/quantum/node';
import { panelObjective, panelQubo, syntheticCohort } from '../../../src/lib/qgenomics/index';
import { seededUniform } from '../../../src/lib/quantum/index';

let sim: Simulator;
beforeAll(async () => {
	sim = await createNodeSimulator();
});

function randomQubo(n: number, seed: number) {
	const u = seededUniform(seed);
	const q = emptyQubo(n);
	q.constant = u();
	for (let i = 0; i < n; i++) {
		q.linear[i] = u() - 0.5;
		for (let j = i + 1; j < n; j++) q.quadratic[i * n + j] = u() - 0.5;
	}
	return q;
}

describe('QAOA building blocks', () => {
	it('weightKMasks lists every k-subset once; quboTable matches quboValue', () => {
		for (const [n, k] of [
			[6, 0],
			[6, 3],
			[9, 4],
			[12, 11]
		]) {
			const m = weightKMasks(n, k);
			expect(m.length).toBe(binomial(n, k));
			expect(new Set(m).size).toBe(m.length);
			for (const x of m) expect(popcount(x)).toBe(k);
		}
		const q = randomQubo(9, 3);
		const t = quboTable(q);
		for (let x = 0; x < 512; x++) expect(t[x]).toBeCloseTo(quboValue(q, x), 12);
	});

	it('prepares the Dicke state: amplitude 1/√C(n,k) on every weight-k basis state, 0 elsewhere', () => {
		for (const [n, k] of [
			[2, 1],
			[5, 2],
			[7, 3],
			[9, 1],
			[10, 5]
		]) {
			sim.engine.reset(n);
			sim.engine.apply(dickeStateOps(n, k).ops);
			const a = sim.engine.amplitudes();
			const expected = 1 / Math.sqrt(binomial(n, k));
			for (let x = 0; x < 2 ** n; x++) {
				expect(a[2 * x]).toBeCloseTo(popcount(x) === k ? expected : 0, 12);
				expect(a[2 * x + 1]).toBeCloseTo(0, 12);
			}
		}
	});

	it('the cost phase multiplies each basis state by e^{−iγ(f(x) − c)}', () => {
		const n = 8;
		const q = randomQubo(n, 5);
		const gamma = 0.7;
		sim.engine.reset(n);
		sim.engine.apply(xMixerOps(n, Math.PI / 4).ops); // equal magnitudes, phase (−i)^popcount
		const before = sim.engine.amplitudes();
		sim.engine.apply(costPhaseOps(q, gamma).ops);
		const after = sim.engine.amplitudes();
		for (let x = 0; x < 2 ** n; x++) {
			const th = -gamma * (quboValue(q, x) - q.constant);
			const re = before[2 * x] * Math.cos(th) - before[2 * x + 1] * Math.sin(th);
			const im = before[2 * x] * Math.sin(th) + before[2 * x + 1] * Math.cos(th);
			expect(after[2 * x]).toBeCloseTo(re, 12);
			expect(after[2 * x + 1]).toBeCloseTo(im, 12);
		}
	});

	it('the XY ring mixer preserves Hamming weight: norm in the weight-k subspace = 1 to 1e-12', () => {
		for (const [n, k] of [
			[6, 2],
			[9, 4],
			[12, 4]
		]) {
			const u = seededUniform(n);
			const q = randomQubo(n, n + 1);
			const ring = spreadRing(q.linear, k);
			sim.engine.reset(n);
			sim.engine.apply(dickeStateOps(n, k).ops);
			for (let layer = 0; layer < 6; layer++) {
				sim.engine.apply(costPhaseOps(q, 4 * u() - 2).ops);
				sim.engine.apply(xyMixerOps(n, 2 * Math.PI * u(), layer % 2 ? ring : undefined).ops);
				expect(Math.abs(weightNorm(sim.engine, k) - 1)).toBeLessThan(1e-12);
			}
			// The state did move: it is no longer the uniform Dicke state.
			const p = sim.engine.probabilities();
			const spread = Math.max(...Array.from(weightKMasks(n, k), (m) => p[m])) * binomial(n, k);
			expect(spread).toBeGreaterThan(1.01);
			// The X mixer, by contrast, leaks out of the subspace.
			sim.engine.apply(xMixerOps(n, 0.4).ops);
			expect(weightNorm(sim.engine, k)).toBeLessThan(0.99);
		}
		expect(ringEdges(4)).toEqual([
			[0, 1],
			[2, 3],
			[1, 2],
			[3, 0]
		]);
		expect(() => ringEdges(3, [0, 0, 1])).toThrow(/each of the 3 qubits once/);
	});
});

describe('QAOA on the SNP panel QUBO (n = 12, k = 4)', () => {
	it('XY-QAOA reaches an approximation ratio ≥ 0.8 by p = 5 on seeded planted instances and beats penalty QAOA', async () => {
		for (const seed of [1, 2, 3]) {
			const q = panelQubo(panelObjective(syntheticCohort({ snps: 12, seed })));
			const xy = await runQaoa(sim, q, { mixer: 'xy', k: 4, layers: 5, seed: 1, shots: 500, evaluationsPerLayer: 150 });
			const reached = xy.byDepth.find((d) => d.approximationRatio >= 0.8);
			expect(reached, `seed ${seed}: ratios ${xy.byDepth.map((d) => d.approximationRatio.toFixed(3)).join(' ')}`).toBeDefined();
			expect(reached!.layers).toBeLessThanOrEqual(5);
			// Ratio rises with depth (each depth warm-starts from the last).
			for (let p = 1; p < xy.byDepth.length; p++) expect(xy.byDepth[p].approximationRatio).toBeGreaterThan(xy.byDepth[p - 1].approximationRatio - 1e-9);
			// Every sample is a valid 4-panel.
			expect(xy.validProbability).toBeCloseTo(1, 12);
			for (const m of xy.counts.keys()) expect(popcount(m)).toBe(4);
			expect(xy.qubits).toBe(12);
			if (seed === 3) continue;
			const pen = await runQaoa(sim, q, { mixer: 'x', k: 4, layers: 2, seed: 1, shots: 500, evaluationsPerLayer: 100 });
			expect(pen.approximationRatio).toBeLessThan(xy.byDepth[1].approximationRatio);
			expect(pen.validProbability).toBeLessThan(0.9);
		}
	}, 120_000);
});

describe('QAOA with the engine fusion pass', () => {
	it('fused and unfused circuits give the same figures (n = 10)', async () => {
		const q = panelQubo(panelObjective(syntheticCohort({ snps: 10, seed: 7, samples: 120 })));
		for (const mixer of ['xy', 'x'] as const) {
			const opts = { mixer, k: 3, layers: 2, seed: 4, shots: 50, evaluationsPerLayer: 30 };
			const plain = await runQaoa(sim, q, { ...opts, fusion: false });
			const fused = await runQaoa(sim, q, { ...opts, fusion: true });
			expect(fused.passes).toBeLessThanOrEqual(plain.passes);
			expect(fused.approximationRatio).toBeCloseTo(plain.approximationRatio, 10);
			expect(fused.successProbability).toBeCloseTo(plain.successProbability, 10);
			for (let t = 0; t < plain.subsetProbabilities.length; t++) expect(fused.subsetProbabilities[t]).toBeCloseTo(plain.subsetProbabilities[t], 10);
		}
	}, 60_000);
});
