/**
 * `qenome qasm FILE.qasm [--shots N --seed S] [--probabilities] [--statevector] [--no-fusion]
 * [--allow-27] --json`: simulate an OpenQASM 2.0 file on the wasm engine (single-threaded in Node)
 * and print probabilities, counts and/or the state vector as JSON.
 *
 * Output keys are bitstrings with the highest qubit (or classical bit) leftmost; probabilities
 * below 1e-15 are omitted. Parse errors print `FILE:line:col: message` and exit 2.
 */
import type { Command } from '../command';
import { numberOption, parseArgs } from '../args';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { QasmError, QuantumError, bitstring, parseQasm } from '../../lib/quantum/index';
import { createNodeSimulator } from '../../lib/quantum/node';

const USAGE =
	'qenome qasm FILE.qasm [--shots N --seed S] [--probabilities] [--statevector] [--no-fusion] [--allow-27] --json';

/** Smallest probability printed. */
const PRINT_THRESHOLD = 1e-15;

/** `qenome qasm`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Simulate an OpenQASM 2.0 circuit (state vector, wasm) and print probabilities / counts as JSON.',
	async run(argv) {
		const args = parseArgs(argv, {
			flags: ['json', 'probabilities', 'statevector', 'no-fusion', 'allow-27'],
			values: ['shots', 'seed']
		});
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const file = args.positionals[0];
		const source = readTextOrFail(file, 'QASM file', FILE_CAPS.qasm);
		const shots = args.values.has('shots') ? numberOption(args, 'shots', undefined, { integer: true, min: 1, max: 10_000_000 }) : undefined;
		if (shots !== undefined && (!Number.isInteger(shots) || shots < 1))
			throw new CliError(`option --shots must be a positive whole number, got "${args.values.get('shots')}"`);
		const seed = args.values.has('seed') ? numberOption(args, 'seed') : undefined;
		if (seed !== undefined && !Number.isSafeInteger(seed))
			throw new CliError(`option --seed must be a whole number, got "${args.values.get('seed')}"`);
		let parsed;
		try {
			parsed = parseQasm(source);
		} catch (err) {
			if (err instanceof QasmError) throw new CliError(`${file}:${err.line}:${err.column}: ${err.reason}`, err.kind, { bare: true, code: err.code });
			throw err;
		}
		for (const w of parsed.warnings) process.stderr.write(`${file}: warning: ${w}\n`);
		const wantProbabilities = args.flags.has('probabilities') || shots === undefined;
		const simulator = await createNodeSimulator();
		let result;
		try {
			result = await simulator.run(parsed.circuit, {
				shots,
				seed,
				fusion: args.flags.has('no-fusion') ? false : undefined,
				allowLarge: args.flags.has('allow-27'),
				statevector: args.flags.has('statevector'),
				probabilities: wantProbabilities
			});
		} catch (err) {
			if (err instanceof QuantumError) throw new CliError(`${file}: ${err.message}`, err.kind, { code: err.code });
			throw err;
		}
		const out: Record<string, unknown> = { qubits: result.numQubits, clbits: result.numClbits };
		if (result.probabilities) {
			const probs: Record<string, number> = {};
			result.probabilities.forEach((p, i) => {
				if (p >= PRINT_THRESHOLD) probs[bitstring(i, result.numQubits)] = p;
			});
			out.probabilities = probs;
		}
		if (result.counts) {
			out.counts = Object.fromEntries(Object.entries(result.counts).sort(([a], [b]) => (a < b ? -1 : 1)));
			out.countsOver = result.countsOverClbits ? 'clbits' : 'qubits';
		}
		if (result.statevector) {
			const sv = result.statevector;
			out.statevector = Array.from({ length: sv.length / 2 }, (_, i) => [sv[2 * i], sv[2 * i + 1]]);
		}
		if (result.dynamic)
			out.note =
				'mid-circuit measurement, reset or if: counts come from shot-by-shot simulation; probabilities and statevector are those of the last shot';
		out.gates = result.gates;
		out.passes = result.passes;
		out.timeMs = Math.round(result.timeMs * 1000) / 1000;
		if (args.flags.has('json')) {
			process.stdout.write(JSON.stringify(out) + '\n');
		} else {
			process.stdout.write(`${result.numQubits} qubits, ${result.gates} gates, ${result.timeMs.toFixed(1)} ms\n`);
			const rows = Object.entries((out.counts ?? out.probabilities) as Record<string, number>)
				.sort((a, b) => b[1] - a[1])
				.slice(0, 16);
			for (const [k, v] of rows) process.stdout.write(`${k}  ${v}\n`);
		}
		return 0;
	}
};
export default command;
