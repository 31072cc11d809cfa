/**
 * CPIC drug recommendations for a set of gene calls: a recommendation applies when every gene in
 * its lookup matches the patient's lookup key (phenotype, activity score, or HLA screen).
 */
import { hlaLookups, type GeneCall } from './caller';
import type { KbDrug, PgxKb } from './kb-types';

/** One recommendation that applies to the patient. */
export interface DrugRecommendation {
	drug: string;
	genes: string[];
	/** Recommendation text (plain), or an explanation of why none could be chosen. */
	recommendation: string;
	classification: string;
	implications: string[];
	population: string;
	source: string;
	url: string;
	/** False when a required gene could not be determined. */
	determined: boolean;
	/** True when a gene result behind it is a screening (HLA tag SNP) or entered by the user. */
	basis: { gene: string; key: string; screening: boolean; outside: boolean }[];
}

function keyFor(call: GeneCall | undefined, gene: string, wanted: string): string | null {
	if (!call) return null;
	if (gene.startsWith('HLA-')) {
		const allele = wanted.split(' ')[0];
		return hlaLookups(call).get(allele) ?? null;
	}
	return call.lookupKey;
}

/** Recommendations for one drug given the calls. */
export function recommendDrug(drug: KbDrug, calls: GeneCall[], kb: PgxKb): DrugRecommendation[] {
	const byGene = new Map(calls.map((c) => [c.gene, c]));
	const out: DrugRecommendation[] = [];
	for (const r of drug.recommendations) {
		const genes = Object.keys(r.lookup);
		const matches = genes.every((g) => keyFor(byGene.get(g), g, r.lookup[g]) === r.lookup[g]);
		if (!matches) continue;
		out.push({
			drug: drug.drug,
			genes: drug.genes,
			recommendation: kb.strings[r.text],
			classification: r.classification,
			implications: r.implications.map((i) => kb.strings[i]),
			population: r.population,
			source: drug.source,
			url: drug.url,
			determined: true,
			basis: genes.map((g) => ({ gene: g, key: r.lookup[g], screening: !!byGene.get(g)?.screening, outside: byGene.get(g)?.source === 'outside' }))
		});
	}
	if (!out.length) {
		const unknown = drug.genes.filter((g) => !byGene.get(g)?.lookupKey && !(g.startsWith('HLA-') && byGene.get(g)?.diplotypes.length));
		out.push({
			drug: drug.drug,
			genes: drug.genes,
			recommendation: unknown.length
				? `No recommendation: ${unknown.join(' and ')} could not be determined from this data. Prescribe as usual or test clinically.`
				: 'No genotype-specific recommendation for this result in the guideline; prescribe per standard practice.',
			classification: 'n/a',
			implications: [],
			population: 'general',
			source: drug.source,
			url: drug.url,
			determined: unknown.length === 0,
			basis: []
		});
	}
	return out;
}

/** Recommendations for every drug in the knowledge base. */
export function recommendAll(calls: GeneCall[], kb: PgxKb): DrugRecommendation[] {
	return kb.drugs.flatMap((d) => recommendDrug(d, calls, kb));
}

/** Drugs whose name starts with or contains `query` (case-insensitive), best first. */
export function searchDrugs(kb: PgxKb, query: string): KbDrug[] {
	const q = query.trim().toLowerCase();
	if (!q) return [];
	return kb.drugs
		.filter((d) => d.drug.toLowerCase().includes(q))
		.sort((a, b) => Number(!a.drug.toLowerCase().startsWith(q)) - Number(!b.drug.toLowerCase().startsWith(q)) || a.drug.localeCompare(b.drug));
}
