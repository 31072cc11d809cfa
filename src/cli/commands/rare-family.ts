/**
 * Family mode of `qenome rare`: `qenome rare FILE [FILE…] --ped family.ped --hpo … [--proband ID]
 * [--exclude-hpo …] [--phenopacket case.json] [--clinvar clinvar.vcf.gz] [--top N] --json`.
 * Runs the relatedness checks, then ranks the proband's genes with every variant annotated by the
 * family's genotypes and the inheritance patterns they fit. Output: the single-patient JSON, each
 * gene's `inheritance` naming the family patterns found and each variant's `segregation`
 * (patterns, consistent, memberGenotypes), plus `family` (proband, checks, notes). A consumer-array
 * proband is assessed only at ClinVar-known variants (give --clinvar); arrays never give de novo calls.
 */
import { numberOption, parseArgs } from '../args';
import { writeFamilyExports } from './rare-report';
import { CliError } from '../errors';
import { FILE_CAPS, readTextOrFail } from '../files';
import { analyseFamily, type FamilyResult, type FamilyVcfSource } from '../../lib/family/index';
import { parsePhenopacket, rareJson, readClinVar } from '../../lib/rare/index';
import { loadRareKbNode } from '../../lib/rare/kb-node';
import { relateJson } from './relate';
import { bytesToStream } from '../../lib/genome/index';
import { terms } from './hpo-terms';
import { escapeUnsafe } from '../../lib/format/index';
import { asCli, loadFamilyFiles, openStream, readPed, statFile } from './family-input';

const USAGE = 'qenome rare FILE [FILE…] --ped family.ped --hpo HP:…[,HP:…] [--proband ID] [--exclude-hpo HP:…] [--phenopacket case.json] [--clinvar clinvar.vcf.gz] [--top N] [--json]';

/** True when the arguments ask for the family mode (a --ped). */
export function wantsFamily(argv: string[]): boolean {
	return argv.some((a) => a === '--ped' || a.startsWith('--ped='));
}


/** The JSON printed with --json. */
export function familyRareJson(r: FamilyResult) {
	return {
		...rareJson(r.rare),
		family: { proband: r.proband, checks: relateJson(r.checks), notes: r.notes }
	};
}

/** Plain text: checks first, then genes with per-member genotypes. */
function human(r: FamilyResult): string {
	const lines: string[] = [];
	if (r.checks.pedErrors.length) {
		lines.push('PED CONTRADICTIONS (check these before trusting the ranking):');
		for (const e of r.checks.pedErrors) lines.push(`  ! ${e}`);
		lines.push('');
	}
	lines.push(`proband ${r.proband}; HPO ${r.rare.hpo.version}; build ${r.rare.build}`);
	for (const p of r.checks.pairs) lines.push(`  ${p.a}–${p.b}: ${p.relationship} (kinship ${p.kinship.toFixed(3)})`);
	for (const t of r.checks.trios) lines.push(`  trio ${t.child}: Mendelian errors ${(100 * t.rate).toFixed(2)} % of ${t.sites} sites`);
	lines.push('');
	for (const g of r.rare.genes.slice(0, 20)) {
		lines.push(`${String(g.rank).padStart(3)}. ${g.gene.padEnd(10)} ${(g.score * 100).toFixed(1).padStart(5)} %  ${g.inheritance.join(', ')}  ${g.diseases[0]?.name ?? ''}`);
		for (const v of g.variants.slice(0, 3)) {
			const mg = v.segregation?.memberGenotypes ?? {};
			lines.push(`       ${v.chrom}:${v.pos} ${v.ref}>${v.alt} ${v.consequence}  ${Object.entries(mg).map(([k, x]) => `${k} ${x}`).join('  ')}`);
		}
	}
	for (const n of r.notes) lines.push(`note: ${n}`);
	for (const w of r.rare.warnings) lines.push(`note: ${w}`);
	lines.push('', r.rare.hpo.attribution);
	return lines.map(escapeUnsafe).join('\n');
}

/** Run the family mode. */
export async function runFamilyRare(argv: string[]): Promise<number> {
	const args = parseArgs(argv, { flags: ['json'], values: ['ped', 'proband', 'phenopacket', 'clinvar', 'top', 'sex', 'phenopacket-out', 'fhir', 'pdf', 'name', 'dob'], repeatable: ['hpo', 'exclude-hpo'] });
	if (args.positionals.length < 1) throw new CliError(`usage: ${USAGE}`);
	const pedFile = args.values.get('ped');
	if (!pedFile) throw new CliError('several samples need a pedigree: give --ped family.ped (FAMILY SAMPLE FATHER MOTHER SEX PHENOTYPE)');
	const observed = terms(args.lists.get('hpo'));
	const excluded = terms(args.lists.get('exclude-hpo'));
	const pp = args.values.get('phenopacket');
	if (pp) {
		const text = readTextOrFail(pp, 'phenopacket', FILE_CAPS.phenopacket);
		const c = parsePhenopacket(text);
		observed.push(...c.observed);
		excluded.push(...c.excluded);
	}
	if (!observed.length) throw new CliError('give at least one observed HPO term with --hpo (or a --phenopacket that has some)');
	const sexArg = args.values.get('sex');
	if (sexArg !== undefined && sexArg !== 'male' && sexArg !== 'female') throw new CliError(`--sex must be male or female, got "${sexArg}"`);
	const top = numberOption(args, 'top', 100);
	if (!Number.isInteger(top) || top < 1) throw new CliError('--top must be a positive whole number');
	const pedigree = readPed(pedFile);
	const kb = await loadRareKbNode();
	const cv = args.values.get('clinvar');
	const clinvar = cv ? (statFile(cv), await readClinVar(openStream(cv))) : null;
	// Each FILE is read once: genotypes for the checks plus the lines the ranking reads.
	const files = await loadFamilyFiles(args.positionals, { kb, clinvar });
	const samples = files.flatMap((f) => f.samples);
	const sources: FamilyVcfSource[] = files.flatMap((f) =>
		f.vcf ? [{ name: f.file, samples: f.samples.map((s) => s.id), open: () => bytesToStream(f.vcf!.regionVcf), records: f.vcf.records }] : []
	);
	let result: FamilyResult;
	try {
		result = await analyseFamily(kb, {
			samples,
			pedigree,
			sources,
			query: { observed: [...new Set(observed)], excluded: [...new Set(excluded)].filter((t) => !observed.includes(t)), ...(sexArg ? { sex: sexArg as 'male' | 'female' } : {}) },
			proband: args.values.get('proband'),
			clinvar,
			top
		});
	} catch (err) {
		const e = err as { name?: string; message?: string; kind?: string };
		if (e?.name === 'RareError') throw new CliError(e.message ?? 'bad input', e.kind === 'refused' ? 'refused' : 'input');
		throw asCli(null, err);
	}
	process.stdout.write((args.flags.has('json') ? JSON.stringify(familyRareJson(result), null, 2) : human(result)) + '\n');
	await writeFamilyExports(args, result);
	return 0;
}
