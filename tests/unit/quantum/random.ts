/** Seeded random gates and states for the quantum tests (engine, tiles, dense fusion). */
import { NATIVE_GATES, type GateInstruction } from '../../../src/lib/quantum/index';

/**
 * A random native gate (one of `names` that fits, random angles) on distinct qubits drawn from
 * `qubits`: a list, or `n` for qubits 0…n−1.
 */
export function randomGate(qubits: number | number[], rnd: () => number, names = Object.keys(NATIVE_GATES)): GateInstruction {
	const free = typeof qubits === 'number' ? Array.from({ length: qubits }, (_, i) => i) : [...qubits];
	const fits = names.filter((g) => NATIVE_GATES[g].qubits <= free.length);
	const name = fits[Math.floor(rnd() * fits.length)];
	const def = NATIVE_GATES[name];
	const chosen: number[] = [];
	for (let i = 0; i < def.qubits; i++) chosen.push(free.splice(Math.floor(rnd() * free.length), 1)[0]);
	const params = Array.from({ length: def.params }, () => (rnd() - 0.5) * 4 * Math.PI);
	return { kind: 'gate', name, qubits: chosen, params };
}

/** A random normalised state on n qubits (interleaved re, im). */
export function randomState(n: number, rnd: () => number): Float64Array {
	const v = new Float64Array(2 ** (n + 1)).map(() => rnd() - 0.5);
	let s = 0;
	for (const x of v) s += x * x;
	return v.map((x) => x / Math.sqrt(s));
}
