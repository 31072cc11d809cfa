/**
 * Running circuits on the engine: counts, probabilities, statevector and Pauli expectations.
 *
 * Static circuits (every measurement terminal; no reset after a gate, no `if`) are simulated
 * once and shots are sampled from the final distribution in one pass. Dynamic circuits
 * (mid-circuit measurement, reset, `if`) are simulated shot by shot: the unitary prefix runs
 * once, is saved, and each shot replays the rest from the saved state.
 */
import { bitstring, Circuit, type GateInstruction, type Instruction } from './circuit';
import { Engine, STATE_OFFSET } from './engine';
import { QuantumError, formatBytes } from './errors';
import { PASS_COST_TILE, fuse } from './fusion';
import { KnownBits, resolveKnownResets } from './known-bits';
import { lowerGate, type EngineOp, type PassOp } from './ops';
import { markKnownTiles, planTiles, TILE_MIN_QUBITS } from './tiles';
import { seededUniform, type Uniform } from './rng';

/** Largest circuit simulated by default. */
export const DEFAULT_MAX_QUBITS = 26;
/** Largest circuit simulated on request (`allowLarge`). */
export const LARGE_MAX_QUBITS = 27;
/** Below this many qubits the state sits in cache and fusion costs more than it saves. */
export const FUSION_MIN_QUBITS = 18;
/**
 * A measurement whose other outcome has at most this probability does not rewrite the state (the
 * amplitudes it would zero are below 1e-14, far under the 1e-12 the results are checked to).
 */
export const CERTAIN_OUTCOME_EPSILON = 1e-28;
/** Most shots per run. */
export const MAX_SHOTS = 10_000_000;

/** Executes op lists, possibly over several threads sharing the engine's memory. */
export interface OpRunner {
	/** Number of threads used. */
	readonly threads: number;
	/** Apply ops to the engine's state; calls `tick` between ops (may throw to cancel). */
	run(engine: Engine, ops: readonly PassOp[], tick: (done: number) => Promise<void>): Promise<void>;
}

/** Options of run(). */
export interface RunOptions {
	/** Sample this many shots (counts). */
	shots?: number;
	/** Seed for shots and mid-circuit measurements (default: random). */
	seed?: number;
	/**
	 * Fuse gates into ≤2-qubit blocks and diagonal runs. Default: from FUSION_MIN_QUBITS qubits on,
	 * where the state no longer fits in cache and each saved pass saves a trip through memory.
	 */
	fusion?: boolean;
	/** Allow 27 qubits (default limit 26). */
	allowLarge?: boolean;
	/** Return the amplitudes. */
	statevector?: boolean;
	/** Return the probabilities of all 2^n basis states (default true when shots is not given). */
	probabilities?: boolean;
	signal?: AbortSignal;
	/** Progress in [0, 1] with a stage name. */
	onProgress?: (fraction: number, stage: string) => void;
}

/** What a run returns. */
export interface RunResult {
	numQubits: number;
	numClbits: number;
	/** |amplitude|² per basis index (qubit 0 = least significant bit). */
	probabilities?: Float64Array;
	/** Interleaved re/im amplitudes. */
	statevector?: Float64Array;
	/** Shots per outcome bitstring (classical bits when the circuit measures, else qubits; highest leftmost). */
	counts?: Record<string, number>;
	/** Whether counts are over classical bits (true) or qubits (false). */
	countsOverClbits: boolean;
	/** True when the circuit measures or resets mid-circuit or uses `if`. */
	dynamic: boolean;
	/** Gates in the circuit and passes over the state actually made. */
	gates: number;
	passes: number;
	threads: number;
	timeMs: number;
}

/** One term of a Pauli sum: coefficient × Pauli string written highest qubit leftmost ("XIZ"). */
export interface PauliTerm {
	coefficient: number;
	paulis: string;
}

/** Whether the circuit needs shot-by-shot simulation, and its terminal measurement map. */
export function analyse(circuit: Circuit): { dynamic: boolean; measured: Map<number, number> } {
	const touched = new Set<number>();
	const measured = new Map<number, number>();
	let dynamic = false;
	const mark = (ins: Instruction) => {
		if (ins.kind === 'if') {
			dynamic = true;
			return;
		}
		if (ins.kind === 'gate') {
			for (const q of ins.qubits) {
				if (measured.has(q)) dynamic = true;
				touched.add(q);
			}
		} else if (ins.kind === 'reset') {
			if (touched.has(ins.qubit) || measured.has(ins.qubit)) dynamic = true;
		} else if (ins.kind === 'measure') {
			if (measured.has(ins.qubit)) dynamic = true;
			measured.set(ins.qubit, ins.clbit);
		}
	};
	circuit.instructions.forEach(mark);
	// Two qubits measured into one clbit: the later wins — only a trajectory run gets that right.
	if (new Set(measured.values()).size !== measured.size) dynamic = true;
	return { dynamic, measured };
}

/**
 * Whether the simulator will run the circuit shot by shot: dynamic by analyse(), and still dynamic
 * once resets of qubits known to be 0 or 1 are resolved (see resolveKnownResets).
 */
export function runsShotByShot(circuit: Circuit): boolean {
	return analyse(circuit).dynamic && analyse(resolveKnownResets(circuit).circuit).dynamic;
}

/** Runs circuits on one engine (one simulation at a time). */
export class Simulator {
	readonly engine: Engine;
	readonly runner: OpRunner | null;

	/** @param runner optional multi-threaded executor sharing engine.memory */
	constructor(engine: Engine, runner: OpRunner | null = null) {
		this.engine = engine;
		this.runner = runner;
	}

	/** Memory a circuit of n qubits needs (state + scratch), in bytes. */
	static memoryFor(numQubits: number, dynamic = false): number {
		return STATE_OFFSET + 16 * 2 ** numQubits * (dynamic ? 2 : 1);
	}

	/** Run a circuit. Refuses with QuantumError when too large, out of memory, or cancelled. */
	async run(circuit: Circuit, options: RunOptions = {}): Promise<RunResult> {
		const t0 = performance.now();
		const n = circuit.numQubits;
		const limit = options.allowLarge ? LARGE_MAX_QUBITS : DEFAULT_MAX_QUBITS;
		let { dynamic, measured } = analyse(circuit);
		// Resets of qubits known to be 0 or 1 on every trajectory are no measurement: they become
		// nothing or an X. If they were all that made the circuit dynamic, it is simulated once and
		// sampled (QASMBench bwt_n21: 9 207 such resets); otherwise the trajectories run without them.
		let drawsBefore = new Map<number, number>();
		if (dynamic) {
			const resolved = resolveKnownResets(circuit);
			circuit = resolved.circuit;
			drawsBefore = resolved.drawsBefore;
			({ dynamic, measured } = analyse(circuit));
		}
		if (n === 0) throw new QuantumError('bad-circuit', 'the circuit has no qubits');
		if (n > limit)
			throw new QuantumError(
				'too-many-qubits',
				`${n} qubits need ${formatBytes(Simulator.memoryFor(n, dynamic))} of memory for the state vector; the limit is ${limit} qubits (${formatBytes(Simulator.memoryFor(limit, dynamic))})${options.allowLarge ? '' : ', or 27 on request'}`
			);
		const shots = options.shots;
		if (shots !== undefined && (!Number.isInteger(shots) || shots < 1 || shots > MAX_SHOTS))
			throw new QuantumError('bad-option', `shots must be a whole number from 1 to ${MAX_SHOTS}, got ${shots}`);
		const uniform = seededUniform(options.seed ?? Math.floor(Math.random() * 2 ** 32));
		const fusion = options.fusion ?? n >= FUSION_MIN_QUBITS;
		const wantProbabilities = options.probabilities ?? shots === undefined;
		const progress = options.onProgress ?? (() => {});
		const engine = this.engine;
		engine.reset(n);
		const gates = circuit.instructions.filter((i) => i.kind === 'gate' || (i.kind === 'if' && i.body.kind === 'gate')).length;
		const result: RunResult = {
			numQubits: n,
			numClbits: circuit.numClbits,
			countsOverClbits: measured.size > 0,
			dynamic,
			gates,
			passes: 0,
			threads: this.runner?.threads ?? 1,
			timeMs: 0
		};
		let lastYield = performance.now();
		const tick = async (fraction: number, stage: string) => {
			if (performance.now() - lastYield < 40) return;
			progress(fraction, stage);
			await new Promise((r) => setTimeout(r, 0));
			lastYield = performance.now();
			if (options.signal?.aborted) throw new QuantumError('cancelled', 'the simulation was cancelled');
		};
		const applyOps = async (ops: PassOp[], fractionBase: number, span: number) => {
			result.passes += ops.length;
			if (this.runner && this.runner.threads > 1 && n >= 14) {
				await this.runner.run(engine, ops, (done) => tick(fractionBase + (span * done) / ops.length, 'Simulating'));
				return;
			}
			for (let i = 0; i < ops.length; i++) {
				engine.apply([ops[i]]);
				await tick(fractionBase + (span * (i + 1)) / ops.length, 'Simulating');
			}
		};
		const lower = (list: GateInstruction[]) => {
			const ops = list.map(lowerGate);
			if (!fusion) return ops;
			return n >= TILE_MIN_QUBITS ? planTiles(fuse(ops, { diagWidensDense: false, passCost: PASS_COST_TILE }), n) : fuse(ops);
		};

		if (!dynamic) {
			const unitary = circuit.instructions.filter((i): i is GateInstruction => i.kind === 'gate');
			const plan = lower(unitary);
			// from |0…0⟩: tiles whose outer qubits are known to differ are zero and skipped
			await applyOps(fusion && n >= TILE_MIN_QUBITS ? markKnownTiles(plan, n) : plan, 0, 0.9);
			if (wantProbabilities) result.probabilities = engine.probabilities();
			if (options.statevector) result.statevector = engine.amplitudes();
			if (shots !== undefined) {
				progress(0.95, 'Sampling');
				const samples = engine.sample(shots, uniform);
				result.counts = countSamples(samples, n, measured, circuit.numClbits);
			}
		} else {
			await this.runDynamic(circuit, drawsBefore, shots ?? 1, uniform, lower, applyOps, tick, result);
			if (wantProbabilities) result.probabilities = engine.probabilities();
			if (options.statevector) result.statevector = engine.amplitudes();
		}
		progress(1, 'Done');
		result.timeMs = performance.now() - t0;
		return result;
	}

	/**
	 * Shot by shot. `circuit` has its known resets resolved; `drawsBefore` says where they were, so
	 * each trajectory still draws one random number per measurement or reset, in program order.
	 */
	private async runDynamic(
		circuit: Circuit,
		drawsBefore: ReadonlyMap<number, number>,
		shots: number,
		uniform: Uniform,
		lower: (list: GateInstruction[]) => PassOp[],
		applyOps: (ops: PassOp[], base: number, span: number) => Promise<void>,
		tick: (fraction: number, stage: string) => Promise<void>,
		result: RunResult
	): Promise<void> {
		const engine = this.engine;
		const ins = circuit.instructions;
		let firstDynamic = ins.findIndex((i) => i.kind !== 'gate' && i.kind !== 'barrier');
		if (firstDynamic < 0) firstDynamic = ins.length;
		const prefix = ins.slice(0, firstDynamic).filter((i): i is GateInstruction => i.kind === 'gate');
		await applyOps(lower(prefix), 0, 0.3);
		// Which qubits are certainly 0 or 1: their resets and measurements need no pass over the state.
		const known = new KnownBits(circuit.numQubits);
		for (const g of prefix) known.apply(lowerGate(g));
		const knownAfterPrefix = known.value.slice();
		// Draws of resolved resets up to the first dynamic step happen at the start of every shot.
		let prefixDraws = 0;
		for (const [at, n] of drawsBefore) if (at <= firstDynamic) prefixDraws += n;
		// Group the rest into unitary runs (fused once) and single non-unitary steps; a run also
		// draws the numbers of the resolved resets inside it.
		type Step = { ops: PassOp[]; raw: EngineOp[]; draws: number } | { ins: Instruction };
		const steps: Step[] = [];
		let run: GateInstruction[] = [];
		let draws = 0;
		const endRun = () => {
			if (run.length || draws) steps.push({ ops: lower(run), raw: run.map(lowerGate), draws });
			run = [];
			draws = 0;
		};
		for (let k = firstDynamic; k <= ins.length; k++) {
			if (k > firstDynamic) draws += drawsBefore.get(k) ?? 0;
			const i = ins[k];
			if (!i) break;
			if (i.kind === 'gate') run.push(i);
			else if (i.kind !== 'barrier') {
				endRun();
				steps.push({ ins: i });
			}
		}
		endRun();
		if (shots > 1) engine.snapshot();
		let lastTick = performance.now();
		const clbits = new Uint8Array(circuit.numClbits);
		const counts: Record<string, number> = {};
		const regValue = (name: string) => {
			const r = circuit.cregs.find((c) => c.name === name);
			if (!r) throw new QuantumError('bad-circuit', `classical register ${name} does not exist`);
			let v = 0;
			for (let b = r.size - 1; b >= 0; b--) v = v * 2 + clbits[r.offset + b];
			return v;
		};
		// The state stays normalised (every collapse renormalises), so p1 needs one half pass and no norm.
		// One uniform number per measurement, known outcome or not, so a seed gives the same trajectory.
		const measure = (q: number): 0 | 1 => {
			const u = uniform();
			const certain = known.value[q];
			if (certain >= 0) return certain as 0 | 1;
			result.passes++;
			const p1 = Math.min(1, Math.max(0, engine.probabilityOfOne(q)));
			const outcome: 0 | 1 = u < p1 ? 1 : 0;
			if (outcome === 1 || p1 > CERTAIN_OUTCOME_EPSILON) {
				result.passes++;
				engine.collapse(q, outcome, outcome ? p1 : 1 - p1);
			}
			known.value[q] = outcome;
			return outcome;
		};
		const applyOne = (op: EngineOp) => {
			result.passes++;
			engine.apply([op]);
			known.apply(op);
		};
		const step = async (i: Instruction) => {
			if (i.kind === 'measure') clbits[i.clbit] = measure(i.qubit);
			else if (i.kind === 'reset') {
				if (measure(i.qubit) === 1) applyOne(lowerGate({ kind: 'gate', name: 'x', params: [], qubits: [i.qubit] }));
			} else if (i.kind === 'if') {
				if (regValue(i.creg) === i.value) {
					if (i.body.kind === 'gate') applyOne(lowerGate(i.body));
					else await step(i.body);
				}
			}
		};
		for (let s = 0; s < shots; s++) {
			if (s > 0) engine.restore();
			known.load(knownAfterPrefix);
			clbits.fill(0);
			for (let d = 0; d < prefixDraws; d++) uniform();
			for (let k = 0; k < steps.length; k++) {
				const st = steps[k];
				if ('ops' in st) {
					result.passes += st.ops.length;
					engine.apply(st.ops);
					for (const op of st.raw) known.apply(op);
					for (let d = 0; d < st.draws; d++) uniform();
				} else await step(st.ins);
				// Long shots (10⁵ gates) report progress and can be cancelled between steps.
				if (performance.now() - lastTick > 40) {
					lastTick = performance.now();
					await tick(0.3 + (0.7 * (s + k / steps.length)) / shots, `Shot ${s + 1} of ${shots}`);
				}
			}
			let key = '';
			for (let b = clbits.length - 1; b >= 0; b--) key += clbits[b];
			counts[key] = (counts[key] ?? 0) + 1;
			await tick(0.3 + (0.7 * (s + 1)) / shots, `Shot ${s + 1} of ${shots}`);
		}
		result.counts = counts;
		result.countsOverClbits = true;
	}

	/** ⟨ψ|H|ψ⟩ for the circuit's final state (measurements ignored) and a Pauli sum H. */
	async expectation(circuit: Circuit, terms: PauliTerm[], options: RunOptions = {}): Promise<number> {
		const n = circuit.numQubits;
		if (analyse(circuit).dynamic)
			throw new QuantumError('bad-circuit', 'expectation values need a circuit without mid-circuit measurement, reset or if');
		const unitary = new Circuit(n);
		for (const i of circuit.instructions) if (i.kind === 'gate') unitary.instructions.push(i);
		await this.run(unitary, { ...options, probabilities: false, shots: undefined });
		let total = 0;
		for (const term of terms) {
			if (term.paulis.length !== n || !/^[IXYZ]+$/.test(term.paulis))
				throw new QuantumError('bad-option', `Pauli string "${term.paulis}" must have ${n} letters from I, X, Y, Z`);
			let x = 0;
			let z = 0;
			let y = 0;
			for (let q = 0; q < n; q++) {
				const ch = term.paulis[n - 1 - q];
				if (ch === 'X' || ch === 'Y') x |= 1 << q;
				if (ch === 'Z' || ch === 'Y') z |= 1 << q;
				if (ch === 'Y') y++;
			}
			const [re, im] = this.engine.pauliTerm(x, z);
			// P = i^y · X^x Z^z ; keep the real part of i^y·(re + i·im).
			const value = [re, -im, -re, im][y % 4];
			total += term.coefficient * value;
		}
		return total;
	}
}

/** Turn sampled basis indices into counts keyed by bitstring. */
function countSamples(samples: Uint32Array, n: number, measured: Map<number, number>, numClbits: number): Record<string, number> {
	const byIndex = new Map<number, number>();
	for (const s of samples) byIndex.set(s, (byIndex.get(s) ?? 0) + 1);
	const counts: Record<string, number> = {};
	for (const [index, count] of byIndex) {
		let key: string;
		if (measured.size === 0) key = bitstring(index, n);
		else {
			const bits = new Uint8Array(numClbits);
			for (const [q, c] of measured) bits[c] = (index >>> q) & 1;
			key = '';
			for (let b = numClbits - 1; b >= 0; b--) key += bits[b];
		}
		counts[key] = (counts[key] ?? 0) + count;
	}
	return counts;
}
