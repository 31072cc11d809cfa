/**
 * QASMBench `medium/bwt_n21` (binary welded tree quantum walk): 21 qubits, 112 830 instructions —
 * 25 600 Toffolis, 41 601 X, 21 200 CX, 9 207 resets and 4 800 H. Every reset hits a qubit known to
 * be 0 or 1 on every trajectory, so the simulator turns them into nothing or an X, simulates the
 * circuit once (fused into perm blocks) and samples the final measurements. The final state is
 * checked amplitude by amplitude against the independent sparse reference, which runs the resets
 * as real measurements (the walk keeps at most ~10³ of the 2^21 amplitudes non-zero, which is
 * what makes the reference fast), and the sampled counts against the reference's distribution.
 * Skips cleanly without ../shared.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, Circuit, parseQasm } from '../../../src/lib/quantum/index';
import { createNodeSimulator } from '../../../src/lib/quantum/node';
import { seededUniform } from '../../../src/lib/quantum/rng';
import { maxDiffSparse, runSparseReference } from './reference';

const file = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'data', 'quantum', 'medium', 'bwt_n21', 'bwt_n21.qasm');
const present = fs.existsSync(file);
if (!present) console.log(`skipping bwt_n21: ${file} is absent`);

describe.skipIf(!present)('QASMBench bwt_n21 (needs ../shared)', () => {
	it('runs once and samples; the state matches the sparse reference to 1e-10 and the counts its distribution', async () => {
		const { circuit } = parseQasm(fs.readFileSync(file, 'utf8'));
		expect(circuit.numQubits).toBe(21);
		expect(circuit.instructions.length).toBeGreaterThan(100_000);
		expect(analyse(circuit).dynamic).toBe(true);
		const sim = await createNodeSimulator();
		const shots = 2000;
		const r = await sim.run(circuit, { shots, seed: 7, statevector: true, probabilities: false });
		expect(r.dynamic).toBe(false);
		// Fusion: far fewer passes over the 32 MiB state than gates.
		expect(r.passes).toBeLessThan(r.gates / 10);

		const unitary = new Circuit();
		for (const reg of circuit.qregs) unitary.addQreg(reg.name, reg.size);
		for (const reg of circuit.cregs) unitary.addCreg(reg.name, reg.size);
		unitary.instructions.push(...circuit.instructions.filter((i) => i.kind !== 'measure'));
		const ref = runSparseReference(unitary, seededUniform(1));
		expect(ref.maxSupport).toBeLessThan(5000);
		expect(maxDiffSparse(ref.state, r.statevector!)).toBeLessThan(1e-10);

		// Counts: classical bits (highest leftmost) from the measured qubits of each basis state.
		const { measured } = analyse(circuit);
		const keyOf = (index: number) => {
			const bits = new Uint8Array(circuit.numClbits);
			for (const [q, c] of measured) bits[c] = (index >> q) & 1;
			return [...bits].reverse().join('');
		};
		const expected = new Map<string, number>();
		for (const [i, a] of ref.state) expected.set(keyOf(i), (expected.get(keyOf(i)) ?? 0) + a[0] * a[0] + a[1] * a[1]);
		const total = Object.values(r.counts!).reduce((a, b) => a + b, 0);
		expect(total).toBe(shots);
		for (const [key, count] of Object.entries(r.counts!)) {
			const p = expected.get(key) ?? 0;
			expect(p, `outcome ${key} was sampled but has probability 0`).toBeGreaterThan(0);
			// Within 5 standard deviations of the binomial expectation.
			expect(Math.abs(count - shots * p)).toBeLessThan(5 * Math.sqrt(shots * p * (1 - p)) + 1);
		}
		console.log(
			`bwt_n21: ${r.gates} gates in ${r.passes} passes, ${(r.timeMs / 1000).toFixed(1)} s; reference support ≤ ${ref.maxSupport}; ${expected.size} possible outcomes`
		);
	}, 400_000);
});
