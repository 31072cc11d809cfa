/**
 * Keeps unsolicited findings out of the main ranking.
 *
 * A pathogenic variant can carry a gene into the ranking on its own: a heterozygous ClinVar-
 * pathogenic BRCA1 variant ranks BRCA1 high for "Seizure" although no BRCA1 disease has seizures.
 * Showing it would report an ACMG secondary finding (or, for a recessive gene, carrier status)
 * that the person did not choose to learn.
 *
 * Rule: when a genome is analysed, a gene on the ACMG SF v3.3 list or the ACMG 2021 carrier-
 * screening list that the person has not opted into is left out of the ranking — with every
 * variant in it, before scoring — unless the phenotype points to it: at least one observed HPO
 * term matches an annotation of one of the gene's diseases (the same term, a more specific one, or
 * a shared informative ancestor) with a likelihood ratio above 1, i.e. the model counts that term
 * as evidence for the disease. The decision reads only the phenotype, never the genome, so the
 * number of genes left out says nothing about which variants were found.
 */
import type { Annotations, RareKb } from './kb';
import { PHENOTYPE_PARAMS, prepareQuery, scorePhenotype, type PhenotypeParams } from './phenotype';
import type { SecondaryOptIn } from './secondary';
import { CARRIER_GENES, SF_GENES } from './secondary-genes';
import type { PhenotypeQuery } from './types';

/** Genes the ranking leaves out for this query, per list (a gene on both lists counts once, under `secondaryFindings`). */
export interface WithheldGenes {
	/** Every withheld gene symbol. */
	genes: Set<string>;
	/** How many are on the ACMG SF v3.3 list. */
	secondaryFindings: number;
	/** How many are on the carrier-screening list only. */
	carrier: number;
}

/**
 * The listed genes (not opted into) whose diseases no observed term supports. A listed gene with no
 * disease annotation in the release used has no phenotype support either, so it is withheld too
 * (a scorer that ranks unannotated genes on their variants must not surface it).
 */
export function withheldGenes(
	kb: RareKb,
	query: PhenotypeQuery,
	options: { annotations?: Annotations; optIn?: SecondaryOptIn; phenotypeParams?: PhenotypeParams } = {}
): WithheldGenes {
	const ann = options.annotations ?? kb.annotations;
	const o = kb.ontology;
	const sf = options.optIn?.secondaryFindings ? [] : SF_GENES.map((g) => g.gene);
	const carrier = options.optIn?.carrier ? [] : CARRIER_GENES.flatMap((g) => [g.gene, ...g.aliases]);
	const out: WithheldGenes = { genes: new Set(), secondaryFindings: 0, carrier: 0 };
	if (!sf.length && !carrier.length) return out;
	// a gene on both lists is released by either opt-in
	const released = new Set([...(options.optIn?.secondaryFindings ? SF_GENES.map((g) => g.gene) : []), ...(options.optIn?.carrier ? CARRIER_GENES.flatMap((g) => [g.gene, ...g.aliases]) : [])]);
	const idx = (ids: string[]) => ids.map((id) => o.indexOf(id)).filter((i) => i >= 0);
	const pheno = scorePhenotype(o, ann, prepareQuery(o, idx(query.observed), idx(query.excluded)), options.phenotypeParams ?? PHENOTYPE_PARAMS);
	const supported = (gene: string) =>
		(ann.byGene.get(gene) ?? []).some((d) => pheno.explain(d).some((m) => (m.kind === 'exact' || m.kind === 'partial') && m.logLR > 0));
	const sfSet = new Set(sf);
	for (const gene of new Set([...sf, ...carrier])) {
		if (released.has(gene) || supported(gene)) continue;
		out.genes.add(gene);
		if (sfSet.has(gene)) out.secondaryFindings++;
		else out.carrier++;
	}
	return out;
}

/** The plain warning for withheld genes (never names them). */
export function withheldWarning(w: WithheldGenes): string | null {
	if (!w.genes.size) return null;
	const lists = [
		w.secondaryFindings ? `${w.secondaryFindings} on the ACMG SF v3.3 secondary-findings list` : '',
		w.carrier ? `${w.carrier} on the carrier-screening list` : ''
	].filter(Boolean);
	const optIn = [w.secondaryFindings ? 'secondary findings' : '', w.carrier ? 'carrier screening' : ''].filter(Boolean).join(' / ');
	return (
		`${w.genes.size} gene${w.genes.size === 1 ? '' : 's'} (${lists.join(', ')}) left out of the ranking, with any variants in them: none of their diseases fits the phenotype, ` +
		`so a variant there would be an unsolicited finding. The choice depends on the phenotype only, not on your genome. Opt in to ${optIn} to see them.`
	);
}
