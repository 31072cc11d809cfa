/**
 * Plain words for people reading their own results: which recommendations may change a medicine
 * and which mean "no change", readable allele and phenotype names, population labels, and the
 * "limited test" tag. Framework-free (pages, print view and reports share it).
 */
import type { GeneCall } from './caller';
import type { DrugRecommendation } from './recommend';

/** First sentences of CPIC recommendations that mean "prescribe as usual" for this result. */
const NO_CHANGE = [
	/^initiate (therapy|treatment) with (the )?recommended starting dose/i,
	/^initiate standard starting (daily )?dose/i,
	/^use .*(label[- ]recommended|per standard dosing|standard dosing guidelines|at standard doses|at standard dose)/i,
	/^prescribe desired starting dose/i,
	/^no reason to avoid/i,
	/^no adjustments? needed/i,
	/^start with normal starting dose/i,
	/^for first dose, use typical initial or loading dose/i,
	/^no action recommended/i,
	/no indication to change (the )?dose or therapy/i,
	/^initiate therapy with recommended standard of care dosing/i,
	/^initiate therapy with (the )?standard recommended dose\b/i,
	/^use (the )?(recommended|standard|usual) (starting )?dose/i
];

/** True when a recommendation means no change to the usual prescription (or CPIC gives none). */
export function isNoChange(r: DrugRecommendation): boolean {
	if (r.classification === 'n/a' || /^no recommendation/i.test(r.classification)) return true;
	if (r.sameAsUsual) return true;
	const first = r.recommendation.trim().split(/\n/)[0];
	return NO_CHANGE.some((re) => re.test(first));
}

/** True when a recommendation may change the medicine (avoid, another drug, another dose, a test). */
export function mayChangeMedicine(r: DrugRecommendation): boolean {
	return r.determined && !isNoChange(r);
}

/** Readable name for one allele: "rs9923231 variant (T)" → "variant T"; "Reference" → "usual version". */
export function plainAllele(name: string): string {
	const ref = /^rs\d+ reference \((.+)\)$/.exec(name);
	if (ref) return `usual version (${ref[1]})`;
	const v = /^rs\d+ variant \((.+)\)$/.exec(name);
	if (v) return `variant (${v[1]})`;
	if (/^reference$/i.test(name)) return 'usual version';
	// CFTR: CPIC names the allele without an ivacaftor-responsive variant this way.
	if (/^ivacaftor non-responsive CFTR sequence$/i.test(name)) return 'no ivacaftor-responsive variant';
	return name.replace(/\(reference\)/, '(usual version)');
}

/** Readable diplotype: both copies in plain words, "same on both copies" when they match. */
export function plainDiplotype(d: string): string {
	// A result read from one key position (SLCO1B1 rs4149056 when the alleles cannot be resolved).
	const one = /^(rs\d+) ([ACGT]+)\/([ACGT]+)$/.exec(d);
	if (one) return `${one[2]} and ${one[3]} at ${one[1]}, the position that decides this result`;
	const parts = d.split('/');
	if (parts.length === 2 && parts[0] === parts[1] && /reference|^Reference$/.test(parts[0])) return `${plainAllele(parts[0])} on both copies`;
	return parts.map(plainAllele).join(' / ');
}

/**
 * Compact clinical form of a diplotype whose alleles are named by one position (ABCG2, VKORC1,
 * single-site results): "rs2231142 reference (G)/rs2231142 variant (T)" → "rs2231142 G/T".
 * Star-allele diplotypes are returned unchanged.
 */
export function compactDiplotype(d: string): string {
	const parts = d.split('/');
	if (parts.length !== 2) return d;
	const a = /^(rs\d+) (?:reference|variant) \(([^)]+)\)$/.exec(parts[0]);
	const b = /^(rs\d+) (?:reference|variant) \(([^)]+)\)$/.exec(parts[1]);
	return a && b && a[1] === b[1] ? `${a[1]} ${a[2]}/${b[2]}` : d;
}

/** Readable phenotype line for a gene call. */
export function plainPhenotype(c: GeneCall): string {
	if (c.phenotype === 'Not determinable') return c.testedPositions ? 'Could not be worked out from this file' : 'Not tested by this file';
	if (c.phenotype === 'Indeterminate') return 'Unclear: several results fit this file';
	if (c.phenotype === 'No CPIC phenotype') return 'No guideline category for this gene';
	if (c.screening) return 'Screening only (not HLA typing)';
	// VKORC1: CPIC's "phenotype" is the genotype at −1639 (rs9923231); A means more warfarin sensitivity.
	const vk = /^-1639 (GG|AG|GA|AA)$/.exec(c.phenotype);
	if (c.gene === 'VKORC1' && vk)
		return vk[1] === 'GG' ? 'Usual warfarin sensitivity' : vk[1] === 'AA' ? 'Much more sensitive to warfarin (two copies of −1639A)' : 'More sensitive to warfarin (one copy of −1639A)';
	if (c.gene === 'CFTR' && /ivacaftor non-responsive/i.test(c.phenotype)) return 'No variant that ivacaftor is known to work for';
	return c.phenotype;
}

/** Population labels of CPIC rows in plain words (CPIC uses short codes). */
const POPULATIONS: Record<string, string> = {
	general: 'everyone',
	pediatrics: 'children',
	adults: 'adults',
	'child >40kg_adult': 'adults and children over 40 kg',
	'CVI ACS PCI': 'heart or blood-vessel disease treated with a stent (acute coronary syndrome, PCI)',
	'CVI non-ACS non-PCI': 'heart or blood-vessel disease without a stent',
	NVI: 'brain-blood-vessel (neurovascular) conditions',
	'CBZ naive': 'people who have not taken carbamazepine before',
	'CBZ use >3mos': 'people who have taken carbamazepine for over 3 months without problems',
	'CBZ-no alternatives': 'when no other medicine is suitable',
	'PHT naive': 'people who have not taken phenytoin before',
	'PHT use >3mos': 'people who have taken phenytoin for over 3 months without problems',
	'OXC naive': 'people who have not taken oxcarbazepine before',
	'OXC use >3 mos': 'people who have taken oxcarbazepine for over 3 months without problems'
};

/** The same populations in a few words, for narrow table cells (report summaries). */
const SHORT_POPULATIONS: Record<string, string> = {
	general: 'everyone',
	pediatrics: 'children',
	adults: 'adults',
	'child >40kg_adult': 'adults, children > 40 kg',
	'CVI ACS PCI': 'stent, ACS/PCI',
	'CVI non-ACS non-PCI': 'heart/vessel, no stent',
	NVI: 'neurovascular',
	'CBZ naive': 'new to carbamazepine',
	'CBZ use >3mos': 'carbamazepine > 3 months',
	'CBZ-no alternatives': 'no alternative',
	'PHT naive': 'new to phenytoin',
	'PHT use >3mos': 'phenytoin > 3 months',
	'OXC naive': 'new to oxcarbazepine',
	'OXC use >3 mos': 'oxcarbazepine > 3 months'
};

/** A CPIC population code in a few plain words (the appendix uses plainPopulation). */
export function shortPopulation(p: string): string {
	return SHORT_POPULATIONS[p] ?? p;
}

/** A CPIC population code in plain words. */
export function plainPopulation(p: string): string {
	return POPULATIONS[p] ?? p;
}

/** Genes whose untested key alleles make a normal-looking result unconfirmed. */
export const LIMITED_TAG_GENES = ['DPYD', 'TPMT', 'NUDT15', 'CYP2D6', 'CYP2C19', 'HLA-A', 'HLA-B'];

/**
 * The "limited test — normal not confirmed" tag: a file-derived result for a gene in
 * LIMITED_TAG_GENES whose key alleles were not all tested (CYP2D6 always: copy number is never
 * read from single-letter changes).
 */
export function limitedTest(c: GeneCall): boolean {
	if (c.source !== 'file' || !LIMITED_TAG_GENES.includes(c.gene) || c.coverage === 'none') return false;
	return c.coverage === 'limited' || c.gene === 'CYP2D6' || c.screening === true;
}

/** What the first sentence of a recommendation asks for (the rest qualifies it). */
function gistOf(r: DrugRecommendation): keyof typeof GIST {
	const first = firstSentence(r.recommendation);
	const change = recommendedChange(first);
	if (change) return change;
	if (/\blowest\b[^.]*\bdose/i.test(first) || /\bhalf\b[^.]*\bdose/i.test(first)) return 'decrease';
	return 'other';
}

/** The gene results a recommendation rests on, in words: "CYP2C19 intermediate metabolizer". */
function resultWords(r: DrugRecommendation, calls: GeneCall[]): string {
	const genes = r.basis.length ? r.basis.map((b) => b.gene) : r.genes;
	const results = genes
		.map((g) => {
			const c = calls.find((x) => x.gene === g);
			return c && c.phenotype !== 'Not determinable' ? `${g} ${c.screening ? c.diplotypes.join(', ') : c.phenotype.toLowerCase()}` : null;
		})
		.filter(Boolean);
	return results.join(' and ') || genes.join(' and ');
}

/** One sentence for the summary card: "Simvastatin: your SLCO1B1 poor function result — ask about another medicine. The guideline says: “…”". */
export function plainAction(r: DrugRecommendation, calls: GeneCall[]): string {
	const drug = r.drug.charAt(0).toUpperCase() + r.drug.slice(1);
	return `${drug}: your ${resultWords(r, calls)} result — ${GIST[gistOf(r)]}. The guideline says: “${firstSentence(r.recommendation)}”`;
}

/** One line of the summary card: medicines that share the gene results and what the guideline asks. */
export interface PlainSummaryLine {
	/** "Celecoxib, flurbiprofen and ibuprofen: your CYP2C9 intermediate metabolizer result — a lower dose may be needed." */
	text: string;
	/** The recommendations behind the line (for the guideline's own words one click away). */
	recommendations: DrugRecommendation[];
}

/**
 * The summary card: recommendations that may change a medicine, grouped by the gene results they
 * rest on and what they ask for (another medicine, a lower dose, …), in the order first seen.
 */
export function plainSummary(recs: DrugRecommendation[], calls: GeneCall[]): PlainSummaryLine[] {
	const groups = new Map<string, { results: string; gist: keyof typeof GIST; recs: DrugRecommendation[] }>();
	for (const r of recs) {
		const results = resultWords(r, calls);
		const gist = gistOf(r);
		const key = `${results}|${gist}`;
		const g = groups.get(key) ?? { results, gist, recs: [] };
		g.recs.push(r);
		groups.set(key, g);
	}
	return [...groups.values()].map((g) => {
		const drugs = [...new Set(g.recs.map((r) => r.drug))];
		const list = drugs.length > 1 ? `${drugs.slice(0, -1).join(', ')} and ${drugs[drugs.length - 1]}` : drugs[0];
		return { text: `${list.charAt(0).toUpperCase() + list.slice(1)}: your ${g.results} result — ${GIST[g.gist]}.`, recommendations: g.recs };
	});
}

/** What a CPIC recommendation text asks for, when it asks for a change (else null). */
export function recommendedChange(text: string): 'alternative' | 'decrease' | 'increase' | null {
	if (/\balternat/i.test(text) || /\bavoid\b|not recommended|contraindicated|do not use/i.test(text)) return 'alternative';
	if (/\b(reduce[sd]?|reduction|decrease[sd]?|lower)\s+(?:[\w-]+\s+){0,3}(dose|doses|dosage)\b/i.test(text) || /\d+\s*%\s*(reduction|of (the )?(normal|standard|recommended|starting))/i.test(text) || /≤\s*\d+\s*mg/i.test(text))
		return 'decrease';
	if (/\b(increase[sd]?|higher)\s+(?:[\w-]+\s+){0,3}(dose|doses|dosage)\b/i.test(text)) return 'increase';
	return null;
}

/** What a recommendation asks for, in a few plain words (never more than the guideline says). */
const GIST: Record<'alternative' | 'decrease' | 'increase' | 'other', string> = {
	alternative: 'ask about another medicine',
	decrease: 'a lower dose may be needed',
	increase: 'a different dose may be needed',
	other: 'ask how the guideline applies to you'
};

/** The first sentence of a recommendation (at most ~220 characters, cut at a word). */
export function firstSentence(text: string): string {
	const line = text.trim().split(/\n/)[0].replace(/\s+/g, ' ');
	const m = /^(.+?[.;])(\s|$)/.exec(line);
	const s = m ? m[1] : line;
	return s.length > 220 ? s.slice(0, 220).replace(/\s+\S*$/, '') + '…' : s;
}
