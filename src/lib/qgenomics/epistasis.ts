/**
 * Epistasis (SNP × SNP interaction) search on a case/control cohort.
 *
 * Baseline: for every pair, a logistic-model likelihood-ratio test of interaction on the 3×3×2
 * table (genotype of SNP a × genotype of SNP b × case/control): the saturated model (one risk
 * per genotype combination) against the additive model (main effects of each SNP as 3-level
 * factors). With all 9 cells present that is 4 degrees of freedom.
 *
 * Quantum route: a QUBO over SNPs, maximise Σ_{i<j} w_ij x_i x_j with Σx = 2 and w_ij the pair
 * statistic (scaled to max 1), solved by XY-QAOA from the Dicke state |D^n_2⟩ and by annealing.
 * Its weights ARE the exhaustive pairwise statistics, so it can only re-find the pair the baseline
 * already ranked first — the report says so and checks it.
 */
import { runQaoa, type Simulator } from '../quantum/index';
import type { Cohort } from './cohort';
import { QGenomicsError } from './errors';
import { logisticFit } from './linalg';
import { annealPanel, maskToPanel, MAX_QAOA_SNPS, type PanelObjective } from './panel';
import { chiSquareTail } from './stats';

/** One pair's interaction test. */
export interface PairStatistic {
	a: string;
	b: string;
	/** Likelihood-ratio statistic (saturated vs additive logistic model). */
	statistic: number;
	df: number;
	p: number;
	/** p × number of pairs, capped at 1. */
	pBonferroni: number;
}

/** Interaction test of SNPs i and j (dosages rounded to genotypes 0/1/2; rows with either missing skipped). */
export function pairInteraction(cohort: Cohort, i: number, j: number): { statistic: number; df: number; p: number } {
	const cases = new Float64Array(9);
	const controls = new Float64Array(9);
	const da = cohort.dosages[i];
	const db = cohort.dosages[j];
	for (let s = 0; s < cohort.samples; s++) {
		if (Number.isNaN(da[s]) || Number.isNaN(db[s])) continue;
		const cell = Math.round(da[s]) * 3 + Math.round(db[s]);
		if (cohort.phenotype[s] === 1) cases[cell]++;
		else controls[cell]++;
	}
	let llSat = 0;
	let cells = 0;
	const levelsA = new Set<number>();
	const levelsB = new Set<number>();
	for (let c = 0; c < 9; c++) {
		const n = cases[c] + controls[c];
		if (!n) continue;
		cells++;
		levelsA.add(Math.floor(c / 3));
		levelsB.add(c % 3);
		if (cases[c]) llSat += cases[c] * Math.log(cases[c] / n);
		if (controls[c]) llSat += controls[c] * Math.log(controls[c] / n);
	}
	const df = cells - (1 + (levelsA.size - 1) + (levelsB.size - 1));
	if (df < 1) return { statistic: 0, df: 0, p: 1 };
	const rows: number[][] = [];
	const y: number[] = [];
	const w: number[] = [];
	for (let c = 0; c < 9; c++) {
		const ga = Math.floor(c / 3);
		const gb = c % 3;
		const x = [ga === 1 ? 1 : 0, ga === 2 ? 1 : 0, gb === 1 ? 1 : 0, gb === 2 ? 1 : 0];
		if (cases[c]) {
			rows.push(x);
			y.push(1);
			w.push(cases[c]);
		}
		if (controls[c]) {
			rows.push(x);
			y.push(0);
			w.push(controls[c]);
		}
	}
	const add = logisticFit(rows, y, w, 1e-6);
	const statistic = Math.max(0, 2 * (llSat - add.logLikelihood));
	return { statistic, df, p: chiSquareTail(statistic, df) };
}

/** What epistasisSearch() reports. */
export interface EpistasisReport {
	snps: number;
	/** Pairs tested exhaustively: C(n, 2). */
	pairsTested: number;
	/** The 10 strongest pairs, strongest first. */
	top: PairStatistic[];
	/** The planted pair of a synthetic cohort, its rank among all pairs (1 = top), and whether the top pair is it. */
	planted: { pair: [string, string]; rank: number; found: boolean } | null;
	/** The QUBO route (null when the cohort has more SNPs than the simulator has qubits). */
	qubo: {
		/** Pair the QUBO's optimum selects (= the exhaustive top pair, by construction). */
		optimum: [string, string];
		/** True when the QUBO optimum is the exhaustive top pair: it re-encodes what was computed. */
		reencodesBaseline: boolean;
		/** Statistics that had to be computed before the QUBO could be written. */
		statisticsNeeded: number;
		qaoa: { pair: [string, string] | null; layers: number; qubits: number; approximationRatio: number; successProbability: number; evaluations: number; seconds: number };
		anneal: { pair: [string, string]; evaluations: number };
	} | null;
	seconds: number;
}

/** Options of epistasisSearch(). */
export interface EpistasisOptions {
	/** QAOA depth (default 3). */
	layers?: number;
	seed?: number;
	signal?: AbortSignal;
	onProgress?: (fraction: number, stage: string) => void;
}

/**
 * Exhaustive pairwise interaction tests, then the QUBO over pairs solved by XY-QAOA (if a simulator
 * is given and n ≤ MAX_QAOA_SNPS) and annealing. Needs a 0/1 phenotype.
 */
export async function epistasisSearch(cohort: Cohort, options: EpistasisOptions = {}, simulator?: Simulator): Promise<EpistasisReport> {
	const t0 = performance.now();
	for (const p of cohort.phenotype)
		if (p !== 0 && p !== 1) throw new QGenomicsError('bad-option', 'the epistasis search needs a case/control phenotype (0 or 1)');
	const n = cohort.snps.length;
	const progress = options.onProgress ?? (() => {});
	const stats: PairStatistic[] = [];
	const w = new Float64Array(n * n);
	const pairs = (n * (n - 1)) / 2;
	let done = 0;
	let lastYield = performance.now();
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) {
			const r = pairInteraction(cohort, i, j);
			w[i * n + j] = w[j * n + i] = r.statistic;
			stats.push({ a: cohort.snps[i], b: cohort.snps[j], statistic: r.statistic, df: r.df, p: r.p, pBonferroni: Math.min(1, r.p * pairs) });
			done++;
			if (performance.now() - lastYield > 40) {
				progress((0.5 * done) / pairs, 'Testing every pair');
				await new Promise((res) => setTimeout(res, 0));
				lastYield = performance.now();
				if (options.signal?.aborted) throw new QGenomicsError('cancelled', 'the epistasis search was cancelled');
			}
		}
	const ranked = [...stats].sort((x, y) => y.statistic - x.statistic);
	let planted: EpistasisReport['planted'] = null;
	const pp = cohort.planted?.epistaticPair;
	if (pp) {
		const key = [...pp].sort().join('|');
		const rank = ranked.findIndex((s) => [s.a, s.b].sort().join('|') === key) + 1;
		planted = { pair: pp, rank, found: rank === 1 };
	}
	let qubo: EpistasisReport['qubo'] = null;
	if (simulator && n <= MAX_QAOA_SNPS && n >= 3) {
		const max = Math.max(...stats.map((s) => s.statistic)) || 1;
		const obj: PanelObjective = {
			n,
			alpha: 1,
			snps: cohort.snps,
			relevance: new Float64Array(n),
			// f(S) = −α·ΣR = Σ w: the redundancy slot carries −w so the panel machinery maximises Σ w.
			redundancy: w.map((v) => -v / max)
		};
		const q = {
			n,
			constant: 0,
			linear: new Float64Array(n),
			quadratic: w.map((v, idx) => (Math.floor(idx / n) < idx % n ? v / max : 0))
		};
		progress(0.5, 'QAOA on the pair QUBO');
		const res = await runQaoa(simulator, q, {
			mixer: 'xy',
			k: 2,
			layers: options.layers ?? 3,
			seed: options.seed,
			shots: 1000,
			signal: options.signal,
			onProgress: (f, stage) => progress(0.5 + 0.45 * f, stage)
		});
		const name = (idx: number[]) => [cohort.snps[idx[0]], cohort.snps[idx[1]]] as [string, string];
		const top = ranked[0];
		const a = annealPanel(obj, 2, { seed: options.seed, restarts: 10 });
		const optimumPair: [string, string] = [top.a, top.b];
		const qp = res.bestSampled ? name(maskToPanel(res.bestSampled.mask, n)) : null;
		qubo = {
			optimum: optimumPair,
			reencodesBaseline: true,
			statisticsNeeded: pairs,
			qaoa: {
				pair: qp,
				layers: res.layers,
				qubits: n,
				approximationRatio: res.approximationRatio,
				successProbability: res.successProbability,
				evaluations: res.totalEvaluations,
				seconds: res.seconds
			},
			anneal: { pair: name(a.best), evaluations: a.evaluations }
		};
		// The QUBO's optimum (its best 2-subset) is, by construction, the top pair; check it holds.
		let bestMask = 0;
		let bestValue = -Infinity;
		for (let i = 0; i < n; i++)
			for (let j = i + 1; j < n; j++)
				if (q.quadratic[i * n + j] > bestValue) {
					bestValue = q.quadratic[i * n + j];
					bestMask = (1 << i) | (1 << j);
				}
		const quboPair = name(maskToPanel(bestMask, n));
		qubo.optimum = quboPair;
		qubo.reencodesBaseline = [...quboPair].sort().join('|') === [top.a, top.b].sort().join('|');
	}
	progress(1, 'Done');
	return { snps: n, pairsTested: pairs, top: ranked.slice(0, 10), planted, qubo, seconds: (performance.now() - t0) / 1000 };
}
