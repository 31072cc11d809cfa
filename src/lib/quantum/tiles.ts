/**
 * Cache-blocked passes (the remedy of qsim and qulacs for circuits whose state exceeds the cache):
 * a run of consecutive ops whose *targets* — the qubits whose amplitudes they mix — fit in one tile
 * of TILE_QUBITS qubits becomes one TileOp. The engine copies each tile (the low index bits plus a
 * few high qubits, as contiguous segments) into a buffer that stays in the core's L2 cache, applies
 * the whole run there and copies it back, so the run costs one trip through memory instead of one
 * per op. Controls and diagonal qubits may lie outside the tile: they are constant within a tile
 * and the kernels read them from the tile's index (see executeTiles in engine.ts).
 *
 * Greedy and order-preserving: the next op joins the run while the union of targets still fits
 * (with segments of at least 2^MIN_LOW_BITS amplitudes) and the perm tables fit the tile arena.
 * A tile whose amplitudes are all zero is skipped (every op is linear and keeps the tile to
 * itself): oracle circuits keep most of the state at zero — QASMBench bwt_n21 has at most 1 024
 * non-zero amplitudes of 2^21.
 */
import { TILE_ARENA_BYTES, TILE_QUBITS, permTableBytes } from './engine';
import { KnownBits } from './known-bits';
import type { EngineOp, PassOp, TileOp } from './ops';

/** Shortest contiguous segment of a tile: 2^8 amplitudes = 4 KiB (one page). */
export const MIN_LOW_BITS = 8;
/** Below this many qubits the state fits in the L2/L3 caches and tiles only add copies. */
export const TILE_MIN_QUBITS = 20;

/**
 * Whether a lone perm block also becomes a tile pass: its moves then stay within a cached tile
 * instead of jumping across the state group by group, and all-zero tiles are skipped.
 */
export const LONE_PERM_TILES = true;

/** The qubits whose amplitudes an op mixes (controls and diagonals excluded). */
export function targetsOf(op: EngineOp): number[] {
	switch (op.kind) {
		case 'dense1':
			return [op.target];
		case 'dense2':
			return [op.q0, op.q1];
		case 'swap':
			return [op.a, op.b];
		case 'perm':
		case 'denseK':
			return op.qubits;
		case 'diag':
			return [];
	}
}

/**
 * The largest number of low bits L ≥ MIN_LOW_BITS such that the targets at or above L fit in the
 * tile's other TILE_QUBITS − L bits; −1 when none does.
 */
export function tileLowBits(targets: Iterable<number>, tileQubits = TILE_QUBITS): number {
	const list = [...targets];
	for (let L = tileQubits; L >= MIN_LOW_BITS; L--) {
		let high = 0;
		for (const q of list) if (q >= L) high++;
		if (high <= tileQubits - L) return L;
	}
	return -1;
}

/** Re-express `op` in the index space of a tile (see TileOp): qubit q → map[q]. */
function remap(op: EngineOp, map: Int32Array): EngineOp {
	const m = (q: number) => map[q];
	switch (op.kind) {
		case 'dense1':
			return { ...op, target: m(op.target), controls: op.controls.map(m) };
		case 'dense2':
			return { ...op, q0: m(op.q0), q1: m(op.q1), controls: op.controls.map(m) };
		case 'swap':
			return { ...op, a: m(op.a), b: m(op.b), controls: op.controls.map(m) };
		case 'diag':
			return { ...op, qubits: op.qubits.map(m) };
		case 'perm':
		case 'denseK':
			return { ...op, qubits: op.qubits.map(m) };
	}
}

/** The tile op for a run of ops on n qubits whose targets fit (tileLowBits ≥ 0). */
function makeTile(run: EngineOp[], targets: Set<number>, n: number, tileQubits: number): TileOp {
	const low = tileLowBits(targets, tileQubits);
	const high = [...targets].filter((q) => q >= low).sort((a, b) => a - b);
	// fill the tile's free high slots with the lowest outside qubits, so the tile has tileQubits bits
	for (let q = low; high.length < tileQubits - low; q++) if (!high.includes(q)) high.push(q);
	high.sort((a, b) => a - b);
	const map = new Int32Array(n);
	let next = tileQubits;
	for (let q = 0; q < n; q++) {
		if (q < low) map[q] = q;
		else if (high.includes(q)) map[q] = low + high.indexOf(q);
		else map[q] = next++;
	}
	return { kind: 'tile', low, high, tileQubits, ops: run.map((op) => remap(op, map)) };
}

/**
 * Group a (fused) op list on n qubits into cache-blocked passes. Runs of one op stay as they are
 * (a tile would only add its copies), except lone perm blocks when `lonePerms`; below `minQubits` (default TILE_MIN_QUBITS) the list is
 * returned unchanged. `tileQubits` (at most TILE_QUBITS, the size of the engine's tile buffers) is
 * smaller only in tests.
 */
export function planTiles(ops: readonly EngineOp[], n: number, tileQubits = TILE_QUBITS, minQubits = TILE_MIN_QUBITS, lonePerms = LONE_PERM_TILES): PassOp[] {
	if (tileQubits > TILE_QUBITS || tileQubits < MIN_LOW_BITS) throw new RangeError(`tiles hold ${MIN_LOW_BITS} to ${TILE_QUBITS} qubits`);
	if (n < minQubits || n <= tileQubits) return [...ops];
	const out: PassOp[] = [];
	let run: EngineOp[] = [];
	let targets = new Set<number>();
	let arena = 128;
	const flush = () => {
		if (run.length === 1 && !(lonePerms && run[0].kind === 'perm')) out.push(run[0]);
		else if (run.length > 0) out.push(makeTile(run, targets, n, tileQubits));
		run = [];
		targets = new Set();
		arena = 128;
	};
	for (const op of ops) {
		const t = targetsOf(op);
		const joined = new Set([...targets, ...t]);
		const bytes = op.kind === 'perm' ? permTableBytes(op) : 0;
		if (tileLowBits(joined, tileQubits) < 0 || arena + bytes > TILE_ARENA_BYTES) {
			flush();
			if (tileLowBits(t, tileQubits) < 0) {
				out.push(op);
				continue;
			}
			run.push(op);
			t.forEach((q) => targets.add(q));
			arena += bytes;
			continue;
		}
		run.push(op);
		targets = joined;
		arena += bytes;
	}
	flush();
	return out;
}

/** The global qubit of each index bit of a tile (the inverse of makeTile's map). */
function tileQubitsOf(tile: TileOp, n: number): Int32Array {
	const inv = new Int32Array(n);
	const inside = new Set<number>();
	for (let q = 0; q < tile.low; q++) inside.add(q);
	tile.high.forEach((q) => inside.add(q));
	for (let j = 0; j < tile.low; j++) inv[j] = j;
	tile.high.forEach((q, i) => (inv[tile.low + i] = q));
	let next = tile.tileQubits;
	for (let q = 0; q < n; q++) if (!inside.has(q)) inv[next++] = q;
	return inv;
}

/**
 * For a plan that starts from |0…0⟩: follow which qubits are certainly in a basis state (KnownBits,
 * perm blocks exactly) and give every tile pass the known values of its outer qubits (TileOp
 * knownMask/knownValue), so the engine skips the tiles that must be zero without scanning them.
 * Oracle circuits keep their ancillas known between blocks: QASMBench bwt_n21 then visits a few
 * of its 64 tiles per pass instead of reading the whole 32 MiB state to find the zero ones.
 * Returns the plan with the tile ops annotated (copies; the input is not changed).
 */
export function markKnownTiles(plan: readonly PassOp[], n: number): PassOp[] {
	const known = new KnownBits(n);
	const v = known.value;
	return plan.map((op) => {
		if (op.kind !== 'tile') {
			known.applyFused(op);
			return op;
		}
		const inv = tileQubitsOf(op, n);
		const inside = new Set<number>([...Array.from({ length: op.low }, (_, q) => q), ...op.high]);
		let knownMask = 0;
		let knownValue = 0;
		for (let q = 0; q < n; q++) {
			if (inside.has(q) || v[q] < 0) continue;
			knownMask |= 1 << q;
			knownValue |= v[q] << q;
		}
		const map = Array.from(inv);
		for (const sub of op.ops) known.applyFused(remap(sub, new Int32Array(map)));
		return knownMask === 0 ? op : { ...op, knownMask: knownMask >>> 0, knownValue: knownValue >>> 0 };
	});
}
