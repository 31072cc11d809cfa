/**
 * From a patient's pharmacogenomic result (phenotype and/or activity score per gene) to enzyme
 * activity relative to normal, the factor the clearance model uses.
 */
import type { Cited, PhenotypeKey } from './data-types';
import { PkError } from './errors';

/** A gene's result as the pgx caller (or the user) states it. */
export interface GeneResult {
	phenotype?: string;
	activityScore?: number | null;
}

/** The model's input: results per gene symbol. */
export type PhenotypeInput = Record<string, GeneResult>;

/** Phenotype entries labelled "<Key> Metabolizer" (CPIC's terms), in the order given. */
const metabolizers = (...keys: PhenotypeKey[]) => keys.map((key) => ({ key, label: `${key[0].toUpperCase()}${key.slice(1)} Metabolizer` }));
/** Phenotype entries labelled "<Key> Function" (transporters such as SLCO1B1), in the order given. */
const functions = (...keys: PhenotypeKey[]) => keys.map((key) => ({ key, label: `${key[0].toUpperCase()}${key.slice(1)} Function` }));

/** Canonical phenotype keys each gene can take, in display order, with display labels. */
export const GENE_PHENOTYPES: Record<string, { key: PhenotypeKey; label: string }[]> = {
	CYP2C19: metabolizers('ultrarapid', 'rapid', 'normal', 'intermediate', 'poor'),
	CYP2D6: metabolizers('ultrarapid', 'normal', 'intermediate', 'poor'),
	CYP2C9: metabolizers('normal', 'intermediate', 'poor'),
	CYP2B6: metabolizers('ultrarapid', 'rapid', 'normal', 'intermediate', 'poor'),
	CYP3A5: metabolizers('normal', 'intermediate', 'poor'),
	DPYD: metabolizers('normal', 'intermediate', 'poor'),
	CYP3A4: metabolizers('normal'),
	SLCO1B1: functions('increased', 'normal', 'decreased', 'poor'),
	TPMT: metabolizers('normal', 'intermediate', 'poor'),
	// Read for mercaptopurine only to refuse what it cannot model (no pathway: see drugs.ts).
	NUDT15: metabolizers('normal', 'intermediate', 'poor')
};

/** Activity-score genes: the score of a normal metaboliser (two fully functional alleles). */
export const NORMAL_ACTIVITY_SCORE: Record<string, number> = { CYP2D6: 2, CYP2C9: 2, DPYD: 2 };

const cpicFn = (value: number, where: string, note?: string): Cited => ({
	value,
	source: 'cpic-activity-score',
	where,
	note
});

/**
 * Default activity relative to normal per gene and phenotype, used when a drug has no
 * drug-specific figure. null = the phenotype exists but no reliable figure is known: the model
 * then keeps normal activity and warns, which is only acceptable where CPIC keeps the standard
 * dose; where CPIC recommends a change, the drug lists the phenotype in `notModelled` and is not
 * simulated for it (see not-modelled.ts).
 */
export const DEFAULT_ACTIVITY: Record<string, Partial<Record<PhenotypeKey, Cited | null>>> = {
	CYP2C19: {
		normal: cpicFn(1, 'CYP2C19 allele function table', 'definition of normal'),
		intermediate: cpicFn(0.5, 'CYP2C19 allele function table', 'gene-dose assumption: one normal-function and one no-function allele'),
		poor: cpicFn(0, 'CYP2C19 allele function table', 'two no-function alleles'),
		rapid: null,
		ultrarapid: null
	},
	CYP2D6: {
		normal: cpicFn(1, 'CYP2D6 activity score', 'definition of normal'),
		intermediate: cpicFn(0.5, 'CYP2D6 activity score', 'activity score 1 (0.25–1 range) ÷ normal score 2'),
		poor: cpicFn(0, 'CYP2D6 activity score', 'activity score 0'),
		ultrarapid: cpicFn(1.5, 'CYP2D6 activity score', 'activity score 3 (duplication of a normal allele) ÷ 2')
	},
	CYP2C9: {
		normal: cpicFn(1, 'CYP2C9 activity score', 'definition of normal'),
		intermediate: { value: 0.63, source: 'hamberg-2007', where: 'Results, covariate model of S-warfarin CL', note: '*1/*3 (activity score 1): CL reduced 37 % per *3 allele; value recalled from the paper, not re-verified in this build' },
		poor: { value: 0.397, source: 'hamberg-2007', where: 'Results, covariate model of S-warfarin CL', note: '*3/*3: 0.63² (37 % reduction per *3 allele); recalled, not re-verified in this build' }
	},
	CYP2B6: {
		normal: cpicFn(1, 'CYP2B6 allele function table', 'definition of normal'),
		intermediate: cpicFn(0.5, 'CYP2B6 allele function table', 'gene-dose assumption: one normal and one decreased/no-function allele'),
		poor: cpicFn(0, 'CYP2B6 allele function table', 'two no/decreased-function alleles (e.g. *6/*6)'),
		rapid: null,
		ultrarapid: null
	},
	CYP3A5: {
		normal: cpicFn(1, 'CYP3A5 allele function table', 'two functional alleles (*1/*1), "expresser"'),
		intermediate: cpicFn(0.5, 'CYP3A5 allele function table', 'gene-dose assumption: *1/*3'),
		poor: cpicFn(0, 'CYP3A5 allele function table', '*3/*3: no functional CYP3A5 ("non-expresser")')
	},
	DPYD: {
		normal: cpicFn(1, 'DPYD activity score', 'activity score 2'),
		intermediate: cpicFn(0.5, 'DPYD activity score', 'activity score 1 ÷ 2 (IM spans 1–1.5; pass the score for 1.5)'),
		poor: cpicFn(0, 'DPYD activity score', 'activity score 0 (PM spans 0–0.5; pass the score for 0.5)')
	},
	CYP3A4: { normal: cpicFn(1, 'CYP3A4', 'no genotype used: co-medication effects only') },
	// Transporter and TPMT effects are drug-specific (see drugs.ts); no generic figure is used.
	SLCO1B1: { normal: cpicFn(1, 'SLCO1B1 allele function table', 'two normal-function alleles'), increased: null, decreased: null, poor: null },
	TPMT: { normal: cpicFn(1, 'TPMT allele function table', 'two normal-function alleles'), intermediate: null, poor: null }
};

/** Activity scores offered for each activity-score gene, high to low (CPIC lookup keys). */
export const SCORE_CHOICES: Record<string, number[]> = {
	CYP2D6: [3, 2, 1.5, 1, 0.5, 0],
	CYP2C9: [2, 1.5, 1, 0.5, 0],
	DPYD: [2, 1.5, 1, 0.5, 0]
};

/** Phenotype of an activity score by CPIC's bands for the gene. */
export function phenotypeFromScore(gene: string, score: number): PhenotypeKey {
	if (gene === 'CYP2D6') return score === 0 ? 'poor' : score < 1.25 ? 'intermediate' : score <= 2.25 ? 'normal' : 'ultrarapid';
	return score >= 2 ? 'normal' : score >= 1 ? 'intermediate' : 'poor';
}

const SYNONYMS: [RegExp, PhenotypeKey][] = [
	[/^(um|ultra[- ]?rapid)/, 'ultrarapid'],
	[/^(rm|rapid)/, 'rapid'],
	[/^(nm|em|normal|extensive)/, 'normal'],
	[/^(im|intermediate)/, 'intermediate'],
	[/^(pm|poor)/, 'poor'],
	[/^(dec|decreased)/, 'decreased'],
	[/^(inc|increased)/, 'increased']
];

/** Canonical key of a phenotype text ("Poor Metabolizer", "PM", "poor metaboliser"), or null. */
export function canonicalPhenotype(text: string): PhenotypeKey | null {
	const t = text.trim().toLowerCase();
	for (const [re, key] of SYNONYMS) if (re.test(t)) return key;
	return null;
}

/** The genes the model knows. */
export function knownGenes(): string[] {
	return Object.keys(GENE_PHENOTYPES);
}

/** Validate one gene's phenotype text; returns its canonical key or throws PkError listing the options. */
export function parsePhenotype(gene: string, text: string): PhenotypeKey {
	const options = GENE_PHENOTYPES[gene];
	if (!options) throw new PkError('unknown-gene', `unknown gene "${gene}"; the model uses: ${knownGenes().join(', ')}`);
	const key = canonicalPhenotype(text);
	if (!key || !options.some((o) => o.key === key))
		throw new PkError(
			'unknown-phenotype',
			`unknown ${gene} phenotype "${text}"; use one of: ${options.map((o) => o.label).join(', ')}`
		);
	return key;
}

/** The display label of a canonical phenotype for a gene. */
export function phenotypeLabel(gene: string, key: PhenotypeKey): string {
	return GENE_PHENOTYPES[gene]?.find((o) => o.key === key)?.label ?? key;
}
