/**
 * `qenome warfarin FILE --age Y --height-cm H --weight-kg W --race white|asian|black|other|unknown
 * [--amiodarone] [--inducer] [--json]`: IWPC 2009 pharmacogenetic dose with the CPIC 2017 flowchart.
 */
import { numberOption, parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { callAllGenes, loadKb, warfarinDose, warfarinGenetics, type WarfarinRace } from '../../lib/pgx/index';
import { asCliError, readGenomeView } from './pgx-input';

const USAGE =
	'qenome warfarin FILE --age Y --height-cm H --weight-kg W --race white|asian|black|other|unknown [--amiodarone] [--inducer] [--json]';
const RACES = ['white', 'asian', 'black', 'other', 'unknown'];

/** `qenome warfarin`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Warfarin maintenance dose (IWPC 2009 + CPIC 2017) from a DNA file and clinical inputs.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['json', 'amiodarone', 'inducer'], values: ['age', 'height-cm', 'weight-kg', 'race', 'sample'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const race = args.values.get('race');
		if (!race) throw new CliError('missing required option --race (white, asian, black, other or unknown)');
		if (!RACES.includes(race)) throw new CliError(`option --race must be one of ${RACES.join(', ')}, got "${race}"`);
		const clinical = {
			age: numberOption(args, 'age'),
			heightCm: numberOption(args, 'height-cm'),
			weightKg: numberOption(args, 'weight-kg'),
			race: race as WarfarinRace,
			amiodarone: args.flags.has('amiodarone'),
			inducer: args.flags.has('inducer')
		};
		const kb = await loadKb();
		const view = await readGenomeView(args.positionals[0], args.values.get('sample'));
		const genetics = warfarinGenetics(view, callAllGenes(view, kb), kb);
		let r;
		try {
			r = warfarinDose(clinical, genetics);
		} catch (err) {
			asCliError(err);
		}
		const json = {
			weeklyDoseMg: r.weeklyDoseMg,
			dailyDoseMg: r.dailyDoseMg,
			genotypes: r.genotypes,
			adjustments: r.adjustments,
			recommendation: r.recommendation,
			warnings: r.warnings
		};
		if (args.flags.has('json')) process.stdout.write(JSON.stringify(json, null, 2) + '\n');
		else
			process.stdout.write(
				[r.recommendation, ...Object.entries(r.genotypes).map(([k, v]) => `${k}: ${v}`), ...r.adjustments.map((a) => `adjustment: ${a.reason}`), ...r.warnings.map((w) => `note: ${w}`)].join('\n') + '\n'
			);
		return 0;
	}
};

export default command;
