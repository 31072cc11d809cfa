/**
 * The browser's simulator for a worker: the multi-threaded engine with helper workers sharing one
 * WebAssembly.Memory when the page is cross-origin isolated, else one SIMD engine. Created once
 * per worker on first use.
 */
import {
	Engine,
	QuantumError,
	SharedMemoryRunner,
	Simulator,
	loadModuleBrowser,
	type HelperMessage,
	type HelperReply
} from '../quantum/index';

/** Most helper threads (besides the calling worker). */
const MAX_HELPERS = 3;

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

/** This worker's simulator (started on first call; a failed start is retried next time). */
export function workerSimulator(): Promise<Simulator> {
	simulator ??= createSimulator().catch((err) => {
		simulator = null;
		throw new QuantumError('engine-unavailable', `the simulation engine could not start: ${(err as Error).message}`);
	});
	return simulator;
}
