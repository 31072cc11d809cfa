/** Shapes of the drug data file (drugs.ts): every number carries where it came from. */
import type { Regimen } from './regimen';

/** A number with its provenance. */
export interface Cited {
	value: number;
	/** Key into SOURCES. */
	source: string;
	/** Where in the source: table, section, figure or sentence. */
	where: string;
	/** How the number was derived from the source, or a caveat. */
	note?: string;
}

/** One bibliographic source. */
export interface Source {
	/** Full citation: label name and revision, or authors, journal, year, PMID. */
	citation: string;
	url?: string;
}

/** Metaboliser/function phenotypes the model understands (canonical keys). */
export type PhenotypeKey =
	| 'poor'
	| 'intermediate'
	| 'normal'
	| 'rapid'
	| 'ultrarapid'
	| 'decreased'
	| 'increased';

/** One enzyme or transporter on which the drug's disposition depends. */
export interface Pathway {
	gene: string;
	/** Fraction of the parent's clearance through this gene's product at normal activity. */
	fmParent: Cited;
	/** For drugs whose active moiety is a metabolite: that gene's share of its formation. */
	formationShare?: Cited;
	/**
	 * Drug-specific activity (relative to normal) per phenotype, replacing the gene's default;
	 * keyed by canonical phenotype or by activity score text ("1.5").
	 */
	activity?: Partial<Record<string, Cited>>;
}

/** Linear disposition parameters of the typical patient (per kg when `perKg`). */
export interface LinearPk {
	kind: 'linear';
	cl: Cited;
	v1: Cited;
	q?: Cited;
	v2?: Cited;
	ka?: Cited;
	f?: Cited;
	/** CL and V are per kg of body weight: scale by the patient's weight. */
	perKg: boolean;
}

/** Michaelis–Menten elimination (phenytoin-type), per kg when `perKg`. */
export interface MichaelisMentenPk {
	kind: 'michaelis-menten';
	/** Maximum elimination rate, mg/h. */
	vmax: Cited;
	/** mg/L. */
	km: Cited;
	v1: Cited;
	ka?: Cited;
	f?: Cited;
	perKg: boolean;
}

/** A CPIC recommendation for one phenotype, reduced to what the consistency check needs. */
export interface CpicAdvice {
	/** A verbatim fragment of the CPIC recommendation text (checked against static/kb/pgx.json in the tests). */
	text: string;
	/**
	 * What it implies for exposure at the standard dose: a dose-fraction range (e.g. [0.5, 0.5]
	 * for "50 % reduction"), 'standard', 'lower'/'higher' (a change without a figure), or
	 * 'avoid-low' / 'avoid-high' when CPIC advises an alternative because exposure to the active
	 * moiety would be too low or too high; 'not-addressed' when the text says nothing about exposure.
	 */
	implies: [number, number] | 'standard' | 'lower' | 'higher' | 'avoid-low' | 'avoid-high' | 'not-addressed';
}

/**
 * Results of one gene for which the model refuses to simulate the drug, because no measured
 * exposure figure is known for them and a curve would be a guess (issue rule: "where no reliable
 * figure is known, leave it out rather than guess"). simulate() throws PkError
 * 'phenotype-not-modelled' for them; the page shows `reason` and CPIC's advice instead of a chart.
 */
export interface NotModelled {
	gene: string;
	/** Canonical phenotypes covered (when the result is given as a phenotype). */
	phenotypes?: PhenotypeKey[];
	/** Activity scores covered, strictly between `above` and `below` (when given as a score). */
	activityScores?: { above: number; below: number };
	/** Why, in plain words: which figure is missing. One sentence, no jargon. */
	reason: string;
	/** The technical background: what was searched, and what an extrapolation would have said. */
	detail: string;
	/** The sources the reason rests on (key into SOURCES and the part read), e.g. where the figure was looked for. */
	evidence: { source: string; where: string }[];
	/**
	 * CPIC's advice for these results, quoted verbatim from the knowledge-base row with this lookup
	 * (checked against static/kb/pgx.json in the tests). Key: gene → knowledge-base lookup value.
	 */
	cpic: { source: string; lookup: Record<string, string>; text: string };
}

/** The CPIC guideline rows used beside a drug's model. */
export interface CpicGuideline {
	/** Key into SOURCES (the guideline and its version in the knowledge base). */
	source: string;
	/** Drug name as in the knowledge base. */
	kbDrug: string;
	gene: string;
	/** How the knowledge base looks rows up for this gene. */
	lookupBy: 'phenotype' | 'activity-score';
	/** The population row used (knowledge-base `population`), e.g. "CVI ACS PCI". */
	population: string;
	/** Lookups of other genes the row needs, e.g. { 'HLA-B': '*15:02 negative' }. */
	otherLookup?: Record<string, string>;
	/** Advice keyed by the knowledge-base lookup value ("Poor Metabolizer" or "1.0"). */
	advice: Record<string, CpicAdvice>;
}

/** Everything the model knows about one drug. */
export interface DrugModel {
	id: string;
	name: string;
	/** What it is for, in plain words. */
	use: string;
	/** The concentration shown and compared: the parent or the active metabolite. */
	analyte: 'parent' | 'metabolite';
	analyteName: string;
	/** mg/L internally; shown in this unit (factor multiplies mg/L), or relative to the typical peak. */
	display: { unit: string; factor: number } | { unit: '% of typical peak'; relative: true };
	pk: LinearPk | MichaelisMentenPk;
	metabolite?: { name: string; fraction: Cited; cl: Cited; v: Cited; perKg: boolean };
	pathways: Pathway[];
	/** Phenotypes of the population the typical parameters describe (default: normal for every gene). */
	reference?: Record<string, PhenotypeKey>;
	/** Between-subject variability, as coefficients of variation (log-normal). */
	bsv: { cl: Cited; v: Cited; ka?: Cited };
	/** Therapeutic range of the displayed analyte in display units, when one is established. */
	window?: { low: Cited; high: Cited; what: string };
	regimen: Regimen;
	/** Genes shown beside the model that act on the drug's effect, not its concentrations. */
	pharmacodynamicNotes?: { gene: string; text: string; source: string }[];
	cpic?: CpicGuideline;
	/** Gene results this drug's model refuses to simulate (no measured exposure figure; see NotModelled). */
	notModelled?: NotModelled[];
	/** Honest limits of this drug's model. */
	caveats: string[];
}

/** A co-medication that changes enzyme activity. */
export interface Comedication {
	id: string;
	name: string;
	effects: { gene: string; multiplier: Cited; strength: string }[];
}
