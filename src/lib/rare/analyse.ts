/**
 * One rare-disease analysis end to end (same code in the worker, the CLI and the tests):
 * phenotype query (+ optional VCF stream, ClinVar, replacement annotations) → RareResult.
 */
import { importGenome } from '../genome/index';
import { arrayCandidates } from './array';
import type { ClinVarDb } from './clinvar';
import type { GnomadDb } from './gnomad';
import { RareError } from './errors';
import type { Annotations, RareKb } from './kb';
import { rankGenes, type GenotypeParams } from './score';
import type { PhenotypeParams } from './phenotype';
import { readCandidates } from './vcf';
import { findSecondary, secondaryGeneSymbols, type ArraySiteCoverage, type SecondaryOptIn } from './secondary';
import { arrayCoverageOf } from './secondary-file';
import { withheldGenes, withheldWarning, type WithheldGenes } from './withhold';
import type { CandidateVariant, PhenotypeQuery, RareBuild, RareProgress, RareResult } from './types';

/** Input of `analyseRare`. */
export interface RareAnalysisInput {
	query: PhenotypeQuery;
	/** A VCF to read (omit for phenotype-only ranking). */
	vcf?: { stream: ReadableStream<Uint8Array>; name: string; totalBytes?: number; sample?: string };
	/** Candidates prepared elsewhere (a family analysis); used instead of `vcf`. */
	candidates?: {
		variants: CandidateVariant[];
		build: RareBuild;
		file: string | null;
		sample: string | null;
		records: number;
		warnings?: string[];
		/** 'array': only known variants were assessable — a gene without one is not penalised. */
		format?: 'vcf' | 'array';
	};
	clinvar?: ClinVarDb | null;
	/** Population frequencies from a user's gnomAD sites VCF. */
	gnomad?: GnomadDb | null;
	/** Replacement disease annotations (a user's phenotype.hpoa). */
	annotations?: Annotations;
	top?: number;
	signal?: AbortSignal;
	onProgress?: (p: RareProgress) => void;
	phenotypeParams?: PhenotypeParams;
	genotypeParams?: GenotypeParams;
	/** Opt-in sections (never on by default): ACMG SF v3.3 secondary findings and/or carrier screening → `result.secondary`. */
	optIn?: SecondaryOptIn;
	/** Array input: coverage of the lists' known variants (set by `analyseRareFile`). */
	arrayCoverage?: ArraySiteCoverage;
}

/** The method in plain words (shown with results and in reports). */
export const RARE_METHOD =
	'Each HPO term is compared with every disease\'s annotations over the ontology: a term the disease has (or a more specific one) counts by how often the disease shows it against how often diseases in general do; a shared broader term counts less; an excluded term the disease usually shows counts against it. Variants are scored by consequence, population frequency and ClinVar when supplied, and must fit the disease\'s inheritance (recessive diseases need two hits or a homozygote). Phenotype and variant evidence are multiplied as likelihood ratios, normalised over all genes, and calibrated on published cases into an estimated chance that the gene explains the case. A gene with a candidate variant but no disease annotation in the release used is not left out: it ranks on its variants, an inheritance fit and gene constraint (gnomAD pLI/LOEUF, ClinGen haploinsufficiency), below known disease genes that fit the phenotype. Non-coding disease genes (RNU4-2, RNU4ATAC, RMRP, TERC, microRNAs …) have RefSeq exon models: a variant in such a small functional RNA, where the RNA itself is the gene product, is scored like a splice-site variant; in other non-coding RNAs (lncRNAs, imprinted transcripts) it counts little. Assumptions: one gene explains the phenotype; phase of two heterozygous variants is unknown without parents.';

/** Run the analysis. */
export async function analyseRare(kb: RareKb, input: RareAnalysisInput): Promise<RareResult> {
	const { query } = input;
	if (query.observed.length === 0) throw new RareError('input', 'no-phenotype', 'Give at least one observed HPO term (e.g. HP:0001250 Seizure).');
	const warnings: string[] = [];
	let candidates: CandidateVariant[] | null = null;
	let build: RareBuild | null = null;
	let inputInfo: RareResult['input'] = { file: null, sample: null, format: null, variantsConsidered: 0, records: 0 };
	const optedIn = !!(input.optIn?.secondaryFindings || input.optIn?.carrier);
	let annotated: boolean | undefined;
	if (input.candidates) {
		candidates = input.candidates.variants;
		build = input.candidates.build;
		warnings.push(...(input.candidates.warnings ?? []));
		inputInfo = { file: input.candidates.file, sample: input.candidates.sample, format: input.candidates.format ?? 'vcf', variantsConsidered: candidates.length, records: input.candidates.records };
	} else if (input.vcf) {
		input.onProgress?.({ stage: 'reading', fraction: 0 });
		const set = await readCandidates(input.vcf.stream, kb, {
			sample: input.vcf.sample,
			sex: query.sex,
			clinvar: input.clinvar,
			gnomad: input.gnomad,
			// replacement annotations: every gene is a candidate (the built-in gene list must not decide)
			genes: input.annotations ? 'all' : 'disease',
			signal: input.signal,
			totalBytes: input.vcf.totalBytes,
			extraGenes: optedIn ? secondaryGeneSymbols(input.optIn!) : undefined,
			onProgress: (p) => input.onProgress?.({ stage: 'reading', fraction: p.fraction, records: p.records })
		});
		candidates = set.candidates;
		build = set.build;
		annotated = set.annotated;
		warnings.push(...set.warnings);
		inputInfo = { file: input.vcf.name, sample: set.sample, format: 'vcf', variantsConsidered: set.candidates.length, records: set.records };
		if (query.sex === 'unknown') warnings.push('Sex not given: X-linked recessive diseases are scored as in a female (two hits needed).');
	} else {
		warnings.push('No genome given: genes are ranked by phenotype alone.');
	}
	if (input.clinvar) warnings.push(`ClinVar ${input.clinvar.release} supplied (${input.clinvar.records.size} classified records).`);
	if (input.gnomad) warnings.push(`gnomAD ${input.gnomad.release} supplied (${input.gnomad.size} allele frequencies in the scored genes).`);
	input.onProgress?.({ stage: 'scoring', fraction: null });
	// opt-in secondary findings / carrier status, from the same variants (genes read only for them stay out of the ranking)
	let secondary: RareResult['secondary'];
	if (optedIn && candidates && build) {
		secondary = findSecondary(candidates, {
			optIn: input.optIn!,
			format: inputInfo.format === 'array' ? 'array' : 'vcf',
			build,
			sex: query.sex,
			clinvar: input.clinvar ?? null,
			models: await kb.genes(build),
			annotated,
			arrayCoverage: input.arrayCoverage
		});
		if (input.vcf) {
			candidates = candidates.filter((v) => kb.annotations.byGene.has(v.gene));
			inputInfo.variantsConsidered = candidates.length;
		}
	} else if (optedIn) warnings.push('Secondary findings and carrier screening need a genome file; none was given.');
	// unsolicited findings: listed genes the phenotype does not point to are left out, variants and all (withhold.ts)
	let withheld: WithheldGenes | null = null;
	if (candidates) {
		withheld = withheldGenes(kb, query, { annotations: input.annotations, optIn: input.optIn, phenotypeParams: input.phenotypeParams });
		if (withheld.genes.size) candidates = candidates.filter((v) => !withheld!.genes.has(v.gene));
		const line = withheldWarning(withheld);
		if (line) warnings.push(line);
	}
	const top = Math.max(1, input.top ?? 100);
	const ranking = await rankGenes(kb, query, {
		candidates,
		build,
		absentIsUnknown: inputInfo.format === 'array',
		top: top + (withheld?.genes.size ?? 0),
		annotations: input.annotations,
		phenotypeParams: input.phenotypeParams,
		genotypeParams: input.genotypeParams
	});
	if (ranking.unknownTerms.length) warnings.push(`Unknown HPO term(s) ignored: ${ranking.unknownTerms.join(', ')}.`);
	if (ranking.ignoredTerms.length) warnings.push(`Term(s) outside "Phenotypic abnormality" ignored: ${ranking.ignoredTerms.join(', ')}.`);
	const ann = input.annotations ?? kb.annotations;
	return {
		kind: 'rare-disease',
		version: 1,
		created: new Date().toISOString(),
		hpo: {
			version: kb.ontology.version,
			annotations: ann.source,
			attribution: 'This analysis uses the Human Phenotype Ontology (HPO, https://hpo.jax.org), CC BY 4.0, by the HPO Consortium.'
		},
		build,
		query,
		input: inputInfo,
		genes: withheld?.genes.size ? ranking.genes.filter((g) => !withheld!.genes.has(g.gene)).slice(0, top).map((g, i) => ({ ...g, rank: i + 1 })) : ranking.genes,
		warnings,
		method: RARE_METHOD,
		references: [
			...(input.clinvar ? [{ name: 'ClinVar (user-supplied)', version: input.clinvar.release }] : []),
			...(input.gnomad ? [{ name: 'gnomAD (user-supplied)', version: input.gnomad.release }] : [])
		],
		...(secondary ? { secondary } : {})
	};
}

/** A genome file of unknown kind: a VCF is streamed; anything else goes through the genome importer as an array file. */
export interface RareFileInput extends Omit<RareAnalysisInput, 'vcf' | 'candidates'> {
	file: { open(): ReadableStream<Uint8Array>; name: string; size?: number; sample?: string };
}

/** Analyse a VCF or a consumer array file (arrays: only ClinVar-known variants, see array.ts). */
export async function analyseRareFile(kb: RareKb, input: RareFileInput): Promise<RareResult> {
	const { file, ...rest } = input;
	try {
		return await analyseRare(kb, { ...rest, vcf: { stream: file.open(), name: file.name, totalBytes: file.size, sample: file.sample } });
	} catch (err) {
		const e = err as { code?: string; message?: string };
		if (e?.code !== 'bad-vcf' || !/not a VCF/.test(e.message ?? '')) throw err;
	}
	const parsed = await importGenome(file.open(), { signal: input.signal, fileName: file.name, totalBytes: file.size });
	if (parsed.summary.format === 'vcf') throw new RareError('input', 'bad-vcf', `${file.name} could not be read as a VCF.`);
	const arr = arrayCandidates(parsed, input.clinvar ?? null);
	const result = await analyseRare(kb, {
		...rest,
		candidates: { variants: arr.variants, build: arr.build, file: file.name, sample: null, records: parsed.summary.records, warnings: arr.warnings, format: 'array' },
		arrayCoverage: rest.optIn && input.clinvar ? arrayCoverageOf(parsed, input.clinvar) : undefined
	});
	return result;
}
