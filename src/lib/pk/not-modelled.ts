/**
 * Phenotypes a drug's model refuses to simulate (`DrugModel.notModelled`): where no measured
 * exposure figure is known and CPIC recommends a change, a curve would be a guess that can
 * contradict the guideline, so there is no curve, no band and no "equivalent dose" — only the
 * reason and CPIC's advice. Every path into the model (simulate, the population band, personalize)
 * calls `assertModelled` first.
 */
import type { DrugModel, NotModelled } from './data-types';
import { PkError } from './errors';
import { NORMAL_ACTIVITY_SCORE, parsePhenotype, phenotypeFromScore, phenotypeLabel, type PhenotypeInput } from './phenotypes';
import { SOURCES } from './sources';

/** A patient result the drug's model will not simulate, with everything needed to say why. */
export interface NotModelledMatch {
	drugId: string;
	drugName: string;
	gene: string;
	/** The result as given, e.g. "Intermediate Metabolizer (activity score 1.5)". */
	phenotype: string;
	/** Plain-words reason (which figure is missing). */
	reason: string;
	/** Technical background (what was searched, what an extrapolation would have said). */
	detail: string;
	/** The sources the reason rests on: full citation and the part read. */
	evidence: { citation: string; where: string }[];
	/** CPIC's advice for this result, quoted verbatim, with its guideline and the row it comes from. */
	cpic: { guideline: string; row: string; text: string };
	/** The one-line refusal (CLI stderr, error message). */
	message: string;
}

/** Genes whose results the drug's model reads: its pathways, then genes it only screens for refusal (e.g. NUDT15). */
export function inputGenes(drug: DrugModel): string[] {
	const genes = drug.pathways.map((p) => p.gene);
	for (const n of drug.notModelled ?? []) if (!genes.includes(n.gene)) genes.push(n.gene);
	return genes;
}

/** The result text of a matching entry, or null when the patient's result is not covered by it. */
function matchEntry(entry: NotModelled, phenotypes: PhenotypeInput): string | null {
	const given = phenotypes[entry.gene];
	if (!given) return null;
	const score = given.activityScore;
	// As in personalize: for activity-score genes a score, when given, decides (not the phenotype text).
	if (entry.gene in NORMAL_ACTIVITY_SCORE && typeof score === 'number') {
		const range = entry.activityScores;
		if (!range || !(score > range.above && score < range.below)) return null;
		return `${phenotypeLabel(entry.gene, phenotypeFromScore(entry.gene, score))} (activity score ${score})`;
	}
	if (!given.phenotype) return null;
	const key = parsePhenotype(entry.gene, given.phenotype);
	return entry.phenotypes?.includes(key) ? phenotypeLabel(entry.gene, key) : null;
}

/** "DPYD activity score 1.5", "TPMT Poor Metabolizer and NUDT15 Normal Metabolizer". */
function rowText(lookup: Record<string, string>): string {
	return Object.entries(lookup)
		.map(([gene, value]) => (/^[0-9.]+$/.test(value) ? `${gene} activity score ${value}` : `${gene} ${value}`))
		.join(' and ');
}

/** A sentence continued after a colon: "No measured …" → "no measured …". */
function lowerFirst(sentence: string): string {
	return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** The short name of a guideline citation ("CPIC Guideline for fluorouracil and DPYD"). */
function guidelineName(source: string): string {
	return (SOURCES[source]?.citation ?? source).split(' — ')[0];
}

/**
 * The first of the drug's not-modelled entries that the patient's results fall under, or null
 * when the drug can be simulated for them. Throws PkError 'unknown-phenotype' for phenotype text
 * it cannot read (as personalize would).
 */
export function notModelledFor(drug: DrugModel, phenotypes: PhenotypeInput): NotModelledMatch | null {
	for (const entry of drug.notModelled ?? []) {
		const phenotype = matchEntry(entry, phenotypes);
		if (phenotype === null) continue;
		const row = rowText(entry.cpic.lookup);
		const guideline = guidelineName(entry.cpic.source);
		const text = entry.cpic.text.replace(/[.\s]+$/, '');
		return {
			drugId: drug.id,
			drugName: drug.name,
			gene: entry.gene,
			phenotype,
			reason: entry.reason,
			detail: entry.detail,
			evidence: entry.evidence.map((e) => ({ citation: SOURCES[e.source]?.citation ?? e.source, where: e.where })),
			cpic: { guideline: SOURCES[entry.cpic.source]?.citation ?? entry.cpic.source, row, text },
			message: `${drug.name} is not simulated for ${entry.gene} ${phenotype}: ${lowerFirst(entry.reason)} CPIC advises for ${row}: "${text}" (${guideline}).`
		};
	}
	return null;
}

/** Throw PkError 'phenotype-not-modelled' (with the match as `details`) when the drug is not simulated for these results. */
export function assertModelled(drug: DrugModel, phenotypes: PhenotypeInput): void {
	const match = notModelledFor(drug, phenotypes);
	if (match) throw new PkError('phenotype-not-modelled', match.message, match);
}
