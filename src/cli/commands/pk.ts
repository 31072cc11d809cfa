/**
 * `qenome pk`: genotype- and co-medication-aware PK simulation of one drug and regimen.
 * Phenotypes come from `--phenotype GENE=PHENOTYPE` (repeatable; `GENE=score:1.5` or `GENE=1.5`
 * for an activity score) or from a DNA file via the pharmacogenomics caller (`--profile FILE`, any
 * format `qenome import` reads; `--sample` for multi-sample VCFs).
 * A phenotype the drug's model does not simulate (no measured exposure figure, e.g. DPYD activity
 * score 1.5 on fluorouracil) is refused: one line `qenome: …` with the reason and CPIC's advice, exit 1.
 */
import { parseArgs, numberOption } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { DRUGS, MAX_POINTS, SCORE_CHOICES, getDrug, inputGenes, simulate, usablePhenotypes, type PhenotypeInput, type Regimen } from '../../lib/pk/index';
import { callAllGenes, loadKb } from '../../lib/pgx/index';
import { readGenomeView } from './pgx-input';

const USAGE =
	'qenome pk --drug NAME [--profile FILE [--sample NAME] | --phenotype GENE=PHENOTYPE ...] [--comed NAME ...] [--dose MG] [--interval H] [--days D] [--weight KG] [--route oral|iv-bolus|iv-infusion] [--infusion-hours H] [--loading-dose MG] [--points N] --json';

/**
 * Parse repeated GENE=PHENOTYPE options; an activity score is given as GENE=score:N or as a bare
 * number (DPYD=1.5), only for genes with activity scores (CYP2D6, CYP2C9, DPYD).
 */
export function parsePhenotypeOptions(list: string[]): PhenotypeInput {
	const out: PhenotypeInput = {};
	for (const item of list) {
		const eq = item.indexOf('=');
		if (eq <= 0 || eq === item.length - 1) throw new CliError(`--phenotype must look like GENE=PHENOTYPE (e.g. CYP2C19=poor), got "${item}"`);
		const gene = item.slice(0, eq).trim().toUpperCase();
		const value = item.slice(eq + 1).trim();
		const score = /^(?:(?:score|as):\s*)?([0-9]+(?:\.[0-9]+)?)$/i.exec(value);
		if (score && !(gene in SCORE_CHOICES))
			throw new CliError(`${gene} has no activity score; give a phenotype (e.g. ${gene}=poor), got "${value}"`);
		out[gene] = score ? { activityScore: Number(score[1]) } : { phenotype: value };
	}
	return out;
}

/** Phenotypes from a genome file through the pharmacogenomics caller (`src/lib/pgx`). */
async function phenotypesFromProfile(file: string, sample?: string): Promise<{ phenotypes: PhenotypeInput; notes: string[] }> {
	const view = await readGenomeView(file, sample);
	const calls = callAllGenes(view, await loadKb());
	const raw: PhenotypeInput = {};
	for (const c of calls) if (!c.screening) raw[c.gene] = { phenotype: c.phenotype, activityScore: c.activityScore };
	return usablePhenotypes(raw);
}

/** `qenome pk`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Simulate drug levels for a genotype, co-medications and regimen (educational, not a prescription).',
	async run(argv) {
		const args = parseArgs(argv, {
			flags: ['json'],
			values: ['drug', 'profile', 'sample', 'dose', 'interval', 'days', 'weight', 'route', 'infusion-hours', 'loading-dose', 'points'],
			repeatable: ['phenotype', 'comed']
		});
		const name = args.values.get('drug');
		if (!name) throw new CliError(`missing --drug; choose one of: ${DRUGS.map((d) => d.id).join(', ')}`);
		const drug = getDrug(name);
		if (args.values.has('profile') && args.lists.has('phenotype'))
			throw new CliError('use either --profile or --phenotype, not both');
		const fromProfile = args.values.has('profile')
			? await phenotypesFromProfile(args.values.get('profile')!, args.values.get('sample'))
			: null;
		const phenotypes = fromProfile ? fromProfile.phenotypes : parsePhenotypeOptions(args.lists.get('phenotype') ?? []);
		// Genes the model reads: its pathways, and genes it only checks for results it refuses (e.g. NUDT15 for mercaptopurine).
		const used = new Set(inputGenes(drug));
		for (const gene of Object.keys(phenotypes))
			if (!used.has(gene) && !args.values.has('profile'))
				throw new CliError(`${gene} is not part of the ${drug.name} model; it uses: ${[...used].join(', ')}`);
		const regimen: Partial<Regimen> = {};
		if (args.values.has('route')) regimen.route = args.values.get('route') as Regimen['route'];
		if (args.values.has('dose')) regimen.dose = numberOption(args, 'dose');
		if (args.values.has('interval')) regimen.interval = numberOption(args, 'interval');
		if (args.values.has('loading-dose')) regimen.loadingDose = numberOption(args, 'loading-dose');
		if (args.values.has('infusion-hours')) regimen.infusionHours = numberOption(args, 'infusion-hours');
		if (args.values.has('days')) {
			const days = numberOption(args, 'days');
			if (!(days > 0)) throw new CliError(`--days must be positive, got ${days}`);
			const interval = regimen.interval ?? drug.regimen.interval;
			regimen.doses = Math.max(1, Math.floor((days * 24) / interval));
		}
		const result = simulate({
			drug: drug.id,
			phenotypes,
			comedications: args.lists.get('comed') ?? [],
			regimen,
			weightKg: numberOption(args, 'weight', 70),
			points: numberOption(args, 'points', 600, { integer: true, min: 2, max: MAX_POINTS })
		});
		if (fromProfile) result.warnings.unshift(...fromProfile.notes.filter((n) => used.has(n.split(' ')[0])));
		if (args.flags.has('json')) {
			const profile = fromProfile ? { profile: { file: args.values.get('profile'), phenotypes } } : {};
			process.stdout.write(JSON.stringify({ disclaimer: 'Educational simulation, not a prescription.', ...profile, ...result }, null, 1) + '\n');
			return 0;
		}
		const ss = result.steadyState;
		const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
		const lines = [
			`${result.drug.name}: ${result.drug.analyteName} — educational simulation, not a prescription`,
			`regimen: ${result.regimen.dose} mg ${result.regimen.route} every ${result.regimen.interval} h × ${result.regimen.doses}`,
			...result.activities.map((a) => `${a.gene}: ${a.phenotype}, activity ${fmt(a.activity)}${a.comedications.length ? ` (with ${a.comedications.map((c) => c.name).join(', ')})` : ''}`),
			`steady state (${result.unit}): this patient Cmax ${fmt(ss.patient.cmax)}, Cmin ${fmt(ss.patient.cmin)}, AUC ${fmt(ss.patient.auc)}; typical Cmax ${fmt(ss.typical.cmax)}, Cmin ${fmt(ss.typical.cmin)}, AUC ${fmt(ss.typical.auc)}`,
			`exposure vs typical: ×${fmt(result.exposureRatio)}`,
			result.equivalentDose.mg === null ? result.equivalentDose.reason : `dose for typical exposure: ${fmt(result.equivalentDose.mg)} mg every ${result.regimen.interval} h`,
			...(result.cpic ? [`CPIC (${result.cpic.guideline}): ${result.cpic.advice?.text ?? 'no recommendation for this phenotype'}`] : []),
			...result.warnings.map((w) => `warning: ${w}`)
		];
		process.stdout.write(lines.join('\n') + '\n');
		return 0;
	}
};

export default command;
