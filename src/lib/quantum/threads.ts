/**
 * Several threads on one state: every thread runs the same op list and all meet at a barrier
 * (Atomics on words in the shared memory) after every op. Within an op, threads claim contiguous
 * chunks of its iteration space from a shared counter (Atomics.add), CHUNKS_PER_THREAD per thread on
 * average: with an even machine every thread does an equal share, and when the machine is shared
 * and one thread is descheduled, the others take over its remaining chunks instead of waiting at
 * the barrier. Used by the browser worker when the page is cross-origin isolated and by the Node
 * benchmark through worker_threads; the environment only supplies the helper threads.
 */
import { CONTROL_OFFSET, MAX_THREADS, executeOpRange, instantiateKernels, iterations, type Engine, type Kernels } from './engine';
import { QuantumError } from './errors';
import type { PassOp } from './ops';
import type { OpRunner } from './simulate';

/** Message to a helper thread. */
export type HelperMessage =
	| { type: 'init'; module: WebAssembly.Module; memory: WebAssembly.Memory }
	| { type: 'run'; ops: PassOp[]; statePtr: number; n: number; rank: number; size: number };

/** Reply from a helper thread. */
export type HelperReply = { type: 'ready' } | { type: 'done' } | { type: 'error'; message: string };

/** Something messages can be posted to (a Web Worker or a worker_threads Worker). */
export interface HelperPort {
	postMessage(message: HelperMessage): void;
}

/** Words of the control block: [arrived, generation, cancel, next chunk of the current op]. */
function controlWords(memory: WebAssembly.Memory): Int32Array {
	return new Int32Array(memory.buffer, CONTROL_OFFSET, 4);
}

/** Chunks per thread (on average) that one op is cut into. */
export const CHUNKS_PER_THREAD = 8;
/** Fewest iterations per chunk (smaller ops are cut into fewer chunks). */
const MIN_CHUNK = 4096;

/**
 * Wait until all `size` threads have arrived (sense by generation counter). The last to arrive
 * resets the chunk counter for the next op before releasing the others.
 */
export function barrierWait(ctl: Int32Array, size: number): void {
	const gen = Atomics.load(ctl, 1);
	if (Atomics.add(ctl, 0, 1) === size - 1) {
		Atomics.store(ctl, 0, 0);
		Atomics.store(ctl, 3, 0);
		Atomics.add(ctl, 1, 1);
		Atomics.notify(ctl, 1);
	} else {
		while (Atomics.load(ctl, 1) === gen) Atomics.wait(ctl, 1, gen);
	}
}

/**
 * Apply this thread's part of one op: claim chunks of the op's iteration space from the shared
 * counter (ctl[3]) until none are left.
 */
export function runShared(k: Kernels, memory: WebAssembly.Memory, ctl: Int32Array, op: PassOp, statePtr: number, n: number, rank: number, size: number): void {
	const total = iterations(op, n);
	// a tile is already 2^15 amplitudes of work
	const chunks = Math.max(1, Math.min(size * CHUNKS_PER_THREAD, Math.floor(total / (op.kind === 'tile' ? 1 : MIN_CHUNK))));
	const chunk = Math.ceil(total / chunks);
	for (let c = Atomics.add(ctl, 3, 1); c < chunks; c = Atomics.add(ctl, 3, 1)) {
		const lo = c * chunk;
		executeOpRange(k, memory, op, statePtr, rank, lo, Math.min(total, lo + chunk));
	}
}

/**
 * The body of a helper thread: handles init/run messages and replies through `reply`.
 * Returns the message handler to attach to the thread's message event.
 */
export function helperHandler(reply: (r: HelperReply) => void): (msg: HelperMessage) => Promise<void> {
	let kernels: Kernels | null = null;
	let memory: WebAssembly.Memory | null = null;
	return async (msg) => {
		try {
			if (msg.type === 'init') {
				memory = msg.memory;
				kernels = await instantiateKernels(msg.module, memory);
				reply({ type: 'ready' });
				return;
			}
			if (!kernels || !memory) throw new Error('helper thread used before init');
			const ctl = controlWords(memory);
			for (const op of msg.ops) {
				runShared(kernels, memory, ctl, op, msg.statePtr, msg.n, msg.rank, msg.size);
				barrierWait(ctl, msg.size);
				if (Atomics.load(ctl, 2)) break;
			}
			reply({ type: 'done' });
		} catch (err) {
			reply({ type: 'error', message: (err as Error).message });
		}
	};
}

/** Runs op lists on the calling thread (rank 0) plus helper threads sharing the engine's memory. */
export class SharedMemoryRunner implements OpRunner {
	readonly threads: number;
	private readonly helpers: HelperPort[];

	/** @param helpers initialised helper threads (see helperHandler); rank 0 is the caller */
	constructor(helpers: HelperPort[]) {
		if (helpers.length + 1 > MAX_THREADS) throw new QuantumError('bad-option', `at most ${MAX_THREADS} threads`);
		this.helpers = helpers;
		this.threads = helpers.length + 1;
	}

	/** Apply ops with every thread; `tick` may throw to cancel (all threads stop after the current op). */
	async run(engine: Engine, ops: readonly PassOp[], tick: (done: number) => Promise<void>): Promise<void> {
		if (!ops.length) return;
		const ctl = controlWords(engine.memory);
		Atomics.store(ctl, 0, 0);
		Atomics.store(ctl, 2, 0);
		Atomics.store(ctl, 3, 0);
		const size = this.threads;
		const list = [...ops];
		this.helpers.forEach((h, i) =>
			h.postMessage({ type: 'run', ops: list, statePtr: engine.statePtr, n: engine.numQubits, rank: i + 1, size })
		);
		let failure: unknown = null;
		for (let i = 0; i < list.length; i++) {
			runShared(engine.kernels, engine.memory, ctl, list[i], engine.statePtr, engine.numQubits, 0, size);
			try {
				await tick(i + 1);
			} catch (err) {
				failure = err;
				Atomics.store(ctl, 2, 1);
			}
			barrierWait(ctl, size);
			if (failure) throw failure;
		}
	}
}
