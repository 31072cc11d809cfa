/**
 * The export flags of `qenome rare` (single genome and family mode): `--phenopacket-out OUT.json`
 * (GA4GH Phenopacket v2), `--fhir OUT.json` (Genomics Reporting IG 3.0.0), `--pdf OUT.pdf`
 * (clinician PDF), with `--name` / `--dob` for the report header.
 */
import type { ParsedArgs } from '../args';
import { CliError } from '../errors';
import { buildRareReport, hpoNamesOf, rareFhirBundle, rareReportLayout, toPhenopacket, type RareResult } from '../../lib/rare/index';
import { buildFamilyReport, familyReportLayout, type FamilyResult } from '../../lib/family/index';
import { writeAtomically, writeReportExports } from './report-output';

function context(args: ParsedArgs) {
	const dob = args.values.get('dob');
	if (dob !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dob)) throw new CliError('--dob must be a date as YYYY-MM-DD');
	return { patientName: args.values.get('name') ?? null, dateOfBirth: dob ?? null, producedBy: 'Qenome CLI (qenome rare)' };
}

function phenopacket(args: ParsedArgs, r: RareResult, subjectId?: string) {
	const out = args.values.get('phenopacket-out');
	if (!out) return;
	const names = hpoNamesOf(r);
	writeAtomically(out, JSON.stringify(toPhenopacket(r, { subjectId, labelOf: (id) => names.get(id) ?? null }), null, 2) + '\n');
}

/** Write the exports a single-genome run asked for. */
export async function writeRareExports(args: ParsedArgs, r: RareResult): Promise<void> {
	phenopacket(args, r, args.values.get('name') ? 'patient' : undefined);
	if (!args.values.get('fhir') && !args.values.get('pdf')) return;
	const model = buildRareReport(r, context(args));
	await writeReportExports({ pdf: args.values.get('pdf'), fhir: args.values.get('fhir') }, { layout: rareReportLayout(model), fhir: async () => rareFhirBundle(model) });
}

/** Write the exports a family run asked for (the proband's phenopacket; the family report). */
export async function writeFamilyExports(args: ParsedArgs, f: FamilyResult): Promise<void> {
	phenopacket(args, f.rare, f.proband);
	if (!args.values.get('fhir') && !args.values.get('pdf')) return;
	const model = buildFamilyReport(f, { ...context(args), producedBy: 'Qenome CLI (qenome rare --ped)' });
	await writeReportExports({ pdf: args.values.get('pdf'), fhir: args.values.get('fhir') }, { layout: familyReportLayout(model), fhir: async () => rareFhirBundle(model, 'Family rare-disease gene ranking') });
}
