/**
 * Qubits that are certainly in a basis state — every non-zero amplitude has the same bit there —
 * tracked through the gates without touching the state. A reset or measurement of such a qubit
 * needs no pass over the state: its outcome is already known. Oracle-style circuits reset their
 * ancillas over and over (QASMBench bwt_n21: 9 207 resets), and most of those are known |0⟩.
 */
import { Circuit, type Instruction } from './circuit';
import { NATIVE_GATES } from './gates';
import { lowerGate, type EngineOp } from './ops';

const SWAP_MATRIX = NATIVE_GATES.swap.target([]);

/** The rows of column `col` of a d×d complex matrix whose entry is not exactly zero. */
function nonZeroRows(m: Float64Array, d: number, col: number): number[] {
	const rows: number[] = [];
	for (let r = 0; r < d; r++) if (m[2 * (r * d + col)] !== 0 || m[2 * (r * d + col) + 1] !== 0) rows.push(r);
	return rows;
}

/** Whether a d×d complex matrix has no non-zero entry off its diagonal. */
function isDiagonal(m: Float64Array, d: number): boolean {
	for (let c = 0; c < d; c++) if (nonZeroRows(m, d, c).some((r) => r !== c)) return false;
	return true;
}

/** Per qubit: 0 or 1 when certainly that basis value, −1 when not known. */
export class KnownBits {
	readonly value: Int8Array;

	/** All qubits known to be 0 (the state |0…0⟩). */
	constructor(numQubits: number) {
		this.value = new Int8Array(numQubits);
	}

	/** Overwrite with a saved copy of `value`. */
	load(saved: Int8Array): void {
		this.value.set(saved);
	}

	/** Update for one (unfused) engine op. Conservative: a qubit the op may leave in superposition becomes unknown. */
	apply(op: EngineOp): void {
		const v = this.value;
		if (op.kind === 'diag') return;
		if (op.kind === 'perm') {
			if (op.qubits.some((q) => v[q] < 0)) {
				for (const q of op.qubits) v[q] = -1;
				return;
			}
			const local = op.qubits.reduce((s, q, j) => s | (v[q] << j), 0);
			const t = op.src.indexOf(local);
			if (t >= 0) op.qubits.forEach((q, j) => (v[q] = (op.dst[t] >> j) & 1));
			return;
		}
		if (op.kind === 'denseK') {
			for (const q of op.qubits) v[q] = -1;
			return;
		}
		if (op.controls.some((c) => v[c] === 0)) return;
		const targets = op.kind === 'dense1' ? [op.target] : op.kind === 'dense2' ? [op.q0, op.q1] : [op.a, op.b];
		const m = op.kind === 'swap' ? SWAP_MATRIX : op.m;
		const d = 2 ** targets.length;
		if (isDiagonal(m, d)) return;
		if (targets.some((t) => v[t] < 0)) {
			for (const t of targets) v[t] = -1;
			return;
		}
		const col = targets.reduce((s, t, j) => s | (v[t] << j), 0);
		const rows = nonZeroRows(m, d, col);
		if (rows.length === 1 && rows[0] === col) return;
		const certain = rows.length === 1 && op.controls.every((c) => v[c] === 1);
		targets.forEach((t, j) => (v[t] = certain ? (rows[0] >> j) & 1 : -1));
	}

	/**
	 * Update for a fused engine op (fusion.ts). A perm block is followed exactly: every local basis
	 * state consistent with the known bits is mapped, and a qubit stays known when all images agree
	 * on it (an oracle's ancillas return to their values while the walk qubits are superposed).
	 */
	applyFused(op: EngineOp): void {
		const v = this.value;
		if (op.kind === 'denseK') {
			for (const q of op.qubits) v[q] = -1;
			return;
		}
		if (op.kind !== 'perm') return this.apply(op);
		const k = op.qubits.length;
		const to = new Int32Array(2 ** k).map((_, j) => j);
		for (let t = 0; t < op.src.length; t++) to[op.src[t]] = op.dst[t];
		let fixedMask = 0;
		let fixedValue = 0;
		op.qubits.forEach((q, j) => {
			if (v[q] >= 0) {
				fixedMask |= 1 << j;
				fixedValue |= v[q] << j;
			}
		});
		let and = (1 << k) - 1;
		let or = 0;
		for (let j = 0; j < to.length; j++) {
			if ((j & fixedMask) !== fixedValue) continue;
			and &= to[j];
			or |= to[j];
		}
		op.qubits.forEach((q, j) => {
			const bitAnd = (and >> j) & 1;
			const bitOr = (or >> j) & 1;
			v[q] = bitAnd === bitOr ? bitAnd : -1;
		});
	}

	/**
	 * Update for a measurement, reset or `if` as it acts on every trajectory: a measured qubit keeps
	 * what is known of it (its outcome is random when it was not known), a reset qubit is 0, and a
	 * conditional step keeps only what holds whether or not it runs.
	 */
	afterStep(ins: Instruction): void {
		const v = this.value;
		if (ins.kind === 'reset') v[ins.qubit] = 0;
		else if (ins.kind === 'if') {
			const skipped = v.slice();
			if (ins.body.kind === 'gate') this.apply(lowerGate(ins.body));
			else this.afterStep(ins.body);
			for (let q = 0; q < v.length; q++) if (v[q] !== skipped[q]) v[q] = -1;
		}
	}
}

/**
 * The circuit with every reset of a qubit that is certainly 0 or 1 on every trajectory replaced by
 * nothing or an X (measured qubits count as unknown). When that leaves only terminal measurements,
 * the circuit can be simulated once and sampled instead of shot by shot. `drawsBefore[i]` counts
 * the resolved resets just before output instruction i (index length: after the last), so a
 * trajectory run can still draw one random number per reset, as the original program order has it.
 */
export function resolveKnownResets(circuit: Circuit): { circuit: Circuit; resolved: number; drawsBefore: Map<number, number> } {
	const out = new Circuit();
	for (const r of circuit.qregs) out.addQreg(r.name, r.size);
	for (const r of circuit.cregs) out.addCreg(r.name, r.size);
	const known = new KnownBits(circuit.numQubits);
	const drawsBefore = new Map<number, number>();
	let resolved = 0;
	for (const ins of circuit.instructions) {
		if (ins.kind === 'gate') known.apply(lowerGate(ins));
		else if (ins.kind === 'reset' && known.value[ins.qubit] >= 0) {
			if (known.value[ins.qubit] === 1) out.instructions.push({ kind: 'gate', name: 'x', params: [], qubits: [ins.qubit] });
			known.value[ins.qubit] = 0;
			const at = out.instructions.length;
			drawsBefore.set(at, (drawsBefore.get(at) ?? 0) + 1);
			resolved++;
			continue;
		} else if (ins.kind !== 'barrier') known.afterStep(ins);
		out.instructions.push(ins);
	}
	return { circuit: out, resolved, drawsBefore };
}
