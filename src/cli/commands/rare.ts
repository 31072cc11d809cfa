/**
 * `qenome rare [VCF] --hpo HP:…,HP:… [--exclude-hpo HP:…] [--phenopacket case.json] [--sex male|female]
 * [--annotations phenotype.hpoa] [--clinvar clinvar.vcf.gz] [--gnomad sites.vcf.gz] [--sample NAME] [--top N] --json`:
 * rank genes (and their diseases) for a phenotype and, when a VCF is given, its variants.
 * Opt-in only: `--secondary-findings` (ACMG SF v3.3) and `--carrier` (ACMG 2021 carrier screening) add
 * `secondaryFindings` / `carrier` arrays to the JSON and their limits to `warnings`.
 */
import { numberOption, parseArgs } from '../args';
import type { Command } from '../command';
import { CliError } from '../errors';
import { FILE_CAPS, openInputStream, readTextOrFail } from '../files';
import { analyseRare, analyseRareFile, parsePhenopacket, rareJson, readClinVar, readGnomad, readHpoa, type PhenotypeQuery, type RareResult, type RareSex, type SecondaryReport, type SecondaryVariant } from '../../lib/rare/index';
import { loadRareKbNode } from '../../lib/rare/kb-node';
import { runFamilyRare, wantsFamily } from './rare-family';
import { terms } from './hpo-terms';
import { writeRareExports } from './rare-report';
import { runRareBatch, wantsRareBatch } from './rare-batch';

const USAGE =
	'qenome rare [VCF] --hpo HP:0001250,HP:0001263 [--exclude-hpo HP:…] [--phenopacket case.json] [--sex male|female] [--annotations phenotype.hpoa] [--clinvar clinvar.vcf.gz] [--gnomad sites.vcf.gz] [--sample NAME] [--top N] [--secondary-findings] [--carrier] [--json] [--phenopacket-out OUT.json] [--fhir OUT.json] [--pdf OUT.pdf] [--name NAME] [--dob YYYY-MM-DD]';

const fileStream = openInputStream;


function human(r: RareResult): string {
	const lines = [`HPO ${r.hpo.version}; build ${r.build ?? '— (phenotype only)'}`, ''];
	for (const g of r.genes.slice(0, 20)) {
		const v = g.variants[0];
		lines.push(
			`${String(g.rank).padStart(3)}. ${g.gene.padEnd(10)} ${(g.score * 100).toFixed(1).padStart(5)} %  ${g.diseases[0]?.name ?? ''}${v ? `  [${v.chrom}:${v.pos} ${v.ref}>${v.alt} ${v.genotype} ${v.consequence}]` : ''}`
		);
	}
	if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `note: ${w}`));
	if (r.secondary) lines.push('', ...secondaryLines(r.secondary));
	lines.push('', r.hpo.attribution);
	return lines.join('\n');
}

function secondaryLines(s: SecondaryReport): string[] {
	const v = (x: { gene: string; condition: string; reason: string; variants: SecondaryVariant[] }[]) => x.flatMap((f) => [`  ${f.gene.padEnd(8)} ${f.condition}: ${f.reason}`, ...f.variants.map((x) => `           ${x.chrom}:${x.pos} ${x.ref}>${x.alt} ${x.genotype} ${x.clinvar ? `ClinVar ${x.clinvar.clnsig} ${x.clinvar.stars}★` : x.evidence}`)]);
	const out: string[] = [];
	if (s.secondaryFindings) out.push(`Secondary findings (${s.lists.secondaryFindings.name}, opted in): ${s.secondaryFindings.length || 'none found'}`, ...v(s.secondaryFindings.map((f) => ({ ...f, reason: `[${f.status}] ${f.reason}` }))));
	if (s.carrier) out.push(`Carrier screening (${s.lists.carrier.name}, opted in): ${s.carrier.length || 'none found'}`, ...v(s.carrier));
	return [...out, ...s.notAssessed.map((w) => `note: ${w}`)];
}

/** `rareJson` plus the opt-in arrays (only when chosen); their limits join `warnings`. */
function jsonOf(r: RareResult) {
	const json: ReturnType<typeof rareJson> & { secondaryFindings?: unknown[]; carrier?: unknown[] } = rareJson(r);
	if (!r.secondary) return json;
	if (r.secondary.secondaryFindings) json.secondaryFindings = r.secondary.secondaryFindings;
	if (r.secondary.carrier) json.carrier = r.secondary.carrier;
	json.warnings = [...json.warnings, ...r.secondary.notAssessed];
	return json;
}

function rethrow(err: unknown): never {
	const e = err as { name?: string; message?: string; kind?: string };
	if (e?.name === 'RareError' || e?.name === 'ImportError') throw new CliError(e.message ?? 'bad input', e.kind === 'refused' ? 'refused' : 'input');
	throw err;
}

/** `qenome rare`: its flags, usage text and run (registered in commands/index.ts). */
const command: Command = {
	usage: USAGE,
	summary: 'Rare disease: rank genes and diseases for HPO phenotypes (+ a VCF) with their evidence.',
	async run(argv) {
		// Family mode (issue 13): several genomes with a pedigree.
		if (wantsFamily(argv)) return runFamilyRare(argv);
		if (wantsRareBatch(argv)) return runRareBatch(argv); // many probands (issue 18): src/cli/commands/rare-batch.ts
		const args = parseArgs(argv, {
			flags: ['json', 'secondary-findings', 'carrier'],
			values: ['phenopacket', 'sex', 'annotations', 'clinvar', 'gnomad', 'top', 'sample', 'phenopacket-out', 'fhir', 'pdf', 'name', 'dob'],
			repeatable: ['hpo', 'exclude-hpo']
		});
		if (args.positionals.length > 1)
			throw new CliError('several genomes were given without a pedigree: a family analysis needs --ped family.ped (FAMILY SAMPLE FATHER MOTHER SEX PHENOTYPE); or give one VCF');
		const query: PhenotypeQuery = { observed: terms(args.lists.get('hpo')), excluded: terms(args.lists.get('exclude-hpo')), sex: 'unknown' };
		const ppFile = args.values.get('phenopacket');
		if (ppFile) {
			const text = readTextOrFail(ppFile, 'phenopacket', FILE_CAPS.phenopacket);
			try {
				const pp = parsePhenopacket(text);
				query.observed.push(...pp.observed);
				query.excluded.push(...pp.excluded);
				query.sex = pp.sex;
			} catch (err) {
				rethrow(err);
			}
		}
		const sex = args.values.get('sex');
		if (sex !== undefined) {
			if (sex !== 'male' && sex !== 'female') throw new CliError(`--sex must be male or female, got "${sex}"`);
			query.sex = sex as RareSex;
		}
		query.observed = [...new Set(query.observed)];
		query.excluded = [...new Set(query.excluded)].filter((t) => !query.observed.includes(t));
		if (!query.observed.length) throw new CliError('give at least one observed HPO term with --hpo (or a --phenopacket that has some)');
		const top = numberOption(args, 'top', 100);
		if (!Number.isInteger(top) || top < 1) throw new CliError('--top must be a positive whole number');
		const optIn = { secondaryFindings: args.flags.has('secondary-findings'), carrier: args.flags.has('carrier') };
		if ((optIn.secondaryFindings || optIn.carrier) && !args.positionals[0])
			throw new CliError('--secondary-findings and --carrier look at a genome: give a VCF or array file');
		const kb = await loadRareKbNode();
		try {
			const annFile = args.values.get('annotations');
			const annotations = annFile ? await readHpoa(fileStream(annFile, 'annotations').stream, kb) : undefined;
			const cvFile = args.values.get('clinvar');
			const clinvar = cvFile ? await readClinVar(fileStream(cvFile, 'ClinVar file').stream) : null;
			const gnFile = args.values.get('gnomad');
			const gnomad = gnFile ? await readGnomad(fileStream(gnFile, 'gnomAD file').stream, kb, { fileName: gnFile }) : null;
			const vcfFile = args.positionals[0];
			let result: RareResult;
			if (vcfFile) {
				const size = fileStream(vcfFile, 'genome file').size;
				result = await analyseRareFile(kb, {
					query,
					file: { open: () => fileStream(vcfFile, 'genome file').stream, name: vcfFile, size, sample: args.values.get('sample') },
					clinvar,
					gnomad,
					annotations,
					top,
					optIn
				});
			} else result = await analyseRare(kb, { query, clinvar, annotations, top });
			process.stdout.write((args.flags.has('json') ? JSON.stringify(jsonOf(result), null, 2) : human(result)) + '\n');
			await writeRareExports(args, result);
		} catch (err) {
			rethrow(err);
		}
		return 0;
	}
};

export default command;
