/**
 * `qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json]`: star alleles, phenotypes and
 * CPIC recommendations for every gene. Outside calls (TSV: GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY
 * SCORE; tab-separated) override the file's call for that gene and are marked as entered by the user.
 */
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { loadKb, parseOutsideCalls, runPgx, type PgxReport } from '../../lib/pgx/index';
import { pgxJson } from '../../lib/pgx/json';
import { asCliError, readGenomeView } from './pgx-input';

const USAGE = 'qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json]';

/** The JSON shape printed with --json (built by the library, shared with batch runs). */
export { pgxJson };

function human(r: PgxReport): string {
	const lines = [`knowledge base ${r.kb.version}`, ''];
	for (const g of r.genes) {
		lines.push(
			`${g.gene.padEnd(8)} ${(g.diplotypes.join(' or ') || '—').padEnd(28)} ${g.phenotype}${g.activityScore !== null ? ` (activity ${g.activityScore})` : ''}${g.source === 'outside' ? ' [entered by the user]' : ''} [coverage ${g.coverage}${g.phased ? ', phased' : ''}${g.sexAssumed ? `, sex ${g.sexAssumed}` : ''}]`
		);
	}
	lines.push('');
	for (const d of r.drugs.filter((x) => x.classification !== 'n/a'))
		lines.push(`${d.drug} (${d.genes.join(', ')}, ${d.classification}): ${d.recommendation.split('\n')[0]}`);
	return lines.join('\n');
}

const command: Command = {
	usage: USAGE,
	summary: 'Pharmacogenomics: CPIC star alleles, phenotypes and drug recommendations from a DNA file.',
	async run(argv) {
		const args = parseArgs(argv, { flags: ['json'], values: ['outside', 'sample', 'sex'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const sexArg = args.values.get('sex');
		if (sexArg !== undefined && sexArg !== 'female' && sexArg !== 'male') throw new CliError(`--sex must be "female" or "male" (got "${sexArg}")`);
		const sex = sexArg as 'female' | 'male' | undefined;
		const kb = await loadKb();
		let outside = [] as ReturnType<typeof parseOutsideCalls>;
		const outsideFile = args.values.get('outside');
		if (outsideFile) {
			const text = readTextOrFail(outsideFile, 'outside-calls file', FILE_CAPS.outsideCalls);
			try {
				outside = parseOutsideCalls(text, kb);
			} catch (err) {
				asCliError(err);
			}
		}
		const view = await readGenomeView(args.positionals[0], args.values.get('sample'));
		const report = await runPgx(view, outside, kb, { sex });
		process.stdout.write((args.flags.has('json') ? JSON.stringify(pgxJson(report), null, 2) : human(report)) + '\n');
		return 0;
	}
};

export default command;
