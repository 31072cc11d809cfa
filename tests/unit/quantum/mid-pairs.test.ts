import { describe, expect, it } from 'vitest';
import { Engine, lowerGate, type EngineOp, type GateInstruction } from '../../../src/lib/quantum/index';
import { FAR_BUFFER_OFFSET } from '../../../src/lib/quantum/engine';
import { loadModuleNode } from '../../../src/lib/quantum/node';
import { maxDiffF, testRandom } from './reference';

/**
 * Dense 1-qubit gates without controls on targets ≥ 2 walk each block's two runs with pointers
 * (RUN_FIRST in wasm/assembly/qsim.entry.ts), and on targets 5–9 (pairs 512 B – 8 KiB apart) take
 * the mid-range path: segments of pairs whose memory is touched first, then updated run by run
 * (MID_FIRST). The scalar build has no such path, so comparing the two checks it —
 * whole ranges through the engine, with and without controls, and split ranges [lo, hi) that start
 * and end inside runs and segments, as threads claim them. The single-control kernel (apply1c1)
 * walks runs of quads with pointers and touches ahead in three modes (MID_CONTROL_SPAN): the second
 * test checks every target with controls below and above it the same way.
 */
describe('run-by-run and mid-range pairs (SIMD against scalar)', () => {
	it('the run-by-run loop (targets ≥ 2) and the touched segment path (targets 5–9) agree with the scalar kernels to 1e-13', async () => {
		const n = 18;
		const rnd = testRandom(1905);
		const gate = (name: string, qubits: number[], params: number[] = []): GateInstruction => ({ kind: 'gate', name, qubits, params });
		const angles = () => [0, 1, 2].map(() => (rnd() - 0.5) * 2 * Math.PI);
		const ops: EngineOp[] = [];
		for (const q of [0, 1, 3, 11, 13, 15]) ops.push(lowerGate(gate('u3', [q], angles())));
		for (let t = 2; t <= 12; t++) {
			ops.push(lowerGate(gate('u3', [t], angles()))); // no controls
			ops.push(lowerGate(gate('ccx', [1, t === 12 ? 14 : 12, t]))); // a control below and above the target
			ops.push(lowerGate(gate('ccx', [t + 2, t + 3, t]))); // controls above only
		}
		// split ranges: a random 2×2 matrix applied by the kernel itself over three pieces of the
		// pair range whose ends fall inside runs and segments
		const m = new Float64Array(8).map(() => (rnd() - 0.5) * 1.4);
		const pairs = 2 ** (n - 1);
		// pieces of 37, 1 502, 40 230 and 89 303 pairs: the last two are long enough for the
		// mid-range path (MID_MIN_PAIRS), the first two are not
		const cuts = [0, 37, 1024 + 515, 41769, pairs];
		const states: Float64Array[] = [];
		for (const variant of ['simd', 'scalar'] as const) {
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			engine.reset(n);
			engine.apply(ops);
			for (let t = 0; t < n; t++)
				for (const cmask of [0, t === 12 ? 1 << 3 : 1 << 12]) {
					new Float64Array(engine.memory.buffer, 0, 8).set(m);
					for (let c = 0; c + 1 < cuts.length; c++) engine.kernels.apply1(engine.statePtr, t, cmask, 0, FAR_BUFFER_OFFSET, cuts[c], cuts[c + 1]);
				}
			states.push(new Float64Array(engine.memory.buffer, engine.statePtr, 2 * engine.size).slice());
		}
		expect(states[0].some((x) => Math.abs(x) > 1e-6)).toBe(true);
		expect(maxDiffF(states[0], states[1])).toBeLessThan(1e-13);
	});

	it('the single-control kernel (apply1c1) with its touch-ahead modes agrees with the scalar kernel to 1e-13 for every target, controls below and above, whole and split ranges', async () => {
		const n = 18;
		const rnd = testRandom(2611);
		const gate = (name: string, qubits: number[], params: number[] = []): GateInstruction => ({ kind: 'gate', name, qubits, params });
		const angles = () => [0, 1, 2].map(() => (rnd() - 0.5) * 2 * Math.PI);
		const start: EngineOp[] = [];
		for (let q = 0; q < n; q++) start.push(lowerGate(gate('u3', [q], angles())));
		// every target with a control just below and just above it, low controls (2, 3: the span and
		// both-runs modes) and high ones (12, 17: walking only the amplitudes with the control set)
		const cases: [number, number][] = [];
		for (let t = 0; t < n; t++)
			for (const c of [t - 1, t + 1, 0, 1, 2, 3, 9, 12, 17]) if (c >= 0 && c < n && c !== t && !cases.some(([a, b]) => a === t && b === c)) cases.push([t, c]);
		const matrices = cases.map(() => {
			const op = lowerGate(gate('u3', [0], angles()));
			if (op.kind !== 'dense1') throw new Error('u3 lowers to a dense 1-qubit op');
			return Float64Array.from(op.m);
		});
		const quads = 2 ** (n - 2);
		// pieces of 37, 1 502, 32 774 and 31 223 quads: only the third reaches MID_MIN_PAIRS; odd ends
		// fall inside runs of quads
		const cuts = [0, 37, 1539, 34313, quads];
		const states: Float64Array[] = [];
		for (const variant of ['simd', 'scalar'] as const) {
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			engine.reset(n);
			engine.apply(start);
			cases.forEach(([t, c], i) => {
				new Float64Array(engine.memory.buffer, 0, 8).set(matrices[i]);
				engine.kernels.apply1c1(engine.statePtr, t, c, 0, FAR_BUFFER_OFFSET, 0, quads); // whole range
				for (let p = 0; p + 1 < cuts.length; p++) engine.kernels.apply1c1(engine.statePtr, t, c, 0, FAR_BUFFER_OFFSET, cuts[p], cuts[p + 1]);
			});
			states.push(new Float64Array(engine.memory.buffer, engine.statePtr, 2 * engine.size).slice());
		}
		expect(cases.length).toBeGreaterThan(100);
		expect(states[0].some((x) => Math.abs(x) > 1e-6)).toBe(true);
		expect(maxDiffF(states[0], states[1])).toBeLessThan(1e-13);
	});

	it('the dense 2-qubit kernel (apply2) with its mid-range touch (higher qubit 6–9) agrees with the scalar kernel to 1e-13, whole and split ranges', async () => {
		const n = 18;
		const rnd = testRandom(4099);
		// a random 4×4 unitary: Gram–Schmidt on random complex rows (row-major re, im)
		const unitary = (): Float64Array => {
			const rows: number[][] = [];
			for (let r = 0; r < 4; r++) {
				const v = Array.from({ length: 8 }, () => rnd() - 0.5);
				for (const u of rows) {
					// v -= <u, v> u
					let dr = 0;
					let di = 0;
					for (let k = 0; k < 4; k++) {
						dr += u[2 * k] * v[2 * k] + u[2 * k + 1] * v[2 * k + 1];
						di += u[2 * k] * v[2 * k + 1] - u[2 * k + 1] * v[2 * k];
					}
					for (let k = 0; k < 4; k++) {
						v[2 * k] -= dr * u[2 * k] - di * u[2 * k + 1];
						v[2 * k + 1] -= dr * u[2 * k + 1] + di * u[2 * k];
					}
				}
				const norm = Math.hypot(...v);
				rows.push(v.map((x) => x / norm));
			}
			return Float64Array.from(rows.flat());
		};
		const cases: [number, number, number][] = [];
		for (const [a, b] of [[4, 5], [5, 6], [6, 7], [7, 8], [8, 9], [9, 10], [0, 6], [9, 2], [3, 7], [8, 5], [1, 14], [12, 13], [0, 1]])
			for (const cmask of [0, 1 << 16]) cases.push([a, b, cmask]);
		const matrices = cases.map(() => unitary());
		const quads = 2 ** (n - 2);
		const cuts = [0, 37, 1539, 34313, quads]; // only the third piece reaches MID_MIN_PAIRS
		const states: Float64Array[] = [];
		for (const variant of ['simd', 'scalar'] as const) {
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			engine.reset(n);
			const gate = (name: string, qubits: number[], params: number[]): GateInstruction => ({ kind: 'gate', name, qubits, params });
			const r2 = testRandom(77);
			engine.apply(Array.from({ length: n }, (_, q) => lowerGate(gate('u3', [q], [0, 1, 2].map(() => (r2() - 0.5) * 6)))));
			cases.forEach(([a, b, cmask], i) => {
				new Float64Array(engine.memory.buffer, 0, 32).set(matrices[i]);
				engine.kernels.apply2(engine.statePtr, a, b, cmask, 0, FAR_BUFFER_OFFSET, 0, quads);
				for (let p = 0; p + 1 < cuts.length; p++) engine.kernels.apply2(engine.statePtr, a, b, cmask, 0, FAR_BUFFER_OFFSET, cuts[p], cuts[p + 1]);
			});
			states.push(new Float64Array(engine.memory.buffer, engine.statePtr, 2 * engine.size).slice());
		}
		expect(states[0].some((x) => Math.abs(x) > 1e-6)).toBe(true);
		expect(maxDiffF(states[0], states[1])).toBeLessThan(1e-13);
	});
});
