/**
 * Public face of the quantum domain: OpenQASM 2.0 parse/export, the Circuit builder, the fusion
 * pass, and the Simulator over the wasm engine. Framework-free and free of Node imports — Node
 * code (CLI, tests, benchmarks) loads the engine through `./node`, the browser through
 * `loadModuleBrowser`.
 */
export { Circuit, bitstring, stateBytes } from './circuit';
export type { Instruction, GateInstruction, Register } from './circuit';
export { QasmError, QuantumError, formatBytes } from './errors';
export { parseQasm } from './qasm-parser';
export type { ParsedQasm } from './qasm-parser';
export { toQasm } from './qasm-export';
export { NATIVE_GATES, QELIB1_GATES } from './gates';
export { fuse, MAX_DIAG_QUBITS, MAX_DENSE_QUBITS, PASS_COST_MEMORY, PASS_COST_TILE } from './fusion';
export { lowerGate } from './ops';
export type { EngineOp, PassOp, TileOp } from './ops';
export { Engine, WASM_FILES } from './engine';
export type { EngineVariant } from './engine';
export { Simulator, analyse, runsShotByShot, DEFAULT_MAX_QUBITS, LARGE_MAX_QUBITS, MAX_SHOTS, FUSION_MIN_QUBITS } from './simulate';
export type { RunOptions, RunResult, PauliTerm, OpRunner } from './simulate';
export { SharedMemoryRunner, helperHandler } from './threads';
export type { HelperMessage, HelperReply } from './threads';
export { planTiles, markKnownTiles, tileLowBits, targetsOf, MIN_LOW_BITS, TILE_MIN_QUBITS } from './tiles';
export { seededUniform } from './rng';
export type { Uniform } from './rng';
export { EXAMPLES } from './examples';
export type { Example } from './examples';

import { WASM_FILES, type EngineVariant } from './engine';
import { QuantumError } from './errors';

/** Fetch and compile an engine variant in the browser (served from /wasm/). */
export async function loadModuleBrowser(variant: EngineVariant = 'simd', base = '/wasm/'): Promise<WebAssembly.Module> {
	const response = await fetch(`${base}${WASM_FILES[variant]}`);
	if (!response.ok) throw new QuantumError('engine-unavailable', `the simulation engine could not be loaded (HTTP ${response.status})`);
	return WebAssembly.compile(await response.arrayBuffer());
}

export { analyseSource, summariseRun } from './lab';
export type { LabAnalysis, LabSummary, LabOutcome, LabAmplitude } from './lab';

export {
	runQaoa,
	dickeStateOps,
	uniformStateOps,
	xyMixerOps,
	xMixerOps,
	costPhaseOps,
	ringEdges,
	spreadRing,
	emptyQubo,
	quboValue,
	quboTable,
	penalisedQubo,
	defaultPenalty,
	weightKMasks,
	binomial,
	popcount,
	nelderMead,
	weightNorm,
	MAX_QAOA_LAYERS,
	MAX_PENALTY_QUBITS
} from './qaoa';
export type { Qubo, OpList, QaoaOptions, QaoaResult, QaoaDepthResult } from './qaoa';
