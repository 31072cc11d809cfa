import { describe, expect, it } from 'vitest';
import {
	Circuit,
	Engine,
	fuse,
	lowerGate,
	markKnownTiles,
	planTiles,
	tileLowBits,
	type EngineOp,
	type PassOp,
	type TileOp
} from '../../../src/lib/quantum/index';
import { createNodeSimulator, loadModuleNode } from '../../../src/lib/quantum/node';
import { maxDiffF, testRandom } from './reference';
import { randomGate, randomState } from './random';

/**
 * Cache-blocked passes (src/lib/quantum/tiles.ts): runs of ops applied tile by tile in a cached
 * buffer must act exactly like the ops applied one pass at a time.
 */

function circuitOps(n: number, seed: number, count: number): EngineOp[] {
	const rnd = testRandom(seed);
	const ops: EngineOp[] = [];
	// all native gates, then a Toffoli/phase-heavy stretch (perm blocks), then low-qubit runs (long tiles)
	for (let k = 0; k < count; k++) ops.push(lowerGate(randomGate(n, rnd)));
	for (let k = 0; k < count; k++) ops.push(lowerGate(randomGate(n, rnd, ['x', 'cx', 'ccx', 'c3x', 't', 'cz', 'swap', 'cp'])));
	for (let k = 0; k < count; k++) {
		const g = randomGate(6, rnd, ['h', 'rx', 'cu3', 'rzz', 'cx', 'ccx']);
		// targets low, plus a control or diagonal partner anywhere (often outside the tile)
		if (g.qubits.length > 1 && rnd() < 0.5) g.qubits[0] = n - 1 - Math.floor(rnd() * 4);
		ops.push(lowerGate(g));
	}
	return ops;
}

describe('tile planning', () => {
	it('tileLowBits keeps segments ≥ 2^8 and finds room for high targets', () => {
		expect(tileLowBits([0, 3, 7], 15)).toBe(15);
		expect(tileLowBits([0, 20, 21], 15)).toBe(13);
		expect(tileLowBits([9, 10, 11, 12, 13, 14, 21], 15)).toBe(8);
		expect(tileLowBits([9, 10, 11, 12, 13, 14, 20, 21], 15)).toBe(-1);
	});

	it('runs become tile passes, lone ops stay; diagonals and controls outside the tile join a run', () => {
		const h = (q: number) => lowerGate({ kind: 'gate', name: 'h', qubits: [q], params: [] });
		const cp = (a: number, b: number) => lowerGate({ kind: 'gate', name: 'cp', qubits: [a, b], params: [0.3] });
		const cx = (a: number, b: number) => lowerGate({ kind: 'gate', name: 'cx', qubits: [a, b], params: [] });
		const plan = planTiles([h(0), cp(21, 1), cx(20, 2), h(21), h(5)], 22);
		expect(plan).toHaveLength(1);
		const tile = plan[0] as TileOp;
		expect(tile.kind).toBe('tile');
		expect(tile.low + tile.high.length).toBe(tile.tileQubits);
		expect(tile.high).toContain(21);
		// qubit 20 is only a control: outside the tile, it sits above the tile's bits
		const sub = tile.ops[2];
		expect(sub.kind === 'dense1' && sub.controls[0]).toBeGreaterThanOrEqual(tile.tileQubits);
		// below TILE_MIN_QUBITS nothing changes
		expect(planTiles([h(0), h(1)], 12)).toEqual([h(0), h(1)]);
		// a lone op stays as it was, except a perm block (tiled: local moves, zero tiles skipped)
		const lone = planTiles([h(0), lowerGate({ kind: 'gate', name: 'rxx', qubits: [9, 21], params: [0.2] })], 22, 9, 0);
		expect(lone.map((o) => o.kind)).toEqual(['dense1', 'dense2']);
		const perm = fuse([cx(0, 21), cx(21, 3), lowerGate({ kind: 'gate', name: 'ccx', qubits: [3, 0, 12], params: [] })]);
		expect(perm.map((o) => o.kind)).toEqual(['perm']);
		expect(planTiles(perm, 22).map((o) => o.kind)).toEqual(['tile']);
		// …when its qubits fit a tile (here 4 targets up to qubit 21 do not fit 9 qubits)
		expect(planTiles(perm, 22, 9, 0).map((o) => o.kind)).toEqual(['perm']);
	});
});

describe('tile passes against plain passes', () => {
	for (const variant of ['simd', 'scalar'] as const) {
		it(`${variant}: random 16-qubit circuits in 12-qubit tiles (targets high, controls and diagonals outside, perm blocks, swaps) match to 1e-12`, async () => {
			const n = 16;
			const engine = await Engine.create(await loadModuleNode(variant), variant);
			for (const seed of [3, 4]) {
				const ops = circuitOps(n, seed, 60);
				const plan = planTiles(fuse(ops, { diagWidensDense: false }), n, 12, 0);
				const tiles = plan.filter((p): p is TileOp => p.kind === 'tile');
				expect(tiles.length).toBeGreaterThan(3);
				// the cases this test is for actually occur
				const subs = tiles.flatMap((t) => t.ops.map((o) => ({ o, C: t.tileQubits })));
				expect(subs.some(({ o, C }) => o.kind === 'diag' && o.qubits.some((q) => q >= C))).toBe(true);
				expect(subs.some(({ o, C }) => (o.kind === 'dense1' || o.kind === 'dense2' || o.kind === 'swap') && o.controls.some((q) => q >= C))).toBe(true);
				expect(subs.some(({ o }) => o.kind === 'perm')).toBe(true);
				expect(tiles.some((t) => t.high.includes(n - 1))).toBe(true);
				const start = randomState(n, testRandom(seed + 100));
				engine.reset(n);
				engine.load(start);
				engine.apply(ops);
				const plain = engine.amplitudes();
				engine.load(start);
				engine.apply(plan as PassOp[]);
				expect(maxDiffF(plain, engine.amplitudes())).toBeLessThan(1e-12);
			}
		}, 30_000);
	}
});

describe('zero tiles', () => {
	it('a sparse 20-qubit state (Toffoli oracle on a few superposed qubits): tile passes skip zero tiles and still match the plain passes to 1e-12', async () => {
		const n = 20;
		const rnd = testRandom(12);
		const ops: EngineOp[] = [0, 1, 17].map((q) => lowerGate({ kind: 'gate', name: 'h', qubits: [q], params: [] }));
		for (let k = 0; k < 120; k++) ops.push(lowerGate(randomGate(n, rnd, ['x', 'cx', 'ccx', 't', 'swap'])));
		ops.push(lowerGate({ kind: 'gate', name: 'ry', qubits: [19], params: [0.4] }));
		const plan = planTiles(fuse(ops, { diagWidensDense: false }), n, 12, 0);
		const engine = await Engine.create(await loadModuleNode('simd'), 'simd');
		engine.reset(n);
		engine.apply(ops);
		const plain = engine.amplitudes();
		let nonZero = 0;
		for (let i = 0; i < plain.length; i += 2) if (plain[i] !== 0 || plain[i + 1] !== 0) nonZero++;
		expect(nonZero).toBeLessThanOrEqual(16);
		engine.reset(n);
		engine.apply(plan);
		expect(maxDiffF(plain, engine.amplitudes())).toBeLessThan(1e-12);
	}, 30_000);
});

describe('known outer qubits (markKnownTiles)', () => {
	it('a 20-qubit oracle circuit from |0⟩ (superposed walk qubits, ancillas toggled and restored by Toffolis): tiles get known outer qubits, skip them and match the plain passes to 1e-12', async () => {
		const n = 20;
		const rnd = testRandom(21);
		const g = (name: string, qubits: number[], params: number[] = []) => lowerGate({ kind: 'gate', name, qubits, params });
		const ops: EngineOp[] = [0, 1, 2, 3].map((q) => g('h', [q]));
		for (let k = 0; k < 40; k++) {
			// compute an ancilla (12…19) from walk qubits, use it as a control, uncompute it
			const a = 12 + Math.floor(rnd() * 8);
			const c0 = Math.floor(rnd() * 4);
			const c1 = (c0 + 1 + Math.floor(rnd() * 3)) % 4;
			ops.push(g('ccx', [c0, c1, a]), g('cx', [a, 4 + Math.floor(rnd() * 8)]), g('crx', [a, Math.floor(rnd() * 4)], [0.3 + k]), g('ccx', [c0, c1, a]));
			if (k % 5 === 0) ops.push(g('h', [Math.floor(rnd() * 4)]));
		}
		const plan = planTiles(fuse(ops, { diagWidensDense: false }), n, 12, 0);
		const marked = markKnownTiles(plan, n);
		const tiles = marked.filter((p): p is TileOp => p.kind === 'tile');
		expect(tiles.some((t) => (t.knownMask ?? 0) !== 0)).toBe(true);
		const engine = await Engine.create(await loadModuleNode('simd'), 'simd');
		engine.reset(n);
		engine.apply(ops);
		const plain = engine.amplitudes();
		engine.reset(n);
		engine.apply(marked);
		expect(maxDiffF(plain, engine.amplitudes())).toBeLessThan(1e-12);
	}, 30_000);
});

describe('simulator with tiles (n ≥ 20, fusion on)', () => {
	it('a random 20-qubit circuit: fused (tile passes) = unfused to 1e-10, with far fewer passes', async () => {
		const n = 20;
		const sim = await createNodeSimulator();
		const rnd = testRandom(77);
		const c = new Circuit(n);
		for (let k = 0; k < 150; k++) {
			const g = randomGate(n, rnd, ['h', 'rz', 'rx', 'cx', 'cp', 'rzz', 't', 'swap', 'ccx', 'cu3', 'rxx', 'sx', 'x', 'c3x']);
			c.gate(g.name, g.qubits, g.params);
		}
		const fused = await sim.run(c, { statevector: true, fusion: true });
		const plain = await sim.run(c, { statevector: true, fusion: false });
		expect(maxDiffF(fused.statevector!, plain.statevector!)).toBeLessThan(1e-10);
		expect(plain.passes).toBe(150);
		expect(fused.passes).toBeLessThan(75);
	}, 60_000);

	it('mid-circuit measurement and reset between tiled runs: seeded shots and final state equal the unfused run', async () => {
		const n = 20;
		const sim = await createNodeSimulator();
		const rnd = testRandom(5);
		const c = new Circuit(n, 3);
		const block = () => {
			for (let k = 0; k < 25; k++) {
				const g = randomGate(n, rnd, ['h', 'rx', 'cx', 'cp', 'ccx', 'swap', 'ry']);
				c.gate(g.name, g.qubits, g.params);
			}
		};
		block();
		c.measure(19, 0);
		block();
		c.reset(2);
		block();
		c.measure(0, 1).measure(10, 2);
		const fused = await sim.run(c, { shots: 12, seed: 9, fusion: true, statevector: true });
		const plain = await sim.run(c, { shots: 12, seed: 9, fusion: false, statevector: true });
		expect(fused.dynamic).toBe(true);
		expect(fused.counts).toEqual(plain.counts);
		expect(maxDiffF(fused.statevector!, plain.statevector!)).toBeLessThan(1e-10);
	}, 60_000);

	it('2 worker threads split tile passes and give the same state as 1 thread (20 qubits)', async () => {
		const { createNodeThreadedSimulator } = await import('../../../src/lib/quantum/node');
		const n = 20;
		const rnd = testRandom(31);
		const c = new Circuit(n);
		for (let k = 0; k < 80; k++) {
			const g = randomGate(n, rnd, ['h', 'rz', 'cx', 'cp', 'ccx', 'swap', 'rxx', 'x']);
			c.gate(g.name, g.qubits, g.params);
		}
		const single = await createNodeSimulator();
		const { simulator, close } = await createNodeThreadedSimulator(2);
		try {
			const a = await single.run(c, { statevector: true, fusion: true });
			const b = await simulator.run(c, { statevector: true, fusion: true });
			expect(b.threads).toBe(2);
			expect(maxDiffF(a.statevector!, b.statevector!)).toBeLessThan(1e-12);
		} finally {
			await close();
		}
	}, 60_000);
});
