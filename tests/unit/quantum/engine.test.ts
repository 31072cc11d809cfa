import { describe, expect, it } from 'vitest';
import { Circuit, Engine, NATIVE_GATES, QuantumError, analyse, fuse, lowerGate, runsShotByShot, type EngineOp } from '../../../src/lib/quantum/index';
import { applyOpSmall } from '../../../src/lib/quantum/ops';
import { createNodeSimulator, loadModuleNode } from '../../../src/lib/quantum/node';
import { applyReference, maxDiff, maxDiffF, referenceGate, testRandom, zeroState, type C } from './reference';
import { randomGate, randomState } from './random';

const variants = ['simd', 'scalar'] as const;

async function engineFor(variant: 'simd' | 'scalar' | 'mt'): Promise<Engine> {
	return Engine.create(await loadModuleNode(variant), variant);
}


function toC(v: Float64Array): C[] {
	return Array.from({ length: v.length / 2 }, (_, i) => [v[2 * i], v[2 * i + 1]] as C);
}


describe('every gate against its analytic matrix', () => {
	for (const variant of variants) {
		it(`${variant}: each native gate, on shuffled qubits of a random 5-qubit state, matches the reference to 1e-13`, async () => {
			const engine = await engineFor(variant);
			expect(engine.kernels.simdEnabled()).toBe(variant === 'simd' ? 1 : 0);
			const rnd = testRandom(7);
			const n = 5;
			for (const name of Object.keys(NATIVE_GATES)) {
				for (let trial = 0; trial < 3; trial++) {
					const g = randomGate(n, rnd, [name]);
					const ref = referenceGate(g.name, g.params);
					expect(ref, name).not.toBeNull();
					const psi = randomState(n, rnd);
					engine.reset(n);
					engine.load(psi);
					engine.apply([lowerGate(g)]);
					const expected = applyReference(toC(psi), ref!, g.qubits);
					expect(maxDiff(expected, engine.amplitudes()), `${name} on ${g.qubits}`).toBeLessThan(1e-13);
				}
			}
		});
	}
});

describe('random circuits', () => {
	it('6-qubit random circuits of all gates match the dense-matrix reference to 1e-12 (fused and unfused)', async () => {
		const sim = await createNodeSimulator();
		const rnd = testRandom(11);
		for (let round = 0; round < 8; round++) {
			const n = 6;
			const c = new Circuit(n);
			let ref = zeroState(n);
			for (let k = 0; k < 80; k++) {
				const g = randomGate(n, rnd);
				c.gate(g.name, g.qubits, g.params);
				ref = applyReference(ref, referenceGate(g.name, g.params)!, g.qubits);
			}
			for (const fusion of [true, false]) {
				const r = await sim.run(c, { statevector: true, fusion });
				expect(maxDiff(ref, r.statevector!)).toBeLessThan(1e-12);
			}
		}
	});

	it('fusion makes fewer passes and agrees with the unfused run to 1e-12 (12 qubits, 400 gates)', async () => {
		const sim = await createNodeSimulator();
		const rnd = testRandom(5);
		const c = new Circuit(12);
		for (let k = 0; k < 400; k++) {
			const g = randomGate(12, rnd, ['h', 'rz', 'rx', 'cx', 'cp', 'rzz', 't', 'swap', 'ccx', 'cu3', 'rxx', 'sx']);
			c.gate(g.name, g.qubits, g.params);
		}
		const fused = await sim.run(c, { statevector: true, fusion: true });
		const plain = await sim.run(c, { statevector: true, fusion: false });
		expect(maxDiffF(fused.statevector!, plain.statevector!)).toBeLessThan(1e-12);
		expect(plain.passes).toBe(400);
		expect(fused.passes).toBeLessThan(360);
	});

	it('SIMD and scalar kernels agree to 1e-12 on a 12-qubit random circuit', async () => {
		const rnd = testRandom(99);
		const ops: EngineOp[] = [];
		for (let k = 0; k < 300; k++) ops.push(lowerGate(randomGate(12, rnd)));
		const fused = fuse(ops);
		const states = [];
		for (const variant of variants) {
			const engine = await engineFor(variant);
			engine.reset(12);
			engine.apply([...ops, ...fused]);
			states.push(engine.amplitudes());
		}
		expect(maxDiffF(states[0], states[1])).toBeLessThan(1e-12);
	});
});

describe('monomial blocks (permutation with phases)', () => {
	const classical = ['x', 'y', 'cx', 'ccx', 'c3x', 'swap', 'cswap', 't', 's', 'sdg', 'rz', 'cz', 'cp', 'z', 'ccx', 'cx', 'x'];

	/** Ops of a Toffoli-heavy random circuit with an H now and then (as in QASMBench bwt_n21). */
	function classicalOps(n: number, count: number, seed: number): EngineOp[] {
		const rnd = testRandom(seed);
		const ops: EngineOp[] = [];
		for (let k = 0; k < count; k++) ops.push(lowerGate(randomGate(n, rnd, rnd() < 0.05 ? ['h'] : classical)));
		return ops;
	}

	it('runs of X, CX, Toffoli, swap and diagonal gates fuse into perm ops; a lone gate stays as it was', () => {
		const ops = classicalOps(12, 600, 21);
		const fused = fuse(ops);
		expect(fused.filter((o) => o.kind === 'perm').length).toBeGreaterThan(10);
		expect(fused.length).toBeLessThan(ops.length / 4);
		for (const o of fused) if (o.kind === 'perm') expect(o.qubits.length).toBeLessThanOrEqual(10);
		const lone = lowerGate({ kind: 'gate', name: 'ccx', params: [], qubits: [0, 1, 2] });
		expect(fuse([lone])).toEqual([lone]);
		// x·ccx·x on one set of qubits: one perm op moving only the two entries it swaps.
		const negated = fuse(['x', 'ccx', 'x'].map((name) => lowerGate({ kind: 'gate', name, params: [], qubits: name === 'x' ? [1] : [0, 1, 2] })));
		expect(negated).toHaveLength(1);
		expect(negated[0].kind).toBe('perm');
		expect((negated[0] as Extract<EngineOp, { kind: 'perm' }>).src.length).toBe(2);
	});

	for (const variant of variants)
		it(`${variant}: fused perm blocks act like the unfused gates to 1e-12 on a random 13-qubit state`, async () => {
			const n = 13;
			const ops = classicalOps(n, 800, 77);
			const fused = fuse(ops);
			const psi = randomState(n, testRandom(5));
			const results = [];
			for (const list of [ops, fused]) {
				const engine = await engineFor(variant);
				engine.reset(n);
				engine.load(psi);
				engine.apply(list);
				results.push(engine.amplitudes());
			}
			expect(maxDiffF(results[0], results[1])).toBeLessThan(1e-12);
		});

	it('the small-vector reference of a perm op (used to build fused matrices) matches the kernel', async () => {
		const ops = fuse(classicalOps(5, 60, 9)).filter((o) => o.kind === 'perm');
		expect(ops.length).toBeGreaterThan(0);
		const n = 5;
		const psi = randomState(n, testRandom(6));
		const engine = await engineFor('simd');
		engine.reset(n);
		engine.load(psi);
		engine.apply(ops);
		const vec = psi.slice();
		for (const op of ops) applyOpSmall(vec, op, [0, 1, 2, 3, 4]);
		expect(maxDiffF(engine.amplitudes(), vec)).toBeLessThan(1e-13);
	});
});

describe('readout', () => {
	it('probabilities, sampling and seeded counts', async () => {
		const sim = await createNodeSimulator();
		const c = new Circuit(3).h(0).cx(0, 2).ry(2 * Math.acos(Math.sqrt(0.8)), 1);
		const r = await sim.run(c, { shots: 20000, seed: 42, probabilities: true });
		const p = r.probabilities!;
		expect(p[0b000]).toBeCloseTo(0.4, 12);
		expect(p[0b101]).toBeCloseTo(0.4, 12);
		expect(p[0b010]).toBeCloseTo(0.1, 12);
		expect(p[0b111]).toBeCloseTo(0.1, 12);
		expect(Object.keys(r.counts!).sort()).toEqual(['000', '010', '101', '111']);
		expect(Math.abs(r.counts!['000'] / 20000 - 0.4)).toBeLessThan(0.02);
		const again = await sim.run(c, { shots: 20000, seed: 42 });
		expect(again.counts).toEqual(r.counts);
	});

	it('mid-circuit measurement, reset and if run shot by shot', async () => {
		const sim = await createNodeSimulator();
		// Measure a |+> qubit, copy the outcome with if, reset and flip: clbit 2 always 1, clbits 0 and 1 equal.
		const c = new Circuit(2, 3).h(0).measure(0, 0);
		c.instructions.push({ kind: 'if', creg: 'c', value: 1, body: { kind: 'gate', name: 'x', params: [], qubits: [1] } });
		c.measure(1, 1).reset(0).x(0).measure(0, 2);
		const r = await sim.run(c, { shots: 4000, seed: 3 });
		expect(r.dynamic).toBe(true);
		expect(Object.keys(r.counts!).sort()).toEqual(['100', '111']);
		expect(Math.abs(r.counts!['111'] / 4000 - 0.5)).toBeLessThan(0.04);
	});

	it('resets of qubits known to be 0 or 1 do not make a circuit dynamic; a reset of a superposed qubit does', async () => {
		const known = new Circuit(3, 3).x(0).cx(0, 1).reset(1).h(2).cx(2, 0).reset(1).measure(0, 0).measure(2, 2);
		expect(analyse(known).dynamic).toBe(true);
		expect(runsShotByShot(known)).toBe(false);
		const sim = await createNodeSimulator();
		const r = await sim.run(known, { shots: 400, seed: 4, statevector: true });
		expect(r.dynamic).toBe(false);
		// x·cx·reset leaves |q1 q0⟩ = |01⟩ → h(2)·cx(2,0): (|001⟩ + |100⟩)/√2; qubit 1 stays 0.
		expect(r.statevector![2 * 0b001]).toBeCloseTo(Math.SQRT1_2, 12);
		expect(r.statevector![2 * 0b100]).toBeCloseTo(Math.SQRT1_2, 12);
		expect(Object.keys(r.counts!).sort()).toEqual(['001', '100']);
		const superposed = new Circuit(2, 1).h(0).cx(0, 1).reset(1).measure(0, 0);
		expect(runsShotByShot(superposed)).toBe(true);
	});

	it('Pauli expectation values of a Bell state', async () => {
		const sim = await createNodeSimulator();
		const bell = new Circuit(2).h(0).cx(0, 1);
		const ev = (p: string) => sim.expectation(bell, [{ coefficient: 1, paulis: p }]);
		expect(await ev('ZZ')).toBeCloseTo(1, 12);
		expect(await ev('XX')).toBeCloseTo(1, 12);
		expect(await ev('YY')).toBeCloseTo(-1, 12);
		expect(await ev('IZ')).toBeCloseTo(0, 12);
		// ⟨Y⟩ of S·H|0⟩ = |+i⟩ is +1; ⟨X⟩ of H|0⟩ is +1.
		expect(await sim.expectation(new Circuit(1).h(0).gate('s', [0]), [{ coefficient: 2, paulis: 'Y' }])).toBeCloseTo(2, 12);
		await expect(ev('ZQ')).rejects.toThrow(/I, X, Y, Z/);
	});

	it('inner product kernel: ⟨ψ|ψ⟩ = 1 and ⟨0|H⊗n|0⟩ = 2^(−n/2)', async () => {
		const engine = await engineFor('simd');
		engine.reset(4, 16 * 16 + 16);
		engine.load(randomState(4, testRandom(1)));
		const other = engine.scratchPtr;
		engine.kernels.copyBytes(other, engine.statePtr, 16 * 16);
		engine.kernels.inner(engine.statePtr, other, 16, other + 256);
		expect(new Float64Array(engine.memory.buffer, other + 256, 2)[0]).toBeCloseTo(1, 13);
		engine.reset(4, 16 * 16 + 16);
		engine.kernels.initBasis(other, 16, 0);
		engine.apply([0, 1, 2, 3].map((q) => lowerGate({ kind: 'gate', name: 'h', params: [], qubits: [q] })));
		engine.kernels.inner(other, engine.statePtr, 16, other + 256);
		expect(new Float64Array(engine.memory.buffer, other + 256, 2)[0]).toBeCloseTo(0.25, 13);
	});
});

describe('limits', () => {
	it('refuses more than 26 qubits (27 on request) with the memory it would need', async () => {
		const sim = await createNodeSimulator();
		const err = await sim.run(new Circuit(28).h(0)).catch((e) => e);
		expect(err).toBeInstanceOf(QuantumError);
		expect(err.code).toBe('too-many-qubits');
		expect(err.message).toMatch(/28 qubits need 4\.0 GiB/);
		const err27 = await sim.run(new Circuit(27).h(0)).catch((e) => e);
		expect(err27.message).toMatch(/27 on request/);
		await expect(sim.run(new Circuit(2).h(0), { shots: 0 })).rejects.toThrow(/shots must be/);
	});

	it('a cancelled run stops with code "cancelled"', async () => {
		const sim = await createNodeSimulator();
		const c = new Circuit(20);
		for (let k = 0; k < 200; k++) c.h(k % 20).cx(k % 20, (k + 1) % 20);
		const ac = new AbortController();
		ac.abort();
		const err = await sim.run(c, { signal: ac.signal, fusion: false }).catch((e) => e);
		expect(err.code).toBe('cancelled');
	});
});

describe('threads', () => {
	it('2 worker threads sharing one memory give the same state as 1 thread (16 qubits, fused and unfused)', async () => {
		const { createNodeThreadedSimulator } = await import('../../../src/lib/quantum/node');
		const rnd = testRandom(8);
		const c = new Circuit(16);
		for (let k = 0; k < 120; k++) {
			const g = randomGate(16, rnd);
			c.gate(g.name, g.qubits, g.params);
		}
		// …and a Toffoli-heavy stretch, so the fused run includes perm blocks split over threads.
		for (let k = 0; k < 120; k++) {
			const g = randomGate(16, rnd, ['x', 'cx', 'ccx', 'c3x', 't', 'cz', 'swap']);
			c.gate(g.name, g.qubits, g.params);
		}
		const single = await createNodeSimulator();
		const { simulator, close } = await createNodeThreadedSimulator(2);
		try {
			for (const fusion of [true, false]) {
				const a = await single.run(c, { statevector: true, fusion });
				const b = await simulator.run(c, { statevector: true, fusion });
				expect(b.threads).toBe(2);
				expect(maxDiffF(a.statevector!, b.statevector!)).toBeLessThan(1e-12);
			}
		} finally {
			await close();
		}
	});
});
