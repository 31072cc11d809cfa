/**
 * Gate fusion: merges runs of gates into dense blocks on ≤ 2 qubits and runs of diagonal gates
 * into one diagonal on ≤ MAX_DIAG_QUBITS qubits, so a deep circuit makes far fewer passes over
 * the state (each pass reads and writes every amplitude; above ~20 qubits that is the cost).
 *
 * Greedy, order-preserving: one pending block; the next op joins it when the union of their
 * qubits stays within the limit, otherwise the block is emitted. Gates with > 2 qubits that are
 * not diagonal (ccx, cswap, c3x …) are emitted as they are (the kernels apply controls natively).
 */
import { multiply, type CMatrix } from './complex';
import { applyOpSmall, support, type EngineOp } from './ops';

/** Largest diagonal block (2^6 entries): keeps the per-amplitude bit gather cheap. */
export const MAX_DIAG_QUBITS = 6;

type Pending = { kind: 'dense'; qubits: number[]; m: CMatrix } | { kind: 'diag'; qubits: number[]; d: Float64Array };

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
	if (p.kind === 'diag') return { kind: 'diag', qubits: p.qubits, d: p.d };
	if (p.qubits.length === 1) return { kind: 'dense1', target: p.qubits[0], controls: [], m: p.m };
	return { kind: 'dense2', q0: p.qubits[0], q1: p.qubits[1], controls: [], m: p.m };
}

/** Re-express a pending block over a larger ordered qubit list. */
function widen(p: Pending, qubits: number[]): Pending {
	const op = toOp(p);
	if (p.kind === 'diag') return { kind: 'diag', qubits, d: diagonalOver(op, qubits) };
	return { kind: 'dense', qubits, m: matrixOver(op, qubits) };
}

/** Fuse a sequence of unitary engine ops; the result acts identically (to rounding). */
export function fuse(ops: readonly EngineOp[]): EngineOp[] {
	const out: EngineOp[] = [];
	let pending: Pending | null = null;
	const flush = () => {
		if (pending) out.push(toOp(pending));
		pending = null;
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
			if (p && p.kind === 'dense' && union(p.qubits, s).length <= 2) {
				const qs = union(p.qubits, s);
				pending = { kind: 'dense', qubits: qs, m: multiply(matrixOver(op, qs), (widen(p, qs) as { m: CMatrix }).m) };
				continue;
			}
			flush();
			pending = s.length <= MAX_DIAG_QUBITS ? { kind: 'diag', qubits: s, d: diagonalOver(op, s) } : null;
			if (!pending) out.push(op);
			continue;
		}
		if (s.length > 2) {
			flush();
			out.push(op);
			continue;
		}
		const p = pending as Pending | null;
		if (p && union(p.qubits, s).length <= 2) {
			const qs = union(p.qubits, s);
			const base = p.kind === 'diag' ? matrixOver(toOp(p), qs) : (widen(p, qs) as { m: CMatrix }).m;
			pending = { kind: 'dense', qubits: qs, m: multiply(matrixOver(op, qs), base) };
			continue;
		}
		flush();
		pending = { kind: 'dense', qubits: s, m: s.length === 1 && op.kind === 'dense1' ? op.m : matrixOver(op, s) };
	}
	flush();
	return out;
}
