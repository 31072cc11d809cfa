/**
 * Quantum-kernel classifier against classical baselines on the same split.
 *
 * Quantum kernel: the ZZ feature map (Havlíček et al. 2019) — per repetition, H on every qubit,
 * the phase e^{2i·x_j} on qubit j and e^{2i(π−x_i)(π−x_j)} on each pair whose bits differ — with
 * features x = λ·z (z-scores of the chosen SNPs' dosages, λ the bandwidth), simulated exactly on
 * the wasm engine; K(x, y) = |⟨ψ(x)|ψ(y)⟩|². An SVM (SMO) on it, beside an RBF-kernel SVM
 * (K = e^{−γ|x−y|²}) and L2 logistic regression on the same features and split. λ and γ are
 * chosen on a validation part of the training set; the whole sweep is reported.
 *
 * When the quantum kernel matrix is near-diagonal (mean off-diagonal entry < 0.1) every sample
 * looks unlike every other: the SVM can only memorise the training set, and the report warns.
 */
import { seededUniform, type EngineOp, type Simulator } from '../quantum/index';
import type { Cohort } from './cohort';
import { QGenomicsError } from './errors';
import { logisticFit } from './linalg';
import { pearson } from './stats';

/** Mean off-diagonal kernel entry below which the matrix counts as near-diagonal. */
export const NEAR_DIAGONAL_THRESHOLD = 0.1;
/** Most features (qubits) of the quantum kernel. */
export const MAX_KERNEL_FEATURES = 10;
/** Default bandwidths λ of the quantum kernel (feature scaling). */
export const DEFAULT_BANDWIDTHS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5];
/** Default RBF γ sweep. */
export const DEFAULT_GAMMAS = [0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** ZZ-feature-map state of one feature vector, as interleaved amplitudes (2·2^d). */
export function zzFeatureState(sim: Simulator, x: ArrayLike<number>, reps = 2): Float64Array {
	const d = x.length;
	const h = Math.SQRT1_2;
	const H = Float64Array.of(h, 0, h, 0, h, 0, -h, 0);
	const ops: EngineOp[] = [];
	for (let r = 0; r < reps; r++) {
		for (let q = 0; q < d; q++) ops.push({ kind: 'dense1', target: q, controls: [], m: H });
		for (let q = 0; q < d; q++) ops.push({ kind: 'diag', qubits: [q], d: Float64Array.of(1, 0, Math.cos(2 * x[q]), Math.sin(2 * x[q])) });
		for (let a = 0; a < d; a++)
			for (let b = a + 1; b < d; b++) {
				const th = 2 * (Math.PI - x[a]) * (Math.PI - x[b]);
				const c = Math.cos(th);
				const s = Math.sin(th);
				ops.push({ kind: 'diag', qubits: [a, b], d: Float64Array.of(1, 0, c, s, c, s, 1, 0) });
			}
	}
	sim.engine.reset(d);
	sim.engine.apply(ops);
	return sim.engine.amplitudes();
}

/** |⟨a|b⟩|² of two interleaved state vectors. */
export function fidelity(a: Float64Array, b: Float64Array): number {
	let re = 0;
	let im = 0;
	for (let i = 0; i < a.length; i += 2) {
		re += a[i] * b[i] + a[i + 1] * b[i + 1];
		im += a[i] * b[i + 1] - a[i + 1] * b[i];
	}
	return re * re + im * im;
}

/** A trained kernel SVM: dual coefficients αᵢyᵢ and bias. */
interface Svm {
	coef: Float64Array;
	bias: number;
}

/** Train a soft-margin SVM on a precomputed kernel (rows/cols = training samples; y ∈ {−1, 1}) by simplified SMO, seeded. */
export function trainSvm(k: (i: number, j: number) => number, y: Int8Array, c = 1, seed = 1): Svm {
	const n = y.length;
	const alpha = new Float64Array(n);
	let b = 0;
	const uniform = seededUniform(seed);
	const f = (i: number) => {
		let s = b;
		for (let t = 0; t < n; t++) if (alpha[t]) s += alpha[t] * y[t] * k(t, i);
		return s;
	};
	const tol = 1e-3;
	let passes = 0;
	let sweeps = 0;
	while (passes < 3 && sweeps < 200) {
		sweeps++;
		let changed = 0;
		for (let i = 0; i < n; i++) {
			const ei = f(i) - y[i];
			if (!((y[i] * ei < -tol && alpha[i] < c) || (y[i] * ei > tol && alpha[i] > 0))) continue;
			let j = Math.floor(uniform() * (n - 1));
			if (j >= i) j++;
			const ej = f(j) - y[j];
			const ai = alpha[i];
			const aj = alpha[j];
			const lo = y[i] !== y[j] ? Math.max(0, aj - ai) : Math.max(0, ai + aj - c);
			const hi = y[i] !== y[j] ? Math.min(c, c + aj - ai) : Math.min(c, ai + aj);
			if (lo >= hi) continue;
			const eta = 2 * k(i, j) - k(i, i) - k(j, j);
			if (eta >= 0) continue;
			let ajNew = aj - (y[j] * (ei - ej)) / eta;
			ajNew = Math.min(hi, Math.max(lo, ajNew));
			if (Math.abs(ajNew - aj) < 1e-7) continue;
			const aiNew = ai + y[i] * y[j] * (aj - ajNew);
			const b1 = b - ei - y[i] * (aiNew - ai) * k(i, i) - y[j] * (ajNew - aj) * k(i, j);
			const b2 = b - ej - y[i] * (aiNew - ai) * k(i, j) - y[j] * (ajNew - aj) * k(j, j);
			alpha[i] = aiNew;
			alpha[j] = ajNew;
			b = aiNew > 0 && aiNew < c ? b1 : ajNew > 0 && ajNew < c ? b2 : (b1 + b2) / 2;
			changed++;
		}
		passes = changed ? 0 : passes + 1;
	}
	return { coef: alpha.map((a, t) => a * y[t]), bias: b };
}

/** One setting of a sweep. */
export interface SweepPoint {
	/** λ (quantum) or γ (RBF). */
	bandwidth: number;
	validationAccuracy: number;
	/** Test accuracy when trained on the whole training set with this setting (shown for the curve). */
	testAccuracy: number;
	/** Mean off-diagonal training-kernel entry, and whether that is near-diagonal. */
	meanOffDiagonal: number;
	nearDiagonal: boolean;
}

/** What kernelStudy() reports. */
export interface KernelReport {
	features: string[];
	qubits: number;
	trainSize: number;
	testSize: number;
	/** Accuracy of always predicting the training set's majority class. */
	majorityAccuracy: number;
	quantum: { sweep: SweepPoint[]; chosen: number; testAccuracy: number; nearDiagonal: boolean; circuits: number };
	rbf: { sweep: SweepPoint[]; chosen: number; testAccuracy: number };
	logistic: { testAccuracy: number };
	/** Plain-language warnings (near-diagonal kernel …). */
	warnings: string[];
	seconds: number;
}

/** Options of kernelStudy(). */
export interface KernelOptions {
	/** Features = the most relevant SNPs on the training set (default 4; at most MAX_KERNEL_FEATURES). */
	features?: number;
	bandwidths?: number[];
	gammas?: number[];
	/** Fraction held out for testing (default 0.3). */
	testFraction?: number;
	seed?: number;
	signal?: AbortSignal;
	onProgress?: (fraction: number, stage: string) => void;
}

/** Run the quantum-kernel SVM, RBF SVM and logistic regression on one seeded split of a 0/1-phenotype cohort. */
export async function kernelStudy(cohort: Cohort, sim: Simulator, options: KernelOptions = {}): Promise<KernelReport> {
	const t0 = performance.now();
	const d = options.features ?? 4;
	if (!Number.isInteger(d) || d < 1 || d > Math.min(MAX_KERNEL_FEATURES, cohort.snps.length))
		throw new QGenomicsError('bad-option', `features must be from 1 to ${Math.min(MAX_KERNEL_FEATURES, cohort.snps.length)}, got ${d}`);
	for (const p of cohort.phenotype)
		if (p !== 0 && p !== 1) throw new QGenomicsError('bad-option', 'the classifier needs a case/control phenotype (0 or 1)');
	const progress = options.onProgress ?? (() => {});
	const uniform = seededUniform(options.seed ?? 1);
	const order = Array.from({ length: cohort.samples }, (_, i) => i);
	for (let i = order.length - 1; i > 0; i--) {
		const j = Math.floor(uniform() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	const nTest = Math.max(1, Math.round(cohort.samples * (options.testFraction ?? 0.3)));
	const test = order.slice(0, nTest);
	const train = order.slice(nTest);
	if (train.length < 8) throw new QGenomicsError('too-few-samples', 'the classifier needs at least 8 training samples');
	// Feature choice and scaling from the training set only (no peeking at the test set).
	const pick = (col: Float64Array, rows: number[]) => Float64Array.from(rows, (r) => col[r]);
	const yTrain = pick(cohort.phenotype, train);
	const relevance = cohort.dosages.map((col) => Math.abs(pearson(pick(col, train), yTrain)));
	const chosen = relevance
		.map((r, j) => [r, j] as const)
		.sort((a, b) => b[0] - a[0] || a[1] - b[1])
		.slice(0, d)
		.map(([, j]) => j);
	const stats = chosen.map((j) => {
		const v = Array.from(pick(cohort.dosages[j], train)).filter((x) => !Number.isNaN(x));
		const mean = v.reduce((s, x) => s + x, 0) / Math.max(1, v.length);
		const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / Math.max(1, v.length - 1)) || 1;
		return { mean, sd };
	});
	const z = (s: number) => chosen.map((j, t) => {
		const v = cohort.dosages[j][s];
		return Number.isNaN(v) ? 0 : (v - stats[t].mean) / stats[t].sd;
	});
	const all = [...train, ...test];
	const features = new Map(all.map((s) => [s, z(s)]));
	const label = (s: number) => (cohort.phenotype[s] === 1 ? 1 : -1);
	// Validation: the last quarter of the training set.
	const nVal = Math.max(2, Math.floor(train.length / 4));
	const fit = train.slice(0, train.length - nVal);
	const val = train.slice(train.length - nVal);

	const accuracyOf = (kernel: (a: number, b: number) => number, trainRows: number[], evalRows: number[]) => {
		const y = Int8Array.from(trainRows, label);
		const m = trainRows.length;
		const local = new Float64Array(m * m);
		for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) local[i * m + j] = kernel(trainRows[i], trainRows[j]);
		const svm = trainSvm((i, j) => local[i * m + j], y, 1, options.seed ?? 1);
		let right = 0;
		for (const s of evalRows) {
			let v = svm.bias;
			for (let t = 0; t < trainRows.length; t++) if (svm.coef[t]) v += svm.coef[t] * kernel(trainRows[t], s);
			if ((v >= 0 ? 1 : -1) === label(s)) right++;
		}
		return right / evalRows.length;
	};
	const meanOff = (kernel: (a: number, b: number) => number) => {
		let s = 0;
		let c = 0;
		for (let i = 0; i < train.length; i++)
			for (let j = i + 1; j < train.length; j++) {
				s += kernel(train[i], train[j]);
				c++;
			}
		return c ? s / c : 0;
	};
	const sweep = async (settings: number[], make: (w: number) => Promise<(a: number, b: number) => number>, stage: string, base: number) => {
		const out: SweepPoint[] = [];
		for (let t = 0; t < settings.length; t++) {
			progress(base + (0.45 * t) / settings.length, stage);
			await new Promise((r) => setTimeout(r, 0));
			if (options.signal?.aborted) throw new QGenomicsError('cancelled', 'the classifier study was cancelled');
			const kernel = await make(settings[t]);
			const m = meanOff(kernel);
			out.push({
				bandwidth: settings[t],
				validationAccuracy: accuracyOf(kernel, fit, val),
				testAccuracy: accuracyOf(kernel, train, test),
				meanOffDiagonal: m,
				nearDiagonal: m < NEAR_DIAGONAL_THRESHOLD
			});
		}
		return out;
	};
	// Kernels are evaluated once per setting into a Gram matrix over every sample (train + test).
	const position = new Map(all.map((s, i) => [s, i]));
	const N = all.length;
	const gram = (entry: (i: number, j: number) => number) => {
		const g = new Float64Array(N * N);
		for (let i = 0; i < N; i++) {
			g[i * N + i] = entry(i, i);
			for (let j = i + 1; j < N; j++) g[i * N + j] = g[j * N + i] = entry(i, j);
		}
		return (a: number, b: number) => g[position.get(a)! * N + position.get(b)!];
	};
	let circuits = 0;
	const quantumKernel = async (lambda: number) => {
		const states = all.map((s) => {
			circuits++;
			return zzFeatureState(sim, features.get(s)!.map((v) => lambda * v));
		});
		return gram((i, j) => (i === j ? 1 : fidelity(states[i], states[j])));
	};
	const rbfKernel = async (gamma: number) => {
		const rows = all.map((s) => features.get(s)!);
		return gram((i, j) => {
			let s = 0;
			for (let t = 0; t < d; t++) s += (rows[i][t] - rows[j][t]) ** 2;
			return Math.exp(-gamma * s);
		});
	};
	const qSweep = await sweep(options.bandwidths ?? DEFAULT_BANDWIDTHS, quantumKernel, 'Quantum kernel sweep', 0);
	const rSweep = await sweep(options.gammas ?? DEFAULT_GAMMAS, rbfKernel, 'RBF kernel sweep', 0.45);
	const best = (s: SweepPoint[]) => s.reduce((a, b) => (b.validationAccuracy > a.validationAccuracy ? b : a));
	const qBest = best(qSweep);
	const rBest = best(rSweep);
	progress(0.92, 'Logistic regression');
	const lr = logisticFit(train.map((s) => features.get(s)!), train.map((s) => cohort.phenotype[s]), null, 1);
	let lrRight = 0;
	for (const s of test) {
		const x = features.get(s)!;
		let eta = lr.beta[0];
		for (let t = 0; t < d; t++) eta += lr.beta[t + 1] * x[t];
		if ((eta >= 0 ? 1 : 0) === cohort.phenotype[s]) lrRight++;
	}
	const cases = train.filter((s) => cohort.phenotype[s] === 1).length;
	const majority = cases * 2 >= train.length ? 1 : 0;
	const warnings: string[] = [];
	if (qBest.nearDiagonal)
		warnings.push(
			`At the chosen bandwidth λ = ${qBest.bandwidth} the quantum kernel matrix is near-diagonal (mean off-diagonal ${qBest.meanOffDiagonal.toFixed(3)}): every sample looks unlike every other, so the SVM can only memorise the training set.`
		);
	const nearCount = qSweep.filter((p) => p.nearDiagonal).length;
	if (nearCount && !qBest.nearDiagonal)
		warnings.push(`${nearCount} of ${qSweep.length} quantum-kernel bandwidths give a near-diagonal kernel matrix (only memorisation is possible there).`);
	progress(1, 'Done');
	return {
		features: chosen.map((j) => cohort.snps[j]),
		qubits: d,
		trainSize: train.length,
		testSize: test.length,
		majorityAccuracy: test.filter((s) => cohort.phenotype[s] === majority).length / test.length,
		quantum: { sweep: qSweep, chosen: qBest.bandwidth, testAccuracy: qBest.testAccuracy, nearDiagonal: qBest.nearDiagonal, circuits },
		rbf: { sweep: rSweep, chosen: rBest.bandwidth, testAccuracy: rBest.testAccuracy },
		logistic: { testAccuracy: lrRight / test.length },
		warnings,
		seconds: (performance.now() - t0) / 1000
	};
}
