/**
 * Node entry point of the quantum domain (CLI, tests, benchmarks): loads the wasm engine from
 * beside the bundled CLI (`build-cli/qsim.wasm`) or from the project's `static/wasm/`.
 * The CLI runs single-threaded; `createNodeThreads` adds worker_threads helpers (benchmarks).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Engine, WASM_FILES, type EngineVariant } from './engine';
import { QuantumError } from './errors';
import { Simulator } from './simulate';
import { SharedMemoryRunner, type HelperMessage, type HelperReply } from './threads';

/** Candidate paths of a wasm file: beside this module (bundle), then static/wasm up the tree. */
function candidates(file: string): string[] {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const list = [path.join(here, file)];
	let dir = here;
	for (let i = 0; i < 6; i++) {
		list.push(path.join(dir, 'static', 'wasm', file));
		dir = path.dirname(dir);
	}
	list.push(path.join(process.cwd(), 'static', 'wasm', file));
	return list;
}

const compiled = new Map<EngineVariant, Promise<WebAssembly.Module>>();

/** Compile (once) the engine variant's wasm from disk. */
export function loadModuleNode(variant: EngineVariant = 'simd'): Promise<WebAssembly.Module> {
	let p = compiled.get(variant);
	if (!p) {
		const file = WASM_FILES[variant];
		const found = candidates(file).find((f) => fs.existsSync(f));
		if (!found)
			return Promise.reject(
				new QuantumError('engine-unavailable', `the simulation engine ${file} was not found (run "npm run build:wasm")`)
			);
		p = WebAssembly.compile(fs.readFileSync(found));
		compiled.set(variant, p);
	}
	return p;
}

/** A single-threaded simulator in Node. */
export async function createNodeSimulator(variant: EngineVariant = 'simd'): Promise<Simulator> {
	return new Simulator(await Engine.create(await loadModuleNode(variant), variant));
}

/** A simulator over `threads` threads (worker_threads sharing one WebAssembly.Memory); call close() when done. */
export async function createNodeThreadedSimulator(threads: number): Promise<{ simulator: Simulator; close(): Promise<void> }> {
	const module = await loadModuleNode('mt');
	const engine = await Engine.create(module, 'mt');
	const workers: Worker[] = [];
	for (let i = 1; i < threads; i++) {
		// The helper is TypeScript: load it through tsx's loader (benchmarks and tests run under tsx/vitest).
		const entry = new URL('./thread-node-worker.ts', import.meta.url).href;
		const w = new Worker(
			`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
			{ eval: true }
		);
		workers.push(w);
		await new Promise<void>((resolve, reject) => {
			w.once('message', (r: HelperReply) => (r.type === 'ready' ? resolve() : reject(new Error(JSON.stringify(r)))));
			w.once('error', reject);
			w.postMessage({ type: 'init', module, memory: engine.memory } satisfies HelperMessage);
		});
	}
	const runner = new SharedMemoryRunner(workers.map((w) => ({ postMessage: (m: HelperMessage) => w.postMessage(m) })));
	return {
		simulator: new Simulator(engine, runner),
		async close() {
			await Promise.all(workers.map((w) => w.terminate()));
		}
	};
}
