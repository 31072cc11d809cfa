/**
 * An independent dense-matrix reference for the quantum tests: analytic gate matrices written out
 * here (not taken from src/lib/quantum/gates.ts), embedded into 2^n × 2^n matrices, applied by
 * matrix–vector products. Only for small n.
 */
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
