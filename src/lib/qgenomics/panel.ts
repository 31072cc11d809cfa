/**
 * SNP panel selection: choose k of n SNPs that best explain a phenotype with little redundancy.
 *
 * The objective (pinned; the tests and `qenome panel` use exactly this):
 *   r_i  = |Pearson(dosage_i, phenotype)|,  R_ij = |Pearson(dosage_i, dosage_j)|,
 *   f(S) = Σ_{i∈S} r_i − α·Σ_{i<j∈S} R_ij   over |S| = k   (default α = 0.5),
 * with pairwise-complete observations and r = R = 0 for a constant column. As a QUBO over
 * x ∈ {0,1}^n: linear h_i = r_i, coupling J_ij = −α·R_ij, constraint Σx = k.
 *
 * Methods: exact enumeration (the optimum), simulated annealing with swap moves (|S| = k kept),
 * QAOA with the XY ring mixer from a Dicke state, and penalty QAOA with the X mixer (the contrast).
 */
import { binomial, emptyQubo, runQaoa, weightKMasks, type Qubo, type QaoaResult, type Simulator } from '../quantum/index';
import { seededUniform } from '../quantum/index';
import type { Cohort } from './cohort';
import { QGenomicsError } from './errors';
import { pearson } from './stats';

/** Default redundancy weight α. */
export const DEFAULT_ALPHA = 0.5;
/** Exact enumeration refuses more panels than this. */
export const MAX_EXACT_PANELS = 200_000_000;
/** Approximation ratios are computed (against exact enumeration) up to this many SNPs. */
export const MAX_RATIO_SNPS = 22;
/** QAOA is simulated up to this many SNPs (one qubit each). */
export const MAX_QAOA_SNPS = 26;

/** The panel objective's ingredients. */
export interface PanelObjective {
	n: number;
	alpha: number;
	snps: string[];
	/** r_i. */
	relevance: Float64Array;
	/** R_ij, row-major n×n, symmetric, zero diagonal. */
	redundancy: Float64Array;
}

/** Compute r and R from a cohort. */
export function panelObjective(cohort: Cohort, alpha = DEFAULT_ALPHA): PanelObjective {
	if (!Number.isFinite(alpha) || alpha < 0) throw new QGenomicsError('bad-option', `alpha must be a number ≥ 0, got ${alpha}`);
	const n = cohort.snps.length;
	const relevance = new Float64Array(n);
	const redundancy = new Float64Array(n * n);
	for (let i = 0; i < n; i++) relevance[i] = Math.abs(pearson(cohort.dosages[i], cohort.phenotype));
	for (let i = 0; i < n; i++)
		for (let j = i + 1; j < n; j++) {
			const v = Math.abs(pearson(cohort.dosages[i], cohort.dosages[j]));
			redundancy[i * n + j] = v;
			redundancy[j * n + i] = v;
		}
	return { n, alpha, snps: cohort.snps, relevance, redundancy };
}

/** f(S) for a list of SNP indices. */
export function panelValue(obj: PanelObjective, panel: readonly number[]): number {
	let v = 0;
	for (let a = 0; a < panel.length; a++) {
		v += obj.relevance[panel[a]];
		for (let b = a + 1; b < panel.length; b++) v -= obj.alpha * obj.redundancy[panel[a] * obj.n + panel[b]];
	}
	return v;
}

/** The objective as a QUBO to maximise (h = r, J = −α·R). */
export function panelQubo(obj: PanelObjective): Qubo {
	const q = emptyQubo(obj.n);
	q.linear.set(obj.relevance);
	for (let i = 0; i < obj.n; i++) for (let j = i + 1; j < obj.n; j++) q.quadratic[i * obj.n + j] = -obj.alpha * obj.redundancy[i * obj.n + j];
	return q;
}

/** Indices of the set bits of a mask. */
export function maskToPanel(mask: number, n: number): number[] {
	const out: number[] = [];
	for (let i = 0; i < n; i++) if ((mask >>> i) & 1) out.push(i);
	return out;
}

/** What exact enumeration finds. */
export interface ExactPanelResult {
	best: number[];
	optimum: number;
	/** The worst panel's value (the floor of the approximation ratio). */
	minimum: number;
	/** Mean f over all panels (what a random panel scores on average). */
	mean: number;
	/** Panels evaluated: C(n, k). */
	evaluations: number;
	/** The 10 best panels with their values. */
	top: { panel: number[]; value: number }[];
}

function checkK(n: number, k: number): void {
	if (!Number.isInteger(k) || k < 1 || k >= n) throw new QGenomicsError('bad-option', `k must be a whole number from 1 to ${n - 1} (there are ${n} SNPs), got ${k}`);
}

/**
 * Exact enumeration of every k-panel (lexicographic, f updated incrementally). Refuses more than
 * MAX_EXACT_PANELS panels. `onPanel` sees each panel's value (for distributions).
 */
export function exactPanel(obj: PanelObjective, k: number, onPanel?: (value: number) => void, signal?: AbortSignal): ExactPanelResult {
	const n = obj.n;
	checkK(n, k);
	const total = binomial(n, k);
	if (total > MAX_EXACT_PANELS)
		throw new QGenomicsError('too-large', `exact enumeration of ${total.toExponential(2)} panels is refused (limit ${MAX_EXACT_PANELS.toExponential(0)}); use --method anneal`);
	const idx: number[] = [];
	const partial: number[] = [0];
	let best = -Infinity;
	let bestPanel: number[] = [];
	let minimum = Infinity;
	let sum = 0;
	let count = 0;
	const top: { panel: number[]; value: number }[] = [];
	const rec = (from: number) => {
		const depth = idx.length;
		if (depth === k) {
			const v = partial[depth];
			count++;
			sum += v;
			if (v < minimum) minimum = v;
			if (v > best) {
				best = v;
				bestPanel = idx.slice();
			}
			if (top.length < 10 || v > top[top.length - 1].value) {
				top.push({ panel: idx.slice(), value: v });
				top.sort((a, b) => b.value - a.value);
				if (top.length > 10) top.pop();
			}
			onPanel?.(v);
			if ((count & 0xfffff) === 0 && signal?.aborted) throw new QGenomicsError('cancelled', 'the enumeration was cancelled');
			return;
		}
		for (let j = from; j <= n - (k - depth); j++) {
			let v = partial[depth] + obj.relevance[j];
			for (const i of idx) v -= obj.alpha * obj.redundancy[i * n + j];
			idx.push(j);
			partial[depth + 1] = v;
			rec(j + 1);
			idx.pop();
		}
	};
	rec(0);
	return { best: bestPanel, optimum: best, minimum, mean: sum / count, evaluations: count, top };
}

/** Options of annealPanel(). */
export interface AnnealOptions {
	/** Independent runs (default 20); the output distribution is their final panels. */
	restarts?: number;
	/** Swap moves per run (default 400·n). */
	steps?: number;
	seed?: number;
}

/** What annealing finds. */
export interface AnnealPanelResult {
	best: number[];
	value: number;
	/** Final (best-so-far) value of every run. */
	runValues: number[];
	/** Objective evaluations (one per proposed swap, plus one per start). */
	evaluations: number;
}

/**
 * Simulated annealing over k-panels with swap moves (one SNP out, one in: |S| = k always).
 * Metropolis acceptance, geometric cooling from the spread of r to 1/1000 of it; seeded.
 */
export function annealPanel(obj: PanelObjective, k: number, options: AnnealOptions = {}): AnnealPanelResult {
	const n = obj.n;
	checkK(n, k);
	const restarts = options.restarts ?? 20;
	const steps = options.steps ?? 400 * n;
	if (!Number.isInteger(restarts) || restarts < 1) throw new QGenomicsError('bad-option', `restarts must be a whole number ≥ 1, got ${restarts}`);
	const uniform = seededUniform(options.seed ?? 1);
	// Start hot enough to accept any single swap's typical loss: the largest term of f.
	let spread = 0;
	for (const r of obj.relevance) spread = Math.max(spread, Math.abs(r));
	for (const r of obj.redundancy) spread = Math.max(spread, Math.abs(obj.alpha * r));
	const t0 = Math.max(spread, 1e-6);
	const t1 = t0 * 1e-3;
	let best: number[] = [];
	let bestValue = -Infinity;
	const runValues: number[] = [];
	let evaluations = 0;
	for (let run = 0; run < restarts; run++) {
		// Random start: a seeded shuffle's first k.
		const perm = Array.from({ length: n }, (_, i) => i);
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(uniform() * (i + 1));
			[perm[i], perm[j]] = [perm[j], perm[i]];
		}
		const inside = perm.slice(0, k);
		const outside = perm.slice(k);
		let value = panelValue(obj, inside);
		evaluations++;
		let runBest = value;
		let runBestPanel = inside.slice();
		for (let s = 0; s < steps; s++) {
			const temp = t0 * (t1 / t0) ** (s / Math.max(1, steps - 1));
			const a = Math.floor(uniform() * k);
			const b = Math.floor(uniform() * (n - k));
			const out = inside[a];
			const inn = outside[b];
			let delta = obj.relevance[inn] - obj.relevance[out];
			for (let t = 0; t < k; t++) {
				if (t === a) continue;
				const m = inside[t];
				delta -= obj.alpha * (obj.redundancy[inn * n + m] - obj.redundancy[out * n + m]);
			}
			evaluations++;
			if (delta >= 0 || uniform() < Math.exp(delta / temp)) {
				inside[a] = inn;
				outside[b] = out;
				value += delta;
				if (value > runBest + 1e-15) {
					runBest = value;
					runBestPanel = inside.slice();
				}
			}
		}
		runBest = panelValue(obj, runBestPanel); // no drift from the running sum
		runValues.push(runBest);
		if (runBest > bestValue) {
			bestValue = runBest;
			best = runBestPanel;
		}
	}
	return { best: [...best].sort((x, y) => x - y), value: bestValue, runValues, evaluations };
}

/** A method of `qenome panel` and the page. */
export type PanelMethod = 'exact' | 'anneal' | 'qaoa' | 'qaoa-penalty';
/** Every method. */
export const PANEL_METHODS: readonly PanelMethod[] = ['exact', 'anneal', 'qaoa', 'qaoa-penalty'];

/** The summary `qenome panel --json` prints (fields exactly as issue #15 names them). */
export interface PanelSummary {
	method: PanelMethod;
	n: number;
	k: number;
	alpha: number;
	/** Column names of the best panel found (empty if a penalty-QAOA run sampled no valid panel). */
	selected: string[];
	/** f of the selected panel (null when none). */
	objective: number | null;
	/** The optimum (exact only). */
	optimum?: number;
	/** (E[f] − f_min)/(f_opt − f_min) over the method's outputs, vs exact; null above MAX_RATIO_SNPS SNPs. */
	approximationRatio: number | null;
	/** Probability that one shot is an optimal panel (QAOA only). */
	successProbability?: number;
	/** Objective evaluations (exact, anneal) or circuit evaluations by the angle optimiser (QAOA). */
	evaluations: number;
	seconds: number;
	/** Qubits simulated (0 for classical methods). */
	qubits: number;
}

/** Everything a page shows for one method's run. */
export interface PanelRun {
	summary: PanelSummary;
	/** Selected SNP indices. */
	selectedIndices: number[];
	/** f_opt and f_min over all panels when known (n ≤ MAX_RATIO_SNPS). */
	fOpt: number | null;
	fMin: number | null;
	/** Mean f over all panels (a random panel's expected score), when known. */
	fMean: number | null;
	/**
	 * The method's output distribution over panel values, weights summing to 1 (QAOA: exact output
	 * probabilities, invalid outputs left out; annealing: its runs; exact: every panel, i.e. a random pick).
	 */
	distribution: { value: number; weight: number }[];
	/** QAOA: gates, passes, depth curve, validity, threads. */
	quantum?: {
		mixer: 'xy' | 'x';
		layers: number;
		gates: number;
		passes: number;
		shots: number;
		threads: number;
		validProbability: number;
		byDepth: { layers: number; approximationRatio: number; successProbability: number; validProbability: number; evaluations: number }[];
	};
	/** The best panels (exact only), for the table. */
	top?: { snps: string[]; value: number }[];
}

/** Options of runPanel(). */
export interface PanelOptions {
	k: number;
	alpha?: number;
	method: PanelMethod;
	/** QAOA depth (default 3). */
	layers?: number;
	/** QAOA shots (default 1000) or annealing runs (default 20). */
	shots?: number;
	seed?: number;
	signal?: AbortSignal;
	onProgress?: (fraction: number, stage: string) => void;
}

/**
 * Run one panel method on a cohort. QAOA needs a simulator (the wasm engine); the classical
 * methods do not. Approximation ratios use exact enumeration when n ≤ MAX_RATIO_SNPS.
 */
export async function runPanel(cohort: Cohort, options: PanelOptions, simulator?: Simulator): Promise<PanelRun> {
	const t0 = performance.now();
	const alpha = options.alpha ?? DEFAULT_ALPHA;
	const obj = panelObjective(cohort, alpha);
	const { k, method } = options;
	const n = obj.n;
	checkK(n, k);
	if (!PANEL_METHODS.includes(method)) throw new QGenomicsError('bad-option', `method must be one of ${PANEL_METHODS.join(', ')}, got "${method}"`);
	const progress = options.onProgress ?? (() => {});
	const names = (p: number[]) => p.map((i) => obj.snps[i]);
	const base = { method, n, k, alpha };
	const reference = () => (n <= MAX_RATIO_SNPS ? exactPanel(obj, k, undefined, options.signal) : null);
	if (method === 'exact') {
		progress(0, 'Enumerating every panel');
		const values: number[] = [];
		const e = exactPanel(obj, k, (v) => void (values.length < MAX_HISTOGRAM_VALUES && values.push(v)), options.signal);
		return {
			summary: {
				...base,
				selected: names(e.best),
				objective: e.optimum,
				optimum: e.optimum,
				approximationRatio: 1,
				evaluations: e.evaluations,
				seconds: (performance.now() - t0) / 1000,
				qubits: 0
			},
			selectedIndices: e.best,
			fOpt: e.optimum,
			fMin: e.minimum,
			fMean: e.mean,
			// Every panel, equally weighted: what a panel picked at random scores (binned above 20 000 panels).
			distribution: panelHistogram(values, e.minimum, e.optimum),
			top: e.top.map((t) => ({ snps: names(t.panel), value: t.value }))
		};
	}
	if (method === 'anneal') {
		progress(0, 'Annealing');
		const a = annealPanel(obj, k, { restarts: options.shots ?? 20, seed: options.seed });
		const seconds = (performance.now() - t0) / 1000;
		const ref = reference();
		const mean = a.runValues.reduce((s, v) => s + v, 0) / a.runValues.length;
		return {
			summary: {
				...base,
				selected: names(a.best),
				objective: a.value,
				approximationRatio: ref ? ratio(mean, ref.minimum, ref.optimum) : null,
				evaluations: a.evaluations,
				seconds,
				qubits: 0
			},
			selectedIndices: a.best,
			fOpt: ref?.optimum ?? null,
			fMin: ref?.minimum ?? null,
			fMean: ref?.mean ?? null,
			distribution: a.runValues.map((value) => ({ value, weight: 1 / a.runValues.length }))
		};
	}
	if (!simulator) throw new QGenomicsError('bad-option', 'QAOA needs the simulation engine');
	if (n > MAX_QAOA_SNPS) throw new QGenomicsError('too-large', `QAOA needs one qubit per SNP: ${n} SNPs is more than the simulator's ${MAX_QAOA_SNPS} qubits`);
	const q: QaoaResult = await runQaoa(simulator, panelQubo(obj), {
		mixer: method === 'qaoa' ? 'xy' : 'x',
		k,
		layers: options.layers ?? 3,
		shots: options.shots ?? 1000,
		seed: options.seed,
		signal: options.signal,
		onProgress: options.onProgress
	});
	const selectedIndices = q.bestSampled ? maskToPanel(q.bestSampled.mask, n) : [];
	const masks = weightKMasks(n, k);
	const distribution: { value: number; weight: number }[] = [];
	q.subsetProbabilities.forEach((p, t) => {
		if (p > 1e-9) distribution.push({ value: panelValue(obj, maskToPanel(masks[t], n)), weight: p });
	});
	let fMean: number | null = null;
	if (n <= MAX_RATIO_SNPS) {
		let s = 0;
		for (const m of masks) s += panelValue(obj, maskToPanel(m, n));
		fMean = s / masks.length;
	}
	return {
		summary: {
			...base,
			selected: names(selectedIndices),
			objective: q.bestSampled?.value ?? null,
			approximationRatio: n <= MAX_RATIO_SNPS ? q.approximationRatio : null,
			successProbability: q.successProbability,
			evaluations: q.totalEvaluations,
			seconds: (performance.now() - t0) / 1000,
			qubits: q.qubits
		},
		selectedIndices,
		fOpt: q.fOpt,
		fMin: q.fMin,
		fMean,
		distribution,
		quantum: {
			mixer: q.mixer,
			layers: q.layers,
			gates: q.gates,
			passes: q.passes,
			shots: options.shots ?? 1000,
			threads: q.threads,
			validProbability: q.validProbability,
			byDepth: q.byDepth.map((d) => ({
				layers: d.layers,
				approximationRatio: d.approximationRatio,
				successProbability: d.successProbability,
				validProbability: d.validProbability,
				evaluations: d.evaluations
			}))
		}
	};
}

/** Panels kept for the random-panel distribution (a uniform sample beyond is not needed for a plot). */
const MAX_HISTOGRAM_VALUES = 1_000_000;

/** Equal-weight values, binned into 200 bins over [lo, hi] when there are more than 20 000. */
function panelHistogram(values: number[], lo: number, hi: number): { value: number; weight: number }[] {
	if (values.length <= 20_000) return values.map((value) => ({ value, weight: 1 / values.length }));
	const bins = 200;
	const w = (hi - lo) / bins || 1;
	const counts = new Float64Array(bins);
	for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]++;
	const out: { value: number; weight: number }[] = [];
	counts.forEach((c, b) => c && out.push({ value: lo + (b + 0.5) * w, weight: c / values.length }));
	return out;
}

/** (mean − min)/(opt − min), 1 when every panel scores the same. */
export function ratio(mean: number, min: number, opt: number): number {
	return opt - min > 1e-15 ? (mean - min) / (opt - min) : 1;
}
