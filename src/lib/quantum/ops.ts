/**
 * Engine operations — what the wasm kernels execute — and the lowering of native gates to them.
 * Also a tiny JS applier for small vectors, used by the fusion pass to build fused matrices.
 */
import type { GateInstruction } from './circuit';
import { diagonalOf, type CMatrix } from './complex';
import { NATIVE_GATES } from './gates';

/** Dense 2×2 on `target` where every qubit of `controls` is 1. */
export interface Dense1Op {
	kind: 'dense1';
	target: number;
	controls: number[];
	m: CMatrix;
}
/** Dense 4×4 on (q0, q1) — sub-index bit(q1)·2 + bit(q0) — with controls. */
export interface Dense2Op {
	kind: 'dense2';
	q0: number;
	q1: number;
	controls: number[];
	m: CMatrix;
}
/**
 * Dense 2^k × 2^k block on k = 3..MAX_DENSE_QUBITS `qubits` (qubits[0] = least significant bit of
 * the matrix index), from fusion; no controls (they are folded into the matrix).
 */
export interface DenseKOp {
	kind: 'denseK';
	qubits: number[];
	m: CMatrix;
}
/** Diagonal over `qubits` (qubits[0] is the least significant bit of the diagonal's index). */
export interface DiagOp {
	kind: 'diag';
	qubits: number[];
	d: Float64Array;
}
/** Swap a and b where every control is 1. */
export interface SwapOp {
	kind: 'swap';
	a: number;
	b: number;
	controls: number[];
}
/**
 * Monomial block (from fusion): over `qubits` (qubits[0] = least significant local bit), the local
 * basis state src[t] goes to dst[t] times phase t (interleaved re/im; null = all 1). Local basis
 * states not in src are unchanged; src and dst hold the same set.
 */
export interface PermOp {
	kind: 'perm';
	qubits: number[];
	src: Uint32Array;
	dst: Uint32Array;
	phase: Float64Array | null;
}
/** One pass over the state. */
export type EngineOp = Dense1Op | Dense2Op | DenseKOp | DiagOp | SwapOp | PermOp;

/**
 * A cache-blocked pass (from tiles.ts): the state is cut into tiles of 2^tileQubits amplitudes —
 * the low `low` index bits plus the qubits `high` — and each tile is copied into a buffer that fits
 * the core's L2 cache, gets every op of `ops` there, and is copied back: one trip through memory
 * for the whole run of ops instead of one per op. `ops` are written in the tile's index space:
 * bit j < low is qubit j, bit low + i is qubit high[i], and the remaining qubits (ascending) follow
 * from bit tileQubits on (constant within a tile; only controls and diagonals may use them).
 */
export interface TileOp {
	kind: 'tile';
	low: number;
	high: number[];
	tileQubits: number;
	ops: EngineOp[];
	/**
	 * Optional (from markKnownTiles in tiles.ts): outer qubits known to be in a basis state when the
	 * pass starts, as a mask of amplitude-index bits and their values. A tile whose index disagrees
	 * holds only zeros and is skipped without reading it.
	 */
	knownMask?: number;
	knownValue?: number;
}
/** What the engine executes: a gate pass or a cache-blocked run of them. */
export type PassOp = EngineOp | TileOp;

/** Qubits an op reads or writes (controls included). */
export function support(op: EngineOp): number[] {
	switch (op.kind) {
		case 'dense1':
			return [...op.controls, op.target];
		case 'dense2':
			return [...op.controls, op.q0, op.q1];
		case 'diag':
		case 'perm':
		case 'denseK':
			return op.qubits;
		case 'swap':
			return [...op.controls, op.a, op.b];
	}
}

/** Lower one native gate instruction to a single engine op (no fusion). */
export function lowerGate(ins: GateInstruction): EngineOp {
	const def = NATIVE_GATES[ins.name];
	const controls = ins.qubits.slice(0, def.controls);
	const targets = ins.qubits.slice(def.controls);
	const m = def.target(ins.params);
	if (def.kind === 'swap') return { kind: 'swap', a: targets[0], b: targets[1], controls };
	if (def.kind === 'diag') {
		// A controlled diagonal is diagonal on controls+targets: 1 unless every control is set.
		const td = diagonalOf(m);
		const qubits = [...targets, ...controls];
		const size = 2 ** qubits.length;
		const d = new Float64Array(2 * size);
		const tBits = targets.length;
		const allControls = (2 ** controls.length - 1) << tBits;
		for (let i = 0; i < size; i++) {
			if ((i & allControls) === allControls) {
				const t = i & ((1 << tBits) - 1);
				d[2 * i] = td[2 * t];
				d[2 * i + 1] = td[2 * t + 1];
			} else d[2 * i] = 1;
		}
		return { kind: 'diag', qubits, d };
	}
	if (targets.length === 1) return { kind: 'dense1', target: targets[0], controls, m };
	return { kind: 'dense2', q0: targets[0], q1: targets[1], controls, m };
}

/**
 * Apply an op to a small state vector (interleaved complex, length 2·2^k) whose qubit j is
 * `local[j]` — the op's global qubits are mapped through `local`. Reference semantics of the kernels.
 */
export function applyOpSmall(vec: Float64Array, op: EngineOp, local: number[]): void {
	const pos = (q: number) => {
		const j = local.indexOf(q);
		if (j < 0) throw new Error(`qubit ${q} is not in the local set`);
		return j;
	};
	const size = vec.length / 2;
	if (op.kind === 'perm') {
		const ps = op.qubits.map(pos);
		const blockMask = ps.reduce((m, p) => m | (1 << p), 0);
		const spread = (local: number) => ps.reduce((b, p, j) => b | (((local >> j) & 1) << p), 0);
		const src = vec.slice();
		for (let rest = 0; rest < size; rest++) {
			if (rest & blockMask) continue;
			for (let t = 0; t < op.src.length; t++) {
				const from = rest | spread(op.src[t]);
				const to = rest | spread(op.dst[t]);
				const re = src[2 * from];
				const im = src[2 * from + 1];
				const pr = op.phase ? op.phase[2 * t] : 1;
				const pi = op.phase ? op.phase[2 * t + 1] : 0;
				vec[2 * to] = re * pr - im * pi;
				vec[2 * to + 1] = re * pi + im * pr;
			}
		}
		return;
	}
	const controls = op.kind === 'diag' || op.kind === 'denseK' ? [] : op.controls;
	const cmask = controls.reduce((m, q) => m | (1 << pos(q)), 0);
	if (op.kind === 'diag') {
		const ps = op.qubits.map(pos);
		for (let i = 0; i < size; i++) {
			let sub = 0;
			ps.forEach((p, j) => (sub |= ((i >> p) & 1) << j));
			const re = vec[2 * i];
			const im = vec[2 * i + 1];
			vec[2 * i] = re * op.d[2 * sub] - im * op.d[2 * sub + 1];
			vec[2 * i + 1] = re * op.d[2 * sub + 1] + im * op.d[2 * sub];
		}
		return;
	}
	const ts =
		op.kind === 'dense1' ? [pos(op.target)] : op.kind === 'dense2' ? [pos(op.q0), pos(op.q1)] : op.kind === 'denseK' ? op.qubits.map(pos) : [pos(op.a), pos(op.b)];
	const tmask = ts.reduce((m, p) => m | (1 << p), 0);
	const dsub = 1 << ts.length;
	const m: CMatrix =
		op.kind === 'swap' ? NATIVE_GATES.swap.target([]) : op.m;
	const inRe = new Float64Array(dsub);
	const inIm = new Float64Array(dsub);
	for (let base = 0; base < size; base++) {
		if (base & tmask || (base & cmask) !== cmask) continue;
		const idx = (s: number) => ts.reduce((b, p, j) => b | (((s >> j) & 1) << p), base);
		for (let s = 0; s < dsub; s++) {
			inRe[s] = vec[2 * idx(s)];
			inIm[s] = vec[2 * idx(s) + 1];
		}
		for (let r = 0; r < dsub; r++) {
			let re = 0;
			let im = 0;
			for (let s = 0; s < dsub; s++) {
				const mr = m[2 * (r * dsub + s)];
				const mi = m[2 * (r * dsub + s) + 1];
				re += mr * inRe[s] - mi * inIm[s];
				im += mr * inIm[s] + mi * inRe[s];
			}
			vec[2 * idx(r)] = re;
			vec[2 * idx(r) + 1] = im;
		}
	}
}
