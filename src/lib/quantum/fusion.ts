/**
 * Gate fusion: merges runs of gates into dense blocks on ≤ 5 qubits (size by cost, see passCost), runs of diagonal gates into
 * one diagonal on ≤ MAX_DIAG_QUBITS qubits, and runs of monomial gates — each basis state goes to
 * one basis state times a phase: X, CX, Toffoli, multi-controlled X, swap, and any diagonal — into
 * one permutation-with-phases block on ≤ MAX_PERM_QUBITS qubits (the classical-logic parts of
 * arithmetic and oracle circuits, e.g. QASMBench bwt_n21's 25 600 Toffolis). A deep circuit then
 * makes far fewer passes over the state (each pass reads and writes every amplitude; above ~20
 * qubits that is the cost).
 *
 * Greedy, order-preserving: one pending block; the next op joins it when the union of their
 * qubits stays within the limit, otherwise the block is emitted. Non-monomial gates with > 2
 * qubits (controlled-H, c3sqrtx …) are emitted as they are (the kernels apply controls natively).
 */
import { multiply, type CMatrix } from './complex';
import { MAX_PERM_QUBITS } from './engine';
import { applyOpSmall, support, type EngineOp, type PermOp } from './ops';

/** Largest dense block: 2^5 × 2^5 (a 16 KiB matrix; applyK's table slot holds its expanded form). */
export const MAX_DENSE_QUBITS = 5;

/**
 * What one pass over the state costs, in complex multiply-adds per amplitude (a dense block on k
 * qubits costs 2^k of them per amplitude on top of its pass). Out of the cache one pass is a trip
 * through memory (~12 multiply-adds' time with SIMD: blocks grow to 4–5 qubits); over a state or
 * tile in the cache it is a sweep of L2/L3 (~2: blocks of 3 qubits). Measured on QFT n = 22 (plain
 * passes: 3.9× with cost 12–100 against 2.8× for 2-qubit blocks; tiles: 8.1× with cost 2 against
 * 5.2× with cost 12) and n = 18 (cost 2: 2.0×, cost 12: 0.7×).
 */
export const PASS_COST_MEMORY = 12;
/** See PASS_COST_MEMORY: a pass over a cached tile or a state that fits the caches (< 2^20 amplitudes). */
export const PASS_COST_TILE = 2;

/** Largest diagonal block (2^6 entries): keeps the per-amplitude bit gather cheap. */
export const MAX_DIAG_QUBITS = 6;

/**
 * A monomial block over `qubits`: local basis state j goes to perm[j] times phase j (interleaved).
 * `first` is the op that opened it and `count` how many ops it holds (a lone op is emitted as is).
 */
interface MonoBlock {
	kind: 'mono';
	qubits: number[];
	perm: Uint32Array;
	phase: Float64Array;
	first: EngineOp;
	count: number;
}

type Pending = { kind: 'dense'; qubits: number[]; m: CMatrix } | { kind: 'diag'; qubits: number[]; d: Float64Array } | MonoBlock;

/** An op's action on its own support's basis states: basis state c → to[c] times phase c; null if not monomial. */
interface MonomialTable {
	qubits: number[];
	to: Uint32Array;
	phase: Float64Array;
}

/** The monomial table of `op` (exactly one non-zero per column of its matrix), or null. */
export function monomialTable(op: EngineOp): MonomialTable | null {
	// Gates repeat (bwt_n21: 104 000 of a few dozen kinds): tables are read-only, so memoise them.
	if (op.kind === 'dense1' || op.kind === 'dense2' || op.kind === 'swap') {
		const key = `${op.kind}|${support(op).join(',')}|${op.kind === 'swap' ? '' : op.m.join(',')}`;
		let hit = monomialMemo.get(key);
		if (hit === undefined) {
			hit = monomialTableOf(op);
			if (monomialMemo.size > 4096) monomialMemo.clear();
			monomialMemo.set(key, hit);
		}
		return hit;
	}
	return monomialTableOf(op);
}

const monomialMemo = new Map<string, MonomialTable | null>();

function monomialTableOf(op: EngineOp): MonomialTable | null {
	const qubits = support(op);
	if (qubits.length > MAX_PERM_QUBITS) return null;
	const d = 2 ** qubits.length;
	const to = new Uint32Array(d);
	const phase = new Float64Array(2 * d);
	if (op.kind === 'diag') {
		const diag = diagonalOver(op, qubits);
		for (let c = 0; c < d; c++) to[c] = c;
		phase.set(diag);
		return { qubits, to, phase };
	}
	const m = matrixOver(op, qubits);
	for (let c = 0; c < d; c++) {
		let found = -1;
		for (let r = 0; r < d; r++) {
			if (m[2 * (r * d + c)] !== 0 || m[2 * (r * d + c) + 1] !== 0) {
				if (found >= 0) return null;
				found = r;
			}
		}
		if (found < 0) return null;
		to[c] = found;
		phase[2 * c] = m[2 * (found * d + c)];
		phase[2 * c + 1] = m[2 * (found * d + c) + 1];
	}
	return { qubits, to, phase };
}

/** A monomial block holding just `t` (opened by `op`). */
function monoFrom(op: EngineOp, t: MonomialTable): MonoBlock {
	return { kind: 'mono', qubits: [...t.qubits], perm: t.to.slice(), phase: t.phase.slice(), first: op, count: 1 };
}

/** Widen a monomial block to `qubits` (its own qubits first, in order): new qubits are untouched high bits. */
function widenMono(b: MonoBlock, qubits: number[]): MonoBlock {
	const old = 2 ** b.qubits.length;
	const d = 2 ** qubits.length;
	if (d === old) return b;
	const perm = new Uint32Array(d);
	const phase = new Float64Array(2 * d);
	for (let j = 0; j < d; j++) {
		const low = j % old;
		const high = j - low;
		perm[j] = b.perm[low] + high;
		phase[2 * j] = b.phase[2 * low];
		phase[2 * j + 1] = b.phase[2 * low + 1];
	}
	return { ...b, qubits, perm, phase };
}

/** If `t` flips one local bit where all its other bits are set, with unit phases: those masks. */
function controlledFlip(t: MonomialTable): { controls: number; target: number } | null {
	let hit = flipMemo.get(t);
	if (hit === undefined) flipMemo.set(t, (hit = controlledFlipOf(t)));
	return hit;
}

const flipMemo = new WeakMap<MonomialTable, { controls: number; target: number } | null>();

function controlledFlipOf(t: MonomialTable): { controls: number; target: number } | null {
	const d = t.to.length;
	for (let j = 0; j < 2 * d; j += 2) if (t.phase[j] !== 1 || t.phase[j + 1] !== 0) return null;
	const all = d - 1;
	for (let bit = 1; bit < d; bit <<= 1) {
		const controls = all & ~bit;
		let ok = true;
		for (let j = 0; j < d && ok; j++) ok = t.to[j] === ((j & controls) === controls ? j ^ bit : j);
		if (ok) return { controls, target: bit };
	}
	return null;
}

/** Apply the monomial op `t` after block `b` (whose qubits must include t's). */
function composeMono(b: MonoBlock, t: MonomialTable): void {
	const pos = t.qubits.map((q) => b.qubits.indexOf(q));
	const posMask = pos.reduce((m, p) => m | (1 << p), 0);
	const spread = new Uint32Array(t.to.length);
	for (let s = 0; s < t.to.length; s++) spread[s] = pos.reduce((acc, p, j) => acc | (((t.to[s] >> j) & 1) << p), 0);
	const { perm, phase } = b;
	// Fast path for X, CX, Toffoli, multi-controlled X (most of an oracle): flip one bit where the
	// others are set, no phase.
	const flip = controlledFlip(t);
	if (flip) {
		let cm = 0;
		let fm = 0;
		for (let k = 0; k < pos.length; k++) {
			if ((flip.controls >> k) & 1) cm |= 1 << pos[k];
			if ((flip.target >> k) & 1) fm |= 1 << pos[k];
		}
		for (let j = 0; j < perm.length; j++) {
			const dest = perm[j];
			if ((dest & cm) === cm) perm[j] = dest ^ fm;
		}
		b.count++;
		return;
	}
	for (let j = 0; j < perm.length; j++) {
		const dest = perm[j];
		let sub = 0;
		for (let k = 0; k < pos.length; k++) sub |= ((dest >> pos[k]) & 1) << k;
		perm[j] = (dest & ~posMask) | spread[sub];
		const pr = t.phase[2 * sub];
		const pi = t.phase[2 * sub + 1];
		if (pr === 1 && pi === 0) continue;
		const re = phase[2 * j];
		const im = phase[2 * j + 1];
		phase[2 * j] = re * pr - im * pi;
		phase[2 * j + 1] = re * pi + im * pr;
	}
	b.count++;
}

/** The engine op of a monomial block: the lone op it holds, a diagonal, or a perm op (moved entries only). */
function monoOp(b: MonoBlock): EngineOp {
	if (b.count === 1) return b.first;
	let identity = true;
	for (let j = 0; j < b.perm.length && identity; j++) identity = b.perm[j] === j;
	if (identity && b.qubits.length <= MAX_DIAG_QUBITS) return { kind: 'diag', qubits: b.qubits, d: b.phase };
	const src: number[] = [];
	let anyPhase = false;
	for (let j = 0; j < b.perm.length; j++) {
		const unitPhase = b.phase[2 * j] === 1 && b.phase[2 * j + 1] === 0;
		if (b.perm[j] !== j || !unitPhase) src.push(j);
		if (!unitPhase) anyPhase = true;
	}
	const op: PermOp = {
		kind: 'perm',
		qubits: b.qubits,
		src: Uint32Array.from(src),
		dst: Uint32Array.from(src, (j) => b.perm[j]),
		phase: anyPhase ? Float64Array.from(src.flatMap((j) => [b.phase[2 * j], b.phase[2 * j + 1]])) : null
	};
	return op;
}

/** The matrix of `op` over the ordered qubit list `qubits` (qubits[0] = least significant). */
function matrixOver(op: EngineOp, qubits: number[]): CMatrix {
	const d = 2 ** qubits.length;
	const out = new Float64Array(2 * d * d);
	const vec = new Float64Array(2 * d);
	for (let col = 0; col < d; col++) {
		vec.fill(0);
		vec[2 * col] = 1;
		applyOpSmall(vec, op, qubits);
		for (let r = 0; r < d; r++) {
			out[2 * (r * d + col)] = vec[2 * r];
			out[2 * (r * d + col) + 1] = vec[2 * r + 1];
		}
	}
	return out;
}

/** The diagonal of a diagonal op over the ordered qubit list `qubits`. */
function diagonalOver(op: EngineOp, qubits: number[]): Float64Array {
	const d = 2 ** qubits.length;
	const vec = new Float64Array(2 * d);
	for (let i = 0; i < d; i++) vec[2 * i] = 1;
	applyOpSmall(vec, op, qubits);
	return vec;
}

function union(a: number[], b: number[]): number[] {
	return [...a, ...b.filter((q) => !a.includes(q))];
}

function toOp(p: Pending): EngineOp {
	if (p.kind === 'mono') return monoOp(p);
	if (p.kind === 'diag') return { kind: 'diag', qubits: p.qubits, d: p.d };
	if (p.qubits.length === 1) return { kind: 'dense1', target: p.qubits[0], controls: [], m: p.m };
	if (p.qubits.length === 2) return { kind: 'dense2', q0: p.qubits[0], q1: p.qubits[1], controls: [], m: p.m };
	return { kind: 'denseK', qubits: p.qubits, m: p.m };
}

/** Re-express a pending block over a larger ordered qubit list. */
function widen(p: Pending, qubits: number[]): Pending {
	const op = toOp(p);
	if (p.kind === 'mono') return { kind: 'dense', qubits, m: matrixOver(op, qubits) };
	if (p.kind === 'diag') return { kind: 'diag', qubits, d: diagonalOver(op, qubits) };
	return { kind: 'dense', qubits, m: matrixOver(op, qubits) };
}

/** Options of fuse(). */
export interface FuseOptions {
	/**
	 * Let a diagonal gate widen a dense block (a 1-qubit block and a controlled phase become one
	 * 4×4): saves a pass over the state, but a 4×4 costs 4 complex multiplications per amplitude
	 * against 2 + 1 for the pair kept apart. True (default) when every op is a trip through memory;
	 * false for runs that execute in cache tiles (tiles.ts), where arithmetic is the cost.
	 */
	diagWidensDense?: boolean;
	/** Largest dense block (1 … MAX_DENSE_QUBITS; default MAX_DENSE_QUBITS). */
	maxDenseQubits?: number;
	/**
	 * The cost of one pass (see PASS_COST_MEMORY; default PASS_COST_TILE): an op widens the
	 * pending dense block from k to u qubits only when 2^u ≤ 2^k + passCost + the op's own cost,
	 * i.e. when one larger block is cheaper than the block plus the op's own pass. So the block
	 * size (3 to 5 qubits) follows from the cost of a pass.
	 */
	passCost?: number;
}

/** Arithmetic per amplitude of an op applied on its own (complex multiply-adds). */
function arithCost(op: EngineOp): number {
	switch (op.kind) {
		case 'dense1':
			return 2;
		case 'dense2':
			return 4;
		case 'denseK':
			return 2 ** op.qubits.length;
		default:
			return 1;
	}
}

/** Fuse a sequence of unitary engine ops; the result acts identically (to rounding). */
export function fuse(ops: readonly EngineOp[], options: FuseOptions = {}): EngineOp[] {
	const diagWidensDense = options.diagWidensDense ?? true;
	const maxDense = Math.min(MAX_DENSE_QUBITS, options.maxDenseQubits ?? MAX_DENSE_QUBITS);
	const passCost = options.passCost ?? PASS_COST_TILE;
	/** Whether `op` (support s) should join the pending block p as one dense block (see passCost). */
	const joinsDense = (p: Pending, s: number[], op: EngineOp): boolean => {
		const u = union(p.qubits, s).length;
		if (u > maxDense) return false;
		const own = p.kind === 'dense' ? 2 ** p.qubits.length : 1;
		if (p.kind === 'dense' && u === p.qubits.length) return true;
		return u <= 2 || 2 ** u <= own + passCost + arithCost(op);
	};
	const out: EngineOp[] = [];
	let pending: Pending | null = null;
	const flush = () => {
		if (pending) out.push(toOp(pending));
		pending = null;
	};
	/** Join a monomial op to a pending diagonal or monomial block if the union stays small enough. */
	const joinMono = (op: EngineOp, t: MonomialTable): boolean => {
		const p = pending as Pending | null;
		if (!p || p.kind === 'dense') return false;
		const qs = union(p.qubits, t.qubits);
		if (qs.length > MAX_PERM_QUBITS) return false;
		const block = p.kind === 'mono' ? widenMono(p, qs) : widenMono(monoFrom(toOp(p), monomialTable(toOp(p))!), qs);
		if (p.kind === 'diag') block.count = 2; // a diagonal run is already fused
		composeMono(block, t);
		pending = block;
		return true;
	};
	for (const op of ops) {
		const s = support(op);
		if (op.kind === 'diag') {
			const p = pending as Pending | null;
			if (p && p.kind === 'diag' && union(p.qubits, s).length <= MAX_DIAG_QUBITS) {
				const qs = union(p.qubits, s);
				const base = widen(p, qs) as { d: Float64Array };
				const next = diagonalOver(op, qs);
				for (let i = 0; i < next.length; i += 2) {
					const re = base.d[i] * next[i] - base.d[i + 1] * next[i + 1];
					const im = base.d[i] * next[i + 1] + base.d[i + 1] * next[i];
					base.d[i] = re;
					base.d[i + 1] = im;
				}
				pending = { kind: 'diag', qubits: qs, d: base.d };
				continue;
			}
			if (p && p.kind === 'mono' && joinMono(op, monomialTable(op)!)) continue;
			if (p && p.kind === 'dense' && (union(p.qubits, s).length === p.qubits.length || (diagWidensDense && joinsDense(p, s, op)))) {
				const qs = union(p.qubits, s);
				pending = { kind: 'dense', qubits: qs, m: multiply(matrixOver(op, qs), (widen(p, qs) as { m: CMatrix }).m) };
				continue;
			}
			flush();
			pending = s.length <= MAX_DIAG_QUBITS ? { kind: 'diag', qubits: s, d: diagonalOver(op, s) } : null;
			if (!pending) out.push(op);
			continue;
		}
		const p = pending as Pending | null;
		const mono = monomialTable(op);
		if (mono) {
			if (joinMono(op, mono)) continue;
			if (p && p.kind === 'dense' && joinsDense(p, s, op)) {
				const qs = union(p.qubits, s);
				pending = { kind: 'dense', qubits: qs, m: multiply(matrixOver(op, qs), (widen(p, qs) as { m: CMatrix }).m) };
				continue;
			}
			flush();
			pending = monoFrom(op, mono);
			continue;
		}
		if (s.length > 2 && !(p && joinsDense(p, s, op))) {
			// a gate on > 2 qubits starts no block: the kernels apply its controls natively
			flush();
			out.push(op);
			continue;
		}
		if (p && joinsDense(p, s, op)) {
			const qs = union(p.qubits, s);
			const base = p.kind === 'dense' ? (widen(p, qs) as { m: CMatrix }).m : matrixOver(toOp(p), qs);
			pending = { kind: 'dense', qubits: qs, m: multiply(matrixOver(op, qs), base) };
			continue;
		}
		flush();
		pending = { kind: 'dense', qubits: s, m: s.length === 1 && op.kind === 'dense1' ? op.m : matrixOver(op, s) };
	}
	flush();
	return out;
}
