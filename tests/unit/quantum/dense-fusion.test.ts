import { describe, expect, it } from 'vitest';
import {
	Engine,
	fuse,
	lowerGate,
	planTiles,
	type EngineOp,
	type TileOp
} from '../../../src/lib/quantum/index';
import { PASS_COST_MEMORY, PASS_COST_TILE } from '../../../src/lib/quantum/fusion';
import { loadModuleNode } from '../../../src/lib/quantum/node';
import { maxDiffF, testRandom } from './reference';
import { randomGate, randomState } from './random';

/**
 * Dense fusion into 3–5-qubit blocks (fusion.ts → DenseKOp → applyK in qsim.entry.ts): a fused
 * circuit must act like its gates applied one at a time, in and out of cache tiles, SIMD and scalar.
 */

/** Runs of gates on small random qubit sets (low, high, mixed), controlled gates included. */
function circuitOps(n: number, seed: number, runs: number): EngineOp[] {
	const rnd = testRandom(seed);
	const names = ['h', 'rx', 'ry', 'u3', 'sx', 'cx', 'cp', 'crx', 'cu3', 'rzz', 'rxx', 'ccx', 't', 'swap', 'cz'];
	const ops: EngineOp[] = [];
	for (let r = 0; r < runs; r++) {
		const size = 3 + Math.floor(rnd() * 3);
		const all = Array.from({ length: n }, (_, i) => i);
		const kind = r % 3;
		const pool: number[] = [];
		while (pool.length < size) {
			const q = kind === 0 ? Math.floor(rnd() * 6) : kind === 1 ? n - 1 - Math.floor(rnd() * 6) : all[Math.floor(rnd() * n)];
			if (!pool.includes(q)) pool.push(q);
		}
		const len = 4 + Math.floor(rnd() * 10);
		for (let k = 0; k < len; k++) ops.push(lowerGate(randomGate(pool, rnd, names)));
	}
	return ops;
}


describe('dense k-qubit fusion', () => {
	it('fusion builds 3-, 4- and 5-qubit blocks; the block size follows the pass cost', () => {
		const ops = circuitOps(12, 1, 30);
		const sizes = (list: EngineOp[]) => list.filter((o) => o.kind === 'denseK').map((o) => (o as { qubits: number[] }).qubits.length);
		const memory = sizes(fuse(ops, { passCost: PASS_COST_MEMORY }));
		expect(memory.length).toBeGreaterThan(5);
		expect(Math.max(...memory)).toBeLessThanOrEqual(5);
		// a pass that costs more (memory) than an L2 sweep (tile) buys larger blocks
		const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
		expect(avg(sizes(fuse(ops, { passCost: 100 })))).toBeGreaterThan(avg(sizes(fuse(ops, { passCost: PASS_COST_TILE }))));
		expect(sizes(fuse(ops, { passCost: 100 }))).toContain(5);
		expect(sizes(fuse(ops, { maxDenseQubits: 2 }))).toEqual([]);
	});

	for (const variant of ['simd', 'scalar'] as const) {
		it(`${variant}: random 14-qubit circuits (controlled gates, targets low and high) fused into dense blocks match the unfused passes to 1e-10, plain and in 10-qubit tiles`, async () => {
			const n = 14;
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			for (const seed of [7, 8]) {
				const ops = circuitOps(n, seed, 24);
				const start = randomState(n, testRandom(seed + 50));
				engine.reset(n);
				engine.load(start);
				engine.apply(ops);
				const plain = engine.amplitudes();
				for (const passCost of [PASS_COST_TILE, PASS_COST_MEMORY, 100]) {
					const fused = fuse(ops, { passCost });
					expect(fused.some((o) => o.kind === 'denseK')).toBe(true);
					engine.load(start);
					engine.apply(fused);
					expect(maxDiffF(plain, engine.amplitudes())).toBeLessThan(1e-10);
					const plan = planTiles(fuse(ops, { passCost, diagWidensDense: false }), n, 10, 0);
					const tiles = plan.filter((p): p is TileOp => p.kind === 'tile');
					expect(tiles.some((t) => t.ops.some((o) => o.kind === 'denseK'))).toBe(true);
					expect(plan.some((o) => o.kind === 'denseK')).toBe(true); // and outside tiles
					engine.load(start);
					engine.apply(plan);
					expect(maxDiffF(plain, engine.amplitudes())).toBeLessThan(1e-10);
				}
			}
		}, 30_000);
	}
});
