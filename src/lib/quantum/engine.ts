/**
 * The host side of the wasm engine: instantiates a compiled qsim module over a memory the host
 * owns, lays out the state, and executes engine ops (optionally one slice of each op, for threads).
 *
 * Memory layout (bytes): [0, 64 KiB) parameters — one 2 KiB slot per thread for matrices and
 * diagonals, then one 8 KiB far-pair buffer per thread from FAR_BUFFER_OFFSET, and barrier words at
 * CONTROL_OFFSET; one 64 KiB table slot per thread from TABLE_OFFSET (monomial blocks: offsets,
 * phases and the gather buffer); the state from STATE_OFFSET; scratch after it.
 */
import { QuantumError, formatBytes } from './errors';
import type { DenseKOp, EngineOp, PassOp, PermOp, TileOp } from './ops';

/** The compiled variants in static/wasm (see scripts/build-wasm.js). */
export const WASM_FILES = { simd: 'qsim.wasm', mt: 'qsim-mt.wasm', scalar: 'qsim-scalar.wasm' } as const;
/** A build variant of the engine. */
export type EngineVariant = keyof typeof WASM_FILES;

/** Bytes of one thread's parameter slot. */
export const PARAM_SLOT_BYTES = 2048;
/** Byte offset of the barrier/control words (Int32), after the far-pair buffers. */
export const CONTROL_OFFSET = 63 * 1024;
/** Most threads the parameter page has room for (parameter slot + far-pair buffer each). */
export const MAX_THREADS = 6;
/** Bytes of one thread's far-pair buffer (gates whose pairs lie ≥ 256 MiB apart; see qsim.entry.ts). */
export const FAR_BUFFER_BYTES = 8192;
/** Byte offset of the far-pair buffers, one per thread, after the parameter slots. */
export const FAR_BUFFER_OFFSET = MAX_THREADS * PARAM_SLOT_BYTES;
const PAGE = 65536;
/** Byte offset of the per-thread table slots (monomial blocks), after the parameter page. */
export const TABLE_OFFSET = PAGE;
/** Bytes of one thread's table slot. */
export const TABLE_SLOT_BYTES = PAGE;
/** Qubits of a cache tile (see TileOp): 2^15 amplitudes = 512 KiB, half the L2 cache of one core. */
export const TILE_QUBITS = 15;
/** Bytes of one thread's tile buffer. */
export const TILE_BUFFER_BYTES = 16 * 2 ** TILE_QUBITS;
/** Bytes of one thread's tile table arena: the tile's high qubits, then its perm ops' tables. */
export const TILE_ARENA_BYTES = 512 * 1024;
/** Byte offset of the per-thread tile buffers (then the arenas), after the table slots. */
export const TILE_OFFSET = PAGE * (2 + MAX_THREADS);
/** Byte offset of the state vector (after the parameter page, the table slots and the tile areas). */
export const STATE_OFFSET = TILE_OFFSET + MAX_THREADS * (TILE_BUFFER_BYTES + TILE_ARENA_BYTES);
/** Most qubits of one monomial block: 2^10 offsets, phases and buffered amplitudes fit a table slot. */
export const MAX_PERM_QUBITS = 10;
/** Table slot layout: block qubits, cycle entries (offsets), cycle lengths, phases (32 bytes each). */
const PERM_QUBITS_AT = 0;
const PERM_OFFS_AT = 64;
const PERM_LENS_AT = PERM_OFFS_AT + 4 * 1024;
const PERM_PHASE_AT = PERM_LENS_AT + 4 * 1024;
/** wasm32 can address 4 GiB = 65536 pages. */
export const MAX_PAGES = 65536;

/** The exports of qsim.wasm. */
export interface Kernels {
	simdEnabled(): number;
	initBasis(state: number, nAmp: number, index: number): void;
	copyBytes(dst: number, src: number, bytes: number): void;
	scale(state: number, s: number, lo: number, hi: number): void;
	apply1(state: number, t: number, cmask: number, m: number, buf: number, lo: number, hi: number): void;
	apply1c1(state: number, t: number, c: number, m: number, buf: number, lo: number, hi: number): void;
	apply2(state: number, q0: number, q1: number, cmask: number, m: number, buf: number, lo: number, hi: number): void;
	applyK(state: number, k: number, tab: number, lo: number, hi: number): void;
	applyDiag(state: number, qubits: number, k: number, diag: number, buf: number, lo: number, hi: number): void;
	tileCopy(state: number, buf: number, base: number, high: number, numHigh: number, lowBits: number, gather: number): void;
	tileIsZero(state: number, base: number, high: number, numHigh: number, lowBits: number): number;
	applyPerm(
		state: number,
		qubits: number,
		k: number,
		offs: number,
		phase: number,
		lens: number,
		numCycles: number,
		hasPhase: number,
		lo: number,
		hi: number
	): void;
	swap(state: number, a: number, b: number, cmask: number, lo: number, hi: number): void;
	prob1(state: number, q: number, lo: number, hi: number): number;
	collapse(state: number, q: number, outcome: number, s: number, lo: number, hi: number): void;
	probabilities(state: number, out: number, lo: number, hi: number): void;
	norm2(state: number, lo: number, hi: number): number;
	sampleSorted(state: number, nAmp: number, rands: number, shots: number, out: number): void;
	pauliTerm(state: number, xmask: number, zmask: number, out: number, lo: number, hi: number): void;
	inner(a: number, b: number, nAmp: number, out: number): void;
}

/** Instantiate a compiled engine module over `memory`. */
export async function instantiateKernels(module: WebAssembly.Module, memory: WebAssembly.Memory): Promise<Kernels> {
	const instance = await WebAssembly.instantiate(module, {
		env: {
			memory,
			abort: () => {
				throw new QuantumError('bad-circuit', 'the simulation engine stopped on an internal check');
			}
		}
	});
	return instance.exports as unknown as Kernels;
}

const mask = (qs: number[]) => qs.reduce((m, q) => m | (1 << q), 0) >>> 0;

/** The size of an op's iteration space for n qubits (what [lo, hi) ranges over). */
export function iterations(op: PassOp, n: number): number {
	switch (op.kind) {
		case 'tile':
			return 2 ** (n - op.tileQubits);
		case 'dense1':
			return op.controls.length === 1 ? 2 ** (n - 2) : 2 ** (n - 1);
		case 'dense2':
		case 'swap':
			return 2 ** (n - 2);
		case 'diag':
			return 2 ** n;
		case 'perm':
		case 'denseK':
			return 2 ** (n - op.qubits.length);
	}
}

/** Which perm op each thread's table slot holds, per memory (tables are written once per op, not per chunk). */
const tablesHeld = new WeakMap<WebAssembly.Memory, ({ op: EngineOp; cycles: number } | null)[]>();

/** Where a perm op's tables were written (byte addresses) and how many cycles they hold. */
interface PermTables {
	qubits: number;
	offs: number;
	lens: number;
	phase: number;
	cycles: number;
	/** First byte after the tables. */
	end: number;
}

/** Bytes writePermTablesAt needs at most for `op` (before alignment slack). */
export function permTableBytes(op: PermOp): number {
	return 64 + 8 * op.src.length + (op.phase ? 32 * op.src.length : 0) + 16;
}

/**
 * Write a perm op's tables from byte `at`: its sorted qubits, its moves as cycles (each listed from
 * its lowest offset, cycles in address order), the cycle lengths, and the phases (if any).
 */
function writePermTablesAt(memory: WebAssembly.Memory, op: PermOp, at: number, layout?: { offs: number; lens: number; phase: number }): PermTables {
	const m = op.src.length;
	const qubitsAt = at;
	const offsAt = layout ? at + layout.offs : at + 64;
	const lensAt = layout ? at + layout.lens : offsAt + 4 * m;
	const phaseAt = layout ? at + layout.phase : (lensAt + 4 * m + 15) & ~15;
	const sorted = [...op.qubits].sort((a, b) => a - b);
	new Uint32Array(memory.buffer, qubitsAt, sorted.length).set(sorted);
	// Local index bit j is qubit op.qubits[j]: spread it to an amplitude-index offset.
	const spread = (local: number) => {
		let off = 0;
		for (let j = 0; j < op.qubits.length; j++) if ((local >> j) & 1) off |= 1 << op.qubits[j];
		return off >>> 0;
	};
	const next = new Map<number, number>();
	for (let t = 0; t < m; t++) next.set(op.src[t], t);
	const starts = Array.from({ length: m }, (_, t) => t).sort((a, b) => spread(op.src[a]) - spread(op.src[b]));
	const offs = new Uint32Array(memory.buffer, offsAt, m);
	const lens = new Uint32Array(memory.buffer, lensAt, m);
	const ph = op.phase ? new Float64Array(memory.buffer, phaseAt, 4 * m) : null;
	const done = new Uint8Array(m);
	let u = 0;
	let cycles = 0;
	for (const start of starts) {
		if (done[start]) continue;
		let t = start;
		let len = 0;
		do {
			done[t] = 1;
			offs[u] = spread(op.src[t]);
			if (ph) {
				const re = op.phase![2 * t];
				const im = op.phase![2 * t + 1];
				ph.set([re, re, -im, im], 4 * u);
			}
			u++;
			len++;
			t = next.get(op.dst[t])!;
		} while (t !== start);
		lens[cycles++] = len;
	}
	return { qubits: qubitsAt, offs: offsAt, lens: lensAt, phase: phaseAt, cycles, end: ph ? phaseAt + 32 * m : lensAt + 4 * m };
}

/**
 * Write a perm op's tables into thread `rank`'s table slot (skipped when the slot already holds
 * them).
 */
function writePermTables(memory: WebAssembly.Memory, op: PermOp, rank: number): { slot: number; cycles: number } {
	const slot = TABLE_OFFSET + rank * TABLE_SLOT_BYTES;
	let held = tablesHeld.get(memory);
	if (!held) tablesHeld.set(memory, (held = []));
	const cached = held[rank];
	if (cached && cached.op === op) return { slot, cycles: cached.cycles };
	const { cycles } = writePermTablesAt(memory, op, slot, { offs: PERM_OFFS_AT, lens: PERM_LENS_AT, phase: PERM_PHASE_AT });
	held[rank] = { op, cycles };
	return { slot, cycles };
}

/**
 * Write a dense k-qubit block's qubits and matrix into thread `rank`'s table slot (the layout of
 * applyK's `tab`; skipped when the slot already holds them). Returns the slot's address.
 */
function writeDenseK(memory: WebAssembly.Memory, op: DenseKOp, rank: number): number {
	const slot = TABLE_OFFSET + rank * TABLE_SLOT_BYTES;
	let held = tablesHeld.get(memory);
	if (!held) tablesHeld.set(memory, (held = []));
	const cached = held[rank];
	if (cached && cached.op === op) return slot;
	new Uint32Array(memory.buffer, slot, op.qubits.length).set(op.qubits);
	new Uint32Array(memory.buffer, slot + 32, op.qubits.length).set([...op.qubits].sort((a, b) => a - b));
	new Float64Array(memory.buffer, slot + 2048, op.m.length).set(op.m);
	held[rank] = { op, cycles: 0 };
	return slot;
}

/** Which tile op each thread's arena holds (its perm tables, by sub-op index), per memory. */
const arenasHeld = new WeakMap<WebAssembly.Memory, ({ op: TileOp; perms: (PermTables | null)[] } | null)[]>();

/** Byte offset of thread `rank`'s tile buffer and of its arena. */
export function tileAreas(rank: number): { buffer: number; arena: number } {
	return { buffer: TILE_OFFSET + rank * TILE_BUFFER_BYTES, arena: TILE_OFFSET + MAX_THREADS * TILE_BUFFER_BYTES + rank * TILE_ARENA_BYTES };
}

/** Write a tile op's high qubits and its perm ops' tables into thread `rank`'s arena (once per op). */
function writeTileArena(memory: WebAssembly.Memory, op: TileOp, rank: number): (PermTables | null)[] {
	let held = arenasHeld.get(memory);
	if (!held) arenasHeld.set(memory, (held = []));
	const cached = held[rank];
	if (cached && cached.op === op) return cached.perms;
	const { arena } = tileAreas(rank);
	new Uint32Array(memory.buffer, arena, op.high.length).set(op.high);
	let at = arena + 128;
	const perms = op.ops.map((sub) => {
		if (sub.kind !== 'perm') return null;
		const t = writePermTablesAt(memory, sub, at);
		at = (t.end + 15) & ~15;
		if (at > arena + TILE_ARENA_BYTES) throw new QuantumError('bad-circuit', 'internal: tile tables overflow their arena');
		return t;
	});
	held[rank] = { op, perms };
	return perms;
}

/** The first amplitude index of tile `t`: its bits go to every qubit outside the tile, ascending. */
function tileBase(op: TileOp, t: number): number {
	let base = t * 2 ** op.low;
	for (const q of op.high) {
		const low = base % 2 ** q;
		base = (base - low) * 2 + low;
	}
	return base;
}

/**
 * Run tiles [lo, hi) of a tile op on thread `rank`: copy each tile into the thread's buffer, apply
 * every sub-op to it there, copy it back. The sub-ops address the buffer through a base pointer
 * shifted by the tile's index (wasm addresses wrap modulo 2^32), so their index bits above the
 * tile — the tile's constant outer qubits — still select controls and diagonal entries.
 */
function executeTiles(k: Kernels, memory: WebAssembly.Memory, op: TileOp, statePtr: number, rank: number, lo: number, hi: number): void {
	const perms = writeTileArena(memory, op, rank);
	const { buffer, arena } = tileAreas(rank);
	const slot = rank * PARAM_SLOT_BYTES;
	const farBuffer = FAR_BUFFER_OFFSET + rank * FAR_BUFFER_BYTES;
	const f64 = new Float64Array(memory.buffer, slot, PARAM_SLOT_BYTES / 8);
	const u32 = new Uint32Array(memory.buffer, slot, PARAM_SLOT_BYTES / 4);
	const C = op.tileQubits;
	const nh = op.high.length;
	for (let t = lo; t < hi; t++) {
		const base = tileBase(op, t);
		// outer qubits known to hold other values (markKnownTiles): the tile is zero
		if (op.knownMask !== undefined && (base & op.knownMask) >>> 0 !== op.knownValue) continue;
		// every op is linear: a tile of zeros stays zero (most of the state, in oracle circuits)
		if (k.tileIsZero(statePtr, base, arena, nh, op.low)) continue;
		k.tileCopy(statePtr, buffer, base, arena, nh, op.low, 1);
		const v = (buffer - t * 2 ** (C + 4)) | 0;
		for (let i = 0; i < op.ops.length; i++) {
			const sub = op.ops[i];
			switch (sub.kind) {
				case 'dense1':
					f64.set(sub.m);
					if (sub.controls.length === 1 && sub.controls[0] < C)
						k.apply1c1(v, sub.target, sub.controls[0], slot, farBuffer, t * 2 ** (C - 2), (t + 1) * 2 ** (C - 2));
					else k.apply1(v, sub.target, mask(sub.controls), slot, farBuffer, t * 2 ** (C - 1), (t + 1) * 2 ** (C - 1));
					break;
				case 'dense2':
					f64.set(sub.m);
					k.apply2(v, sub.q0, sub.q1, mask(sub.controls), slot, farBuffer, t * 2 ** (C - 2), (t + 1) * 2 ** (C - 2));
					break;
				case 'swap':
					k.swap(v, sub.a, sub.b, mask(sub.controls), t * 2 ** (C - 2), (t + 1) * 2 ** (C - 2));
					break;
				case 'diag':
					u32.set(sub.qubits, 64);
					f64.set(sub.d, 128);
					k.applyDiag(v, slot + 256, sub.qubits.length, slot + 1024, farBuffer, t * 2 ** C, (t + 1) * 2 ** C);
					break;
				case 'denseK': {
					const kk = sub.qubits.length;
					k.applyK(v, kk, writeDenseK(memory, sub, rank), t * 2 ** (C - kk), (t + 1) * 2 ** (C - kk));
					break;
				}
				case 'perm': {
					const p = perms[i]!;
					const kk = sub.qubits.length;
					k.applyPerm(v, p.qubits, kk, p.offs, p.phase, p.lens, p.cycles, sub.phase ? 1 : 0, t * 2 ** (C - kk), (t + 1) * 2 ** (C - kk));
					break;
				}
			}
		}
		k.tileCopy(statePtr, buffer, base, arena, nh, op.low, 0);
	}
}

/**
 * Execute one op on the slice of its iteration space owned by `rank` of `size` threads, using
 * parameter slot `rank`. `view` must be a current Float64Array over the memory.
 */
export function executeOp(
	k: Kernels,
	memory: WebAssembly.Memory,
	op: PassOp,
	statePtr: number,
	n: number,
	rank = 0,
	size = 1
): void {
	const total = iterations(op, n);
	const chunk = Math.ceil(total / size);
	const lo = Math.min(total, rank * chunk);
	const hi = Math.min(total, lo + chunk);
	executeOpRange(k, memory, op, statePtr, rank, lo, hi);
}

/**
 * Execute iterations [lo, hi) of one op's iteration space (see iterations()), using the parameter
 * slot, far-pair buffer and table slot of thread `rank`.
 */
export function executeOpRange(
	k: Kernels,
	memory: WebAssembly.Memory,
	op: PassOp,
	statePtr: number,
	rank: number,
	lo: number,
	hi: number
): void {
	if (lo >= hi) return;
	if (op.kind === 'tile') return executeTiles(k, memory, op, statePtr, rank, lo, hi);
	const slot = rank * PARAM_SLOT_BYTES;
	const farBuffer = FAR_BUFFER_OFFSET + rank * FAR_BUFFER_BYTES;
	const f64 = new Float64Array(memory.buffer, slot, PARAM_SLOT_BYTES / 8);
	switch (op.kind) {
		case 'dense1':
			f64.set(op.m);
			if (op.controls.length === 1) k.apply1c1(statePtr, op.target, op.controls[0], slot, farBuffer, lo, hi);
			else k.apply1(statePtr, op.target, mask(op.controls), slot, farBuffer, lo, hi);
			return;
		case 'dense2':
			f64.set(op.m);
			k.apply2(statePtr, op.q0, op.q1, mask(op.controls), slot, farBuffer, lo, hi);
			return;
		case 'swap':
			k.swap(statePtr, op.a, op.b, mask(op.controls), lo, hi);
			return;
		case 'diag': {
			new Uint32Array(memory.buffer, slot + 256, op.qubits.length).set(op.qubits);
			f64.set(op.d, 1024 / 8);
			k.applyDiag(statePtr, slot + 256, op.qubits.length, slot + 1024, farBuffer, lo, hi);
			return;
		}
		case 'denseK':
			k.applyK(statePtr, op.qubits.length, writeDenseK(memory, op, rank), lo, hi);
			return;
		case 'perm': {
			const { slot: t, cycles } = writePermTables(memory, op, rank);
			k.applyPerm(statePtr, t + PERM_QUBITS_AT, op.qubits.length, t + PERM_OFFS_AT, t + PERM_PHASE_AT, t + PERM_LENS_AT, cycles, op.phase ? 1 : 0, lo, hi);
			return;
		}
	}
}

/** A state vector of n qubits in a wasm memory, with its kernels. */
export class Engine {
	readonly kernels: Kernels;
	readonly memory: WebAssembly.Memory;
	readonly variant: EngineVariant;
	readonly module: WebAssembly.Module;
	readonly statePtr = STATE_OFFSET;
	numQubits = 0;

	private constructor(module: WebAssembly.Module, kernels: Kernels, memory: WebAssembly.Memory, variant: EngineVariant) {
		this.module = module;
		this.kernels = kernels;
		this.memory = memory;
		this.variant = variant;
	}

	/** Instantiate `module` (compiled from WASM_FILES[variant]) over a fresh memory. */
	static async create(module: WebAssembly.Module, variant: EngineVariant): Promise<Engine> {
		const shared = variant === 'mt';
		const memory = shared
			? new WebAssembly.Memory({ initial: 2, maximum: MAX_PAGES, shared: true })
			: new WebAssembly.Memory({ initial: 2 });
		const kernels = await instantiateKernels(module, memory);
		const engine = new Engine(module, kernels, memory, variant);
		engine.warmUp();
		return engine;
	}

	/**
	 * Call every gate kernel a few hundred times on a tiny state, so the JavaScript engine tiers
	 * them up from its baseline wasm compiler before real work (a kernel called once on a large
	 * state would otherwise run entirely in baseline code). Takes a few milliseconds.
	 */
	private warmUp(): void {
		const n = 6;
		this.reset(n);
		const m4 = new Float64Array(32);
		for (let i = 0; i < 4; i++) m4[2 * (5 * i)] = 1;
		const ops: EngineOp[] = [
			{ kind: 'dense1', target: 1, controls: [], m: new Float64Array([1, 0, 0, 0, 0, 0, 1, 0]) },
			{ kind: 'dense1', target: 1, controls: [2], m: new Float64Array([1, 0, 0, 0, 0, 0, 1, 0]) },
			{ kind: 'dense1', target: 1, controls: [2, 3], m: new Float64Array([1, 0, 0, 0, 0, 0, 1, 0]) },
			{ kind: 'dense2', q0: 0, q1: 4, controls: [], m: m4 },
			{ kind: 'diag', qubits: [1, 3], d: new Float64Array([1, 0, 1, 0, 1, 0, 1, 0]) },
			{ kind: 'swap', a: 0, b: 5, controls: [] },
			{ kind: 'perm', qubits: [4, 1, 2], src: Uint32Array.of(1, 3, 6), dst: Uint32Array.of(3, 6, 1), phase: null },
			{ kind: 'perm', qubits: [0, 5], src: Uint32Array.of(0, 2), dst: Uint32Array.of(2, 0), phase: Float64Array.of(0, 1, 1, 0) }
		];
		for (let r = 0; r < 300; r++) this.apply(ops);
		this.numQubits = 0;
	}

	/** Number of amplitudes of the current state. */
	get size(): number {
		return 2 ** this.numQubits;
	}

	/** First byte after the state (scratch space). */
	get scratchPtr(): number {
		return STATE_OFFSET + 16 * this.size;
	}

	/** Make sure the memory holds at least `bytes` bytes, growing it; refuses with the amount needed. */
	ensureBytes(bytes: number, what: string): void {
		const pages = Math.ceil(bytes / PAGE);
		const have = this.memory.buffer.byteLength / PAGE;
		if (pages <= have) return;
		if (pages > MAX_PAGES)
			throw new QuantumError(
				'out-of-memory',
				`${what} needs ${formatBytes(bytes)} of memory; WebAssembly can address at most 4.0 GiB`
			);
		try {
			this.memory.grow(pages - have);
		} catch {
			throw new QuantumError(
				'out-of-memory',
				`${what} needs ${formatBytes(bytes)} of memory and this device or browser could not provide it`
			);
		}
	}

	/** Reset to |0…0⟩ on n qubits (growing memory for the state plus `extraBytes` scratch). */
	reset(numQubits: number, extraBytes = 0): void {
		this.ensureBytes(STATE_OFFSET + 16 * 2 ** numQubits + extraBytes, `the state of ${numQubits} qubits`);
		this.numQubits = numQubits;
		this.kernels.initBasis(this.statePtr, this.size, 0);
	}

	/** Apply ops on this thread alone. */
	apply(ops: readonly PassOp[]): void {
		for (const op of ops) executeOp(this.kernels, this.memory, op, this.statePtr, this.numQubits);
	}

	/** Probability that qubit q reads 1. */
	probabilityOfOne(q: number): number {
		return this.kernels.prob1(this.statePtr, q, 0, this.size / 2);
	}

	/** Collapse qubit q to `outcome` given that outcome's probability p. */
	collapse(q: number, outcome: 0 | 1, p: number): void {
		this.kernels.collapse(this.statePtr, q, outcome, 1 / Math.sqrt(p), 0, this.size / 2);
	}

	/** All 2^n probabilities (copied out of wasm memory in chunks to keep scratch small). */
	probabilities(): Float64Array {
		const out = new Float64Array(this.size);
		const chunk = Math.min(this.size, 1 << 16);
		this.ensureBytes(this.scratchPtr + 8 * chunk, 'reading the probabilities');
		for (let lo = 0; lo < this.size; lo += chunk) {
			const hi = Math.min(this.size, lo + chunk);
			// probabilities() writes out[i] at out + 8·i: shift the base so index lo lands at scratch.
			this.kernels.probabilities(this.statePtr, this.scratchPtr - 8 * lo, lo, hi);
			out.set(new Float64Array(this.memory.buffer, this.scratchPtr, hi - lo), lo);
		}
		return out;
	}

	/** A copy of the amplitudes, interleaved re/im. */
	amplitudes(): Float64Array {
		return new Float64Array(this.memory.buffer, this.statePtr, 2 * this.size).slice();
	}

	/** Overwrite the state with the given interleaved amplitudes (length 2·2^n). */
	load(amplitudes: Float64Array): void {
		new Float64Array(this.memory.buffer, this.statePtr, 2 * this.size).set(amplitudes);
	}

	/** Σ|ψ_i|². */
	norm2(): number {
		return this.kernels.norm2(this.statePtr, 0, this.size);
	}

	/** Sample `shots` basis indices from |ψ|² in one pass; `uniform` gives numbers in [0, 1). */
	sample(shots: number, uniform: () => number): Uint32Array {
		const total = this.norm2();
		const rands = new Float64Array(shots);
		for (let i = 0; i < shots; i++) rands[i] = uniform() * total;
		rands.sort();
		const randPtr = this.scratchPtr;
		const outPtr = randPtr + 8 * shots;
		this.ensureBytes(outPtr + 4 * shots, `sampling ${shots} shots`);
		new Float64Array(this.memory.buffer, randPtr, shots).set(rands);
		this.kernels.sampleSorted(this.statePtr, this.size, randPtr, shots, outPtr);
		return new Uint32Array(this.memory.buffer, outPtr, shots).slice();
	}

	/** ⟨ψ|X^x Z^z|ψ⟩ as [re, im] (without the i^#Y factor). */
	pauliTerm(xmask: number, zmask: number): [number, number] {
		const out = CONTROL_OFFSET - 64;
		this.kernels.pauliTerm(this.statePtr, xmask >>> 0, zmask >>> 0, out, 0, this.size);
		const v = new Float64Array(this.memory.buffer, out, 2);
		return [v[0], v[1]];
	}

	/** Save the state to scratch (for replaying shots); returns false when memory cannot hold a copy. */
	snapshot(): void {
		this.ensureBytes(this.scratchPtr + 16 * this.size, `a second copy of the ${this.numQubits}-qubit state (mid-circuit measurement)`);
		this.kernels.copyBytes(this.scratchPtr, this.statePtr, 16 * this.size);
	}

	/** Restore the state saved by snapshot(). */
	restore(): void {
		this.kernels.copyBytes(this.statePtr, this.scratchPtr, 16 * this.size);
	}
}
