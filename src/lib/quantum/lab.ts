/**
 * What the Quantum Lab page shows, computed off the UI thread: a quick analysis of QASM source
 * (size, memory) and a compact summary of a run (histogram rows, top amplitudes) small enough to
 * post back from the worker whatever the number of qubits.
 */
import { bitstring } from './circuit';
import { parseQasm } from './qasm-parser';
import { DEFAULT_MAX_QUBITS, Simulator, runsShotByShot, type RunResult } from './simulate';

/** Size facts about a program, before running it. */
export interface LabAnalysis {
	qubits: number;
	clbits: number;
	gates: number;
	dynamic: boolean;
	/** Bytes of memory the simulation needs. */
	memoryBytes: number;
	/** Whether it fits the default limit. */
	fits: boolean;
	warnings: string[];
}

/** One bar of the outcome histogram. */
export interface LabOutcome {
	bitstring: string;
	/** Share of shots, or exact probability when no shots were taken. */
	value: number;
	count?: number;
}

/** One row of the amplitudes table. */
export interface LabAmplitude {
	bitstring: string;
	re: number;
	im: number;
	probability: number;
}

/** A run, summarised for display. */
export interface LabSummary {
	qubits: number;
	clbits: number;
	shots: number | null;
	/** Outcomes sorted by bitstring (at most `maxOutcomes`, the most likely ones). */
	outcomes: LabOutcome[];
	/** How many outcomes had non-zero weight in total. */
	outcomeTotal: number;
	/** Whether outcomes are over classical bits (measured) or qubits. */
	overClbits: boolean;
	amplitudes: LabAmplitude[];
	timeMs: number;
	gates: number;
	passes: number;
	threads: number;
	dynamic: boolean;
}

/** Parse and size a program (throws QasmError on a syntax problem). */
export function analyseSource(source: string): LabAnalysis {
	const { circuit, warnings } = parseQasm(source);
	const dynamic = runsShotByShot(circuit);
	return {
		qubits: circuit.numQubits,
		clbits: circuit.numClbits,
		gates: circuit.instructions.filter((i) => i.kind === 'gate').length,
		dynamic,
		memoryBytes: Simulator.memoryFor(circuit.numQubits, dynamic),
		fits: circuit.numQubits <= DEFAULT_MAX_QUBITS,
		warnings
	};
}

/** Indices of the k largest values of p (ties by index). */
function topIndices(p: Float64Array, k: number): number[] {
	const picked: number[] = [];
	for (let i = 0; i < p.length; i++) {
		if (p[i] < 1e-15) continue;
		if (picked.length < k) {
			picked.push(i);
			picked.sort((a, b) => p[b] - p[a] || a - b);
		} else if (p[i] > p[picked[k - 1]]) {
			picked[k - 1] = i;
			picked.sort((a, b) => p[b] - p[a] || a - b);
		}
	}
	return picked;
}

/** Summarise a run for display: up to maxOutcomes histogram bars and maxAmplitudes table rows. */
export function summariseRun(result: RunResult, shots: number | null, maxOutcomes = 32, maxAmplitudes = 16): LabSummary {
	let outcomes: LabOutcome[];
	let outcomeTotal: number;
	if (result.counts && shots) {
		const entries = Object.entries(result.counts).sort((a, b) => b[1] - a[1]);
		outcomeTotal = entries.length;
		outcomes = entries.slice(0, maxOutcomes).map(([b, count]) => ({ bitstring: b, count, value: count / shots }));
	} else {
		const p = result.probabilities ?? new Float64Array(0);
		const top = topIndices(p, maxOutcomes);
		outcomeTotal = p.reduce((n, v) => n + (v >= 1e-15 ? 1 : 0), 0);
		outcomes = top.map((i) => ({ bitstring: bitstring(i, result.numQubits), value: p[i] }));
	}
	outcomes.sort((a, b) => (a.bitstring < b.bitstring ? -1 : 1));
	const amplitudes: LabAmplitude[] = [];
	const sv = result.statevector;
	if (sv) {
		const p = new Float64Array(sv.length / 2).map((_, i) => sv[2 * i] ** 2 + sv[2 * i + 1] ** 2);
		for (const i of topIndices(p, maxAmplitudes))
			amplitudes.push({ bitstring: bitstring(i, result.numQubits), re: sv[2 * i], im: sv[2 * i + 1], probability: p[i] });
	}
	return {
		qubits: result.numQubits,
		clbits: result.numClbits,
		shots,
		outcomes,
		outcomeTotal,
		overClbits: Boolean(result.counts && shots && result.countsOverClbits),
		amplitudes,
		timeMs: result.timeMs,
		gates: result.gates,
		passes: result.passes,
		threads: result.threads,
		dynamic: result.dynamic
	};
}
