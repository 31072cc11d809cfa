/**
 * Quantum Lab worker: parses and simulates OpenQASM off the UI thread. When the page is
 * cross-origin isolated it starts helper threads (quantum-thread.worker.ts) that share one
 * WebAssembly.Memory with this worker; otherwise it simulates alone.
 */
import { exposeWorker, type Job } from './bridge';
import { workerSimulator } from './quantum-simulator';
import { analyseSource, parseQasm, summariseRun, type LabAnalysis, type LabSummary, type PauliTerm } from '../quantum/index';

/** Amplitudes are copied out for the table only up to this size. */
const STATEVECTOR_LIMIT = 22;

/** The worker's simulator (shared setup with the quantum-methods worker). */
const getSimulator = workerSimulator;

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
