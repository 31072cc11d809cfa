/**
 * An independent dense-matrix reference for the quantum tests: analytic gate matrices written out
 * here (not taken from src/lib/quantum/gates.ts), embedded into 2^n × 2^n matrices, applied by
 * matrix–vector products. Only for small n.
 */
import type { Instruction } from '../../../src/lib/quantum/circuit';

export type C = [number, number];
export type M = C[][];

const c = (re: number, im = 0): C => [re, im];
const e = (t: number): C => [Math.cos(t), Math.sin(t)];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const r2 = 1 / Math.sqrt(2);

/** U(θ,φ,λ) from the OpenQASM 2.0 paper, eq. (2) with its phase convention. */
function U(t: number, p: number, l: number): M {
	return [
		[c(Math.cos(t / 2)), mul(c(-Math.sin(t / 2)), e(l))],
		[mul(c(Math.sin(t / 2)), e(p)), mul(c(Math.cos(t / 2)), e(p + l))]
	];
}
const diag = (...d: C[]): M => d.map((v, i) => d.map((_, j) => (i === j ? v : c(0))));
const X: M = [[c(0), c(1)], [c(1), c(0)]];
const SX: M = [[c(0.5, 0.5), c(0.5, -0.5)], [c(0.5, -0.5), c(0.5, 0.5)]];

/** The analytic definition of one gate: controls, then the target matrix. */
export interface RefGate {
	controls: number;
	target: M;
}

/** Analytic matrices of every native gate, by name and parameters. */
export function referenceGate(name: string, p: number[]): RefGate | null {
	const one = (target: M): RefGate => ({ controls: 0, target });
	const ctl = (k: number, target: M): RefGate => ({ controls: k, target });
	switch (name) {
		case 'U': case 'u3': case 'u': return one(U(p[0], p[1], p[2]));
		case 'u2': return one(U(Math.PI / 2, p[0], p[1]));
		case 'u1': case 'p': case 'rz': return one(diag(c(1), e(p[0])));
		case 'u0': case 'id': return one(diag(c(1), c(1)));
		case 'x': return one(X);
		case 'y': return one([[c(0), c(0, -1)], [c(0, 1), c(0)]]);
		case 'z': return one(diag(c(1), c(-1)));
		case 'h': return one([[c(r2), c(r2)], [c(r2), c(-r2)]]);
		case 's': return one(diag(c(1), c(0, 1)));
		case 'sdg': return one(diag(c(1), c(0, -1)));
		case 't': return one(diag(c(1), e(Math.PI / 4)));
		case 'tdg': return one(diag(c(1), e(-Math.PI / 4)));
		case 'sx': return one(SX);
		case 'sxdg': return one([[c(0.5, -0.5), c(0.5, 0.5)], [c(0.5, 0.5), c(0.5, -0.5)]]);
		case 'rx': return one([[c(Math.cos(p[0] / 2)), c(0, -Math.sin(p[0] / 2))], [c(0, -Math.sin(p[0] / 2)), c(Math.cos(p[0] / 2))]]);
		case 'ry': return one([[c(Math.cos(p[0] / 2)), c(-Math.sin(p[0] / 2))], [c(Math.sin(p[0] / 2)), c(Math.cos(p[0] / 2))]]);
		case 'CX': case 'cx': return ctl(1, X);
		case 'cy': return ctl(1, [[c(0), c(0, -1)], [c(0, 1), c(0)]]);
		case 'cz': return ctl(1, diag(c(1), c(-1)));
		case 'ch': return ctl(1, [[c(r2), c(r2)], [c(r2), c(-r2)]]);
		case 'csx': return ctl(1, SX);
		case 'crx': return ctl(1, referenceGate('rx', p)!.target);
		case 'cry': return ctl(1, referenceGate('ry', p)!.target);
		case 'crz': return ctl(1, diag(e(-p[0] / 2), e(p[0] / 2)));
		case 'cu1': case 'cp': return ctl(1, diag(c(1), e(p[0])));
		case 'cu3': return ctl(1, U(p[0], p[1], p[2]));
		case 'cu': return ctl(1, U(p[0], p[1], p[2]).map((row) => row.map((v) => mul(v, e(p[3])))));
		case 'swap': case 'cswap': {
			const s: M = [[c(1), c(0), c(0), c(0)], [c(0), c(0), c(1), c(0)], [c(0), c(1), c(0), c(0)], [c(0), c(0), c(0), c(1)]];
			return name === 'swap' ? one(s) : ctl(1, s);
		}
		case 'rxx': {
			const cs = c(Math.cos(p[0] / 2)), sn = c(0, -Math.sin(p[0] / 2)), z = c(0);
			return one([[cs, z, z, sn], [z, cs, sn, z], [z, sn, cs, z], [sn, z, z, cs]]);
		}
		case 'rzz': return one(diag(c(1), e(p[0]), e(p[0]), c(1)));
		case 'ccx': return ctl(2, X);
		case 'c3x': return ctl(3, X);
		// qelib1.inc's c3sqrtx body produces SX† (the other square root of X).
		case 'c3sqrtx': return ctl(3, referenceGate('sxdg', [])!.target);
		case 'c4x': return ctl(4, X);
		default: return null;
	}
}

/** Apply a gate (controls then targets, target bit j of the sub-index = qubits[controls + j]) to a state. */
export function applyReference(state: C[], g: RefGate, qubits: number[]): C[] {
	const controls = qubits.slice(0, g.controls);
	const targets = qubits.slice(g.controls);
	const out: C[] = state.map(() => c(0));
	const d = g.target.length;
	for (let i = 0; i < state.length; i++) {
		if (!controls.every((q) => (i >> q) & 1)) {
			out[i] = [out[i][0] + state[i][0], out[i][1] + state[i][1]];
			continue;
		}
		let col = 0;
		targets.forEach((q, j) => (col |= ((i >> q) & 1) << j));
		const base = targets.reduce((b, q) => b & ~(1 << q), i);
		for (let row = 0; row < d; row++) {
			let idx = base;
			targets.forEach((q, j) => (idx |= ((row >> j) & 1) << q));
			const v = mul(g.target[row][col], state[i]);
			out[idx] = [out[idx][0] + v[0], out[idx][1] + v[1]];
		}
	}
	return out;
}

/** |0…0⟩ on n qubits. */
export function zeroState(n: number): C[] {
	const s: C[] = Array.from({ length: 2 ** n }, () => c(0));
	s[0] = c(1);
	return s;
}

/** Largest |a_i − b_i| between a reference state and interleaved amplitudes. */
export function maxDiff(ref: C[], amps: Float64Array): number {
	let m = 0;
	ref.forEach(([re, im], i) => (m = Math.max(m, Math.hypot(re - amps[2 * i], im - amps[2 * i + 1]))));
	return m;
}

/** Largest difference between two interleaved vectors. */
export function maxDiffF(a: Float64Array, b: Float64Array): number {
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

/** |⟨a|b⟩| for interleaved vectors (1 when equal up to a global phase). */
export function overlap(a: Float64Array, b: Float64Array): number {
	let re = 0;
	let im = 0;
	for (let i = 0; i < a.length; i += 2) {
		re += a[i] * b[i] + a[i + 1] * b[i + 1];
		im += a[i] * b[i + 1] - a[i + 1] * b[i];
	}
	return Math.hypot(re, im);
}

/** A small deterministic PRNG for test circuits (mulberry32, shared with the PK population). */
export { seededRandom as testRandom } from '../../../src/lib/pk/population';

/** A sparse state: basis index → amplitude (absent = 0). */
export type SparseState = Map<number, C>;

/** Entries below this squared magnitude are dropped from a sparse state (amplitudes under 1e-16). */
const SPARSE_DROP = 1e-32;

/** Apply one reference gate to a sparse state (touches only the non-zero amplitudes). */
export function applySparse(state: SparseState, g: RefGate, qubits: number[]): SparseState {
	const controls = qubits.slice(0, g.controls);
	const targets = qubits.slice(g.controls);
	const d = g.target.length;
	const out: SparseState = new Map();
	const add = (i: number, v: C) => {
		const a = out.get(i);
		if (a) {
			a[0] += v[0];
			a[1] += v[1];
		} else out.set(i, [v[0], v[1]]);
	};
	for (const [i, a] of state) {
		if (!controls.every((q) => (i >> q) & 1)) {
			add(i, a);
			continue;
		}
		let col = 0;
		targets.forEach((q, j) => (col |= ((i >> q) & 1) << j));
		const base = targets.reduce((b, q) => b & ~(1 << q), i);
		for (let row = 0; row < d; row++) {
			const m = g.target[row][col];
			if (m[0] === 0 && m[1] === 0) continue;
			let idx = base;
			targets.forEach((q, j) => (idx |= ((row >> j) & 1) << q));
			add(idx, mul(m, a));
		}
	}
	for (const [i, a] of out) if (a[0] * a[0] + a[1] * a[1] < SPARSE_DROP) out.delete(i);
	return out;
}

/**
 * Run a circuit — gates, mid-circuit measurement and reset — on a sparse state: an independent
 * trajectory reference for dynamic circuits. Uses one `uniform()` per measurement or reset, in
 * program order, with outcome 1 when it falls below P(1) — the engine's protocol — so with the
 * same seeded generator both follow the same trajectory. `if(creg==n)` compares the register read
 * with its first bit least significant (OpenQASM 2.0).
 */
export function runSparseReference(
	circuit: {
		numQubits: number;
		numClbits: number;
		instructions: readonly Instruction[];
		cregs: readonly { name: string; size: number; offset: number }[];
	},
	uniform: () => number
): { state: SparseState; clbits: Uint8Array; maxSupport: number } {
	let state: SparseState = new Map([[0, [1, 0] as C]]);
	const clbits = new Uint8Array(circuit.numClbits);
	let maxSupport = 1;
	const measure = (q: number): number => {
		const u = uniform();
		let p1 = 0;
		for (const [i, a] of state) if ((i >> q) & 1) p1 += a[0] * a[0] + a[1] * a[1];
		const outcome = u < p1 ? 1 : 0;
		const scale = 1 / Math.sqrt(outcome ? p1 : 1 - p1);
		const kept: SparseState = new Map();
		for (const [i, a] of state) if (((i >> q) & 1) === outcome) kept.set(i, [a[0] * scale, a[1] * scale]);
		state = kept;
		return outcome;
	};
	const registerValue = (name: string) => {
		const r = circuit.cregs.find((x) => x.name === name)!;
		let v = 0;
		for (let b = 0; b < r.size; b++) v += clbits[r.offset + b] * 2 ** b;
		return v;
	};
	const run = (ins: Instruction) => {
		if (ins.kind === 'gate') {
			const g = referenceGate(ins.name, ins.params);
			if (!g) throw new Error(`the reference has no gate ${ins.name}`);
			state = applySparse(state, g, ins.qubits);
		} else if (ins.kind === 'measure') clbits[ins.clbit] = measure(ins.qubit);
		else if (ins.kind === 'reset') {
			if (measure(ins.qubit) === 1) {
				const flipped: SparseState = new Map();
				for (const [i, a] of state) flipped.set(i ^ (1 << ins.qubit), a);
				state = flipped;
			}
		} else if (ins.kind === 'if') {
			if (registerValue(ins.creg) === ins.value) run(ins.body);
		}
	};
	for (const ins of circuit.instructions) {
		run(ins);
		maxSupport = Math.max(maxSupport, state.size);
	}
	return { state, clbits, maxSupport };
}

/** Largest |a_i − b_i| between a sparse reference state and interleaved amplitudes. */
export function maxDiffSparse(ref: SparseState, amps: Float64Array): number {
	let worst = 0;
	for (let i = 0; i < amps.length / 2; i++) {
		const a = ref.get(i);
		worst = Math.max(worst, Math.abs(amps[2 * i] - (a ? a[0] : 0)), Math.abs(amps[2 * i + 1] - (a ? a[1] : 0)));
	}
	return worst;
}
