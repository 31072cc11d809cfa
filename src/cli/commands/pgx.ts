/**
/**
 * `qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json] [--fhir OUT.json]
 * [--pdf OUT.pdf] [--name NAME] [--dob YYYY-MM-DD]`: star alleles, phenotypes and CPIC recommendations
 * for every gene. Outside calls (TSV: GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY SCORE; tab-separated)
 * override the file's call for that gene and are marked as entered by the user. `--fhir` writes the
 * Genomics Reporting IG 3.0.0 Bundle, `--pdf` the clinician PDF (the same report model as the app).
 */
import path from 'node:path';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { buildPgxReport, loadKb, loadPgxCodes, parseOutsideCalls, pgxFhirBundle, pgxReportLayout, runPgx, type PgxReport } from '../../lib/pgx/index';
import { pgxJson } from '../../lib/pgx/json';
import { asCliError, readGenome } from './pgx-input';
import { writeReportExports } from './report-output';
import { runPgxBatch, wantsBatch } from './pgx-batch';

const USAGE =
	'qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json] [--fhir OUT.json] [--pdf OUT.pdf] [--name NAME] [--dob YYYY-MM-DD]  |  qenome pgx COHORT.vcf.gz --all-samples [--samples S1,S2|--samples-file F] --tsv OUT.tsv [--json-dir DIR]';

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

/** `qenome pgx`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Pharmacogenomics: CPIC star alleles, phenotypes and drug recommendations from a DNA file.',
	async run(argv) {
		if (wantsBatch(argv)) return runPgxBatch(argv); // cohort form (issue 18): src/cli/commands/pgx-batch.ts
		const args = parseArgs(argv, { flags: ['json'], values: ['outside', 'sample', 'sex', 'fhir', 'pdf', 'name', 'dob'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const sexArg = args.values.get('sex');
		if (sexArg !== undefined && sexArg !== 'female' && sexArg !== 'male') throw new CliError(`--sex must be "female" or "male" (got "${sexArg}")`);
		const sex = sexArg as 'female' | 'male' | undefined;
		const dob = args.values.get('dob');
		if (dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dob)) throw new CliError('--dob must be a date as YYYY-MM-DD');
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
		const { view, sha256 } = await readGenome(args.positionals[0], args.values.get('sample'));
		const report = await runPgx(view, outside, kb, { sex });
		const fhirOut = args.values.get('fhir');
		const pdfOut = args.values.get('pdf');
		if (fhirOut || pdfOut) {
			const file = args.positionals[0];
			const model = buildPgxReport(report, {
				patientName: args.values.get('name') ?? null,
				dateOfBirth: dob ?? null,
				sourceFile: path.basename(file),
				sourceSha256: sha256,
				summary: sex ? { ...view.summary, sex } : view.summary,
				sexStated: Boolean(sex),
				producedBy: 'Qenome CLI (qenome pgx)'
			});
			await writeReportExports({ pdf: pdfOut, fhir: fhirOut }, { layout: pgxReportLayout(model), fhir: async () => pgxFhirBundle(model, await loadPgxCodes()) });
		}
		process.stdout.write((args.flags.has('json') ? JSON.stringify(pgxJson(report), null, 2) : human(report)) + '\n');
		return 0;
	}
};

export default command;
