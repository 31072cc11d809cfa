/**
 * QAOA (the quantum approximate optimisation algorithm) on the wasm engine, for binary problems
 * written as a QUBO to be MAXIMISED: f(x) = c + Σ_i h_i x_i + Σ_{i<j} J_ij x_i x_j, x ∈ {0,1}^n.
 *
 * Two flavours:
 * - **XY-QAOA** (constraint preserving): start in the Dicke state |D^n_k⟩ (the equal superposition
 *   of every bitstring with exactly k ones), alternate the cost phase e^{−iγ f} with the XY ring
 *   mixer Π e^{−iβ(X_iX_{i+1} + Y_iY_{i+1})/2}. Both conserve the number of ones, so every sample
 *   is a valid k-subset.
 * - **Penalty QAOA** (the textbook contrast): start in |+⟩^n, phase with f − λ(Σx − k)², mix with
 *   Π e^{−iβX_i}. Samples with the wrong number of ones are invalid.
 *
 * Gates are lowered straight to engine ops (no QASM): the cost phase is a product of diagonals on
 * ≤ 6 qubits (pairs of 3-qubit blocks), each XY edge one dense 2-qubit op, each X rotation one
 * dense 1-qubit op, the Dicke preparation (Bärtschi & Eidenbenz 2019, "Deterministic preparation
 * of Dicke states") CX and (doubly) controlled RY ops. Ops run on the simulator's engine and, from
 * 14 qubits, on its thread runner when it has one.
 *
 * Honest cost: a state-vector simulation evaluates f on all 2^n basis states to build the phase,
 * so it always does at least the work of brute force — this module is for studying the
 * algorithm, never a speed-up.
 */
import type { Engine } from './engine';
import { fuse } from './fusion';
import { QuantumError } from './errors';
import type { Dense1Op, Dense2Op, DiagOp, EngineOp } from './ops';
import { seededUniform, type Uniform } from './rng';
import { FUSION_MIN_QUBITS, type Simulator } from './simulate';

/** A QUBO to maximise: f(x) = constant + Σ linear[i]·x_i + Σ_{i<j} quadratic[i·n + j]·x_i·x_j. */
export interface Qubo {
	n: number;
	constant: number;
	linear: Float64Array;
	/** Row-major n×n; only entries with i < j are read. */
	quadratic: Float64Array;
}

/** Make an all-zero QUBO on n variables. */
export function emptyQubo(n: number): Qubo {
	return { n, constant: 0, linear: new Float64Array(n), quadratic: new Float64Array(n * n) };
}

/** f(x) for a bitmask x (bit i = variable i). */
export function quboValue(q: Qubo, x: number): number {
	let v = q.constant;
	for (let i = 0; i < q.n; i++) {
		if (!((x >>> i) & 1)) continue;
		v += q.linear[i];
		for (let j = i + 1; j < q.n; j++) if ((x >>> j) & 1) v += q.quadratic[i * q.n + j];
	}
	return v;
}

/** Every n-bit mask with exactly k ones, in increasing order (Gosper's hack). */
export function weightKMasks(n: number, k: number): Uint32Array {
	if (k < 0 || k > n) return new Uint32Array(0);
	const out = new Uint32Array(binomial(n, k));
	if (k === 0) return out;
	let x = 2 ** k - 1;
	const limit = 2 ** n;
	for (let t = 0; t < out.length; t++) {
		out[t] = x;
		const c = x & -x;
		const r = x + c;
		x = ((((r ^ x) >>> 2) / c) | r) >>> 0;
		if (x >= limit) break;
	}
	return out;
}

/** C(n, k) as a double (exact up to 2^53). */
export function binomial(n: number, k: number): number {
	if (k < 0 || k > n) return 0;
	k = Math.min(k, n - k);
	let v = 1;
	for (let i = 1; i <= k; i++) v = (v * (n - k + i)) / i;
	return Math.round(v);
}

/** f on all 2^n basis states (index = bitmask), built incrementally: O(2^n · n). */
export function quboTable(q: Qubo): Float64Array {
	const size = 2 ** q.n;
	const t = new Float64Array(size);
	t[0] = q.constant;
	for (let x = 1; x < size; x++) {
		const b = 31 - Math.clz32(x & -x);
		const rest = x & (x - 1);
		let v = t[rest] + q.linear[b];
		for (let r = rest; r; r &= r - 1) {
			const j = 31 - Math.clz32(r & -r);
			v += b < j ? q.quadratic[b * q.n + j] : q.quadratic[j * q.n + b];
		}
		t[x] = v;
	}
	return t;
}

const ryMatrix = (theta: number) => {
	const c = Math.cos(theta / 2);
	const s = Math.sin(theta / 2);
	return Float64Array.of(c, 0, -s, 0, s, 0, c, 0);
};
const X_MATRIX = Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0);
const H_MATRIX = Float64Array.of(Math.SQRT1_2, 0, Math.SQRT1_2, 0, Math.SQRT1_2, 0, -Math.SQRT1_2, 0);

/** Engine ops of a circuit plus the count of elementary gates it stands for. */
export interface OpList {
	ops: EngineOp[];
	/** Elementary gates (X, CX, CRY, CCRY, RZZ-type phase, XY, RX …) the ops implement. */
	gates: number;
}

/**
 * Ops preparing the Dicke state |D^n_k⟩ from |0…0⟩: X on the top k qubits, then the
 * split-and-cyclic-shift unitaries SCS_{ℓ,min(k,ℓ−1)} for ℓ = n … 2 (Bärtschi & Eidenbenz 2019).
 * Paper qubit j (1-based) is our qubit j − 1. Gates: O(n·k).
 */
export function dickeStateOps(n: number, k: number): OpList {
	if (!Number.isInteger(n) || !Number.isInteger(k) || k < 0 || k > n || n < 1)
		throw new QuantumError('bad-option', `a Dicke state needs 0 ≤ k ≤ n, got n = ${n}, k = ${k}`);
	const ops: EngineOp[] = [];
	for (let q = n - k; q < n; q++) ops.push({ kind: 'dense1', target: q, controls: [], m: X_MATRIX });
	const cx = (c: number, t: number): Dense1Op => ({ kind: 'dense1', target: t, controls: [c], m: X_MATRIX });
	for (let l = n; l >= 2; l--) {
		const kk = Math.min(k, l - 1);
		if (kk < 1) continue;
		// SCS_{l,kk} on paper qubits l−kk … l (ours l−kk−1 … l−1).
		const last = l - 1;
		// Two-qubit block on (l−1, l).
		ops.push(cx(last - 1, last));
		ops.push({ kind: 'dense1', target: last - 1, controls: [last], m: ryMatrix(2 * Math.acos(Math.sqrt(1 / l))) });
		ops.push(cx(last - 1, last));
		// Three-qubit blocks on (l−i, l−i+1, l) for i = 2 … kk.
		for (let i = 2; i <= kk; i++) {
			const a = l - i - 1;
			ops.push(cx(a, last));
			ops.push({ kind: 'dense1', target: a, controls: [last, a + 1], m: ryMatrix(2 * Math.acos(Math.sqrt(i / l))) });
			ops.push(cx(a, last));
		}
	}
	return { ops, gates: ops.length };
}

/** Ops for |+⟩^n from |0…0⟩. */
export function uniformStateOps(n: number): OpList {
	const ops: EngineOp[] = [];
	for (let q = 0; q < n; q++) ops.push({ kind: 'dense1', target: q, controls: [], m: H_MATRIX });
	return { ops, gates: n };
}

/**
 * The ring edges in the order the mixer applies them — even positions, odd positions, then the
 * closing edge — for qubits placed around the ring in `order` (default 0, 1, …, n − 1).
 */
export function ringEdges(n: number, order?: readonly number[]): [number, number][] {
	const at = order ?? Array.from({ length: n }, (_, i) => i);
	if (at.length !== n || new Set(at).size !== n || at.some((q) => !Number.isInteger(q) || q < 0 || q >= n))
		throw new QuantumError('bad-option', `a ring order must list each of the ${n} qubits once`);
	if (n < 2) return [];
	if (n === 2) return [[at[0], at[1]]];
	const even: [number, number][] = [];
	const odd: [number, number][] = [];
	for (let i = 0; i + 1 < n; i++) (i % 2 ? odd : even).push([at[i], at[i + 1]]);
	return [...even, ...odd, [at[n - 1], at[0]]];
}

/**
 * A ring placement that spreads the promising variables out: rank variables by their linear
 * coefficient, deal them round-robin into k arcs of the ring (filling each arc from both ends
 * inwards), so each of the k ones of the Dicke state has a strong candidate within a few swaps.
 * On the seeded panel instances this raised XY-QAOA's ratio at p = 5 by ~0.03–0.05 over the
 * identity order (docs/benchmarks.md).
 */
export function spreadRing(linear: ArrayLike<number>, k: number): number[] {
	const n = linear.length;
	const ranked = Array.from({ length: n }, (_, i) => i).sort((a, b) => linear[b] - linear[a] || a - b);
	const arc = Math.ceil(n / k);
	const slots: (number | undefined)[] = new Array(arc * k);
	ranked.forEach((v, t) => {
		const g = t % k;
		const w = Math.floor(t / k);
		slots[g * arc + (w % 2 ? arc - 1 - Math.floor(w / 2) : Math.floor(w / 2))] = v;
	});
	return slots.filter((v): v is number => v !== undefined);
}

/**
 * The XY ring mixer for angle β: e^{−iβ(XX+YY)/2} on every ring edge. On (|01⟩, |10⟩) each edge
 * acts as [[cos β, −i sin β], [−i sin β, cos β]]; |00⟩ and |11⟩ are unchanged — so the number of
 * ones is conserved exactly.
 */
export function xyMixerOps(n: number, beta: number, ring?: readonly number[]): OpList {
	const c = Math.cos(beta);
	const s = Math.sin(beta);
	const m = new Float64Array(32);
	m[0] = 1; // (0,0)
	m[2 * 5] = c; // (1,1)
	m[2 * 6 + 1] = -s; // (1,2)
	m[2 * 9 + 1] = -s; // (2,1)
	m[2 * 10] = c; // (2,2)
	m[2 * 15] = 1; // (3,3)
	const ops: Dense2Op[] = [];
	for (const [a, b] of ringEdges(n, ring)) ops.push({ kind: 'dense2', q0: a, q1: b, controls: [], m });
	return { ops, gates: ops.length };
}

/** The standard X mixer for angle β: e^{−iβX} (= RX(2β)) on every qubit. */
export function xMixerOps(n: number, beta: number): OpList {
	const c = Math.cos(beta);
	const s = Math.sin(beta);
	const m = Float64Array.of(c, 0, 0, -s, 0, -s, c, 0);
	const ops: Dense1Op[] = [];
	for (let q = 0; q < n; q++) ops.push({ kind: 'dense1', target: q, controls: [], m });
	return { ops, gates: n };
}

/**
 * The cost phase e^{−iγ·(f(x) − constant)} as diagonal ops on ≤ 6 qubits. Qubits are cut into
 * blocks of 3; one diagonal per pair of blocks carries the couplings between them (and the
 * blocks' own terms on the first diagonal each block appears in). Gates counted: one phase
 * gate per non-zero linear term and one ZZ-type gate per non-zero coupling.
 */
export function costPhaseOps(q: Qubo, gamma: number): OpList {
	const n = q.n;
	const blocks: number[][] = [];
	for (let i = 0; i < n; i += 3) blocks.push(Array.from({ length: Math.min(3, n - i) }, (_, j) => i + j));
	const pairs: [number, number][] = [];
	if (blocks.length === 1) pairs.push([0, 0]);
	for (let a = 0; a < blocks.length; a++) for (let b = a + 1; b < blocks.length; b++) pairs.push([a, b]);
	const ownDone = new Uint8Array(blocks.length);
	const ops: DiagOp[] = [];
	let gates = 0;
	for (let i = 0; i < n; i++) if (q.linear[i] !== 0) gates++;
	for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (q.quadratic[i * n + j] !== 0) gates++;
	for (const [a, b] of pairs) {
		const qubits = a === b ? blocks[a] : [...blocks[a], ...blocks[b]];
		const lin: [number, number][] = [];
		const quad: [number, number, number][] = [];
		const own = (blk: number) => {
			if (ownDone[blk]) return;
			ownDone[blk] = 1;
			const base = blk === a ? 0 : blocks[a].length;
			const bq = blocks[blk];
			for (let u = 0; u < bq.length; u++) {
				if (q.linear[bq[u]]) lin.push([base + u, q.linear[bq[u]]]);
				for (let v = u + 1; v < bq.length; v++) {
					const w = q.quadratic[bq[u] * n + bq[v]];
					if (w) quad.push([base + u, base + v, w]);
				}
			}
		};
		own(a);
		if (b !== a) {
			own(b);
			for (let u = 0; u < blocks[a].length; u++)
				for (let v = 0; v < blocks[b].length; v++) {
					const w = q.quadratic[blocks[a][u] * n + blocks[b][v]];
					if (w) quad.push([u, blocks[a].length + v, w]);
				}
		}
		if (!lin.length && !quad.length) continue;
		const size = 2 ** qubits.length;
		const d = new Float64Array(2 * size);
		for (let s = 0; s < size; s++) {
			let v = 0;
			for (const [u, h] of lin) if ((s >> u) & 1) v += h;
			for (const [u, w2, w] of quad) if ((s >> u) & 1 && (s >> w2) & 1) v += w;
			d[2 * s] = Math.cos(-gamma * v);
			d[2 * s + 1] = Math.sin(-gamma * v);
		}
		ops.push({ kind: 'diag', qubits, d });
	}
	return { ops, gates };
}

/** The QUBO of f(x) − λ(Σx − k)² (x_i² = x_i): the penalty form used with the X mixer. */
export function penalisedQubo(q: Qubo, k: number, lambda: number): Qubo {
	const p = emptyQubo(q.n);
	p.constant = q.constant - lambda * k * k;
	for (let i = 0; i < q.n; i++) {
		p.linear[i] = q.linear[i] - lambda * (1 - 2 * k);
		for (let j = i + 1; j < q.n; j++) p.quadratic[i * q.n + j] = q.quadratic[i * q.n + j] - 2 * lambda;
	}
	return p;
}

/**
 * A penalty weight large enough that leaving the constraint never pays: the largest change one
 * variable can make to f (|h_i| + Σ_j |J_ij|).
 */
export function defaultPenalty(q: Qubo): number {
	let best = 0;
	for (let i = 0; i < q.n; i++) {
		let s = Math.abs(q.linear[i]);
		for (let j = 0; j < q.n; j++) if (j !== i) s += Math.abs(i < j ? q.quadratic[i * q.n + j] : q.quadratic[j * q.n + i]);
		best = Math.max(best, s);
	}
	return best || 1;
}

/** Options of runQaoa(). */
export interface QaoaOptions {
	/** 'xy' (Dicke start, XY ring mixer) or 'x' (|+⟩ start, X mixer, penalty). */
	mixer: 'xy' | 'x';
	/** Required number of ones (the constraint). */
	k: number;
	/** Depth p (layers), 1 … 16. The optimiser climbs p = 1 … layers, each warm-started from the last. */
	layers: number;
	/** Shots sampled from the final state (default 1000). */
	shots?: number;
	/** Seed of the optimiser's start points and of the sampling (default 1). */
	seed?: number;
	/** Penalty weight λ for the X mixer (default defaultPenalty()). */
	penalty?: number;
	/** XY mixer: qubits in ring order (default spreadRing of the linear coefficients). */
	ring?: number[];
	/** Run the engine's fusion pass over each circuit (default: from FUSION_MIN_QUBITS qubits, as the simulator does). */
	fusion?: boolean;
	/** Circuit evaluations the optimiser may spend per depth (default 60 + 40·p). */
	evaluationsPerLayer?: number;
	signal?: AbortSignal;
	onProgress?: (fraction: number, stage: string) => void;
}

/** The optimum found at one depth. */
export interface QaoaDepthResult {
	layers: number;
	gammas: number[];
	betas: number[];
	/** E[f] over the output distribution (invalid outputs scored as fMin). */
	expectation: number;
	/** (E[f] − fMin)/(fOpt − fMin). */
	approximationRatio: number;
	/** Probability that one shot returns an optimal k-subset. */
	successProbability: number;
	/** Probability that one shot has exactly k ones. */
	validProbability: number;
	/** Circuit evaluations spent at this depth. */
	evaluations: number;
}

/** What runQaoa() returns (the final depth's figures at top level). */
export interface QaoaResult extends QaoaDepthResult {
	mixer: 'xy' | 'x';
	qubits: number;
	/** Elementary gates of the final circuit and the passes over the state it costs. */
	gates: number;
	passes: number;
	/** Best and worst f over all k-subsets (from the diagonal the simulation needs anyway). */
	fOpt: number;
	fMin: number;
	/** Every depth 1 … layers. */
	byDepth: QaoaDepthResult[];
	/** Sampled shots: bitmask → count. */
	counts: Map<number, number>;
	/** Exact output probability of every k-subset (index as in weightKMasks(n, k)), for plots. */
	subsetProbabilities: Float64Array;
	/** Best f among the sampled valid shots (null if none was valid), and its bitmask. */
	bestSampled: { mask: number; value: number } | null;
	/** Total circuit evaluations (all depths). */
	totalEvaluations: number;
	threads: number;
	seconds: number;
}

/** Penalty QAOA keeps a 2^n table of the penalised objective: 32 MiB at 22 qubits. */
export const MAX_PENALTY_QUBITS = 22;
/** Most depth runQaoa accepts. */
export const MAX_QAOA_LAYERS = 16;

/**
 * Optimise and sample QAOA for `q` on the simulator's engine. Angles are optimised classically
 * (seeded): depth 1 by a coarse grid then Nelder–Mead; each deeper level starts from the previous
 * optimum interpolated to one more layer (Zhou et al. 2020, "INTERP") and is refined by Nelder–Mead.
 */
export async function runQaoa(sim: Simulator, q: Qubo, options: QaoaOptions): Promise<QaoaResult> {
	const t0 = performance.now();
	const n = q.n;
	const { mixer, k, layers } = options;
	if (!Number.isInteger(layers) || layers < 1 || layers > MAX_QAOA_LAYERS)
		throw new QuantumError('bad-option', `layers must be a whole number from 1 to ${MAX_QAOA_LAYERS}, got ${layers}`);
	if (!Number.isInteger(k) || k < 1 || k >= n) throw new QuantumError('bad-option', `k must be from 1 to ${n - 1}, got ${k}`);
	if (n > 26) throw new QuantumError('too-many-qubits', `${n} qubits is more than the simulator's 26`);
	if (mixer === 'x' && n > MAX_PENALTY_QUBITS)
		throw new QuantumError(
			'too-many-qubits',
			`penalty QAOA is run up to ${MAX_PENALTY_QUBITS} qubits here (it keeps the penalised objective of all 2^n bitstrings); the XY-mixer QAOA goes to 26`
		);
	const shots = options.shots ?? 1000;
	const seed = options.seed ?? 1;
	const progress = options.onProgress ?? (() => {});
	const engine = sim.engine;
	const uniform = seededUniform(seed);

	// The diagonal: f on every k-subset (brute force — a state-vector simulation cannot avoid it).
	const masks = weightKMasks(n, k);
	const values = new Float64Array(masks.length);
	let fOpt = -Infinity;
	let fMin = Infinity;
	for (let t = 0; t < masks.length; t++) {
		values[t] = quboValue(q, masks[t]);
		fOpt = Math.max(fOpt, values[t]);
		fMin = Math.min(fMin, values[t]);
	}
	const span = fOpt - fMin || 1;
	const optimal = new Uint8Array(masks.length);
	for (let t = 0; t < masks.length; t++) if (values[t] >= fOpt - 1e-12 * Math.max(1, Math.abs(fOpt))) optimal[t] = 1;

	// The phase objective, scaled so its spread over the relevant states is ~1 (γ then lives in ±π).
	const lambda = options.penalty ?? defaultPenalty(q);
	const phaseQubo = mixer === 'xy' ? q : penalisedQubo(q, k, lambda);
	let phaseSpan = span;
	let penalisedTable: Float64Array | null = null;
	if (mixer === 'x') {
		penalisedTable = quboTable(phaseQubo);
		let lo = Infinity;
		let hi = -Infinity;
		for (const v of penalisedTable) {
			lo = Math.min(lo, v);
			hi = Math.max(hi, v);
		}
		phaseSpan = hi - lo || 1;
	}
	const scaled: Qubo = {
		n,
		constant: 0,
		linear: phaseQubo.linear.map((v) => v / phaseSpan),
		quadratic: phaseQubo.quadratic.map((v) => v / phaseSpan)
	};

	const ring = mixer === 'xy' ? (options.ring ?? spreadRing(q.linear, k)) : undefined;
	if (ring) ringEdges(n, ring);
	const init = mixer === 'xy' ? dickeStateOps(n, k) : uniformStateOps(n);
	const fusion = options.fusion ?? n >= FUSION_MIN_QUBITS;
	const lower = (ops: EngineOp[]) => (fusion ? fuse(ops) : ops);
	const useThreads = sim.runner !== null && sim.runner.threads > 1 && n >= 14;
	const apply = async (ops: EngineOp[]) => {
		if (useThreads) await sim.runner!.run(engine, ops, async () => {});
		else engine.apply(ops);
	};
	engine.reset(n);
	await apply(lower(init.ops));
	// Keep the start state in wasm scratch (engine.snapshot) rather than a JS copy: at 26 qubits the
	// state is 1 GiB. Nothing below uses scratch until the final sampling.
	engine.snapshot();

	const layerOps = (gammas: number[], betas: number[]) => {
		const ops: EngineOp[] = [];
		let gates = 0;
		for (let l = 0; l < gammas.length; l++) {
			const c = costPhaseOps(scaled, gammas[l]);
			const m = mixer === 'xy' ? xyMixerOps(n, betas[l], ring) : xMixerOps(n, betas[l]);
			ops.push(...c.ops, ...m.ops);
			gates += c.gates + m.gates;
		}
		return { ops: lower(ops), gates };
	};

	let evaluations = 0;
	let lastYield = performance.now();
	let progressBase = 0;
	const checkIn = async (stage: string, fraction: number) => {
		if (performance.now() - lastYield < 40) return;
		progress(fraction, stage);
		await new Promise((r) => setTimeout(r, 0));
		lastYield = performance.now();
		if (options.signal?.aborted) throw new QuantumError('cancelled', 'the QAOA run was cancelled');
	};
	/** Run the circuit; leave the state in the engine. */
	const prepare = async (gammas: number[], betas: number[]) => {
		engine.restore();
		await apply(layerOps(gammas, betas).ops);
		evaluations++;
	};
	/** Figures of the state in the engine. */
	const measureState = (): { objective: number; expectation: number; success: number; valid: number; subset: Float64Array } => {
		// Read |amplitude|² straight from the engine's memory (no 2^n copy).
		const amp = new Float64Array(engine.memory.buffer, engine.statePtr, 2 * engine.size);
		const subset = new Float64Array(masks.length);
		let expectation = 0;
		let success = 0;
		let valid = 0;
		for (let t = 0; t < masks.length; t++) {
			const m = masks[t];
			const p = amp[2 * m] * amp[2 * m] + amp[2 * m + 1] * amp[2 * m + 1];
			subset[t] = p;
			expectation += p * values[t];
			valid += p;
			if (optimal[t]) success += p;
		}
		expectation += (1 - valid) * fMin;
		let objective = expectation;
		if (penalisedTable) {
			objective = 0;
			for (let x = 0; x < penalisedTable.length; x++) objective += (amp[2 * x] * amp[2 * x] + amp[2 * x + 1] * amp[2 * x + 1]) * penalisedTable[x];
		}
		return { objective, expectation, success, valid, subset };
	};
	const evaluate = async (angles: number[], p: number) => {
		await prepare(angles.slice(0, p), angles.slice(p));
		await checkIn(`Optimising angles, depth ${p}`, progressBase);
		return measureState().objective;
	};

	const byDepth: QaoaDepthResult[] = [];
	let best: number[] = [];
	for (let p = 1; p <= layers; p++) {
		progressBase = (0.9 * (p - 1)) / layers;
		const before = evaluations;
		const budget = options.evaluationsPerLayer ?? 60 + 40 * p;
		let startPoint: number[];
		if (p === 1) {
			// Coarse grid over γ ∈ (−π, π), β ∈ (0, π/2] with a seeded offset.
			const g = 8;
			const off = uniform();
			let bestValue = -Infinity;
			startPoint = [0.5, 0.3];
			for (let a = 0; a < g; a++)
				for (let b = 0; b < g / 2; b++) {
					const gamma = -Math.PI + ((a + off) * 2 * Math.PI) / g;
					const beta = ((b + off) * (Math.PI / 2)) / (g / 2);
					const v = await evaluate([gamma, beta], 1);
					if (v > bestValue) {
						bestValue = v;
						startPoint = [gamma, beta];
					}
				}
		} else startPoint = [...interp(best.slice(0, p - 1)), ...interp(best.slice(p - 1))];
		const remaining = Math.max(10, budget - (evaluations - before));
		const found = await nelderMead((x) => evaluate(x, p), startPoint, remaining, 0.15, uniform);
		best = found.x;
		await prepare(best.slice(0, p), best.slice(p));
		const m = measureState();
		byDepth.push({
			layers: p,
			gammas: best.slice(0, p),
			betas: best.slice(p),
			expectation: m.expectation,
			approximationRatio: (m.expectation - fMin) / span,
			successProbability: m.success,
			validProbability: m.valid,
			evaluations: evaluations - before
		});
	}

	// Final state: sample it.
	progress(0.95, 'Sampling');
	const final = byDepth[byDepth.length - 1];
	await prepare(final.gammas, final.betas);
	const subsetProbabilities = measureState().subset;
	const samples = engine.sample(shots, uniform);
	const counts = new Map<number, number>();
	for (const s of samples) counts.set(s, (counts.get(s) ?? 0) + 1);
	let bestSampled: { mask: number; value: number } | null = null;
	for (const mask of counts.keys()) {
		if (popcount(mask) !== k) continue;
		const v = quboValue(q, mask);
		if (!bestSampled || v > bestSampled.value) bestSampled = { mask, value: v };
	}
	const circuit = layerOps(final.gammas, final.betas);
	progress(1, 'Done');
	return {
		...final,
		mixer,
		qubits: n,
		gates: init.gates + circuit.gates,
		passes: lower(init.ops).length + circuit.ops.length,
		fOpt,
		fMin,
		byDepth,
		counts,
		subsetProbabilities,
		bestSampled,
		totalEvaluations: evaluations,
		threads: useThreads ? sim.runner!.threads : 1,
		seconds: (performance.now() - t0) / 1000
	};
}

/** Number of ones in a 32-bit mask. */
export function popcount(x: number): number {
	x = x - ((x >>> 1) & 0x55555555);
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** INTERP: p angles → p + 1 by linear interpolation (Zhou et al. 2020). */
function interp(a: number[]): number[] {
	const p = a.length;
	const out: number[] = [];
	for (let i = 0; i <= p; i++) {
		const left = i - 1 >= 0 ? a[i - 1] : 0;
		const right = i < p ? a[i] : 0;
		out.push((i / p) * left + ((p - i) / p) * right);
	}
	return out;
}

/**
 * Maximise `f` by Nelder–Mead from `x0` (initial simplex steps of `step`, sign seeded), within
 * `budget` evaluations. Deterministic for a given generator state.
 */
export async function nelderMead(
	f: (x: number[]) => Promise<number>,
	x0: number[],
	budget: number,
	step: number,
	uniform: Uniform
): Promise<{ x: number[]; value: number; evaluations: number }> {
	const d = x0.length;
	let used = 0;
	const value = async (x: number[]) => {
		used++;
		return -(await f(x));
	};
	const simplex: { x: number[]; v: number }[] = [{ x: x0.slice(), v: await value(x0) }];
	for (let i = 0; i < d; i++) {
		const x = x0.slice();
		x[i] += (uniform() < 0.5 ? -1 : 1) * step;
		simplex.push({ x, v: await value(x) });
	}
	while (used < budget) {
		simplex.sort((a, b) => a.v - b.v);
		const worst = simplex[d];
		const centroid = new Array(d).fill(0);
		for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j] += simplex[i].x[j] / d;
		const along = (t: number) => centroid.map((c, j) => c + t * (worst.x[j] - c));
		const xr = along(-1);
		const vr = await value(xr);
		if (vr < simplex[0].v) {
			const xe = along(-2);
			const ve = await value(xe);
			simplex[d] = ve < vr ? { x: xe, v: ve } : { x: xr, v: vr };
		} else if (vr < simplex[d - 1].v) simplex[d] = { x: xr, v: vr };
		else {
			const xc = vr < worst.v ? along(-0.5) : along(0.5);
			const vc = await value(xc);
			if (vc < Math.min(vr, worst.v)) simplex[d] = { x: xc, v: vc };
			else {
				for (let i = 1; i <= d; i++) {
					simplex[i].x = simplex[i].x.map((v, j) => simplex[0].x[j] + 0.5 * (v - simplex[0].x[j]));
					simplex[i].v = await value(simplex[i].x);
				}
			}
		}
		const spread = Math.abs(simplex[d].v - simplex[0].v);
		if (spread < 1e-10) break;
	}
	simplex.sort((a, b) => a.v - b.v);
	return { x: simplex[0].x, value: -simplex[0].v, evaluations: used };
}

/** Norm² of the state's amplitudes on basis states with exactly k ones (XY-mixer invariant checks). */
export function weightNorm(engine: Engine, k: number): number {
	const probs = engine.probabilities();
	let s = 0;
	for (let x = 0; x < probs.length; x++) if (popcount(x) === k) s += probs[x];
	return s;
}
