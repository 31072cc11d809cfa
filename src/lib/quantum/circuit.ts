/**
 * The circuit model shared by the QASM parser, the builder API, the exporter and the simulator.
 *
 * Qubits are numbered globally: the registers are laid end to end in declaration order, so qubit 0
 * of the first declared register is global qubit 0 — the least significant bit of a basis index.
 * Classical bits are numbered the same way over the classical registers.
 */
import { NATIVE_GATES } from './gates';
import { QuantumError } from './errors';

/** A named register occupying global indices [offset, offset + size). */
export interface Register {
	name: string;
	size: number;
	offset: number;
}

/** A native gate applied to global qubits (controls first, as in the gate's signature). */
export interface GateInstruction {
	kind: 'gate';
	name: string;
	params: number[];
	qubits: number[];
}
/** Measure one qubit into one classical bit (collapsing the state). */
export interface MeasureInstruction {
	kind: 'measure';
	qubit: number;
	clbit: number;
}
/** Reset one qubit to |0⟩. */
export interface ResetInstruction {
	kind: 'reset';
	qubit: number;
}
/** A barrier (no effect on the simulation; kept for export). */
export interface BarrierInstruction {
	kind: 'barrier';
	qubits: number[];
}
/** Apply `body` only when the classical register `creg` holds `value`. */
export interface IfInstruction {
	kind: 'if';
	creg: string;
	value: number;
	body: GateInstruction | MeasureInstruction | ResetInstruction;
}
/** One step of a circuit. */
export type Instruction = GateInstruction | MeasureInstruction | ResetInstruction | BarrierInstruction | IfInstruction;

/** A quantum circuit: registers and an ordered list of instructions. */
export class Circuit {
	readonly qregs: Register[] = [];
	readonly cregs: Register[] = [];
	readonly instructions: Instruction[] = [];

	/** A circuit with one register `q` of numQubits and, if numClbits > 0, one register `c`. */
	constructor(numQubits = 0, numClbits = 0) {
		if (numQubits > 0) this.addQreg('q', numQubits);
		if (numClbits > 0) this.addCreg('c', numClbits);
	}

	/** Total number of qubits. */
	get numQubits(): number {
		const last = this.qregs[this.qregs.length - 1]; // offsets are cumulative: O(1), not a sum per call
		return last ? last.offset + last.size : 0;
	}

	/** Total number of classical bits. */
	get numClbits(): number {
		const last = this.cregs[this.cregs.length - 1];
		return last ? last.offset + last.size : 0;
	}

	/** Declare a quantum register; returns its global offset. */
	addQreg(name: string, size: number): number {
		const offset = this.numQubits;
		this.qregs.push({ name, size, offset });
		return offset;
	}

	/** Declare a classical register; returns its global offset. */
	addCreg(name: string, size: number): number {
		const offset = this.numClbits;
		this.cregs.push({ name, size, offset });
		return offset;
	}

	/** Append a native gate by name (see NATIVE_GATES) on global qubits. */
	gate(name: string, qubits: number[], params: number[] = []): this {
		const def = NATIVE_GATES[name];
		if (!def) throw new QuantumError('bad-circuit', `unknown gate "${name}"`);
		if (def.qubits !== qubits.length)
			throw new QuantumError('bad-circuit', `gate ${name} acts on ${def.qubits} qubit(s), got ${qubits.length}`);
		if (def.params !== params.length)
			throw new QuantumError('bad-circuit', `gate ${name} takes ${def.params} parameter(s), got ${params.length}`);
		this.checkQubits(qubits, name);
		this.instructions.push({ kind: 'gate', name, params: [...params], qubits: [...qubits] });
		return this;
	}

	/** Hadamard on q. */
	h(q: number): this {
		return this.gate('h', [q]);
	}
	/** Pauli X on q. */
	x(q: number): this {
		return this.gate('x', [q]);
	}
	/** Controlled X. */
	cx(control: number, target: number): this {
		return this.gate('cx', [control, target]);
	}
	/** Z rotation (qelib1: diag(1, e^{iθ})). */
	rz(theta: number, q: number): this {
		return this.gate('rz', [q], [theta]);
	}
	/** X rotation exp(−iθX/2). */
	rx(theta: number, q: number): this {
		return this.gate('rx', [q], [theta]);
	}
	/** Y rotation exp(−iθY/2). */
	ry(theta: number, q: number): this {
		return this.gate('ry', [q], [theta]);
	}
	/** Controlled phase diag(1, 1, 1, e^{iθ}). */
	cp(theta: number, control: number, target: number): this {
		return this.gate('cp', [control, target], [theta]);
	}

	/** Measure qubit into clbit. */
	measure(qubit: number, clbit: number): this {
		this.checkQubits([qubit], 'measure');
		if (!Number.isInteger(clbit) || clbit < 0 || clbit >= this.numClbits)
			throw new QuantumError('bad-circuit', `classical bit ${clbit} does not exist (circuit has ${this.numClbits})`);
		this.instructions.push({ kind: 'measure', qubit, clbit });
		return this;
	}

	/** Reset qubit to |0⟩. */
	reset(qubit: number): this {
		this.checkQubits([qubit], 'reset');
		this.instructions.push({ kind: 'reset', qubit });
		return this;
	}

	/** Barrier over the given qubits (all when none given). */
	barrier(...qubits: number[]): this {
		const qs = qubits.length ? qubits : Array.from({ length: this.numQubits }, (_, i) => i);
		this.checkQubits(qs, 'barrier');
		this.instructions.push({ kind: 'barrier', qubits: qs });
		return this;
	}

	private checkQubits(qubits: number[], what: string): void {
		const n = this.numQubits;
		for (const q of qubits)
			if (!Number.isInteger(q) || q < 0 || q >= n)
				throw new QuantumError('bad-circuit', `${what}: qubit ${q} does not exist (circuit has ${n})`);
		if (new Set(qubits).size !== qubits.length)
			throw new QuantumError('bad-circuit', `${what}: the same qubit is used twice`);
	}
}

/** Bytes needed for the state vector of n qubits (16 bytes per amplitude). */
export function stateBytes(numQubits: number): number {
	return 16 * 2 ** numQubits;
}

/** The bitstring of a basis index over `width` bits, highest bit leftmost (Qiskit's convention). */
export function bitstring(index: number, width: number): string {
	return width === 0 ? '' : index.toString(2).padStart(width, '0');
}
