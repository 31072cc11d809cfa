/**
 * CPIC drug recommendations for a set of gene calls: a recommendation applies when every gene in
 * its lookup matches the patient's lookup key (phenotype, activity score, or HLA screen).
 */
import { hlaLookups, phenotypeOf, type GeneCall } from './caller';
import type { KbDrug, KbGene, PgxKb } from './kb-types';

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
	/** The guideline says the same for the usual (reference) genotype: no change to the usual prescription. */
	sameAsUsual?: boolean;
	/**
	 * A gene behind it was indeterminate (several results fit the file), and CPIC says the same for
	 * every one of them: the genes and their possible keys.
	 */
	holdsForEveryFit?: { gene: string; keys: string[] }[];
}

const usualTexts = new WeakMap<KbDrug, Set<number>>();

/** Lookup key of the usual (reference/reference) result of a gene, or null. */
function usualKey(kb: PgxKb, gene: string): string | null {
	if (gene.startsWith('HLA-')) return 'negative';
	if (gene === 'MT-RNR1') return 'normal risk of aminoglycoside-induced hearing loss';
	const g = kb.genes[gene];
	if (!g) return null;
	const ref = g.alleles[0].name;
	return phenotypeOf(g, ref, ref, 'female')?.lookupKey ?? null;
}

/** Texts (string indexes) of a drug's rows for the usual genotype of every gene. */
function usualRecommendationTexts(drug: KbDrug, kb: PgxKb): Set<number> {
	let set = usualTexts.get(drug);
	if (!set) {
		set = new Set();
		for (const r of drug.recommendations) {
			const ok = Object.entries(r.lookup).every(([g, k]) => {
				const u = usualKey(kb, g);
				return u !== null && (g.startsWith('HLA-') ? k.endsWith(' negative') : k === u);
			});
			if (ok) set.add(r.text);
		}
		usualTexts.set(drug, set);
	}
	return set;
}

/** The key CPIC tables use for an activity score: "1.0", "1.25". */
export function scoreKey(x: number): string {
	return x.toFixed(Number.isInteger(x * 2) ? 1 : 2);
}

/** CPIC phenotype for an activity score of an activity-score gene (CYP2D6), or null. */
export function phenotypeFromScore(gene: KbGene, score: number): string | null {
	return gene.scoreBands.find((b) => score >= b.min && (b.max === null || score < b.max))?.phenotype ?? null;
}

/** Lowest activity score a CPIC key stands for ("≥3.75" → 3.75, "1.0" → 1), or null ("n/a"). */
function scoreOfKey(key: string): number | null {
	const m = /^≥?(\d+(?:\.\d+)?)$/.exec(key.trim());
	return m ? Number(m[1]) : null;
}

/**
 * The key a recommendation row is compared with: the gene's lookup key; "No Result" when the gene
 * was not determined from the data (CPIC's multi-gene tables have rows for that); for HLA, the
 * screened allele's result.
 */
function keyFor(call: GeneCall | undefined, gene: string, wanted: string): string {
	if (!call) return 'No Result';
	if (gene.startsWith('HLA-')) {
		const allele = wanted.split(' ')[0];
		return hlaLookups(call).get(allele) ?? 'No Result';
	}
	return call.lookupKey ?? 'No Result';
}

/** Does the patient's key for `gene` fit the row's key? (A CYP2D6 phenotype fits every score in its band.) */
function keyFits(kb: PgxKb, gene: string, patient: string, row: string): boolean {
	if (patient === row) return true;
	const g = kb.genes[gene];
	if (g?.phenotypeMethod !== 'activity-score' || scoreOfKey(patient) !== null) return false;
	const s = scoreOfKey(row);
	return s !== null && phenotypeFromScore(g, s) === patient;
}

/** Recommendations for one drug given the calls. */
export function recommendDrug(drug: KbDrug, calls: GeneCall[], kb: PgxKb): DrugRecommendation[] {
	const rows = recommendRows(drug, calls, kb);
	const settled = everyFitAgrees(drug, calls, kb);
	if (!settled?.length) return rows;
	const pops = new Set(settled.map((r) => r.population));
	return [...settled, ...rows.filter((r) => !pops.has(r.population) && r.classification !== 'n/a')];
}

/** Recommendations for one drug given the calls, taking each call's lookup key as it is. */
function recommendRows(drug: KbDrug, calls: GeneCall[], kb: PgxKb): DrugRecommendation[] {
	const byGene = new Map(calls.map((c) => [c.gene, c]));
	const out: DrugRecommendation[] = [];
	for (const r of drug.recommendations) {
		const genes = Object.keys(r.lookup);
		const matches = genes.every((g) => keyFits(kb, g, keyFor(byGene.get(g), g, r.lookup[g]), r.lookup[g]));
		if (!matches) continue;
		if (out.some((o) => o.recommendation === kb.strings[r.text] && o.population === r.population)) continue;
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
			basis: genes.map((g) => ({ gene: g, key: r.lookup[g], screening: !!byGene.get(g)?.screening, outside: byGene.get(g)?.source === 'outside' })),
			sameAsUsual: usualRecommendationTexts(drug, kb).has(r.text)
		});
	}
	// A phenotype entered without an activity score fits several CYP2D6 score rows: keep them only
	// when they all say the same; otherwise the advice depends on the score.
	const byPop = new Map<string, DrugRecommendation[]>();
	for (const o of out) byPop.set(o.population, [...(byPop.get(o.population) ?? []), o]);
	const phenotypeOnly = drug.genes.some((g) => {
		const k = byGene.get(g)?.lookupKey;
		return kb.genes[g]?.phenotypeMethod === 'activity-score' && !!k && scoreOfKey(k) === null && k !== 'Indeterminate';
	});
	if (phenotypeOnly && [...byPop.values()].some((l) => l.length > 1 && new Set(l.map((o) => o.recommendation.split('\n')[0])).size > 1)) {
		const g = drug.genes.find((x) => kb.genes[x]?.phenotypeMethod === 'activity-score') ?? drug.genes[0];
		return [
			{
				drug: drug.drug,
				genes: drug.genes,
				recommendation: `CPIC's advice for ${drug.drug} depends on the ${g} activity score, which was not given. Ask the lab for the activity score, or enter it with the result.`,
				classification: 'n/a',
				implications: [],
				population: 'general',
				source: drug.source,
				url: drug.url,
				determined: false,
				basis: []
			}
		];
	}
	if (!out.length) {
		const unknown = drug.genes.filter((g) => !byGene.get(g)?.lookupKey && !(g.startsWith('HLA-') && byGene.get(g)?.diplotypes.length));
		const indeterminate = drug.genes.filter((g) => byGene.get(g)?.lookupKey === 'Indeterminate');
		out.push({
			drug: drug.drug,
			genes: drug.genes,
			recommendation: unknown.length
				? `No advice can be given: ${unknown.join(' and ')} could not be determined from this file. This is not a normal result — a clinical ${unknown.join('/')} test would decide.`
				: indeterminate.length
					? `No advice can be given: the ${indeterminate.join(' and ')} result is indeterminate (several results fit this file). A clinical test would decide.`
					: `The CPIC guideline has no recommendation for this ${drug.genes.join('/')} result.`,
			classification: 'n/a',
			implications: [],
			population: 'general',
			source: drug.source,
			url: drug.url,
			determined: unknown.length === 0 && indeterminate.length === 0,
			basis: []
		});
	}
	return out;
}

/** At most this many combinations of possible results are tried for one drug. */
const MAX_FIT_COMBINATIONS = 16;

/**
 * When a gene is indeterminate (several diplotypes fit, with different phenotypes) and CPIC gives
 * the same recommendation for every phenotype that fits, that recommendation holds whatever the
 * untested positions are: return it (marked), else null.
 */
function everyFitAgrees(drug: KbDrug, calls: GeneCall[], kb: PgxKb): DrugRecommendation[] | null {
	const open = drug.genes.map((g) => calls.find((c) => c.gene === g)).filter((c): c is GeneCall => !!c && c.lookupKey === 'Indeterminate' && !!c.possibleLookupKeys?.length);
	if (!open.length) return null;
	let combos: Map<string, string>[] = [new Map()];
	for (const c of open) combos = combos.flatMap((m) => c.possibleLookupKeys!.map((k) => new Map([...m, [c.gene, k]])));
	if (combos.length > MAX_FIT_COMBINATIONS) return null;
	// Per population: the advice holds when every possible result gets the same CPIC text there.
	const runs = combos.map((m) => recommendRows(drug, calls.map((c) => (m.has(c.gene) ? { ...c, lookupKey: m.get(c.gene)!, possibleLookupKeys: undefined } : c)), kb));
	const holds = open.map((c) => ({ gene: c.gene, keys: c.possibleLookupKeys! }));
	const sig = (l: DrugRecommendation[], pop: string) =>
		l.filter((r) => r.population === pop).map((r) => (r.classification === 'n/a' || !r.determined ? '\u0000' : r.recommendation)).sort().join('\n');
	const out: DrugRecommendation[] = [];
	for (const pop of new Set(runs.flatMap((l) => l.map((r) => r.population)))) {
		const s0 = sig(runs[0], pop);
		if (!s0 || s0.includes('\u0000') || runs.some((l) => sig(l, pop) !== s0)) continue;
		out.push(...runs[0].filter((r) => r.population === pop).map((r) => ({ ...r, holdsForEveryFit: holds })));
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
