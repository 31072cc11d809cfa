/**
 * `qenome panel FILE.csv --k 4 [--alpha 0.5] --method exact|anneal|qaoa|qaoa-penalty [--layers p]
 * [--shots N] [--seed S] --json`: choose k of the file's SNPs that best explain its `phenotype`
 * column with little redundancy (the objective of src/lib/qgenomics/panel.ts), by exact
 * enumeration, simulated annealing, XY-QAOA or penalty QAOA (simulated on the wasm engine).
 *
 * JSON: {method, n, k, alpha, selected, objective, optimum (exact only), approximationRatio (vs
 * exact when n ≤ 22, else null), successProbability (QAOA only), evaluations, seconds, qubits}.
 * `--shots` is the number of sampled shots for QAOA and of independent runs for annealing.
 */
import type { Command } from '../command';
import { numberOption, parseArgs } from '../args';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { PANEL_METHODS, QGenomicsError, parseCohortCsv, runPanel, type PanelMethod } from '../../lib/qgenomics/index';
import { MAX_QAOA_LAYERS, QuantumError } from '../../lib/quantum/index';
import { createNodeSimulator } from '../../lib/quantum/node';

const USAGE =
	'qenome panel FILE.csv --k 4 [--alpha 0.5] --method exact|anneal|qaoa|qaoa-penalty [--layers p] [--shots N] [--seed S] --json';

const wholeNumber = (args: ReturnType<typeof parseArgs>, name: string, min: number, max: number): number | undefined => {
	if (!args.values.has(name)) return undefined;
	const v = numberOption(args, name);
	if (!Number.isInteger(v) || v < min || v > max)
		throw new CliError(`option --${name} must be a whole number from ${min} to ${max}, got "${args.values.get(name)}"`);
	return v;
};

/** `qenome panel`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Choose a SNP panel (k of n SNPs) by exact enumeration, annealing or simulated QAOA and print the result as JSON.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['json'], values: ['k', 'alpha', 'method', 'layers', 'shots', 'seed'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const file = args.positionals[0];
		const method = args.values.get('method');
		if (!method) throw new CliError(`missing required option --method (one of ${PANEL_METHODS.join(', ')})`);
		if (!PANEL_METHODS.includes(method as PanelMethod))
			throw new CliError(`option --method must be one of ${PANEL_METHODS.join(', ')}, got "${method}"`);
		const k = wholeNumber(args, 'k', 1, 10_000);
		if (k === undefined) throw new CliError('missing required option --k');
		const alpha = args.values.has('alpha') ? numberOption(args, 'alpha') : undefined;
		if (alpha !== undefined && alpha < 0) throw new CliError(`option --alpha must be ≥ 0, got "${args.values.get('alpha')}"`);
		const layers = wholeNumber(args, 'layers', 1, MAX_QAOA_LAYERS);
		const shots = wholeNumber(args, 'shots', 1, 1_000_000);
		const seed = wholeNumber(args, 'seed', -(2 ** 53 - 1), 2 ** 53 - 1);
		const text = readTextOrFail(file, 'cohort CSV', FILE_CAPS.structured);
		let summary;
		try {
			const cohort = parseCohortCsv(text, file);
			const simulator = method === 'qaoa' || method === 'qaoa-penalty' ? await createNodeSimulator() : undefined;
			const run = await runPanel(cohort, { k, alpha, method: method as PanelMethod, layers, shots, seed }, simulator);
			summary = run.summary;
		} catch (err) {
			if (err instanceof QGenomicsError || err instanceof QuantumError) throw new CliError(`${file}: ${err.message}`, err.kind, { code: err.code });
			throw err;
		}
		if (args.flags.has('json')) process.stdout.write(JSON.stringify(summary) + '\n');
		else {
			process.stdout.write(`${summary.method}: ${summary.selected.join(', ') || '(no valid panel sampled)'}  f = ${summary.objective ?? '—'}\n`);
			if (summary.approximationRatio !== null) process.stdout.write(`approximation ratio ${summary.approximationRatio.toFixed(4)}\n`);
			process.stdout.write(`${summary.evaluations} evaluations, ${summary.seconds.toFixed(3)} s${summary.qubits ? `, ${summary.qubits} qubits` : ''}\n`);
		}
		return 0;
	}
};
export default command;
