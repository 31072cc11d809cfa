/**
 * Quantum Lab worker: parses and simulates OpenQASM off the UI thread. When the page is
 * cross-origin isolated it starts helper threads (quantum-thread.worker.ts) that share one
 * WebAssembly.Memory with this worker; otherwise it simulates alone.
 */
import { exposeWorker, type Job } from './bridge';
import {
	Engine,
	QuantumError,
	SharedMemoryRunner,
	Simulator,
	analyseSource,
	loadModuleBrowser,
	parseQasm,
	summariseRun,
	type HelperMessage,
	type HelperReply,
	type LabAnalysis,
	type LabSummary,
	type PauliTerm
} from '../quantum/index';

/** Most helper threads (besides this worker). */
const MAX_HELPERS = 3;
/** Amplitudes are copied out for the table only up to this size. */
const STATEVECTOR_LIMIT = 22;

let simulator: Promise<Simulator> | null = null;

async function startHelpers(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number): Promise<Worker[]> {
	const helpers: Worker[] = [];
	for (let i = 0; i < count; i++) {
		const w = new Worker(new URL('./quantum-thread.worker.ts', import.meta.url), { type: 'module' });
		await new Promise<void>((resolve, reject) => {
			w.onmessage = (e: MessageEvent<HelperReply>) => (e.data.type === 'ready' ? resolve() : reject(new Error('helper thread failed to start')));
			w.onerror = () => reject(new Error('helper thread failed to start'));
			w.postMessage({ type: 'init', module, memory } satisfies HelperMessage);
		});
		w.onmessage = null;
		helpers.push(w);
	}
	return helpers;
}

async function createSimulator(): Promise<Simulator> {
	const cores = Math.max(1, Math.min(MAX_HELPERS + 1, navigator.hardwareConcurrency || 1));
	if (globalThis.crossOriginIsolated && cores > 1) {
		try {
			const module = await loadModuleBrowser('mt');
			const engine = await Engine.create(module, 'mt');
			const helpers = await startHelpers(module, engine.memory, cores - 1);
			return new Simulator(engine, new SharedMemoryRunner(helpers));
		} catch {
			// Fall through to one thread (e.g. shared memory refused by the browser).
		}
	}
	return new Simulator(await Engine.create(await loadModuleBrowser('simd'), 'simd'));
}

function getSimulator(): Promise<Simulator> {
	simulator ??= createSimulator().catch((err) => {
		simulator = null;
		throw new QuantumError('engine-unavailable', `the simulation engine could not start: ${(err as Error).message}`);
	});
	return simulator;
}

const api = {
	/** Threads the simulator uses and whether the page is cross-origin isolated. */
	async info(_job: Job): Promise<{ threads: number; isolated: boolean }> {
		const sim = await getSimulator();
		return { threads: sim.runner?.threads ?? 1, isolated: Boolean(globalThis.crossOriginIsolated) };
	},
	/** Parse and size a program. */
	async analyse(source: string, _job: Job): Promise<LabAnalysis> {
		return analyseSource(source);
	},
	/** Run a program: `shots` samples (null = exact probabilities only). */
	async run(source: string, shots: number | null, seed: number | null, job: Job): Promise<LabSummary> {
		const { circuit } = parseQasm(source);
		const sim = await getSimulator();
		const result = await sim.run(circuit, {
			shots: shots ?? undefined,
			seed: seed ?? undefined,
			probabilities: shots === null,
			statevector: circuit.numQubits <= STATEVECTOR_LIMIT,
			signal: job.signal,
			onProgress: (fraction, stage) => job.progress({ fraction, stage })
		});
		return summariseRun(result, shots);
	},
	/** ⟨ψ|H|ψ⟩ of the program's final state for a Pauli sum (terms written highest qubit leftmost). */
	async expectation(source: string, terms: PauliTerm[], job: Job): Promise<number> {
		const { circuit } = parseQasm(source);
		const sim = await getSimulator();
		return sim.expectation(circuit, terms, { signal: job.signal });
	}
};

/** The worker's API, for connectWorker<QuantumWorkerApi>. */
export type QuantumWorkerApi = typeof api;

exposeWorker(api);
