import { describe, expect, it } from 'vitest';
import { Engine, lowerGate, type EngineOp, type GateInstruction } from '../../../src/lib/quantum/index';
import { loadModuleNode } from '../../../src/lib/quantum/node';
import { maxDiffF, testRandom } from './reference';

/**
 * Gates whose paired amplitudes lie ≥ 256 MiB apart (target qubit ≥ 24) take the SIMD kernels'
 * blocked gather/update/scatter path (see FAR_PAIR_BYTES in wasm/assembly/qsim.entry.ts); the scalar
 * build has no such path, so comparing the two checks the blocked path. 25 qubits: 512 MiB per state.
 */
describe('far pairs (target qubit 24 at n = 25)', () => {
	it('SIMD blocked path agrees with the scalar kernels to 1e-13 (dense 1- and 2-qubit, controlled, single-control)', async () => {
		const n = 25;
		const rnd = testRandom(2024);
		const gate = (name: string, qubits: number[], params: number[] = []): GateInstruction => ({ kind: 'gate', name, qubits, params });
		const angles = () => [0, 1, 2].map(() => (rnd() - 0.5) * 2 * Math.PI);
		const ops: EngineOp[] = [];
		// spread the state over many amplitudes with different phases (low and middle qubits)
		for (const q of [0, 1, 2, 3, 6, 9, 12, 16, 20, 23]) ops.push(lowerGate(gate('u3', [q], angles())));
		ops.push(
			lowerGate(gate('u3', [24], angles())), // apply1, no controls
			lowerGate(gate('cx', [2, 24])), // apply1c1, control below the target
			lowerGate(gate('cu3', [23, 24], angles())), // apply1c1, control adjacent
			lowerGate(gate('ccx', [0, 5, 24])), // apply1 with a control mask
			lowerGate(gate('rxx', [3, 24], [0.7])), // apply2, far upper qubit
			// apply2 with the far qubit first and a control; any 4×4 matrix will do for the comparison
			{ kind: 'dense2', q0: 24, q1: 1, controls: [7], m: new Float64Array(32).map(() => (rnd() - 0.5) * 0.8) },
			lowerGate(gate('u3', [24], angles()))
		);
		const states: Float64Array[] = [];
		for (const variant of ['simd', 'scalar'] as const) {
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			engine.reset(n);
			engine.apply(ops);
			states.push(new Float64Array(engine.memory.buffer, engine.statePtr, 2 * engine.size));
		}
		expect(Math.abs(states[0][0])).toBeGreaterThan(0);
		expect(maxDiffF(states[0], states[1])).toBeLessThan(1e-13);
	}, 60_000);
});
