/**
 * `qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json] [--fhir OUT.json]
 * [--pdf OUT.pdf] [--name NAME] [--dob YYYY-MM-DD]`: star alleles, phenotypes and CPIC recommendations
 * for every gene. Outside calls (TSV: GENE, DIPLOTYPE, PHENOTYPE, ACTIVITY SCORE; tab-separated)
 * override the file's call for that gene and are marked as entered by the user. `--fhir` writes the
 * Genomics Reporting IG 3.0.0 Bundle, `--pdf` the clinician PDF (the same report model as the app).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { buildPgxReport, loadKb, loadPgxCodes, parseOutsideCalls, pgxFhirBundle, pgxReportLayout, runPgx, type PgxReport } from '../../lib/pgx/index';
import { asCliError, readGenome } from './pgx-input';
import { writeReportExports } from './report-output';

const USAGE = 'qenome pgx FILE [--outside CALLS.tsv] [--sample NAME] [--sex female|male] [--json] [--fhir OUT.json] [--pdf OUT.pdf] [--name NAME] [--dob YYYY-MM-DD]';

/** The JSON shape printed with --json (see issue 3). */
export function pgxJson(r: PgxReport) {
	return {
		kb: r.kb,
		genes: r.genes.map((g) => ({
			gene: g.gene,
			diplotypes: g.diplotypes,
			phenotype: g.phenotype,
			activityScore: g.activityScore,
			untested: g.untested,
			missingPositions: g.missingPositions,
			warnings: g.warnings,
			source: g.source === 'outside' ? 'entered by the user' : 'file',
			...(g.screening ? { screening: true } : {})
		})),
		drugs: r.drugs.map((d) => ({
			drug: d.drug,
			genes: d.genes,
			recommendation: d.recommendation,
			classification: d.classification,
			population: d.population,
			source: d.source
		}))
	};
}

function human(r: PgxReport): string {
	const lines = [`knowledge base ${r.kb.version}`, ''];
	for (const g of r.genes) {
		lines.push(`${g.gene.padEnd(8)} ${(g.diplotypes.join(' or ') || '—').padEnd(28)} ${g.phenotype}${g.activityScore !== null ? ` (activity ${g.activityScore})` : ''}${g.source === 'outside' ? ' [entered by the user]' : ''}`);
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
		const args = parseArgs(argv, { flags: ['json'], values: ['outside', 'sample', 'sex', 'fhir', 'pdf', 'name', 'dob'] });
		if (args.positionals.length !== 1) throw new CliError(`usage: ${USAGE}`);
		const sex = args.values.get('sex');
		if (sex !== undefined && !['female', 'male'].includes(sex)) throw new CliError('--sex must be female or male');
		const dob = args.values.get('dob');
		if (dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dob)) throw new CliError('--dob must be a date as YYYY-MM-DD');
		const kb = await loadKb();
		let outside = [] as ReturnType<typeof parseOutsideCalls>;
		const outsideFile = args.values.get('outside');
		if (outsideFile) {
			let text: string;
			try {
				text = fs.readFileSync(outsideFile, 'utf8');
			} catch {
				throw new CliError(`cannot read ${outsideFile}: no such file`);
			}
			try {
				outside = parseOutsideCalls(text, kb);
			} catch (err) {
				asCliError(err);
			}
		}
		const { view: read, sha256 } = await readGenome(args.positionals[0], args.values.get('sample'));
		// A stated sex replaces the inference (X-linked genes such as G6PD depend on it).
		const view = sex ? { ...read, summary: { ...read.summary, sex: sex as 'female' | 'male' } } : read;
		const report = await runPgx(view, outside, kb);
		const fhirOut = args.values.get('fhir');
		const pdfOut = args.values.get('pdf');
		if (fhirOut || pdfOut) {
			const file = args.positionals[0];
			const model = buildPgxReport(report, {
				patientName: args.values.get('name') ?? null,
				dateOfBirth: dob ?? null,
				sourceFile: path.basename(file),
				sourceSha256: sha256,
				summary: view.summary,
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
