/**
 * The family rare-disease analysis: the relatedness checks first, then the proband's candidate
 * variants (read by the rare-disease domain, issue 12), each annotated with the inheritance
 * patterns the family's genotypes support and every member's genotype, ranked by the
 * rare-disease scorer — pattern-consistent variants keep their score, variants the pedigree
 * contradicts (e.g. homozygous in an unaffected sibling) are scored down, and each gene names
 * the pattern(s) it fits. Framework-free: the CLI, the worker and the tests run this same code.
 */
import { throwIfCancelled } from '../errors/index';
import { analyseRare, arrayCandidates, readCandidates, type CandidateVariant, type ClinVarDb, type PhenotypeQuery, type RareKb, type RareResult, type RareSex } from '../rare/index';
import { FamilyError } from './errors';
import { assessGene, type FamilyGene, type FamilyVariant } from './inheritance';
import type { Pedigree, PedMember } from './ped';
import { readSiteQualities, siteKey, type SiteQualities } from './quality';
import { relate, type RelateResult } from './relate';
import type { FamilySample } from './samples';

/** A VCF the family's genomes came from (re-read for candidates and call qualities). */
export interface FamilyVcfSource {
	/** Member ids this file holds. */
	samples: string[];
	/** VCF column name per member id, when members were renamed from the file's sample names. */
	columns?: Record<string, string>;
	/** File name for messages. */
	name: string;
	/**
	 * A fresh stream each call (read twice: candidates, then call qualities at candidate sites).
	 * Normally the small region VCF of `readFamilyVcf` (the file itself was read once); the whole
	 * file works too.
	 */
	open(): ReadableStream<Uint8Array>;
	totalBytes?: number;
	/** Records in the whole file, when `open()` gives the region VCF (reported as the file's). */
	records?: number;
}

/** Input of `analyseFamily`. */
export interface FamilyAnalysisInput {
	samples: FamilySample[];
	pedigree: Pedigree;
	/** The VCFs the samples came from. */
	sources: FamilyVcfSource[];
	/** Phenotype of the proband (its sex is taken from the PED when not given). */
	query: Omit<PhenotypeQuery, 'sex'> & { sex?: RareSex };
	/** The affected member to analyse; default: the first affected member with a genome (with parents preferred). */
	proband?: string;
	clinvar?: ClinVarDb | null;
	top?: number;
	signal?: AbortSignal;
	onProgress?: (stage: 'checks' | 'reading' | 'segregation' | 'scoring') => void;
}

/** The family analysis result. */
export interface FamilyResult {
	kind: 'family-rare-disease';
	version: 1;
	proband: string;
	members: PedMember[];
	/** Checks before analysis (shown first). */
	checks: RelateResult;
	/** The ranking, with `segregation` on every variant and family patterns in `inheritance`. */
	rare: RareResult;
	/** Family verdict per gene for the ranked genes with variants. */
	genes: Record<string, FamilyGene>;
	/** What the family analysis could and could not do, in plain words. */
	notes: string[];
}

/** Choose the proband: explicit, else the first affected member with a genome, preferring one with genotyped parents. */
export function chooseProband(pedigree: Pedigree, samples: readonly FamilySample[], explicit?: string): string {
	const have = new Set(samples.map((s) => s.id));
	if (explicit) {
		const m = pedigree.members.find((x) => x.id === explicit);
		if (!m) throw new FamilyError('ped-missing-sample', `The proband ${explicit} is not in the PED.`);
		if (!have.has(explicit)) throw new FamilyError('ped-missing-sample', `The proband ${explicit} has no genome among the files.`);
		return explicit;
	}
	const affected = pedigree.members.filter((m) => m.phenotype === 'affected' && have.has(m.id));
	if (!affected.length)
		throw new FamilyError('ped-no-proband', 'No member with a genome is marked affected (PHENOTYPE 2) in the PED, so there is no one to analyse.');
	const withParents = affected.find((m) => (m.father && have.has(m.father)) || (m.mother && have.has(m.mother)));
	return (withParents ?? affected[0]).id;
}

/** Segregation annotation for the rare scorer from a family verdict on one variant. */
function segregationOf(v: FamilyVariant): NonNullable<CandidateVariant['segregation']> {
	const memberGenotypes: Record<string, string> = {};
	for (const g of v.genotypes) memberGenotypes[g.sample] = g.genotype;
	return { patterns: v.patterns, consistent: v.patterns.length > 0 || v.contradictions.length === 0, memberGenotypes };
}

/** Run the family analysis. */
export async function analyseFamily(kb: RareKb, input: FamilyAnalysisInput): Promise<FamilyResult> {
	const { samples, pedigree } = input;
	const inPed = new Set(pedigree.members.map((m) => m.id));
	const outside = samples.filter((s) => !inPed.has(s.id)).map((s) => s.id);
	if (outside.length) throw new FamilyError('ped-missing-sample', `Every genome must be in the PED; missing: ${outside.join(', ')}.`);
	input.onProgress?.('checks');
	const checks = relate(samples, { pedigree, signal: input.signal });
	const proband = chooseProband(pedigree, samples, input.proband);
	const member = pedigree.members.find((m) => m.id === proband)!;
	const probandSample = samples.find((s) => s.id === proband)!;
	const notes: string[] = [];
	if (samples.some((s) => s.source === 'array'))
		notes.push('Some members have consumer-array genomes: they are used only at sites their chip tests ("not tested" elsewhere), and never for de novo calls (true de novo variants at arrayed sites are ≈ 0.01 per child; arrays\' positive predictive value for very rare variants is poor).');
	const sex: RareSex = input.query.sex ?? (member.sex !== 'unknown' ? member.sex : probandSample.summary.sex);
	throwIfCancelled(input.signal, 'The family analysis');
	input.onProgress?.('reading');
	const column = (src: FamilyVcfSource, id: string) => src.columns?.[id] ?? id;
	let set: { candidates: CandidateVariant[]; build: RareResult['build'] & string; records: number; warnings: string[] };
	let fileName: string;
	const source = input.sources.find((s) => s.samples.includes(proband));
	if (probandSample.source === 'array') {
		// Arrays: only ClinVar-known variants can be assessed (rare domain); absence rules nothing out.
		const arr = arrayCandidates({ summary: probandSample.summary, chunks: probandSample.chunks, sha256: '', bytes: 0 }, input.clinvar ?? null);
		set = { candidates: arr.variants, build: arr.build, records: probandSample.summary.records, warnings: arr.warnings };
		fileName = proband;
	} else {
		if (!source) throw new FamilyError('ped-missing-sample', `No VCF holds the proband ${proband}.`);
		set = await readCandidates(source.open(), kb, { sample: column(source, proband), sex, clinvar: input.clinvar, signal: input.signal, totalBytes: source.totalBytes });
		if (source.records !== undefined) set = { ...set, records: source.records };
		fileName = source.name;
	}
	if (set.build !== probandSample.summary.build)
		notes.push(`The rare-disease reader took build ${set.build} while the importer inferred ${probandSample.summary.build}; positions are compared on the importer's build.`);
	// Call qualities (DP/GQ/AD) at candidate sites, for the de novo gates.
	input.onProgress?.('segregation');
	const keys = new Set(set.candidates.map((v) => siteKey(v.chrom, v.pos)));
	const qualities: SiteQualities = new Map();
	for (const src of input.sources) {
		if (!src.samples.some((s) => samples.some((x) => x.id === s))) continue;
		const byColumn = new Map(src.samples.map((id) => [column(src, id), id]));
		const q = await readSiteQualities(src.open(), [...byColumn.keys()], keys, input.signal);
		for (const [k, per] of q) {
			const into = qualities.get(k) ?? new Map();
			for (const [s, v] of per) into.set(byColumn.get(s) ?? s, v);
			qualities.set(k, into);
		}
	}
	const ctx = { samples, pedigree, proband, qualities };
	const byGene = new Map<string, CandidateVariant[]>();
	for (const v of set.candidates) {
		const list = byGene.get(v.gene);
		if (list) list.push(v);
		else byGene.set(v.gene, [v]);
	}
	const genes: Record<string, FamilyGene> = {};
	const annotated: CandidateVariant[] = [];
	for (const [gene, list] of byGene) {
		throwIfCancelled(input.signal, 'The family analysis');
		// One assessment per distinct site; a site listed under several genes is assessed per gene.
		const verdict = assessGene(ctx, list.map((v) => ({ chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt })));
		genes[gene] = verdict;
		list.forEach((v, i) => annotated.push({ ...v, segregation: segregationOf(verdict.variants[i]) }));
	}
	input.onProgress?.('scoring');
	const warnings = [...checks.pedErrors.map((e) => `PED contradiction: ${e}`), ...set.warnings];
	const rare = await analyseRare(kb, {
		query: { observed: input.query.observed, excluded: input.query.excluded, sex },
		candidates: { variants: annotated, build: set.build, file: fileName, sample: proband, records: set.records, warnings, format: probandSample.source },
		clinvar: input.clinvar,
		top: input.top,
		signal: input.signal
	});
	const ranked = new Set(rare.genes.map((g) => g.gene));
	for (const g of Object.keys(genes)) if (!ranked.has(g)) delete genes[g];
	const hasParents = !!(member.father && samples.some((s) => s.id === member.father)) && !!(member.mother && samples.some((s) => s.id === member.mother));
	if (!hasParents) notes.push('Both parents are not genotyped: de novo calls and phasing of two heterozygous variants by inheritance need both.');
	if (![...qualities.values()].some((m) => [...m.values()].some((q) => q.dp !== null || q.gq !== null || q.ad !== null)))
		notes.push('The VCF gives no DP/GQ/AD: the de novo depth, genotype-quality and allele-balance gates could not be applied.');
	return { kind: 'family-rare-disease', version: 1, proband, members: pedigree.members, checks, rare, genes, notes };
}
