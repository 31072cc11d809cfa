/**
 * Opt-in secondary findings (ACMG SF v3.3) and carrier screening (ACMG 2021 Tier 3) over the
 * variants of one genome. Framework-free; the rare-disease analysis calls it only when the person
 * chose the section (`analyseRare(…, { optIn })`), pages and the CLI never run it by default.
 *
 * What counts as a finding (the rules are the publication's "variants to report", see
 * `./secondary-genes`):
 * - A variant ClinVar classifies pathogenic or likely pathogenic with at least `SECONDARY_MIN_STARS`
 *   review star(s) ("criteria provided"); 0-star ("no assertion criteria") and conflicting records
 *   do not count. Variants of uncertain significance never count.
 * - Or, without such a ClinVar record, a predicted loss-of-function change (frameshift, stop gained,
 *   canonical splice site, whole-transcript deletion) that is rare (population frequency ≤ 0.1 % or
 *   unknown) and passed the caller's filters, in a gene where losing one copy is an established
 *   cause (ClinGen haploinsufficiency score 3) and the listed condition is not caused by gain of
 *   function instead (APOB, RET). These are "possible" findings: no laboratory has classified them.
 * - Inheritance: recessive genes need two counted variants (a homozygote, or two different
 *   heterozygous variants whose phase is unknown); TTN counts only truncating variants; HFE only a
 *   p.C282Y homozygote; ABCD1 a hemizygote, homozygote or two variants; GLA and OTC any.
 * - Carrier screening: one counted ClinVar variant in a recessive gene (or a heterozygous one in an
 *   X-linked gene) is carrier status; two variants, a homozygote or a hemizygous male is more than
 *   carrier status and is said so. Predicted variants are not used for carrier status.
 *
 * Missing is not negative: every report lists what could not be assessed (no ClinVar file, a
 * genotyping array's fixed positions, copy-number and repeat changes, genes without a model).
 */
import type { ClinVarDb } from './clinvar';
import type { GeneModels } from './kb';
import { CARRIER_GENES, CARRIER_LIST, HFE_C282Y, SF_GENES, SF_LIST, type CarrierGene, type SecondaryGene } from './secondary-genes';
import type { CandidateVariant, ConsequenceClass, RareBuild, RareSex } from './types';

/** Minimum ClinVar review stars for a pathogenic/likely pathogenic record to count (1 = criteria provided). */
export const SECONDARY_MIN_STARS = 1;
/** Maximum population allele frequency for a predicted loss-of-function variant to count. */
export const SECONDARY_MAX_LOF_FREQUENCY = 0.001;

/** Consequences that count as predicted loss of function / truncating. */
export const LOF_CONSEQUENCES: ReadonlySet<ConsequenceClass> = new Set(['transcript_ablation', 'frameshift_variant', 'stop_gained', 'splice_acceptor_variant', 'splice_donor_variant']);

/** SF genes with ClinGen haploinsufficiency 3 whose listed condition is caused by gain of function, not loss (predicted LoF does not count). */
const GAIN_OF_FUNCTION_CONDITION = new Set(['APOB', 'RET']);

/** What the person chose (both default to no). */
export interface SecondaryOptIn {
	secondaryFindings?: boolean;
	carrier?: boolean;
}

/** One variant behind a finding. */
export interface SecondaryVariant {
	chrom: string;
	pos: number;
	ref: string;
	alt: string;
	genotype: string;
	zygosity: CandidateVariant['zygosity'];
	consequence: ConsequenceClass;
	frequency: number | null;
	/** ClinVar assertion when the variant is classified there. */
	clinvar: { significance: string; stars: number; clnsig: string; id: string } | null;
	/** Why it counts: a ClinVar classification, a predicted loss of function, or the one variant the list names (HFE p.C282Y). */
	evidence: 'clinvar' | 'predicted-lof' | 'named-variant';
}

/** A secondary finding in one ACMG SF gene. */
export interface SecondaryFinding {
	gene: string;
	condition: string;
	category: SecondaryGene['category'];
	inheritance: SecondaryGene['inheritance'];
	/** The publication's "variants to report" for this gene, verbatim. */
	variantsToReport: string;
	/** 'reportable': every counted variant is ClinVar-classified; 'possible': rests on a predicted loss of function. */
	status: 'reportable' | 'possible';
	/** Why it counts, in plain words. */
	reason: string;
	/** True when two heterozygous variants were counted and it is unknown whether they are on different copies. */
	phaseUnknown: boolean;
	variants: SecondaryVariant[];
}

/** A carrier-screening result in one gene. */
export interface CarrierFinding {
	gene: string;
	condition: string;
	inheritance: 'AR' | 'XL';
	/** 'carrier': one copy; 'more-than-carrier': two variants, a homozygote or a hemizygous male. */
	status: 'carrier' | 'more-than-carrier';
	reason: string;
	phaseUnknown: boolean;
	variants: SecondaryVariant[];
}

/** The opt-in section of a rare-disease result. */
export interface SecondaryReport {
	kind: 'secondary-findings';
	version: 1;
	/** What was chosen; a section not chosen is null below. */
	optIn: { secondaryFindings: boolean; carrier: boolean };
	lists: { secondaryFindings: { name: string; citation: string; genes: number }; carrier: { name: string; citation: string; genes: number } };
	/** ClinVar release used, or null when none was supplied. */
	clinvar: { release: string; minStars: number } | null;
	input: { format: 'vcf' | 'array'; build: RareBuild | null; sex: RareSex };
	secondaryFindings: SecondaryFinding[] | null;
	carrier: CarrierFinding[] | null;
	/** Genes whose predicted loss-of-function variants could count (ClinGen haploinsufficiency 3). */
	lofGenes: string[];
	/** What could not be assessed, in plain words (a "no finding" is read with these). */
	notAssessed: string[];
	/** Method in plain words. */
	method: string;
}

/** Inputs of `findSecondary` besides the variants. */
export interface SecondaryInput {
	optIn: SecondaryOptIn;
	format: 'vcf' | 'array';
	build: RareBuild | null;
	sex: RareSex;
	clinvar: ClinVarDb | null;
	/** Gene models of the build (haploinsufficiency for predicted LoF; which genes have a model). */
	models: GeneModels | null;
	/** The VCF carried consequence annotation (VEP/SnpEff/bcftools). */
	annotated?: boolean;
	/** Arrays: how many ClinVar P/LP SNV sites of each list the array genotypes (see `arraySiteCoverage`). */
	arrayCoverage?: ArraySiteCoverage;
}

/** Array coverage of the lists' known disease-causing SNVs: sites ClinVar lists (≥ min stars) vs sites the array called. */
export interface ArraySiteCoverage {
	secondaryFindings: { known: number; tested: number };
	carrier: { known: number; tested: number };
}

/**
 * Count, per list, the ClinVar pathogenic/likely pathogenic SNV sites (≥ `SECONDARY_MIN_STARS`) in its genes
 * and how many of them an array genotyped. `calledSites` yields "chrom:pos" of every called array site.
 */
export function arraySiteCoverage(clinvar: ClinVarDb, calledSites: Iterable<string>): ArraySiteCoverage {
	const sf = new Set(SF_GENES.map((g) => g.gene));
	const carrier = new Set(CARRIER_GENES.flatMap((g) => [g.gene, ...g.aliases]));
	const sfSites = new Set<string>();
	const carrierSites = new Set<string>();
	for (const [key, r] of clinvar.records) {
		if (!r.gene || (r.significance !== 'pathogenic' && r.significance !== 'likely_pathogenic') || r.stars < SECONDARY_MIN_STARS) continue;
		const [c, p, ref, alt] = key.split(':');
		if (ref.length !== 1 || alt.length !== 1) continue;
		if (sf.has(r.gene)) sfSites.add(`${c}:${p}`);
		if (carrier.has(r.gene)) carrierSites.add(`${c}:${p}`);
	}
	let sfTested = 0;
	let carrierTested = 0;
	for (const site of calledSites) {
		if (sfSites.has(site)) sfTested++;
		if (carrierSites.has(site)) carrierTested++;
	}
	return { secondaryFindings: { known: sfSites.size, tested: sfTested }, carrier: { known: carrierSites.size, tested: carrierTested } };
}

/** The method in plain words. */
export const SECONDARY_METHOD = `Secondary findings look in the ${SF_LIST.genes} genes of ${SF_LIST.name} for variants ClinVar classifies as disease-causing (pathogenic or likely pathogenic, at least ${SECONDARY_MIN_STARS} review star), following the list's rule for each gene (recessive genes need two variants; TTN truncating variants only; HFE p.C282Y homozygotes only). A rare variant that would stop the gene working counts as "possible" only in genes where losing one copy is an established cause. Carrier screening looks in the ${CARRIER_LIST.genes} genes of the ${CARRIER_LIST.name} list for one ClinVar disease-causing variant in a recessive or X-linked gene.`;

/** Every gene symbol either list needs read from a genome (incl. aliases). */
export function secondaryGeneSymbols(optIn: SecondaryOptIn): string[] {
	const out = new Set<string>();
	if (optIn.secondaryFindings) for (const g of SF_GENES) out.add(g.gene);
	if (optIn.carrier)
		for (const g of CARRIER_GENES) {
			out.add(g.gene);
			for (const a of g.aliases) out.add(a);
		}
	return [...out];
}

/** True when an SF gene's predicted loss-of-function variants may count. */
function lofCounts(gene: SecondaryGene, models: GeneModels | null): boolean {
	if (!models || GAIN_OF_FUNCTION_CONDITION.has(gene.gene) || gene.report === 'hfe-c282y-homozygote') return false;
	return models.bySymbol.get(gene.gene)?.haploinsufficiency === 3;
}

function clinvarCounts(v: CandidateVariant): boolean {
	const c = v.clinvar;
	return !!c && (c.significance === 'pathogenic' || c.significance === 'likely_pathogenic') && c.stars >= SECONDARY_MIN_STARS;
}

function predictedLof(v: CandidateVariant): boolean {
	return !v.clinvar && !v.filtered && LOF_CONSEQUENCES.has(v.consequence) && (v.frequency === null || v.frequency <= SECONDARY_MAX_LOF_FREQUENCY);
}

const TRUNCATING_MC = /nonsense|frameshift|splice_donor|splice_acceptor|stop_gained/i;

function asVariant(v: CandidateVariant, evidence: SecondaryVariant['evidence']): SecondaryVariant {
	return {
		chrom: v.chrom,
		pos: v.pos,
		ref: v.ref,
		alt: v.alt,
		genotype: v.genotype,
		zygosity: v.zygosity,
		consequence: v.consequence,
		frequency: v.frequency,
		clinvar: v.clinvar ? { significance: v.clinvar.significance, stars: v.clinvar.stars, clnsig: v.clinvar.clnsig, id: v.clinvar.id } : null,
		evidence
	};
}

/** Copies counted: a homozygote 2, a heterozygote or hemizygote 1. */
const copies = (vs: SecondaryVariant[]) => vs.reduce((n, v) => n + (v.zygosity === 'hom' ? 2 : 1), 0);
const distinctHets = (vs: SecondaryVariant[]) => vs.filter((v) => v.zygosity === 'het').length;

function groupByGene(candidates: CandidateVariant[], symbolOf: (gene: string) => string | null): Map<string, CandidateVariant[]> {
	const by = new Map<string, CandidateVariant[]>();
	const seen = new Set<string>();
	for (const v of candidates) {
		const g = symbolOf(v.gene);
		if (!g) continue;
		const key = `${g}:${v.chrom}:${v.pos}:${v.ref}:${v.alt}`;
		if (seen.has(key)) continue;
		seen.add(key);
		const l = by.get(g);
		if (l) l.push(v);
		else by.set(g, [v]);
	}
	return by;
}

/** Apply one SF gene's rule to its variants; null = no finding. */
function sfFinding(gene: SecondaryGene, variants: CandidateVariant[], input: SecondaryInput, lof: boolean): SecondaryFinding | null {
	const counted: SecondaryVariant[] = [];
	const hfe = input.build ? HFE_C282Y[input.build] : null;
	for (const v of variants) {
		if (gene.report === 'hfe-c282y-homozygote') {
			const isC282Y = !!hfe && v.chrom === hfe.chrom && v.pos === hfe.pos && v.ref === hfe.ref && v.alt === hfe.alt;
			const benign = v.clinvar && !(v.clinvar.significance === 'pathogenic' || v.clinvar.significance === 'likely_pathogenic');
			if (isC282Y && !benign) counted.push(asVariant(v, clinvarCounts(v) ? 'clinvar' : 'named-variant'));
			continue;
		}
		if (gene.report === 'truncating') {
			const mc = input.clinvar?.records.get(`${v.chrom}:${v.pos}:${v.ref}:${v.alt}`)?.mc ?? '';
			if (clinvarCounts(v) && (LOF_CONSEQUENCES.has(v.consequence) || TRUNCATING_MC.test(mc))) counted.push(asVariant(v, 'clinvar'));
			continue;
		}
		if (clinvarCounts(v)) counted.push(asVariant(v, 'clinvar'));
		else if (lof && predictedLof(v)) counted.push(asVariant(v, 'predicted-lof'));
	}
	if (!counted.length) return null;
	const n = copies(counted);
	let reason: string;
	let phaseUnknown = false;
	switch (gene.report) {
		case 'all':
			reason = `${counted.length === 1 ? 'A variant' : `${counted.length} variants`} in ${gene.gene}; the list reports every disease-causing variant in this gene${gene.inheritance === 'XL' ? ' (in males and females)' : ''}.`;
			break;
		case 'truncating':
			reason = `A truncating variant in ${gene.gene}; the list reports only truncating variants in this gene.`;
			break;
		case 'hfe-c282y-homozygote':
			if (!counted.some((v) => v.zygosity === 'hom')) return null;
			reason = 'Two copies of HFE p.C282Y (c.845G>A): the one HFE result the list reports.';
			break;
		case 'hemi-hom-or-two':
			if (!counted.some((v) => v.zygosity === 'hemi' || v.zygosity === 'hom') && n < 2) return null;
			phaseUnknown = !counted.some((v) => v.zygosity === 'hemi' || v.zygosity === 'hom');
			reason = phaseUnknown ? `Two different variants in ${gene.gene}; it is not known whether they are on different copies of the gene.` : `A variant in ${gene.gene} with no second, working copy (${counted.find((v) => v.zygosity !== 'het')!.zygosity === 'hemi' ? 'one X chromosome' : 'both copies changed'}).`;
			break;
		case 'biallelic':
			if (n < 2) return null;
			phaseUnknown = !counted.some((v) => v.zygosity === 'hom') && distinctHets(counted) >= 2;
			reason = phaseUnknown
				? `Two different variants in ${gene.gene}, a gene where both copies must be changed; it is not known whether they are on different copies (testing parents can tell).`
				: `Both copies of ${gene.gene} carry the variant; the condition needs both copies changed.`;
			break;
	}
	return {
		gene: gene.gene,
		condition: gene.condition,
		category: gene.category,
		inheritance: gene.inheritance,
		variantsToReport: gene.variantsToReport,
		status: counted.some((v) => v.evidence === 'predicted-lof') ? 'possible' : 'reportable',
		reason,
		phaseUnknown,
		variants: counted
	};
}

function carrierFinding(gene: CarrierGene, variants: CandidateVariant[], sex: RareSex): CarrierFinding | null {
	const counted = variants.filter(clinvarCounts).map((v) => asVariant(v, 'clinvar'));
	if (!counted.length) return null;
	const n = copies(counted);
	const hemi = counted.some((v) => v.zygosity === 'hemi') || (gene.inheritance === 'XL' && sex === 'male');
	const more = n >= 2 || hemi;
	const phaseUnknown = more && !counted.some((v) => v.zygosity !== 'het') && distinctHets(counted) >= 2;
	let reason: string;
	if (!more) reason = gene.inheritance === 'XL' ? `One copy of ${gene.gene} on one X chromosome carries a disease-causing variant: carrier of an X-linked condition; sons could be affected.` : `One copy of ${gene.gene} carries a disease-causing variant: carrier. Carriers are usually healthy; a child is at risk only if both parents are carriers for the same condition.`;
	else if (hemi) reason = `The only X-chromosome copy of ${gene.gene} carries a disease-causing variant: this is more than carrier status — talk to a genetics professional.`;
	else if (phaseUnknown) reason = `Two different disease-causing variants in ${gene.gene}: if they are on different copies this is more than carrier status; it is not known which — talk to a genetics professional.`;
	else reason = `Both copies of ${gene.gene} carry a disease-causing variant: this is more than carrier status — talk to a genetics professional.`;
	return { gene: gene.gene, condition: gene.condition, inheritance: gene.inheritance, status: more ? 'more-than-carrier' : 'carrier', reason, phaseUnknown, variants: counted };
}

/**
 * Secondary findings and/or carrier status of one genome's candidate variants (as `readCandidates`
 * or `arrayCandidates` produce them, read with `extraGenes: secondaryGeneSymbols(optIn)`).
 * Sections not opted into are null and are not computed.
 */
export function findSecondary(candidates: CandidateVariant[], input: SecondaryInput): SecondaryReport {
	const optIn = { secondaryFindings: !!input.optIn.secondaryFindings, carrier: !!input.optIn.carrier };
	const { clinvar, models, format } = input;
	const notAssessed: string[] = [];
	const sfLofGenes = SF_GENES.filter((g) => lofCounts(g, models));
	const belowStars = (genes: Set<string>) =>
		candidates.filter((v) => genes.has(v.gene) && v.clinvar && (v.clinvar.significance === 'pathogenic' || v.clinvar.significance === 'likely_pathogenic') && v.clinvar.stars < SECONDARY_MIN_STARS).length;

	let secondaryFindings: SecondaryFinding[] | null = null;
	if (optIn.secondaryFindings) {
		const byGene = groupByGene(candidates, (g) => (SF_GENES.some((s) => s.gene === g) ? g : null));
		const lof = new Set(sfLofGenes.map((g) => g.gene));
		secondaryFindings = [];
		for (const gene of SF_GENES) {
			const f = sfFinding(gene, byGene.get(gene.gene) ?? [], input, lof.has(gene.gene));
			if (f) secondaryFindings.push(f);
		}
		if (format === 'array') {
			const cov = input.arrayCoverage?.secondaryFindings;
			notAssessed.push(
				clinvar
					? `Secondary findings: a genotyping array reads only fixed positions chosen in advance; ${cov ? `of the ${cov.known.toLocaleString('en')} single-letter variants in the ${SF_LIST.genes} genes that ClinVar calls disease-causing, this file tested ${cov.tested.toLocaleString('en')}` : `most disease-causing variants in the ${SF_LIST.genes} genes are not on it`}, and variants of other kinds not at all. Array calls of rare variants are often wrong — confirm any finding with a clinical test.`
					: `Secondary findings: not assessed — a genotyping array can only be checked against known disease-causing variants, and no ClinVar file was given.`
			);
		} else if (!clinvar) {
			notAssessed.push(
				`Secondary findings: no ClinVar file was given, so known disease-causing variants could not be looked up. Only rare variants predicted to stop the gene working were looked for, in the ${sfLofGenes.length} genes where that is an established cause; in the other ${SF_LIST.genes - sfLofGenes.length} genes nothing could be assessed.`
			);
		}
		if (clinvar) {
			const low = belowStars(new Set(SF_GENES.map((g) => g.gene)));
			if (low) notAssessed.push(`Secondary findings: ${low} variant(s) that ClinVar lists as disease-causing without review criteria (0 stars) were not counted.`);
		}
		if (format === 'vcf') {
			const noModel = models ? SF_GENES.filter((g) => !models.bySymbol.has(g.gene)).map((g) => g.gene) : [];
			if (noModel.length) notAssessed.push(`Secondary findings: no gene model on ${input.build} for ${noModel.join(', ')}; only VCF-annotated or ClinVar-listed variants there were seen.`);
			if (!input.annotated && !clinvar) notAssessed.push('Secondary findings: the VCF has no consequence annotation, so a stop-gained change cannot be told from a missense one; predicted loss of function was limited to frameshifts and splice sites derived from coordinates.');
		}
		if (input.sex === 'unknown') notAssessed.push('Secondary findings: sex not given — X-linked genes (ABCD1, GLA, OTC) were read as in a female.');
		notAssessed.push('Secondary findings: a variant the file says is more common than 5 % in the population is set aside unless ClinVar calls it disease-causing, so HFE p.C282Y (common in Europe) may be missed without a ClinVar file.');
	}

	let carrier: CarrierFinding[] | null = null;
	if (optIn.carrier) {
		const symbolOf = new Map<string, string>();
		for (const g of CARRIER_GENES) {
			symbolOf.set(g.gene, g.gene);
			for (const a of g.aliases) symbolOf.set(a, g.gene);
		}
		const byGene = groupByGene(candidates, (g) => symbolOf.get(g) ?? null);
		carrier = [];
		for (const gene of CARRIER_GENES) {
			const f = carrierFinding(gene, byGene.get(gene.gene) ?? [], input.sex);
			if (f) carrier.push(f);
		}
		if (!clinvar) notAssessed.push(`Carrier screening: not assessed — carrier status is read only from variants ClinVar classifies as disease-causing, and no ClinVar file was given.`);
		else if (format === 'array') {
			const cov = input.arrayCoverage?.carrier;
			notAssessed.push(
				`Carrier screening: a genotyping array reads only fixed positions; ${cov ? `of the ${cov.known.toLocaleString('en')} single-letter variants ClinVar calls disease-causing in these genes, this file tested ${cov.tested.toLocaleString('en')}` : 'most carrier variants are not on it'}, so no result here rules little out.`
			);
		}
		if (clinvar) {
			const low = belowStars(new Set(symbolOf.keys()));
			if (low) notAssessed.push(`Carrier screening: ${low} variant(s) ClinVar lists as disease-causing without review criteria (0 stars) were not counted.`);
		}
		notAssessed.push('Carrier screening: carrier states caused by a missing or extra gene copy or a repeat expansion cannot be seen in a list of small variants — spinal muscular atrophy (SMN1), fragile X (FMR1) and most alpha-thalassemia (HBA1/HBA2) among them.');
		if (input.sex === 'unknown') notAssessed.push('Carrier screening: sex not given — X-linked genes were read as in a female.');
	}
	if (optIn.secondaryFindings || optIn.carrier) {
		if (format === 'vcf')
			notAssessed.push('A VCF lists the variants found, not how well each gene was read: parts of genes the test missed, deletions or duplications of whole exons, repeat expansions and other structural changes are not assessed.');
		notAssessed.push('A result with no finding is not reassurance: it does not mean there is no risk of these conditions, and family history still matters.');
	}
	return {
		kind: 'secondary-findings',
		version: 1,
		optIn,
		lists: { secondaryFindings: { ...SF_LIST }, carrier: { ...CARRIER_LIST } },
		clinvar: clinvar ? { release: clinvar.release, minStars: SECONDARY_MIN_STARS } : null,
		input: { format, build: input.build, sex: input.sex },
		secondaryFindings,
		carrier,
		lofGenes: sfLofGenes.map((g) => g.gene),
		notAssessed,
		method: SECONDARY_METHOD
	};
}
